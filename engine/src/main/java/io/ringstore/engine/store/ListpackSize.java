package io.ringstore.engine.store;

/**
 * Byte sizes of listpack elements, as Redis 7.0's listpack.c encodes them: an integer or a string
 * (stored as an integer when it is one, lpStringToInt64), plus the element's back-length. Used
 * only to decide when a stream node is full the way Redis decides it (stream-node-max-bytes), so
 * node boundaries, and with them approximate trimming, match the reference. Stateless.
 */
final class ListpackSize {
    /** Header (total bytes u32, element count u16) plus the end byte. */
    static final int EMPTY = 7;
    private static final ThreadLocal<long[]> SCRATCH = ThreadLocal.withInitial(() -> new long[1]);

    private ListpackSize() {
    }

    /** Size of an integer element. */
    static int ofInt(long v) {
        int enc;
        if (v >= 0 && v <= 127) {
            enc = 1;
        } else if (v >= -4096 && v <= 4095) {
            enc = 2;
        } else if (v >= -32768 && v <= 32767) {
            enc = 3;
        } else if (v >= -8388608 && v <= 8388607) {
            enc = 4;
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            enc = 5;
        } else {
            enc = 9;
        }
        return enc + backlen(enc);
    }

    /** Size of a string element (an integer encoding when the bytes are a canonical integer). */
    static int ofString(byte[] s) {
        if (s.length <= 20 && s.length > 0) {
            long[] v = SCRATCH.get();
            if (io.ringstore.engine.util.Numbers.parseLong(s, 0, s.length, v)) {
                return ofInt(v[0]);
            }
        }
        int n = s.length;
        int enc = n < 64 ? 1 + n : n < 4096 ? 2 + n : 5 + n;
        return enc + backlen(enc);
    }

    private static int backlen(int l) {
        if (l <= 127) {
            return 1;
        } else if (l < 16383) {
            return 2;
        } else if (l < 2097151) {
            return 3;
        } else if (l < 268435455) {
            return 4;
        }
        return 5;
    }
}
