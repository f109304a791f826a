package io.ringstore.engine.shard;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EngineContext;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.Transaction;
import io.ringstore.engine.block.Blocking;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandFlags;
import io.ringstore.engine.command.Transactions;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.reply.ReplyBuffer;
import io.ringstore.engine.store.WatchedKeys;
import io.ringstore.engine.store.Watcher;

/**
 * EXEC, WATCH and UNWATCH on a shard thread (Redis's multi.c). EXEC runs where Ingress routed it:
 * on the one shard holding every key of its queue and every key its client watches, or on shard 0
 * at a barrier with all shards parked; either way the whole queue applies at the EXEC event's single
 * point of the ring order, and its replies form one array. Blocked clients made ready by the queue
 * are served after the whole EXEC, as Redis does. One instance per shard handler; its thread only.
 */
final class TransactionRunner implements Transactions {
    private final EngineContext engine;
    private final CommandContext ctx;
    private final ShardHandler shard;
    private final Blocking blocking;

    TransactionRunner(EngineContext engine, CommandContext ctx, ShardHandler shard, Blocking blocking) {
        this.engine = engine;
        this.ctx = ctx;
        this.shard = shard;
        this.blocking = blocking;
    }

    @Override
    public void exec(CommandContext c) {
        RequestEvent e = c.event;
        Transaction t = e.tx;
        ReplyBuffer out = c.reply;
        int where = c.shardId();
        long seq = c.sequence;
        Watcher w = e.session.watcher;
        // isWatchedKeyExpired, then the dirty flags: DIRTY_EXEC answers EXECABORT before DIRTY_CAS's null.
        boolean dirty = w != null && (dirty(w, where) || anyExpired(w, where, e.timeMs));
        forget(w, where);
        if (t.rejected) {
            if (t.abortReason != null) {
                out.error(Errors.execAbort(t.abortReason));
            } else {
                out.raw(Errors.EXECABORT_REPLY);
            }
            return;
        }
        if (dirty) {
            if (e.fence) {
                e.session.execAbortedByWatch = true; // the I/O thread undoes a queued SELECT/HELLO
            }
            out.nullArray();
            return;
        }
        int n = t.count();
        out.array(n);
        c.denyBlocking = true;
        e.session.execCount = n;
        try {
            for (int i = 0; i < n; i++) {
                RequestEvent q = t.get(i);
                q.timeMs = e.timeMs; // every queued command sees EXEC's time
                q.replayed = e.replayed;
                q.replaySeq = e.replaySeq;
                c.bindQueued(q, out, seq, where, i);
                out.protocol(q.resp);
                shard.run(q, out, e.replayed);
            }
        } finally {
            c.denyBlocking = false;
            e.session.execCount = -1;
        }
        if ((t.flags & CommandFlags.WRITE) != 0 && blocking.any(where)) {
            for (int i = 0; i < n; i++) {
                RequestEvent q = t.get(i);
                if (q.cmd.has(CommandFlags.WRITE)) {
                    blocking.afterWrite(q, e, where);
                }
            }
        }
    }

    @Override
    public void watch(CommandContext c) {
        Watcher w = c.event.session.watcher;
        if (dirty(w, c.shardId())) {
            return; // "No point in watching if the client is already dirty." (EXEC will fail either way)
        }
        for (int i = 1; i < c.args.count(); i++) {
            ShardState s = c.shardFor(i);
            s.db(c.dbIndex).watch(w, s.id, c.args.buf(), c.args.off(i), c.args.len(i), c.hash(i), c.now);
        }
    }

    @Override
    public void unwatch(CommandContext c) {
        forget(c.event.session.watcher, c.shardId());
    }

    /** unwatchAllKeys and clearing CLIENT_DIRTY_CAS, on this shard or (at a barrier) on all. */
    private void forget(Watcher w, int where) {
        if (w == null) {
            return;
        }
        if (where >= 0) {
            WatchedKeys.unwatchAll(w, where);
        } else {
            for (int s = 0; s < engine.shards.length; s++) {
                WatchedKeys.unwatchAll(w, s);
            }
        }
    }

    /** CLIENT_DIRTY_CAS as far as this point of the ring can see: this shard's flag, or all at a barrier. */
    private static boolean dirty(Watcher w, int where) {
        return where >= 0 ? w.dirty(where) : w.dirtyAnywhere();
    }

    private boolean anyExpired(Watcher w, int where, long nowMs) {
        if (where >= 0) {
            return WatchedKeys.anyExpired(w, where, nowMs);
        }
        for (int s = 0; s < engine.shards.length; s++) {
            if (WatchedKeys.anyExpired(w, s, nowMs)) {
                return true;
            }
        }
        return false;
    }

    /** A closed client (all shards parked): its watches go. */
    static void drop(EngineContext engine, ClientSession s) {
        Watcher w = s.watcher;
        if (w != null) {
            for (int i = 0; i < engine.shards.length; i++) {
                WatchedKeys.unwatchAll(w, i);
            }
        }
    }
}
