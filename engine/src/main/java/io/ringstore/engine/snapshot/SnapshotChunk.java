package io.ringstore.engine.snapshot;

import io.ringstore.engine.block.Waiter;
import io.ringstore.engine.command.Args;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.ValuePayload;
import io.ringstore.engine.util.Numbers;

/**
 * One section of a snapshot file as bytes: {@code 'S' | shard id | entry count} followed by the
 * entries, in the layout {@code io.ringstore.journal.SnapshotFormat} draws (big-endian). A shard
 * fills one chunk at a time and hands it to the snapshot writer when it passes {@link #TARGET}
 * bytes; a snapshot holds any number of sections per shard, in any order.
 *
 * <p>Filled by one shard thread (shard 0's at a barrier), then read by the writer thread after a
 * hand-off through a concurrent queue (which orders the two); the writer gives the drained chunk
 * back through another queue for reuse, so a dump allocates a handful of buffers, not one per
 * 256 KB written.
 */
public final class SnapshotChunk {
    public static final byte SECTION = 'S';
    public static final byte ENTRY = 'E';
    public static final byte WAITER = 'W';
    public static final byte WATCH = 'X';
    public static final byte LIBRARY = 'F';
    /** Bytes of the section header: tag, shard id, entry count. */
    public static final int HEADER = 13;
    /** A chunk is handed over once it holds this many bytes. */
    public static final int TARGET = 256 * 1024;

    private byte[] buf;
    private int len;
    private long entries;

    SnapshotChunk() {
        buf = new byte[TARGET + 4096];
    }

    /** Starts a new section of {@code shard} in this (new or recycled) chunk. */
    SnapshotChunk reset(int shard) {
        buf[0] = SECTION;
        putInt(1, shard);
        len = HEADER;
        entries = 0;
        return this;
    }

    public byte[] array() {
        return buf;
    }

    public int length() {
        return len;
    }

    boolean full() {
        return len >= TARGET;
    }

    /** Whether the section holds no record (entry or waiter) yet. */
    boolean empty() {
        return len == HEADER;
    }

    /**
     * Appends the entry at {@code slot} of a keyspace table. Strings are copied straight from the
     * table (no intermediate array); other types go through their {@link ValuePayload}.
     */
    void entry(int db, Object table, int slot) {
        int meta = Dict.metaAt(table, slot);
        int type = ObjectType.type(meta);
        int enc = ObjectType.encoding(meta);
        byte[] key = Dict.keyAt(table, slot);
        byte[] value = null;
        int valueLen;
        long num = Dict.numAt(table, slot);
        if (type == ObjectType.STRING) {
            valueLen = enc == ObjectType.ENC_INT ? Numbers.longLength(num)
                    : ((byte[]) Dict.valueAt(table, slot)).length - (int) num; // num: spare capacity
        } else if (ValuePayload.supported(type)) {
            value = ValuePayload.encode(table, slot);
            valueLen = value.length;
        } else {
            throw new IllegalStateException("snapshot: type " + ObjectType.typeName(type) + " has no payload format yet");
        }
        ensure(1 + 4 + 1 + 1 + 8 + 4 + key.length + 4 + valueLen);
        buf[len++] = ENTRY;
        putInt(len, db);
        len += 4;
        buf[len++] = (byte) type;
        buf[len++] = (byte) enc;
        putLong(len, Dict.expireAt(table, slot));
        len += 8;
        putInt(len, key.length);
        len += 4;
        System.arraycopy(key, 0, buf, len, key.length);
        len += key.length;
        putInt(len, valueLen);
        len += 4;
        if (value != null) {
            System.arraycopy(value, 0, buf, len, valueLen);
        } else if (enc == ObjectType.ENC_INT) {
            Numbers.writeLong(buf, len, num);
        } else {
            System.arraycopy((byte[]) Dict.valueAt(table, slot), 0, buf, len, valueLen);
        }
        len += valueLen;
        entries++;
    }

    /**
     * Appends a blocked client (a 'W' record, not counted as an entry): its database, protocol,
     * client id, deadline (0 = none), key argument range and its copied arguments, so loading
     * re-registers it exactly as it waited at the cut.
     */
    void waiter(Waiter w) {
        Args a = w.args;
        int n = 1 + 4 + 1 + 8 + 8 + 4 + 4 + 4;
        for (int i = 0; i < a.count(); i++) {
            n += 4 + a.len(i);
        }
        ensure(n);
        buf[len++] = WAITER;
        putInt(len, w.db);
        len += 4;
        buf[len++] = (byte) w.resp;
        putLong(len, w.session.id);
        len += 8;
        putLong(len, w.deadlineMs);
        len += 8;
        putInt(len, w.firstKey);
        len += 4;
        putInt(len, w.keyCount);
        len += 4;
        putInt(len, a.count());
        len += 4;
        for (int i = 0; i < a.count(); i++) {
            putInt(len, a.len(i));
            len += 4;
            System.arraycopy(a.buf(), a.off(i), buf, len, a.len(i));
            len += a.len(i);
        }
    }

    /**
     * Appends a watched key (an 'X' record, not counted as an entry): db, flags (1 the key was
     * already expired when watched, 2 the client is dirty), client id, key. Replay after the cut
     * must find the client's watches, or it would run an EXEC that failed live.
     */
    void watch(int db, byte[] key, long clientId, boolean expired, boolean dirty) {
        ensure(1 + 4 + 1 + 8 + 4 + key.length);
        buf[len++] = WATCH;
        putInt(len, db);
        len += 4;
        buf[len++] = (byte) ((expired ? 1 : 0) | (dirty ? 2 : 0));
        putLong(len, clientId);
        len += 8;
        putInt(len, key.length);
        len += 4;
        System.arraycopy(key, 0, buf, len, key.length);
        len += key.length;
    }

    /**
     * Appends a function library (an 'F' record, not counted as an entry): its code, which
     * loading runs through FUNCTION LOAD again.
     */
    void library(byte[] code) {
        ensure(1 + 4 + code.length);
        buf[len++] = LIBRARY;
        putInt(len, code.length);
        len += 4;
        System.arraycopy(code, 0, buf, len, code.length);
        len += code.length;
    }

    /** Writes the entry count into the section header; the chunk is complete. */
    void seal() {
        putLong(5, entries);
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    private void putInt(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    private void putLong(int at, long v) {
        putInt(at, (int) (v >>> 32));
        putInt(at + 4, (int) v);
    }
}
