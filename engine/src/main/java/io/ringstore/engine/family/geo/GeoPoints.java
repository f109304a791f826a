package io.ringstore.engine.family.geo;

import java.util.Arrays;

/**
 * The matches of one search (geo.c's geoArray): member, score, decoded position and distance in
 * metres, in the order the cells were scanned, and {@link #order} a permutation that the sorts
 * rearrange. ASC/DESC without a smaller COUNT sort stably, as glibc 2.36's qsort (a merge sort)
 * does; with a COUNT below the number of matches Redis's pqsort (Bentley-McIlroy quicksort that
 * only recurses into partitions overlapping the first COUNT places) runs, ported step by step so
 * that equal distances come out in Redis's order. One instance per shard thread, reused per search;
 * the arrays grow and stay.
 */
final class GeoPoints {
    int used;
    byte[][] members = new byte[16][];
    double[] score = new double[16];
    double[] lon = new double[16];
    double[] lat = new double[16];
    double[] dist = new double[16];
    int[] order = new int[16];
    private int[] tmp = new int[16];
    private boolean desc;

    void clear() {
        for (int i = 0; i < used; i++) {
            members[i] = null;
        }
        used = 0;
    }

    void add(byte[] member, double s, double x, double y, double d) {
        if (used == members.length) {
            int n = used * 2;
            members = Arrays.copyOf(members, n);
            score = Arrays.copyOf(score, n);
            lon = Arrays.copyOf(lon, n);
            lat = Arrays.copyOf(lat, n);
            dist = Arrays.copyOf(dist, n);
            order = new int[n];
            tmp = new int[n];
        }
        members[used] = member;
        score[used] = s;
        lon[used] = x;
        lat[used] = y;
        dist[used] = d;
        used++;
    }

    /** Resets {@link #order} to the scan order. */
    void identity() {
        for (int i = 0; i < used; i++) {
            order[i] = i;
        }
    }

    /** sort_gp_asc / sort_gp_desc. */
    private int cmp(int a, int b) {
        double da = dist[a];
        double db = dist[b];
        int r = da > db ? 1 : da == db ? 0 : -1;
        return desc ? -r : r;
    }

    /** qsort of all matches: a stable merge sort (glibc's msort). */
    void sortAll(boolean descending) {
        desc = descending;
        mergeSort(0, used);
    }

    private void mergeSort(int from, int to) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(from, mid);
        mergeSort(mid, to);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            tmp[k++] = cmp(order[i], order[j]) <= 0 ? order[i++] : order[j++];
        }
        while (i < mid) {
            tmp[k++] = order[i++];
        }
        while (j < to) {
            tmp[k++] = order[j++];
        }
        System.arraycopy(tmp, from, order, from, to - from);
    }

    /** pqsort(array, used, ..., 0, last): the first {@code last + 1} places end up sorted. */
    void partialSort(boolean descending, int last) {
        desc = descending;
        pqsort(0, used, 0, last);
    }

    private int cmpAt(int i, int j) {
        return cmp(order[i], order[j]);
    }

    private void swap(int i, int j) {
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
    }

    private void vecswap(int a, int b, int n) {
        for (int k = 0; k < n; k++) {
            swap(a + k, b + k);
        }
    }

    private int med3(int a, int b, int c) {
        return cmpAt(a, b) < 0
                ? (cmpAt(b, c) < 0 ? b : (cmpAt(a, c) < 0 ? c : a))
                : (cmpAt(b, c) > 0 ? b : (cmpAt(a, c) < 0 ? a : c));
    }

    /** Redis's _pqsort over places [a, a + n), with lrange/rrange as place indexes. */
    private void pqsort(int a, int n, int lrange, int rrange) {
        while (true) {
            boolean swapped = false;
            if (n < 7) {
                insertion(a, n);
                return;
            }
            int pm = a + n / 2;
            if (n > 7) {
                int pl = a;
                int pn = a + n - 1;
                if (n > 40) {
                    int d = n / 8;
                    pl = med3(pl, pl + d, pl + 2 * d);
                    pm = med3(pm - d, pm, pm + d);
                    pn = med3(pn - 2 * d, pn - d, pn);
                }
                pm = med3(pl, pm, pn);
            }
            swap(a, pm);
            int pa = a + 1;
            int pb = pa;
            int pc = a + n - 1;
            int pd = pc;
            while (true) {
                int r;
                while (pb <= pc && (r = cmpAt(pb, a)) <= 0) {
                    if (r == 0) {
                        swapped = true;
                        swap(pa, pb);
                        pa++;
                    }
                    pb++;
                }
                while (pb <= pc && (r = cmpAt(pc, a)) >= 0) {
                    if (r == 0) {
                        swapped = true;
                        swap(pc, pd);
                        pd--;
                    }
                    pc--;
                }
                if (pb > pc) {
                    break;
                }
                swap(pb, pc);
                swapped = true;
                pb++;
                pc--;
            }
            if (!swapped) {
                insertion(a, n);
                return;
            }
            int pn = a + n;
            int r = Math.min(pa - a, pb - pa);
            vecswap(a, pb - r, r);
            r = Math.min(pd - pc, pn - pd - 1);
            vecswap(pb, pn - r, r);
            if ((r = pb - pa) > 1) {
                int l = a;
                int e = a + r - 1;
                if (!((lrange < l && rrange < l) || (lrange > e && rrange > e))) {
                    pqsort(a, r, lrange, rrange);
                }
            }
            if ((r = pd - pc) > 1) {
                a = pn - r;
                n = r;
                int l = a;
                int e = a + r - 1;
                if (!((lrange < l && rrange < l) || (lrange > e && rrange > e))) {
                    continue;
                }
            }
            return;
        }
    }

    private void insertion(int a, int n) {
        for (int pm = a + 1; pm < a + n; pm++) {
            for (int pl = pm; pl > a && cmpAt(pl - 1, pl) > 0; pl--) {
                swap(pl, pl - 1);
            }
        }
    }
}
