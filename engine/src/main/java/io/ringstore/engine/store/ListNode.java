package io.ringstore.engine.store;

import io.ringstore.engine.util.Varint;

/**
 * The byte layout of one node of a {@link ListValue}: a header and the node's elements packed one
 * after another in a single {@code byte[]}, in the spirit of Redis's listpack. Stateless functions
 * over a node array; the node belongs to the list, which belongs to the shard thread owning its key.
 *
 * <pre>
 *  0          4           8 (HEADER)                              used        length
 * +----------+-----------+---------+---------+-----+-------------+------------+
 * | used i32 | count i32 | entry 0 | entry 1 | ... | entry n-1   | free space |
 * +----------+-----------+---------+---------+-----+-------------+------------+
 *
 * entry:
 * +---------------------+---------------+----------------------+
 * | len (varint, 1-5 B) | len data bytes | back (1-5 B)         |
 * +---------------------+---------------+----------------------+
 * </pre>
 *
 * {@code used} counts the header too; {@code count} is the number of entries (never 0 in a list).
 * {@code len} is LEB128 (7 bits a byte, least significant first, high bit = another byte follows).
 * {@code back} is the size of len plus data, 7 bits a byte with the least significant group last,
 * high bit = another byte follows to the left, so it reads from the entry's end backwards: that is
 * how the tail is walked. An 11-byte element costs 13 bytes.
 */
final class ListNode {
    static final int HEADER = 8;

    private ListNode() {
    }

    static int used(byte[] n) {
        return getInt(n, 0);
    }

    static void used(byte[] n, int v) {
        putInt(n, 0, v);
    }

    static int count(byte[] n) {
        return getInt(n, 4);
    }

    static void count(byte[] n, int v) {
        putInt(n, 4, v);
    }

    /** A node of capacity {@code cap} (at least HEADER + the entries to come) with no entries. */
    static byte[] empty(int cap) {
        byte[] n = new byte[cap];
        used(n, HEADER);
        return n;
    }

    /** Bytes an element of {@code len} bytes takes in a node. */
    static int entrySize(int len) {
        int body = Varint.size(len) + len;
        return body + Varint.size(body);
    }

    /** Length of the element whose entry starts at {@code p}. */
    static int len(byte[] n, int p) {
        return Varint.read(n, p);
    }

    /** Offset of the data of the entry at {@code p} whose element is {@code len} bytes. */
    static int dataOff(int p, int len) {
        return p + Varint.size(len);
    }

    /** Start of the entry after the one at {@code p} (may be {@link #used}). */
    static int next(byte[] n, int p) {
        return p + entrySize(len(n, p));
    }

    /** Start of the entry that ends at {@code end} (reads its back-length). */
    static int prev(byte[] n, int end) {
        int body = (int) Varint.readBackward(n, end);
        return end - Varint.size(body) - body;
    }

    /**
     * Writes the entry of src[off, off+len) at {@code at} (room already made) and returns the
     * offset just past it. Header fields are the caller's.
     */
    static int write(byte[] n, int at, byte[] src, int off, int len) {
        at = Varint.write(n, at, len);
        System.arraycopy(src, off, n, at, len);
        at += len;
        int body = Varint.size(len) + len;
        int end = at + Varint.size(body);
        for (int i = end - 1; i >= at; i--) {
            int g = body & 0x7f;
            body >>>= 7;
            n[i] = (byte) (i > at ? g | 0x80 : g);
        }
        return end;
    }

    private static int getInt(byte[] b, int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }

    private static void putInt(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}
