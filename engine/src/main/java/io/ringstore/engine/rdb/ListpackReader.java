package io.ringstore.engine.rdb;

import io.ringstore.engine.util.Numbers;

import java.util.Arrays;

/**
 * Walks a listpack read from a payload (layout in {@link ListpackWriter}), head to tail, checking
 * as it goes what lpValidateIntegrity checks: the header's total against the blob, every entry and
 * its back-length inside it, the end byte last, and the header's count when it is not 65535.
 * Each {@link #next()} leaves the element as an integer ({@link #isInt}, {@link #longValue}) or a
 * byte range of {@link #buf()}; {@link #bytes()} gives either as text. One thread.
 */
public final class ListpackReader {
    private final byte[] lp;
    private final int declared;
    private int p = ListpackWriter.HEADER;
    private int seen;
    private boolean isInt;
    private long value;
    private int off;
    private int len;

    public ListpackReader(byte[] lp) throws RdbFormatException {
        this.lp = lp;
        if (lp.length < ListpackWriter.HEADER + 1 || u32(0) != lp.length || (lp[lp.length - 1] & 0xFF) != 0xFF) {
            throw new RdbFormatException("listpack header or end byte damaged");
        }
        declared = (lp[4] & 0xFF) | (lp[5] & 0xFF) << 8;
    }

    /** The header's count (65535: count unknown, walk to find out). */
    public int declaredCount() {
        return declared;
    }

    private long u32(int at) {
        return (lp[at] & 0xFFL) | (lp[at + 1] & 0xFFL) << 8 | (lp[at + 2] & 0xFFL) << 16 | (lp[at + 3] & 0xFFL) << 24;
    }

    private long le(int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (lp[at + i] & 0xFF);
        }
        return v << (64 - 8 * n) >> (64 - 8 * n); // sign-extend
    }

    /** Moves to the next element; false at the end byte (after checking the count). */
    public boolean next() throws RdbFormatException {
        int end = lp.length - 1;
        if (p >= end) {
            if (p != end || (declared != 65535 && declared != seen)) {
                throw new RdbFormatException("listpack count or end damaged");
            }
            return false;
        }
        int b = lp[p] & 0xFF;
        int size;
        isInt = true;
        if (b < 0x80) {
            value = b;
            size = 1;
        } else if ((b & 0xC0) == 0x80) {
            isInt = false;
            len = b & 0x3F;
            off = p + 1;
            size = 1 + len;
        } else if ((b & 0xE0) == 0xC0) {
            need(2);
            int u = ((b & 0x1F) << 8) | (lp[p + 1] & 0xFF);
            value = u >= 1 << 12 ? u - (1 << 13) : u;
            size = 2;
        } else if ((b & 0xF0) == 0xE0) {
            need(2);
            isInt = false;
            len = ((b & 0x0F) << 8) | (lp[p + 1] & 0xFF);
            off = p + 2;
            size = 2 + len;
        } else {
            switch (b) {
                case 0xF0:
                    need(5);
                    long l = u32(p + 1);
                    if (l > end) {
                        throw new RdbFormatException("listpack string past the end");
                    }
                    isInt = false;
                    len = (int) l;
                    off = p + 5;
                    size = 5 + len;
                    break;
                case 0xF1:
                    need(3);
                    value = le(p + 1, 2);
                    size = 3;
                    break;
                case 0xF2:
                    need(4);
                    value = le(p + 1, 3);
                    size = 4;
                    break;
                case 0xF3:
                    need(5);
                    value = le(p + 1, 4);
                    size = 5;
                    break;
                case 0xF4:
                    need(9);
                    value = le(p + 1, 8);
                    size = 9;
                    break;
                default:
                    throw new RdbFormatException("listpack entry encoding " + b);
            }
        }
        int backlen = size <= 127 ? 1 : size < 16383 ? 2 : size < 2097151 ? 3 : size < 268435455 ? 4 : 5;
        if ((long) p + size + backlen > end) {
            throw new RdbFormatException("listpack entry past the end");
        }
        p += size + backlen;
        seen++;
        return true;
    }

    private void need(int n) throws RdbFormatException {
        if (p + n > lp.length - 1) {
            throw new RdbFormatException("listpack entry past the end");
        }
    }

    public boolean isInt() {
        return isInt;
    }

    public long longValue() {
        return value;
    }

    public byte[] buf() {
        return lp;
    }

    public int off() {
        return off;
    }

    public int len() {
        return len;
    }

    /** The element as bytes: the string's, or an integer's decimal text. */
    public byte[] bytes() {
        return isInt ? Numbers.toBytes(value) : Arrays.copyOfRange(lp, off, off + len);
    }

    /** The element as an integer (lpGetValue + string2ll for strings); false when it is not one. */
    public boolean asLong(long[] out) {
        if (isInt) {
            out[0] = value;
            return true;
        }
        return Numbers.parseLong(lp, off, len, out);
    }

    /** Elements read so far. */
    public int seen() {
        return seen;
    }
}
