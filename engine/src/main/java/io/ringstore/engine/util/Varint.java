package io.ringstore.engine.util;

/**
 * Unsigned LEB128 lengths: seven bits a byte, low group first, the top bit set on every byte but
 * the last, so a length below 128 (every field and value a listpack hash may hold by default) costs
 * one byte and any int at most five. The same bytes mirrored (low group at the end, read right to
 * left: {@link #readBackward}) let a packed entry be walked from its end, as a listpack's backlen.
 * Used by the packed hash pairs ({@code store/HashPair}), list nodes ({@code store/ListNode}) and by
 * {@code Dict}'s prefixed keys. Stateless; any thread.
 */
public final class Varint {
    private Varint() {
    }

    /** Bytes {@link #write} takes for {@code v} (0 or more). */
    public static int size(int v) {
        if (v < 1 << 7) {
            return 1;
        }
        if (v < 1 << 14) {
            return 2;
        }
        if (v < 1 << 21) {
            return 3;
        }
        return v < 1 << 28 ? 4 : 5;
    }

    /** The value starting at {@code at}. */
    public static int read(byte[] b, int at) {
        return (int) readLong(b, at);
    }

    /** Writes {@code v} (0 or more) at {@code at}; returns the offset after it. */
    public static int write(byte[] b, int at, int v) {
        while (v >= 0x80) {
            b[at++] = (byte) (v | 0x80);
            v >>>= 7;
        }
        b[at++] = (byte) v;
        return at;
    }

    /** Bytes {@link #write} takes for a long {@code v} (0 or more). */
    public static int sizeLong(long v) {
        int n = 1;
        while (v >= 0x80) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    /** The long value starting at {@code at}. */
    public static long readLong(byte[] b, int at) {
        int x = b[at];
        if (x >= 0) {
            return x;
        }
        long v = x & 0x7f;
        for (int shift = 7;; shift += 7) {
            x = b[++at];
            v |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                return v;
            }
        }
    }

    /**
     * The value whose bytes are written mirrored and end just before {@code end}: the lowest group
     * at {@code end - 1}, the top bit set on every byte but the leftmost.
     */
    public static long readBackward(byte[] b, int end) {
        int at = end - 1;
        int x = b[at];
        long v = x & 0x7f;
        for (int shift = 7; x < 0; shift += 7) {
            x = b[--at];
            v |= (long) (x & 0x7f) << shift;
        }
        return v;
    }
}
