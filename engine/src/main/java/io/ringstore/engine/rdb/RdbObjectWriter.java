package io.ringstore.engine.rdb;

import io.ringstore.engine.store.HashValue;
import io.ringstore.engine.store.ListCursor;
import io.ringstore.engine.store.ListValue;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.SetValue;
import io.ringstore.engine.store.StreamValue;
import io.ringstore.engine.store.ZsetValue;
import io.ringstore.engine.util.Numbers;
import io.ringstore.engine.util.PrintfG;

/**
 * rdbSaveObjectType + rdbSaveObject of Redis 7.0 (RDB version 10) for every Ringstore value, so
 * a DUMP here has the bytes redis-server's DUMP has for the same data, except where Redis's own
 * bytes follow its hash-table order (hashtable hashes and sets):
 * <ul>
 * <li>strings: STRING, int-encoded when the value fits 32 bits, LZF over 20 bytes;
 * <li>lists: LIST_QUICKLIST_2, the elements cut into listpack nodes as RPUSH into an empty
 *     quicklist would cut them under the list's list-max-listpack-size (7.0.15's
 *     _quicklistNodeAllowInsert); each node a PACKED container;
 * <li>hashes: HASH_LISTPACK (insertion order) or HASH (table order);
 * <li>sets: SET_INTSET (the intset blob) or SET;
 * <li>sorted sets: ZSET_LISTPACK (scores as d2string text) or ZSET_2 (greatest first, binary
 *     doubles);
 * <li>streams: STREAM_LISTPACKS_2 ({@link RdbStreamWriter}).
 * </ul>
 * Blobs (listpacks, intsets) go through rdbSaveRawString, so they are LZF-compressed too. Holds
 * scratch buffers: one instance per thread (the shard thread, or the exporter).
 */
public final class RdbObjectWriter {
    private static final int[] FILL_LEVELS = {4096, 8192, 16384, 32768, 65536};
    private static final int SIZE_SAFETY_LIMIT = 8192;
    private static final int SIZE_ESTIMATE_OVERHEAD = 8;
    private final ListpackWriter lp = new ListpackWriter();
    private final ListCursor cursor = new ListCursor();
    private final byte[] scoreText = new byte[32];

    /** Writes the type byte and the object of the entry (meta, value, num as a Dict slot holds them). */
    public void write(RdbOutput out, int meta, Object value, long num) {
        switch (ObjectType.type(meta)) {
            case ObjectType.STRING:
                out.writeByte(RdbType.STRING);
                if (ObjectType.encoding(meta) == ObjectType.ENC_INT) {
                    out.writeLongAsString(num);
                } else {
                    byte[] b = (byte[]) value;
                    out.writeString(b, 0, b.length - (int) num); // num counts spare capacity
                }
                break;
            case ObjectType.LIST:
                writeList(out, (ListValue) value);
                break;
            case ObjectType.HASH:
                writeHash(out, (HashValue) value);
                break;
            case ObjectType.SET:
                writeSet(out, (SetValue) value);
                break;
            case ObjectType.ZSET:
                writeZset(out, (ZsetValue) value);
                break;
            case ObjectType.STREAM:
                out.writeByte(RdbType.STREAM_LISTPACKS_2);
                RdbStreamWriter.write(out, (StreamValue) value, lp);
                break;
            default:
                throw new IllegalArgumentException("no RDB form for type " + ObjectType.type(meta));
        }
    }

    private void writeList(RdbOutput out, ListValue list) {
        out.writeByte(RdbType.LIST_QUICKLIST_2);
        int fill = list.fill();
        // first pass: node boundaries (element counts); second: the nodes themselves
        int[] counts = new int[4];
        int nodes = 0;
        lp.reset();
        for (boolean more = cursor.seek(list, 0); more; more = cursor.next()) {
            if (lp.count() > 0 && !allowInsert(lp.bytes(), lp.count(), fill, cursor.len())) {
                counts = grow(counts, nodes);
                counts[nodes++] = lp.count();
                lp.reset();
            }
            lp.add(cursor.buf(), cursor.off(), cursor.len());
        }
        if (lp.count() > 0) {
            counts = grow(counts, nodes);
            counts[nodes++] = lp.count();
        }
        cursor.release();
        out.writeLength(nodes);
        boolean more = cursor.seek(list, 0);
        for (int k = 0; k < nodes; k++) {
            lp.reset();
            for (int i = 0; i < counts[k] && more; i++, more = cursor.next()) {
                lp.add(cursor.buf(), cursor.off(), cursor.len());
            }
            out.writeLength(RdbType.CONTAINER_PACKED);
            byte[] node = lp.toArray();
            out.writeString(node, 0, node.length);
        }
        cursor.release();
    }

