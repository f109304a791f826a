package io.ringstore.engine.family.sort;

/**
 * The vector SORT orders (Redis's array of redisSortObject): each element's bytes, its numeric
 * score, and for ALPHA with a BY pattern the bytes it is compared by (null when the pattern's key
 * is missing). {@link #compare} is sortCompare with the options of the running command; the order
 * itself is an index permutation sorted by {@link SortOrder}. Built per SORT on the shard thread
 * running it (at a barrier, shard 0's thread), then dropped.
 */
final class SortVector {
    final byte[][] obj;
    final double[] score;
    final byte[][] by;
    final int[] order;
    final int size;
    boolean desc;
    boolean alpha;
    boolean byPattern;
    boolean store;

    SortVector(int n) {
        obj = new byte[n][];
        score = new double[n];
        by = new byte[n][];
        order = new int[n];
        size = n;
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
    }

    /** The element at output position {@code j}. */
    byte[] at(int j) {
        return obj[order[j]];
    }

    /**
     * sortCompare: numeric by score, equal scores by the elements' bytes (so the order is total);
     * ALPHA by the BY values (a missing one first; equal ones tie) or by the elements, compared
     * with strcoll when replying (this server's locale collates as strcmp: C and C.UTF-8) and
     * byte-wise (memcmp, then length) when storing. DESC negates.
     */
    int compare(int a, int b) {
        int cmp;
        if (!alpha) {
            double sa = score[a];
            double sb = score[b];
            if (sa > sb) {
                cmp = 1;
            } else if (sa < sb) {
                cmp = -1;
            } else {
                cmp = binary(obj[a], obj[b]);
            }
        } else if (byPattern) {
            byte[] ca = by[a];
            byte[] cb = by[b];
            if (ca == null || cb == null) {
                cmp = ca == cb ? 0 : ca == null ? -1 : 1;
            } else {
                cmp = store ? binary(ca, cb) : collate(ca, cb);
            }
        } else {
            cmp = store ? binary(obj[a], obj[b]) : collate(obj[a], obj[b]);
        }
        return desc ? -cmp : cmp;
    }

    /** compareStringObjects: unsigned bytes, then the shorter first. */
    static int binary(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int d = (a[i] & 0xff) - (b[i] & 0xff);
            if (d != 0) {
                return d;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    /** strcoll in the C locale, i.e. strcmp: unsigned bytes up to the first NUL of either string. */
    static int collate(byte[] a, byte[] b) {
        for (int i = 0; ; i++) {
            int x = i < a.length ? a[i] & 0xff : 0;
            int y = i < b.length ? b[i] & 0xff : 0;
            if (x != y) {
                return x - y;
            }
            if (x == 0) {
                return 0;
            }
        }
    }
}
