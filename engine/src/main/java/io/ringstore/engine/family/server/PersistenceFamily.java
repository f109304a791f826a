package io.ringstore.engine.family.server;

import io.ringstore.engine.EngineContext;
import io.ringstore.engine.SnapshotHook;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.shard.ShardState;
import io.ringstore.engine.snapshot.BackgroundSaves;
import io.ringstore.engine.snapshot.SnapshotJob;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.snapshot.SnapshotStatus;

import java.io.IOException;

/**
 * SAVE, BGSAVE, BGREWRITEAOF and LASTSAVE. All but LASTSAVE are all_shards: they run on shard 0's
 * thread at a ring barrier, so a snapshot's cut is exactly the command's own journal sequence
 * (every write before it applied, none after).
 *
 * <p>SAVE writes the whole snapshot before the barrier ends (the server waits, as Redis's SAVE
 * blocks). BGSAVE and BGREWRITEAOF only begin the cut on every shard and hand the job to its writer
 * thread: the shards go on serving while they serialise their tables between commands
 * ({@link io.ringstore.engine.snapshot.SnapshotJob}). BGREWRITEAOF is the same job: the snapshot
 * it writes covers the journal segments before it, which are then deleted (the journal's
 * compaction). One job at a time: the replies for a busy server are Redis's, with a running
 * BGREWRITEAOF playing the part of Redis's AOF child.
 */
final class PersistenceFamily {
    private static final System.Logger LOG = System.getLogger("ringstore");
    private static final byte[] SCHEDULE = io.ringstore.engine.reply.Replies.b("schedule");
    private PersistenceFamily() {
    }

    static void register(CommandTable t) {
        t.add("save", 1, "admin noscript no_multi all_shards", 0, 0, 0, PersistenceFamily::save)
                .doc("1.0.0", "Synchronously save the dataset to disk", "O(N) where N is the total number of keys in all databases")
                .tips("request_policy:all_shards").acl("@dangerous");
        t.add("bgsave", -1, "admin noscript all_shards", 0, 0, 0, PersistenceFamily::bgsave)
                .doc("1.0.0", "Asynchronously save the dataset to disk", "O(1)")
                .acl("@dangerous");
        t.add("bgrewriteaof", 1, "admin noscript all_shards", 0, 0, 0, PersistenceFamily::bgrewriteaof)
                .doc("1.0.0", "Asynchronously rewrite the append-only file", "O(1)")
                .acl("@dangerous");
        t.add("shutdown", -1, "admin noscript loading stale no_multi allow_busy all_shards", 0, 0, 0, ShutdownCommand::shutdown)
                .doc("1.0.0", "Synchronously save the dataset to disk and then shut down the server", "O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)")
                .acl("@dangerous");
        t.add("lastsave", 1, "loading stale fast", 0, 0, 0, c -> c.reply.integer(c.engine.snapshot.lastSaveTimeSec))
                .doc("1.0.0", "Get the UNIX time stamp of the last successful save to disk", "O(1)")
                .tips("nondeterministic_output").acl("@admin @dangerous");
    }

    static void save(CommandContext c) {
        EngineContext e = c.engine;
        SnapshotHook hook = e.snapshots;
        if (hook == null) {
            c.reply.error(Errors.NO_SNAPSHOT_STORE);
            return;
        }
        SnapshotJob job = new SnapshotJob(e, e.sequenceBase + c.sequence, c.now, false);
        if (!e.saves.claim(job)) {
            c.reply.error(Errors.BGSAVE_IN_PROGRESS);
            return;
        }
        SnapshotStatus status = e.snapshot;
        try {
            for (ShardState s : e.shards) {
                job.begin(s);
            }
            hook.write(e, job, job::stepInline);
        } catch (IOException | RuntimeException ex) {
            job.abandonAll();
            status.lastSaveOk = false;
            LOG.log(System.Logger.Level.WARNING, "SAVE failed: " + ex, ex);
            c.reply.error("ERR snapshot failed: " + ex.getMessage());
            return;
        } finally {
            e.saves.release(job);
        }
        for (ShardState s : e.shards) {
            job.onCommitted(s);
        }
        status.lastSaveDurationMs = (System.nanoTime() - job.startNanos) / 1_000_000;
        status.lastSaveTimeSec = c.now / 1000;
        status.lastSaveOk = true;
        status.saves++;
        c.reply.ok();
    }

    static void bgsave(CommandContext c) {
        boolean schedule = false;
        if (c.args.count() > 1) {
            if (c.args.count() == 2 && c.argIs(1, SCHEDULE)) {
                schedule = true;
            } else {
                c.syntaxError();
                return;
            }
        }
        BackgroundSaves saves = c.engine.saves;
        SnapshotJob running = saves.active();
        if (running != null && !running.rewrite) {
            c.reply.error(Errors.BGSAVE_IN_PROGRESS);
        } else if (running != null) {
            if (schedule) {
                saves.saveScheduled = true;
                c.reply.simple("Background saving scheduled");
            } else {
                c.reply.error(Errors.BGSAVE_CHILD_ACTIVE);
            }
        } else if (startBackground(c, false)) {
            c.reply.simple("Background saving started");
        }
    }

    static void bgrewriteaof(CommandContext c) {
        BackgroundSaves saves = c.engine.saves;
        SnapshotJob running = saves.active();
        if (running != null && running.rewrite) {
            c.reply.error(Errors.AOF_REWRITE_IN_PROGRESS);
        } else if (running != null) {
            saves.rewriteScheduled = true;
            c.reply.simple("Background append only file rewriting scheduled");
        } else if (startBackground(c, true)) {
            c.reply.simple("Background append only file rewriting started");
        }
    }

    /** Begins a background job's cut on every shard (we are at the barrier); false after an error reply. */
    private static boolean startBackground(CommandContext c, boolean rewrite) {
        EngineContext e = c.engine;
        if (e.snapshots == null) {
            c.reply.error(Errors.NO_SNAPSHOT_STORE);
            return false;
        }
        SnapshotJob job = new SnapshotJob(e, e.sequenceBase + c.sequence, c.now, rewrite);
        if (!e.saves.claim(job)) {
            c.reply.error(rewrite ? Errors.AOF_REWRITE_IN_PROGRESS : Errors.BGSAVE_IN_PROGRESS);
            return false;
        }
        for (ShardState s : e.shards) {
            job.begin(s);
        }
        e.saves.runInBackground(job);
        return true;
    }
}