    private static int[] grow(int[] a, int n) {
        return n < a.length ? a : java.util.Arrays.copyOf(a, a.length * 2);
    }

    /**
     * quicklist.c _quicklistNodeAllowInsert as Redis 7.0.15 has it (quicklistNodeExceedsLimit):
     * the node's bytes plus the element plus SIZE_ESTIMATE_OVERHEAD (8) within the fill's byte
     * level, or for a positive fill within 8 KB and {@code fill} entries.
     */
    static boolean allowInsert(int nodeBytes, int count, int fill, int sz) {
        long newSz = (long) nodeBytes + sz + SIZE_ESTIMATE_OVERHEAD;
        if (fill < 0) {
            return newSz <= FILL_LEVELS[Math.min(-fill, FILL_LEVELS.length) - 1];
        }
        if (newSz > SIZE_SAFETY_LIMIT) {
            return false;
        }
        return count + 1 <= (fill == 0 ? 1 : fill);
    }

    private void writeHash(RdbOutput out, HashValue h) {
        if (h.isListpack()) {
            out.writeByte(RdbType.HASH_LISTPACK);
            lp.reset();
            for (int p = h.first(); p >= 0; p = h.next(p)) {
                byte[] a = h.array(p);
                lp.add(a, h.fieldOff(p), h.fieldLen(p));
                lp.add(a, h.valueOff(p), h.valueLen(p));
            }
            byte[] blob = lp.toArray();
            out.writeString(blob, 0, blob.length);
            return;
        }
        out.writeByte(RdbType.HASH);
        out.writeLength(h.size());
        for (int p = h.first(); p >= 0; p = h.next(p)) {
            byte[] a = h.array(p);
            out.writeString(a, h.fieldOff(p), h.fieldLen(p));
            out.writeString(a, h.valueOff(p), h.valueLen(p));
        }
    }

    private static void writeSet(RdbOutput out, SetValue s) {
        if (s.encoding() == ObjectType.ENC_INTSET) {
            out.writeByte(RdbType.SET_INTSET);
            byte[] blob = IntsetBlob.write(s);
            out.writeString(blob, 0, blob.length);
            return;
        }
        out.writeByte(RdbType.SET);
        out.writeLength(s.size());
        s.forEach(m -> out.writeString(m, 0, m.length));
    }

    private void writeZset(RdbOutput out, ZsetValue z) {
        if (z.encoding() == ObjectType.ENC_LISTPACK) {
            out.writeByte(RdbType.ZSET_LISTPACK);
            lp.reset();
            for (z.seek(0); z.valid(); z.next()) {
                lp.add(z.memberArray(), z.memberOffset(), z.memberLength());
                int n = d2string(z.score(), scoreText);
                lp.add(scoreText, 0, n);
            }
            byte[] blob = lp.toArray();
            out.writeString(blob, 0, blob.length);
            return;
        }
        out.writeByte(RdbType.ZSET_2);
        out.writeLength(z.size());
        for (z.seek(z.size() - 1); z.valid(); z.prev()) {
            out.writeString(z.memberArray(), z.memberOffset(), z.memberLength());
            out.writeBinaryDouble(z.score());
        }
    }

    /** util.c d2string of Redis 7.0 (what zzlInsertAt stores): integral values below 2^52 as integers, else %.17g. */
    static int d2string(double v, byte[] out) {
        if (v == 0) {
            return put(out, 1 / v < 0 ? "-0" : "0");
        }
        if (Double.isInfinite(v)) {
            return put(out, v > 0 ? "inf" : "-inf");
        }
        if (v > -4503599627370495.0 && v < 4503599627370496.0 && v == (double) (long) v) {
            return Numbers.writeLong(out, 0, (long) v);
        }
        return put(out, PrintfG.g(v, 17));
    }

    private static int put(byte[] out, String s) {
        for (int i = 0; i < s.length(); i++) {
            out[i] = (byte) s.charAt(i);
        }
        return s.length();
    }
}
