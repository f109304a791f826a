package io.ringstore.engine.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The entry layout of a small ("listpack") sorted set: every member and its score in one byte
 * array, entries back to back in (score, member bytes unsigned) order, as Redis's listpack holds
 * them. Static codec over the array that {@link ZsetValue} owns; no state, any thread.
 *
 * <pre>
 * +-----------+--------------+----------------+------------+ +-----------+ ...
 * | len  vlq  | member bytes | score f64 bits | len  rvlq  | | len  vlq  |
 * | 1-5 bytes | len bytes    | 8 bytes, LE    | 1-5 bytes  | | next entry
 * +-----------+--------------+----------------+------------+ +-----------+ ...
 * </pre>
 *
 * {@code vlq}: the member length in 7-bit groups, low group first, high bit set on every byte but
 * the last. {@code rvlq}: the same bytes mirrored, so it reads right to left from the entry's end
 * (listpack's backlen): a walk goes either way without an index. The score is its raw IEEE bits
 * (exact, no text), never -0: a listpack holds scores as text in Redis, where d2string prints -0
 * as "0" (the caller normalises). A 10-byte member costs 20 bytes.
 */
final class ZsetListpack {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ZsetListpack() {
    }

    /** Bytes of the length prefix (and of the suffix) for a member of {@code len} bytes. */
    static int headerSize(int len) {
        return len < 1 << 7 ? 1 : len < 1 << 14 ? 2 : len < 1 << 21 ? 3 : len < 1 << 28 ? 4 : 5;
    }

    static int entrySize(int len) {
        return 2 * headerSize(len) + len + 8;
    }

    /** The member length of the entry starting at {@code o}. */
    static int length(byte[] lp, int o) {
        int b = lp[o];
        if (b >= 0) {
            return b;
        }
        int v = b & 0x7f;
        for (int shift = 7;; shift += 7) {
            b = lp[++o];
            v |= (b & 0x7f) << shift;
            if (b >= 0) {
                return v;
            }
        }
    }

    /** Offset of the member bytes of the entry at {@code o} whose member has {@code len} bytes. */
    static int member(int o, int len) {
        return o + headerSize(len);
    }

    /** The score of the entry at {@code o} whose member has {@code len} bytes. */
    static double score(byte[] lp, int o, int len) {
        return Double.longBitsToDouble((long) LONG.get(lp, o + headerSize(len) + len));
    }

    /** Start of the entry after the one at {@code o}. */
    static int next(byte[] lp, int o) {
        return o + entrySize(length(lp, o));
    }

    /** Start of the entry that ends at {@code end} (reads its mirrored length backwards). */
    static int previous(byte[] lp, int end) {
        int o = end - 1;
        int b = lp[o];
        int v = b & 0x7f;
        for (int shift = 7; b < 0; shift += 7) {
            b = lp[--o];
            v |= (b & 0x7f) << shift;
        }
        return end - entrySize(v);
    }

    /** Writes an entry at {@code o}; returns its end. */
    static int write(byte[] lp, int o, byte[] b, int off, int len, double s) {
        int k = headerSize(len);
        int v = len;
        for (int i = 0; i < k; i++, v >>>= 7) {
            byte g = (byte) ((v & 0x7f) | (i < k - 1 ? 0x80 : 0));
            lp[o + i] = g;
            lp[o + 2 * k + len + 7 - i] = g; // mirrored after the score
        }
        System.arraycopy(b, off, lp, o + k, len);
        LONG.set(lp, o + k + len, Double.doubleToRawLongBits(s));
        return o + 2 * k + len + 8;
    }

    /** Start of the entry holding the member, or -1. Linear, as a listpack lookup. */
    static int find(byte[] lp, int used, byte[] b, int off, int len) {
        for (int o = 0; o < used;) {
            int l = length(lp, o);
            int m = member(o, l);
            if (l == len && Arrays.equals(lp, m, m + l, b, off, off + len)) {
                return o;
            }
            o = m + l + 8 + headerSize(l);
        }
        return -1;
    }

    /**
     * Start of the first entry ordering after (s, member), where a new entry goes (the member is
     * absent). Tries the end first: ordered loads and growing scores append.
     */
    static int position(byte[] lp, int used, double s, byte[] b, int off, int len) {
        if (used == 0 || before(lp, previous(lp, used), s, b, off, len)) {
            return used;
        }
        int o = 0;
        while (o < used && before(lp, o, s, b, off, len)) {
            o = next(lp, o);
        }
        return o;
    }

    /** Whether the entry at {@code o} orders before (s, member). */
    private static boolean before(byte[] lp, int o, double s, byte[] b, int off, int len) {
        int l = length(lp, o);
        double t = score(lp, o, l);
        if (t != s) {
            return t < s;
        }
        int m = member(o, l);
        return Arrays.compareUnsigned(lp, m, m + l, b, off, off + len) < 0;
    }
}
