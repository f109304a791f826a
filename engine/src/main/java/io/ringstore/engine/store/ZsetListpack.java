package io.ringstore.engine.store;

import io.ringstore.engine.util.Varint;

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
 * +-----------+--------------+---------------+-----------+ +-----------+ ...
 * | head vlq  | member bytes | score         | head rvlq | | head vlq  |
 * | 1-5 bytes | len bytes    | 1-7 or 8 bytes| 1-5 bytes | | next entry
 * +-----------+--------------+---------------+-----------+ +-----------+ ...
 *   head = len << 3 | code
 * </pre>
 *
 * {@code code} 0: the score is its 8 raw IEEE bytes (little-endian); {@code code} 1..7: the score
 * is integral, |s| < 2^55, stored as a {@code code}-byte signed little-endian integer (as a
 * listpack stores integer scores as integers). Both are exact: no text round trip.
 * {@code vlq}: the head in 7-bit groups, low group first, high bit set on every byte but the
 * last; {@code rvlq}: the same bytes mirrored, read right to left from the entry's end (listpack's
 * backlen), so a walk goes either way without an index. A listpack never holds -0: Redis keeps
 * scores as text there and d2string prints -0 as "0" (the caller normalises). A member of 11
 * bytes with score 100000 takes 16 bytes.
 */
final class ZsetListpack {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Integral scores below this magnitude are stored as integers (7 bytes at most). */
    private static final double INTEGRAL_LIMIT = 0x1p55;

    private ZsetListpack() {
    }

    /** Bytes of a head (and of its mirror). */
    private static int headSize(long h) {
        return Varint.sizeLong(h);
    }

    /** The head of the entry at {@code o}. */
    private static long head(byte[] lp, int o) {
        return Varint.readLong(lp, o);
    }

    /** Bytes of a score under {@code code}. */
    private static int scoreSize(int code) {
        return code == 0 ? 8 : code;
    }

    /** The code that stores {@code s}: the fewest bytes of a signed integer holding it, or 0. */
    private static int code(double s) {
        if (s != Math.rint(s) || !(Math.abs(s) < INTEGRAL_LIMIT)) {
            return 0;
        }
        long v = (long) s;
        int n = 1;
        while (v != (v << (64 - 8 * n)) >> (64 - 8 * n)) {
            n++;
        }
        return n;
    }

    private static int entrySize(long h) {
        return 2 * headSize(h) + (int) (h >>> 3) + scoreSize((int) h & 7);
    }

    /** Bytes an entry for a member of {@code len} bytes scored {@code s} takes. */
    static int entrySize(int len, double s) {
        return entrySize((long) len << 3 | code(s));
    }

    /** The member length of the entry at {@code o}. */
    static int length(byte[] lp, int o) {
        return (int) (head(lp, o) >>> 3);
    }

    /** Offset of the member bytes of the entry at {@code o}. */
    static int member(byte[] lp, int o) {
        return o + headSize(head(lp, o));
    }

    /** The score of the entry at {@code o}. */
    static double score(byte[] lp, int o) {
        long h = head(lp, o);
        return scoreAt(lp, o + headSize(h) + (int) (h >>> 3), (int) h & 7);
    }

    /** The score stored at {@code at} under {@code code}. */
    private static double scoreAt(byte[] lp, int at, int code) {
        if (code == 0) {
            return Double.longBitsToDouble((long) LONG.get(lp, at));
        }
        long v = 0;
        for (int i = code - 1; i >= 0; i--) {
            v = v << 8 | (lp[at + i] & 0xff);
        }
        int unused = 64 - 8 * code;
        return (double) ((v << unused) >> unused);
    }

    /**
     * zzlFirstInRange's walk from the head: the first entry past the range's start, as
     * {@code rank << 32 | offset}, or -1 when every entry is below it. One head decode per entry.
     */
    static long firstPastMin(byte[] lp, ZsetRange r) {
        int k = 0;
        for (int o = 0; o < lp.length; k++) {
            long h = head(lp, o);
            int len = (int) (h >>> 3);
            int code = (int) h & 7;
            int m = o + headSize(h);
            if (r.gteMin(lp, m, len, scoreAt(lp, m + len, code))) {
                return (long) k << 32 | o;
            }
            o = m + len + scoreSize(code) + headSize(h);
        }
        return -1;
    }

    /**
     * zzlLastInRange's walk from the tail: the last entry before the range's end, as
     * {@code rank << 32 | offset}, or -1 when every entry is past it.
     */
    static long lastBeforeMax(byte[] lp, int count, ZsetRange r) {
        int k = count;
        for (int o = lp.length; o > 0;) {
            o = previous(lp, o);
            k--;
            long h = head(lp, o);
            int len = (int) (h >>> 3);
            int m = o + headSize(h);
            if (r.lteMax(lp, m, len, scoreAt(lp, m + len, (int) h & 7))) {
                return (long) k << 32 | o;
            }
        }
        return -1;
    }

    /** Start of the entry after the one at {@code o}. */
    static int next(byte[] lp, int o) {
        return o + entrySize(head(lp, o));
    }

    /** Start of the entry that ends at {@code end} (reads its mirrored head backwards). */
    static int previous(byte[] lp, int end) {
        return end - entrySize(Varint.readBackward(lp, end));
    }

    /** Writes an entry at {@code o}; returns its end. */
    static int write(byte[] lp, int o, byte[] b, int off, int len, double s) {
        int code = code(s);
        long h = (long) len << 3 | code;
        int k = headSize(h);
        int end = o + entrySize(h);
        long v = h;
        for (int i = 0; i < k; i++, v >>>= 7) {
            byte g = (byte) ((v & 0x7f) | (i < k - 1 ? 0x80 : 0));
            lp[o + i] = g;
            lp[end - 1 - i] = g; // mirrored after the score
        }
        System.arraycopy(b, off, lp, o + k, len);
        int at = o + k + len;
        if (code == 0) {
            LONG.set(lp, at, Double.doubleToRawLongBits(s));
        } else {
            long x = (long) s;
            for (int i = 0; i < code; i++, x >>= 8) {
                lp[at + i] = (byte) x;
            }
        }
        return end;
    }

    /** Start of the entry holding the member, or -1. Linear, as a listpack lookup. */
    static int find(byte[] lp, int used, byte[] b, int off, int len) {
        for (int o = 0; o < used;) {
            long h = head(lp, o);
            int l = (int) (h >>> 3);
            int m = o + headSize(h);
            if (l == len && Arrays.equals(lp, m, m + l, b, off, off + len)) {
                return o;
            }
            o += entrySize(h);
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
        double t = score(lp, o);
        if (t != s) {
            return t < s;
        }
        int m = member(lp, o);
        return Arrays.compareUnsigned(lp, m, m + length(lp, o), b, off, off + len) < 0;
    }
}
