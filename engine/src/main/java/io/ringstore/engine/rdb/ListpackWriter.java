package io.ringstore.engine.rdb;

import io.ringstore.engine.util.Numbers;

import java.util.Arrays;

/**
 * Builds a Redis 7.0 listpack (listpack.c) byte for byte, appending at the tail as lpAppend does:
 * <pre>
 *   | total bytes u32 LE | count u16 LE | entry ... | 0xFF |
 *   entry: | encoding + data | backlen (1-5 bytes, the encoding+data size, read right to left) |
 *   0xxxxxxx 7-bit uint        10LLLLLL str &lt; 64      110xxxxx 13-bit int   1110LLLL str &lt; 4096
 *   F0 str (u32 length)  F1 int16  F2 int24  F3 int32  F4 int64 (data little-endian)
 * </pre>
 * A string that is a canonical 64-bit integer of at most 20 characters is stored as an integer
 * (lpStringToInt64). {@link #bytes()} is lpBytes of the listpack so far, which the quicklist
 * node fill rules read. Reusable ({@link #reset}); one thread at a time.
 */
public final class ListpackWriter {
    static final int HEADER = 6;
    private final long[] scratch = new long[1];
    private byte[] buf = new byte[256];
    private int pos = HEADER;
    private int count;

    public void reset() {
        pos = HEADER;
        count = 0;
    }

    public int count() {
        return count;
    }

    /** lpBytes: header, entries and the end byte. */
    public int bytes() {
        return pos + 1;
    }

    public void add(byte[] b) {
        add(b, 0, b.length);
    }

    public void add(byte[] b, int off, int len) {
        if (len > 0 && len <= 20 && Numbers.parseLong(b, off, len, scratch)) {
            addLong(scratch[0]);
            return;
        }
        int enc;
        if (len < 64) {
            room(1 + len + 5);
            buf[pos] = (byte) (0x80 | len);
            enc = 1;
        } else if (len < 4096) {
            room(2 + len + 5);
            buf[pos] = (byte) (0xE0 | (len >>> 8));
            buf[pos + 1] = (byte) len;
            enc = 2;
        } else {
            room(5 + len + 5);
            buf[pos] = (byte) 0xF0;
            for (int i = 0; i < 4; i++) {
                buf[pos + 1 + i] = (byte) (len >>> (8 * i));
            }
            enc = 5;
        }
        System.arraycopy(b, off, buf, pos + enc, len);
        finishEntry(enc + len);
    }

    public void addLong(long v) {
        room(9 + 5);
        int size;
        if (v >= 0 && v <= 127) {
            buf[pos] = (byte) v;
            size = 1;
        } else if (v >= -4096 && v <= 4095) {
            long u = v < 0 ? (1L << 13) + v : v;
            buf[pos] = (byte) (0xC0 | (u >>> 8));
            buf[pos + 1] = (byte) u;
            size = 2;
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            size = littleEndian(0xF1, v, 2);
        } else if (v >= -(1 << 23) && v <= (1 << 23) - 1) {
            size = littleEndian(0xF2, v, 3);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            size = littleEndian(0xF3, v, 4);
        } else {
            size = littleEndian(0xF4, v, 8);
        }
        finishEntry(size);
    }

    private int littleEndian(int tag, long v, int n) {
        buf[pos] = (byte) tag;
        for (int i = 0; i < n; i++) {
            buf[pos + 1 + i] = (byte) (v >>> (8 * i));
        }
        return 1 + n;
    }

    /** lpEncodeBacklen after an entry of {@code l} bytes at pos. */
    private void finishEntry(int l) {
        int p = pos + l;
        if (l <= 127) {
            buf[p++] = (byte) l;
        } else if (l < 16383) {
            buf[p++] = (byte) (l >>> 7);
            buf[p++] = (byte) ((l & 127) | 128);
        } else if (l < 2097151) {
            buf[p++] = (byte) (l >>> 14);
            buf[p++] = (byte) (((l >>> 7) & 127) | 128);
            buf[p++] = (byte) ((l & 127) | 128);
        } else if (l < 268435455) {
            buf[p++] = (byte) (l >>> 21);
            buf[p++] = (byte) (((l >>> 14) & 127) | 128);
            buf[p++] = (byte) (((l >>> 7) & 127) | 128);
            buf[p++] = (byte) ((l & 127) | 128);
        } else {
            buf[p++] = (byte) (l >>> 28);
            buf[p++] = (byte) (((l >>> 21) & 127) | 128);
            buf[p++] = (byte) (((l >>> 14) & 127) | 128);
            buf[p++] = (byte) (((l >>> 7) & 127) | 128);
            buf[p++] = (byte) ((l & 127) | 128);
        }
        pos = p;
        count++;
    }

    private void room(int n) {
        if (pos + n + 1 > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n + 1));
        }
    }

    /** The finished listpack, header and end byte written, in a new exact array. */
    public byte[] toArray() {
        int total = pos + 1;
        byte[] out = Arrays.copyOf(buf, total);
        for (int i = 0; i < 4; i++) {
            out[i] = (byte) (total >>> (8 * i));
        }
        int n = Math.min(count, 65535);
        out[4] = (byte) n;
        out[5] = (byte) (n >>> 8);
        out[pos] = (byte) 0xFF;
        return out;
    }
}
