package io.ringstore.engine.util;

import java.nio.charset.StandardCharsets;

/**
 * Number parsing and formatting straight from and to bytes, with Redis's rules ({@code string2ll},
 * {@code ll2string}). Parsing and writing do not allocate. Stateless; any thread.
 */
public final class Numbers {
    private Numbers() {
    }

    /**
     * Parses a signed decimal exactly as Redis's string2ll does: no spaces, no '+', no leading
     * zeros (except "0"), at most 20 characters, within long range. Returns false on any error.
     */
    public static boolean parseLong(byte[] b, int off, int len, long[] out) {
        if (len == 0 || len > 20) {
            return false;
        }
        int i = off;
        final int end = off + len;
        if (len == 1 && b[i] == '0') {
            out[0] = 0;
            return true;
        }
        boolean negative = false;
        if (b[i] == '-') {
            negative = true;
            i++;
            if (i == end) {
                return false;
            }
        }
        if (b[i] < '1' || b[i] > '9') {
            return false;
        }
        long v = 0; // accumulate negatively so Long.MIN_VALUE fits
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (v < (Long.MIN_VALUE + d) / 10) {
                return false;
            }
            v = v * 10 - d;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                return false;
            }
            v = -v;
        }
        out[0] = v;
        return true;
    }

    /** Number of bytes {@link #writeLong} produces. */
    public static int longLength(long v) {
        if (v == Long.MIN_VALUE) {
            return 20;
        }
        int n = 1;
        if (v < 0) {
            n++;
            v = -v;
        }
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    /** Writes v in decimal at off; returns the new offset. The caller ensures capacity. */
    public static int writeLong(byte[] b, int off, long v) {
        if (v == Long.MIN_VALUE) {
            byte[] min = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(min, 0, b, off, min.length);
            return off + min.length;
        }
        int len = longLength(v);
        int end = off + len;
        if (v < 0) {
            b[off] = '-';
            v = -v;
        }
        int p = end;
        do {
            b[--p] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        return end;
    }

    public static byte[] toBytes(long v) {
        byte[] b = new byte[longLength(v)];
        writeLong(b, 0, v);
        return b;
    }

    public static boolean equalsIgnoreCase(byte[] b, int off, int len, byte[] lowerLiteral) {
        if (len != lowerLiteral.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            int c = b[off + i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lowerLiteral[i]) {
                return false;
            }
        }
        return true;
    }
}
