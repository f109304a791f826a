package io.ringstore.engine.family.strings;

import java.util.Arrays;

/**
 * The longest common subsequence of two byte strings, computed as t_string.c's lcsCommand does:
 * the classic dynamic-programming table, then one walk back from its corner that builds the
 * subsequence and cuts it into matching ranges, in the same order and with the same tie-breaks,
 * so replies match Redis byte for byte. Transient: built by one command on its shard thread and
 * dropped after the reply.
 */
final class LcsTable {
    private final byte[] a;
    private final byte[] b;
    private final int[] table; // LCS(i, j) at j + i * (b.length + 1)
    /** Ranges found by {@link #walk}: aStart, aEnd, bStart, bEnd, per range. */
    private int[] ranges = new int[16];
    private int rangeCount;
    private byte[] subsequence;

    private LcsTable(byte[] a, byte[] b, int[] table) {
        this.a = a;
        this.b = b;
        this.table = table;
    }

    /** Bytes of the table Redis would allocate: (alen + 1) * (blen + 1) 32-bit cells. */
    static long transientBytes(int alen, int blen) {
        return (alen + 1L) * (blen + 1L) * Integer.BYTES;
    }

    /**
     * Fills the full table, or returns null when the JVM cannot hold it (Redis's ztrymalloc
     * failing).
     */
    static LcsTable build(byte[] a, byte[] b) {
        long cells = (a.length + 1L) * (b.length + 1L);
        if (cells > Integer.MAX_VALUE - 8) {
            return null;
        }
        int[] t;
        try {
            t = new int[(int) cells];
        } catch (OutOfMemoryError e) {
            return null;
        }
        int w = b.length + 1;
        for (int i = 1; i <= a.length; i++) {
            int row = i * w;
            int prev = row - w;
            byte ai = a[i - 1];
            for (int j = 1; j <= b.length; j++) {
                if (ai == b[j - 1]) {
                    t[row + j] = t[prev + j - 1] + 1;
                } else {
                    int up = t[prev + j];
                    int left = t[row + j - 1];
                    t[row + j] = up > left ? up : left;
                }
            }
        }
        return new LcsTable(a, b, t);
    }

    /** LCS length alone, in two rows of memory: the LEN option needs no walk. */
    static int length(byte[] a, byte[] b) {
        int[] prev = new int[b.length + 1];
        int[] cur = new int[b.length + 1];
        for (int i = 1; i <= a.length; i++) {
            byte ai = a[i - 1];
            for (int j = 1; j <= b.length; j++) {
                if (ai == b[j - 1]) {
                    cur[j] = prev[j - 1] + 1;
                } else {
                    cur[j] = prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
                }
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length];
    }

    private int at(int i, int j) {
        return table[j + i * (b.length + 1)];
    }

    int length() {
        return at(a.length, b.length);
    }

    /**
     * Walks back from LCS(alen, blen): fills the subsequence and records each maximal run of
     * consecutive matches at least {@code minMatchLen} long (0 = all), from the end of the
     * strings towards their start. A port of the loop in lcsCommand, sentinel and all.
     */
    void walk(long minMatchLen) {
        int alen = a.length;
        int idx = length();
        subsequence = new byte[idx];
        int aStart = alen; // alen means "no range open"
        int aEnd = 0;
        int bStart = 0;
        int bEnd = 0;
        int i = alen;
        int j = b.length;
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (a[i - 1] == b[j - 1]) {
                subsequence[idx - 1] = a[i - 1];
                if (aStart == alen) {
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0) {
                    emit = true;
                }
                idx--;
                i--;
                j--;
            } else {
                if (at(i - 1, j) > at(i, j - 1)) {
                    i--;
                } else {
                    j--;
                }
                if (aStart != alen) {
                    emit = true;
                }
            }
            if (emit) {
                long matchLen = (long) aEnd - aStart + 1;
                if (minMatchLen == 0 || matchLen >= minMatchLen) {
                    addRange(aStart, aEnd, bStart, bEnd);
                }
                aStart = alen;
            }
        }
    }

    private void addRange(int as, int ae, int bs, int be) {
        if ((rangeCount + 1) * 4 > ranges.length) {
            ranges = Arrays.copyOf(ranges, ranges.length * 2);
        }
        int k = rangeCount * 4;
        ranges[k] = as;
        ranges[k + 1] = ae;
        ranges[k + 2] = bs;
        ranges[k + 3] = be;
        rangeCount++;
    }

    byte[] subsequence() {
        return subsequence;
    }

    int rangeCount() {
        return rangeCount;
    }

    /** Field {@code f} (0 aStart, 1 aEnd, 2 bStart, 3 bEnd) of range {@code r}. */
    int range(int r, int f) {
        return ranges[r * 4 + f];
    }
}
