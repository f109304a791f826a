package io.ringstore.engine.snapshot;

import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.ValuePayload;

/**
 * One section of a snapshot file as bytes: {@code 'S' | shard id | entry count} followed by the
 * entries, in the layout {@code io.ringstore.journal.SnapshotFormat} draws (big-endian). A shard
 * fills one chunk at a time and hands it to the snapshot writer when it passes {@link #TARGET}
 * bytes; a snapshot holds any number of sections per shard, in any order.
 *
 * <p>Filled by one shard thread (shard 0's at a barrier), then read by the writer thread after a
 * hand-off through a concurrent queue (which orders the two).
 */
public final class SnapshotChunk {
    public static final byte SECTION = 'S';
    public static final byte ENTRY = 'E';
    /** Bytes of the section header: tag, shard id, entry count. */
    public static final int HEADER = 13;
    /** A chunk is handed over once it holds this many bytes. */
    public static final int TARGET = 256 * 1024;

    private byte[] buf;
    private int len;
    private long entries;

    SnapshotChunk(int shard) {
        buf = new byte[TARGET + 4096];
        buf[0] = SECTION;
        putInt(1, shard);
        len = HEADER;
    }

    public byte[] array() {
        return buf;
    }

    public int length() {
        return len;
    }

    public long entries() {
        return entries;
    }

    boolean full() {
        return len >= TARGET;
    }

    boolean empty() {
        return entries == 0;
    }

    /** Appends the entry at {@code slot} of a keyspace table. */
    void entry(int db, Object table, int slot) {
        int meta = Dict.metaAt(table, slot);
        int type = ObjectType.type(meta);
        if (!ValuePayload.supported(type)) {
            throw new IllegalStateException("snapshot: type " + ObjectType.typeName(type) + " has no payload format yet");
        }
        byte[] key = Dict.keyAt(table, slot);
        byte[] value = ValuePayload.encode(table, slot);
        ensure(1 + 4 + 1 + 1 + 8 + 4 + key.length + 4 + value.length);
        buf[len++] = ENTRY;
        putInt(len, db);
        len += 4;
        buf[len++] = (byte) type;
        buf[len++] = (byte) ObjectType.encoding(meta);
        putLong(len, Dict.expireAt(table, slot));
        len += 8;
        putInt(len, key.length);
        len += 4;
        System.arraycopy(key, 0, buf, len, key.length);
        len += key.length;
        putInt(len, value.length);
        len += 4;
        System.arraycopy(value, 0, buf, len, value.length);
        len += value.length;
        entries++;
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
