package io.ringstore.journal;

import com.lmax.disruptor.RingBuffer;
import io.ringstore.engine.ClientSession;
import io.ringstore.engine.Engine;
import io.ringstore.engine.EngineContext;
import io.ringstore.engine.RequestEvent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * The applying half of start-up recovery: publishes every journal record into the engine's ring,
 * as one replay session, with the record's db and original ingress time, so the same shard code
 * that served the client re-executes it (no second implementation of any command). Journaling
 * the ingress time rather than rewriting commands keeps replay deterministic for every command at
 * once: relative TTLs (SET EX, EXPIRE, GETEX PX, ...) resolve to the same deadlines, and lazy
 * expiry during replay sees the clock each write saw. Call after {@link Engine#startPipeline} and
 * before {@link Engine#startTicker} (a tick stamped "now" could expire a key a later record still
 * uses) and before clients connect. Returns once the last record has left the ring.
 */
public final class JournalReplay {
    private JournalReplay() {
    }

    public static long replay(Path dir, String prefix, Engine engine) throws IOException {
        return replay(dir, prefix, engine, -1);
    }

    /**
     * Replays the records whose sequence is greater than {@code afterSeq} (the loaded snapshot's
     * sequence; -1 for all): the earlier ones are already in the snapshot. Returns how many.
     */
    public static long replay(Path dir, String prefix, Engine engine, long afterSeq) throws IOException {
        EngineContext ctx = engine.context();
        ClientSession session = new ClientSession(ctx.sessions.nextId(), System.currentTimeMillis(), ctx.databases);
        RingBuffer<RequestEvent> ring = engine.ring();
        long[] last = {-1};
        long[] replayed = {0};
        JournalScan scan = JournalScan.scan(dir, prefix, (seq, timeMs, db, args) -> {
            if (seq <= afterSeq) {
                return;
            }
            if (db < 0 || db >= ctx.databases) {
                throw new IllegalStateException("journal record " + seq + " uses db " + db
                        + " but databases is " + ctx.databases);
            }
            long rs = ring.next();
            try {
                RequestEvent e = ring.get(rs);
                e.clear();
                for (byte[] a : args) {
                    e.args.add(a);
                }
                engine.ingress().prepareReplay(e, session, seq, timeMs, db);
            } finally {
                ring.publish(rs);
            }
            last[0] = rs;
            replayed[0]++;
        });
        if (scan.damage != null) {
            throw new IOException("journal changed during replay: " + scan.damage);
        }
        while (ring.getMinimumGatingSequence() < last[0]) {
            LockSupport.parkNanos(100_000);
        }
        ctx.journal.loadedRecords = replayed[0];
        return replayed[0];
    }
}
