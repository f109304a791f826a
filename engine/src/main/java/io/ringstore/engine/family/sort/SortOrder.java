package io.ringstore.engine.family.sort;

/**
 * The two sorts SORT uses, over {@link SortVector#order}. Without LIMIT (or without BY) Redis calls
 * glibc's qsort, which is a stable merge sort: ties keep their input order, as {@link #stable}
 * does. With BY and a LIMIT that cuts the vector it calls pqsort (NetBSD's quicksort of Bentley
 * and McIlroy, recursing only into parts that overlap the wanted range), whose placement of ties
 * {@link #partial} reproduces step by step. Stateless; the shard thread running the SORT.
 */
final class SortOrder {
    private SortOrder() {
    }

    /** A stable merge sort of the whole vector (glibc msort: left half first on ties). */
    static void stable(SortVector v) {
        int n = v.size;
        if (n < 2) {
            return;
        }
        int[] tmp = new int[n];
        mergeSort(v, v.order, tmp, 0, n);
    }

    private static void mergeSort(SortVector v, int[] a, int[] tmp, int lo, int n) {
        if (n <= 1) {
            return;
        }
        int n1 = n / 2;
        int n2 = n - n1;
        mergeSort(v, a, tmp, lo, n1);
        mergeSort(v, a, tmp, lo + n1, n2);
        int i = lo;
        int j = lo + n1;
        int endI = lo + n1;
        int endJ = lo + n;
        int k = 0;
        while (i < endI && j < endJ) {
            tmp[k++] = v.compare(a[i], a[j]) <= 0 ? a[i++] : a[j++];
        }
        while (i < endI) {
            tmp[k++] = a[i++];
        }
        System.arraycopy(tmp, 0, a, lo, k);
    }

    /**
     * pqsort(vector, n, cmp, lrange, rrange): sorts enough of the vector that positions
     * {@code lrange..rrange} hold what a full sort would put there.
     */
    static void partial(SortVector v, long lrange, long rrange) {
        pqsort(v, v.order, 0, v.size, lrange, rrange);
    }

    private static void pqsort(SortVector v, int[] x, int a, int n, long lrange, long rrange) {
        while (true) {
            boolean swapped = false;
            if (n < 7) {
                insertion(v, x, a, n);
                return;
            }
            int pm = a + n / 2;
            if (n > 7) {
                int pl = a;
                int pn = a + n - 1;
                if (n > 40) {
                    int d = n / 8;
                    pl = med3(v, x, pl, pl + d, pl + 2 * d);
                    pm = med3(v, x, pm - d, pm, pm + d);
                    pn = med3(v, x, pn - 2 * d, pn - d, pn);
                }
                pm = med3(v, x, pl, pm, pn);
            }
            swap(x, a, pm);
            int pa = a + 1;
            int pb = pa;
            int pc = a + n - 1;
            int pd = pc;
            while (true) {
                int r;
                while (pb <= pc && (r = v.compare(x[pb], x[a])) <= 0) {
                    if (r == 0) {
                        swapped = true;
                        swap(x, pa, pb);
                        pa++;
                    }
                    pb++;
                }
                while (pb <= pc && (r = v.compare(x[pc], x[a])) >= 0) {
                    if (r == 0) {
                        swapped = true;
                        swap(x, pc, pd);
                        pd--;
                    }
                    pc--;
                }
                if (pb > pc) {
                    break;
                }
                swap(x, pb, pc);
                swapped = true;
                pb++;
                pc--;
            }
            if (!swapped) { // switch to insertion sort
                insertion(v, x, a, n);
                return;
            }
            int pn = a + n;
            int r = Math.min(pa - a, pb - pa);
            vecswap(x, a, pb - r, r);
            r = Math.min(pd - pc, pn - pd - 1);
            vecswap(x, pb, pn - r, r);
            if ((r = pb - pa) > 1 && overlaps(a, r, lrange, rrange)) {
                pqsort(v, x, a, r, lrange, rrange);
            }
            if ((r = pd - pc) > 1) {
                a = pn - r; // iterate rather than recurse
                n = r;
                if (overlaps(a, n, lrange, rrange)) {
                    continue;
                }
            }
            return;
        }
    }

    /** Whether positions [s, s + m) meet the wanted range (pqsort's byte-pointer test, in elements). */
    private static boolean overlaps(int s, int m, long lo, long hi) {
        return !((lo < s && hi < s) || (lo >= s + m && hi >= s + m));
    }

    private static void insertion(SortVector v, int[] x, int a, int n) {
        for (int pm = a + 1; pm < a + n; pm++) {
            for (int pl = pm; pl > a && v.compare(x[pl - 1], x[pl]) > 0; pl--) {
                swap(x, pl, pl - 1);
            }
        }
    }

    private static int med3(SortVector v, int[] x, int a, int b, int c) {
        return v.compare(x[a], x[b]) < 0
                ? (v.compare(x[b], x[c]) < 0 ? b : (v.compare(x[a], x[c]) < 0 ? c : a))
                : (v.compare(x[b], x[c]) > 0 ? b : (v.compare(x[a], x[c]) < 0 ? a : c));
    }

    private static void swap(int[] x, int i, int j) {
        int t = x[i];
        x[i] = x[j];
        x[j] = t;
    }

    private static void vecswap(int[] x, int i, int j, int n) {
        for (int k = 0; k < n; k++) {
            swap(x, i + k, j + k);
        }
    }
}
