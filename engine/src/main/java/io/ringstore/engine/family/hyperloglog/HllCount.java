package io.ringstore.engine.family.hyperloglog;

import java.util.Arrays;

/**
 * hllCount: register histograms of the dense, sparse and raw (one byte per register, PFCOUNT's
 * union) forms, and Otmar Ertl's improved estimator on them ("New cardinality estimation
 * algorithms for HyperLogLog sketches", arXiv:1702.01284) with Redis 7.0's arithmetic, so counts
 * match redis-server to the integer. One instance per shard thread ({@link #get}).
 */
final class HllCount {
    private static final ThreadLocal<HllCount> COUNT = ThreadLocal.withInitial(HllCount::new);
    private static final double ALPHA_INF = 0.721347520444481703680; // 0.5 / ln(2)

    /** Sized 64 as Redis's reghisto: a hand-made dense value may hold any 6-bit register. */
    private final int[] histo = new int[64];
    /** The union's registers for multi-key PFCOUNT and PFMERGE (HLL_RAW). */
    final byte[] max = new byte[HllLayout.REGISTERS];

    static HllCount get() {
        return COUNT.get();
    }

    /**
     * The cardinality of an HLL value (dense or sparse), or -1 when a sparse one does not cover
     * exactly 16384 registers (hllCount's "invalid").
     */
    long count(byte[] b, int len) {
        int[] h = histo;
        Arrays.fill(h, 0);
        if (HllLayout.encoding(b) == HllLayout.DENSE) {
            for (int i = 0; i < HllLayout.REGISTERS; i++) {
                h[HllLayout.get(b, i)]++;
            }
        } else if (!sparseHisto(b, len, h)) {
            return -1;
        }
        return estimate(h);
    }

    /** The cardinality of {@link #max}, the raw registers of a union. */
    long countMax() {
        int[] h = histo;
        Arrays.fill(h, 0);
        for (byte r : max) {
            h[r]++;
        }
        return estimate(h);
    }

    /** Clears {@link #max} for a new union. */
    byte[] clearMax() {
        Arrays.fill(max, (byte) 0);
        return max;
    }

    /**
     * hllMerge: max[i] = MAX(max[i], register i of the value). False when a sparse value does not
     * cover exactly 16384 registers or a VAL run passes the last one.
     */
    static boolean merge(byte[] max, byte[] b, int len) {
        if (HllLayout.encoding(b) == HllLayout.DENSE) {
            for (int i = 0; i < HllLayout.REGISTERS; i++) {
                int v = HllLayout.get(b, i);
                if (v > max[i]) {
                    max[i] = (byte) v;
                }
            }
            return true;
        }
        int i = 0;
        int p = HllLayout.HDR_SIZE;
        while (p < len) {
            if (HllSparse.isZero(b, p)) {
                i += HllSparse.zeroLen(b, p);
                p++;
            } else if (HllSparse.isXzero(b, p)) {
                i += HllSparse.xzeroLen(b, p);
                p += 2;
            } else {
                int runlen = HllSparse.valLen(b, p);
                int regval = HllSparse.valValue(b, p);
                if (runlen + i > HllLayout.REGISTERS) {
                    return false; // overflow (7.0.15 fails here even when the runs before add up)
                }
                while (runlen-- > 0) {
                    if (regval > max[i]) {
                        max[i] = (byte) regval;
                    }
                    i++;
                }
                p++;
            }
        }
        return i == HllLayout.REGISTERS;
    }

    /** hllSparseRegHisto; false when the runs do not add up to 16384 registers. */
    private static boolean sparseHisto(byte[] b, int len, int[] h) {
        int idx = 0;
        int p = HllLayout.HDR_SIZE;
        while (p < len) {
            int runlen;
            if (HllSparse.isZero(b, p)) {
                runlen = HllSparse.zeroLen(b, p);
                h[0] += runlen;
                p++;
            } else if (HllSparse.isXzero(b, p)) {
                runlen = HllSparse.xzeroLen(b, p);
                h[0] += runlen;
                p += 2;
            } else {
                runlen = HllSparse.valLen(b, p);
                h[HllSparse.valValue(b, p)] += runlen;
                p++;
            }
            idx += runlen;
        }
        return idx == HllLayout.REGISTERS;
    }

    /** The estimate from a register histogram, as hllCount computes it (then llroundl). */
    static long estimate(int[] h) {
        double m = HllLayout.REGISTERS;
        double z = m * tau((m - h[HllLayout.Q + 1]) / m);
        for (int j = HllLayout.Q; j >= 1; --j) {
            z += h[j];
            z *= 0.5;
        }
        z += m * sigma(h[0] / m);
        return Math.round(ALPHA_INF * m * m / z);
    }

    /** hllSigma. */
    static double sigma(double x) {
        if (x == 1.) {
            return Double.POSITIVE_INFINITY;
        }
        double zPrime;
        double y = 1;
        double z = x;
        do {
            x *= x;
            zPrime = z;
            z += x * y;
            y += y;
        } while (zPrime != z);
        return z;
    }

    /** hllTau. */
    static double tau(double x) {
        if (x == 0. || x == 1.) {
            return 0.;
        }
        double zPrime;
        double y = 1.0;
        double z = 1 - x;
        do {
            x = Math.sqrt(x);
            zPrime = z;
            y *= 0.5;
            z -= (1 - x) * (1 - x) * y;
        } while (zPrime != z);
        return z / 3;
    }
}
