package io.ringstore.engine.family.server;

import io.ringstore.engine.EngineContext;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.snapshot.SnapshotJob;

/**
 * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT], as Redis 7.0's shutdownCommand: a background
 * snapshot in progress is abandoned (Redis kills its child); a synchronous SAVE runs when
 * {@code save} rules are configured or SAVE is given, unless NOSAVE; if that SAVE fails the server
 * stays up and answers "Errors trying to SHUTDOWN. Check logs." unless FORCE. On success nothing
 * is replied: the server closes every connection and stops (the journal is forced as the pipeline
 * shuts down). There are no replicas to wait for, so NOW changes nothing and ABORT always finds no
 * shutdown in progress. all_shards: runs at a barrier, so the SAVE is an exact cut and abandoning
 * a running job's cuts is safe.
 */
final class ShutdownCommand {
    private static final System.Logger LOG = System.getLogger("ringstore");
    private static final byte[] NOSAVE = Replies.b("nosave");
    private static final byte[] SAVE = Replies.b("save");
    private static final byte[] NOW = Replies.b("now");
    private static final byte[] FORCE = Replies.b("force");
    private static final byte[] ABORT = Replies.b("abort");

    private ShutdownCommand() {
    }

    static void shutdown(CommandContext c) {
        boolean nosave = false;
        boolean save = false;
        boolean force = false;
        boolean now = false;
        boolean abort = false;
        for (int i = 1; i < c.args.count(); i++) {
            if (c.argIs(i, NOSAVE)) {
                nosave = true;
            } else if (c.argIs(i, SAVE)) {
                save = true;
            } else if (c.argIs(i, NOW)) {
                now = true;
            } else if (c.argIs(i, FORCE)) {
                force = true;
            } else if (c.argIs(i, ABORT)) {
                abort = true;
            } else {
                c.syntaxError();
                return;
            }
        }
        if ((abort && (nosave || save || now || force)) || (nosave && save)) {
            c.syntaxError();
            return;
        }
        if (abort) {
            c.reply.error(Errors.NO_SHUTDOWN);
            return;
        }
        EngineContext e = c.engine;
        SnapshotJob running = e.saves.active();
        if (running != null) {
            running.fail("the server is shutting down");
            running.abandonAll(); // every shard is parked at this barrier
            e.saves.release(running);
        }
        boolean rules = !e.config.option("save").saveRules().isEmpty();
        if (!nosave && (save || rules)) {
            PersistenceFamily.save(c);
            boolean failed = c.reply.length() > 0 && c.reply.array()[0] == '-';
            c.reply.reset(c.reply.resp());
            if (failed && !force) {
                LOG.log(System.Logger.Level.WARNING, "Error trying to save the DB, can't exit (use SHUTDOWN FORCE or NOSAVE).");
                c.reply.error(Errors.SHUTDOWN_FAILED);
                return;
            }
        }
        LOG.log(System.Logger.Level.WARNING, "User requested shutdown...");
        Thread t = new Thread(e.shutdownHook, "ringstore-shutdown"); // not on this pipeline thread
        t.setDaemon(false);
        t.start();
    }
}
