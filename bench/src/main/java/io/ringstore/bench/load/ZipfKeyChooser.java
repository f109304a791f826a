package io.ringstore.bench.load;

import java.util.SplittableRandom;

/**
 * Zipfian key choice: key k (0-based) is drawn with probability proportional to 1/(k+1)^s, so key 0
 * is the hottest. Uses rejection-inversion sampling (W. Hörmann and G. Derflinger, "Rejection-
 * inversion to generate variates from monotone discrete distributions", 1996; the same algorithm
 * as Apache Commons Math's {@code ZipfRejectionInversionSampler}): O(1) memory and expected O(1)
 * time for any key space, no table of n probabilities. Immutable; shared by worker threads.
 */
public final class ZipfKeyChooser implements KeyChooser {
    private final long n;
    private final double exponent;
    private final double hIntegralX1;
    private final double hIntegralN;
    private final double s;

    public ZipfKeyChooser(long keyspace, double exponent) {
        if (keyspace < 1) {
            throw new IllegalArgumentException("keyspace: " + keyspace + " (expected: >= 1)");
        }
        if (!(exponent > 0)) {
            throw new IllegalArgumentException("zipf exponent: " + exponent + " (expected: > 0)");
        }
        this.n = keyspace;
        this.exponent = exponent;
        this.hIntegralX1 = hIntegral(1.5) - 1d;
        this.hIntegralN = hIntegral(keyspace + 0.5);
        this.s = 2d - hIntegralInverse(hIntegral(2.5) - h(2));
    }

    @Override
    public long next(SplittableRandom random) {
        while (true) {
            final double u = hIntegralN + random.nextDouble() * (hIntegralX1 - hIntegralN);
            final double x = hIntegralInverse(u);
            long k = (long) (x + 0.5);
            if (k < 1) {
                k = 1;
            } else if (k > n) {
                k = n;
            }
            if (k - x <= s || u >= hIntegral(k + 0.5) - h(k)) {
                return k - 1;
            }
        }
    }

    /** H(x) = ((x^(1-s)) - 1) / (1 - s), the integral of h, written to stay exact as s -> 1. */
    private double hIntegral(double x) {
        final double logX = Math.log(x);
        return helper2((1d - exponent) * logX) * logX;
    }

    private double h(double x) {
        return Math.exp(-exponent * Math.log(x));
    }

    private double hIntegralInverse(double x) {
        double t = x * (1d - exponent);
        if (t < -1d) {
            t = -1d; // limit of numerical precision; x is then the smallest possible value
        }
        return Math.exp(helper1(t) * x);
    }

    /** log1p(x)/x, with its Taylor series near 0. */
    private static double helper1(double x) {
        return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1d - x * (0.5 - x * (1d / 3d - x * 0.25));
    }

    /** expm1(x)/x, with its Taylor series near 0. */
    private static double helper2(double x) {
        return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1d + x * 0.5 * (1d + x * (1d / 3d) * (1d + x * 0.25));
    }
}
