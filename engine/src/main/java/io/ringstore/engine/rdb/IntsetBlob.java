package io.ringstore.engine.rdb;

import io.ringstore.engine.store.SetValue;

/**
 * Redis's intset (intset.c) as RDB's SET_INTSET blob:
 * <pre>
 *   | encoding u32 LE (2, 4 or 8: bytes per value) | length u32 LE | values, ascending, LE |
 * </pre>
 * The width is the set's own (it only grows, as Redis's does). Stateless.
 */
public final class IntsetBlob {
    private IntsetBlob() {
    }

    public static byte[] write(SetValue set) {
        int w = set.intsetWidth();
        int n = (int) set.size();
        byte[] b = new byte[8 + n * w];
        put(b, 0, w, 4);
        put(b, 4, n, 4);
        for (int i = 0; i < n; i++) {
            put(b, 8 + i * w, set.intAt(i), w);
        }
        return b;
    }

    /** The values of a blob that intsetValidateIntegrity accepts (sizes, order, no duplicates). */
    public static long[] read(byte[] b) throws RdbFormatException {
        if (b.length < 8) {
            throw new RdbFormatException("intset too short");
        }
        long w = Ziplist.le(b, 0, 4);
        long n = Ziplist.le(b, 4, 4);
        if ((w != 2 && w != 4 && w != 8) || n == 0 || 8 + n * w != b.length) {
            throw new RdbFormatException("intset header damaged");
        }
        long[] out = new long[(int) n];
        for (int i = 0; i < n; i++) {
            int s = 64 - 8 * (int) w;
            out[i] = Ziplist.le(b, 8 + i * (int) w, (int) w) << s >> s;
            if (i > 0 && out[i] <= out[i - 1]) {
                throw new RdbFormatException("intset not ascending");
            }
        }
        return out;
    }

    /** The blob's width (its encoding field), for a blob {@link #read} accepted. */
    public static int width(byte[] b) {
        return (int) Ziplist.le(b, 0, 4);
    }

    private static void put(byte[] b, int at, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
