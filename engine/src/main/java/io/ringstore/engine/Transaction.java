package io.ringstore.engine;

import io.ringstore.engine.command.Args;
import io.ringstore.engine.command.CommandFlags;

/**
 * The commands a connection queued between MULTI and EXEC, each a prepared event of its own
 * (resolved row, copied arguments, database, protocol, key positions) that never enters the ring.
 * Owned by the connection's I/O thread while it queues; at EXEC it moves into the EXEC event's
 * slot, whose shard (or shard 0 at a barrier) runs the commands one after another at that single
 * point of the ring order. Objects are reused: a slot hands the transaction it held last time back
 * to the connection (see {@link RequestEvent#clear}), so steady MULTI/EXEC traffic allocates nothing.
 */
public final class Transaction {
    private RequestEvent[] cmds = new RequestEvent[4];
    private int count;
    /** A command was rejected while queuing (unknown, wrong arity, not allowed): EXEC answers EXECABORT. */
    public boolean rejected;
    /**
     * Why EXEC itself was refused (its arity): EXEC answers "EXECABORT Transaction discarded
     * because of: ..." with it. Null when the queue was refused the usual way.
     */
    public String abortReason;
    /** The union of the queued rows' flags (WRITE, JOURNAL, ALL_SHARDS decide journaling and routing). */
    public long flags;
    /** The connection's db and protocol at MULTI: restored when the queue is thrown away unrun. */
    public int dbAtMulti;
    public int respAtMulti;
    /** The connection's CLIENT TRACKING options and CACHING flag at MULTI (DISCARD and EXECABORT put them back). */
    public io.ringstore.engine.tracking.TrackingOptions trackingAtMulti;
    public boolean cachingAtMulti;
    /** The journal's form of the transaction (see {@link #encode}), built at EXEC's ingress. */
    public final Args record = new Args();
    /** Retained sub-events beyond this many are dropped at reset, so one huge MULTI does not stay. */
    private static final int RETAIN = 64;

    public void reset(int db, int resp) {
        // The events are cleared when reused (add), not here: clearing them twice cost a profile's
        // worth of cache misses on transactions recycled through other slots.
        if (cmds.length > RETAIN) {
            cmds = java.util.Arrays.copyOf(cmds, RETAIN);
        }
        count = 0;
        rejected = false;
        abortReason = null;
        changesConnection = false;
        flags = 0;
        dbAtMulti = db;
        respAtMulti = resp;
        record.reset();
    }

    /** A cleared event for the next queued command. */
    public RequestEvent add() {
        if (count == cmds.length) {
            cmds = java.util.Arrays.copyOf(cmds, count * 2);
        }
        RequestEvent e = cmds[count];
        if (e == null) {
            e = new RequestEvent();
            cmds[count] = e;
        } else {
            e.clear();
        }
        count++;
        return e;
    }

    /** A queued command changes connection state at queue time (SELECT, HELLO: an ingress hook). */
    public boolean changesConnection;

    /** Records a queued command's row flags once it is prepared. */
    public void queued(RequestEvent e) {
        flags |= e.cmd.flags;
        if (e.cmd.ingress() != null) {
            changesConnection = true;
        }
    }

    public int count() {
        return count;
    }

    public RequestEvent get(int i) {
        return cmds[i];
    }

    /** Whether running it changes data (or state replay must rebuild), so the journal records it. */
    public boolean journaled() {
        return !rejected && (flags & (CommandFlags.WRITE | CommandFlags.JOURNAL)) != 0;
    }

    /**
     * Encodes the transaction into {@link #record} for the journal: argument 0 is one byte, 1 when the
     * queue was rejected (EXEC answers EXECABORT); then per command a header argument of 8 bytes
     * (database, argument count, big-endian ints) followed by its arguments.
     */
    public void encode() {
        Args r = record;
        r.reset();
        int at = r.add(1);
        r.buf()[at] = (byte) (rejected ? 1 : 0);
        for (int i = 0; i < count; i++) {
            RequestEvent q = cmds[i];
            Args a = q.args;
            at = r.add(8);
            putInt(r.buf(), at, q.db);
            putInt(r.buf(), at + 4, a.count());
            for (int j = 0; j < a.count(); j++) {
                r.add(a.buf(), a.off(j), a.len(j));
            }
        }
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
