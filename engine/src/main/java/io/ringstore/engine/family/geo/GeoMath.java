package io.ringstore.engine.family.geo;

/**
 * Correctly rounded sine, cosine and arcsine for the geo distances. Redis calls glibc's libm,
 * whose results are the correctly rounded ones in all but about one case in a thousand;
 * {@link StrictMath} (fdlibm) differs from them in a few percent of cases, which shows in the
 * 17 digits of a STOREDIST score. These evaluate a Taylor series in double-double arithmetic
 * (products exact through {@link Math#fma}) after reducing the argument by
 * multiples of pi/2 held to 160 bits, and round once; arcsine refines StrictMath's value by a Newton
 * step on that sine (through the half-angle identity beyond 1/2). Pure arithmetic, so a replay computes the same bits anywhere. Arguments
 * beyond +-10 radians fall back to StrictMath (only a huge search radius reaches them, where the
 * bounding box no longer matters). Static and stateless; any thread.
 */
final class GeoMath {
    private static final double PIO2_1 = 1.5707963267948966;
    private static final double PIO2_2 = 6.123233995736766e-17;
    private static final double PIO2_3 = -1.4973849048591698e-33;
    private static final int TERMS = 16;
    private static final int DD_TERMS = 5;
    private static final double[] S_HI;
    private static final double[] S_LO;
    private static final double[] C_HI;
    private static final double[] C_LO;

    static {
        double[][] sc = coefficients(true);
        S_HI = sc[0];
        S_LO = sc[1];
        double[][] cc = coefficients(false);
        C_HI = cc[0];
        C_LO = cc[1];
    }
    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[4]);

    private GeoMath() {
    }

    static double sin(double x) {
        if (!(Math.abs(x) <= 10)) {
            return StrictMath.sin(x);
        }
        if (x == 0) {
            return x;
        }
        return trig(x, false);
    }

    static double cos(double x) {
        if (!(Math.abs(x) <= 10)) {
            return StrictMath.cos(x);
        }
        return trig(x, true);
    }

    /**
     * asin for y in [-1, 1]. Up to 1/2 in magnitude: StrictMath's value (within an ulp) refined by
     * one Newton step in double-double. Beyond, where the sine flattens, through
     * asin(y) = pi/2 - 2 asin(sqrt((1 - y) / 2)), whose argument (1 - y exact, the square root
     * carried in double-double) is below 1/2 again.
     */
    static double asin(double y) {
        double a = Math.abs(y);
        if (!(a <= 1) || y == 0) {
            return StrictMath.asin(y);
        }
        double[] sc = SCRATCH.get();
        if (a <= 0.5) {
            newton(y, 0, sc);
            return sc[0] + sc[1];
        }
        double z = (1 - a) / 2;
        double sh = Math.sqrt(z);
        double sl = sh == 0 ? 0 : Math.fma(-sh, sh, z) / (2 * sh);
        double th = 0;
        double tl = 0;
        if (sh != 0) {
            newton(sh, sl, sc);
            th = sc[0];
            tl = sc[1];
        }
        // pi/2 - 2t in double-double
        double h = PIO2_1 - 2 * th;
        double bb = h - PIO2_1;
        double e = (PIO2_1 - (h - bb)) + (-2 * th - bb) + PIO2_2 - 2 * tl;
        double r = h + e;
        return y < 0 ? -r : r;
    }

    /** t with sin(t) = (yh, yl), |yh| <= 1/2, into sc[0..1]: one Newton step from StrictMath's asin. */
    private static void newton(double yh, double yl, double[] sc) {
        double hi = StrictMath.asin(yh);
        sinCosDd(hi, 0, sc, true, true);
        double f = ((sc[0] - yh) + sc[1]) - yl; // sc[0] - yh is exact: the two are close
        double step = f / (sc[2] + sc[3]);
        double nh = hi - step;
        double nl = (hi - nh) - step;
        sc[0] = nh + nl;
        sc[1] = nl - (sc[0] - nh);
    }

    /** sin or cos of a double: reduced by k * pi/2, then the series of the quadrant's function. */
    private static double trig(double x, boolean cosine) {
        long k = Math.round(x / PIO2_1);
        // r = x - k * pi/2, in double-double
        double rh = x;
        double rl = 0;
        if (k != 0) {
            double p1 = k * PIO2_1;
            double e1 = Math.fma(k, PIO2_1, -p1);
            double p2 = k * PIO2_2;
            double e2 = Math.fma(k, PIO2_2, -p2);
            double p3 = k * PIO2_3;
            // x - p1 is exact when k*pi/2 is near x (Sterbenz), the rest carries the low parts
            double t = x - p1;
            double lo = -e1 - p2 - e2 - p3;
            rh = t + lo;
            rl = lo - (rh - t);
        }
        double[] sc = SCRATCH.get();
        int q = (int) (k & 3);
        if (cosine) {
            q = (q + 1) & 3; // cos(x) = sin(x + pi/2)
        }
        sinCosDd(rh, rl, sc, (q & 1) == 0, (q & 1) == 1);
        switch (q) {
            case 0:
                return sc[0] + sc[1];
            case 1:
                return sc[2] + sc[3];
            case 2:
                return -(sc[0] + sc[1]);
            default:
                return -(sc[2] + sc[3]);
        }
    }

    /**
     * sin and cos of the double-double (h, l), |h| <= about pi/2, into {@code out} = {sin hi,
     * sin lo, cos hi, cos lo}: Horner's rule over the Taylor coefficients, the small high-order
     * terms in plain doubles, the last {@link #DD_TERMS} in double-double (relative error near
     * 2^-70, far below the half unit a rounding decides on). No allocation.
     */
    private static void sinCosDd(double h, double l, double[] out, boolean sine, boolean cosine) {
        double x2h = h * h;
        double x2l = Math.fma(h, h, -x2h) + 2 * h * l;
        double t0 = x2h + x2l;
        x2l = x2l - (t0 - x2h);
        x2h = t0;
        if (sine) {
            out[0] = h;
            out[1] = l;
            horner(S_HI, S_LO, x2h, x2l, out, 0);
        }
        if (cosine) {
            out[2] = 1;
            out[3] = 0;
            horner(C_HI, C_LO, x2h, x2l, out, 2);
        }
    }

    /**
     * out[at..at+1] *= sum of c[n] * x2^n (c[0] = 1): the high-order terms in doubles, the
     * low-order ones in double-double.
     */
    private static void horner(double[] chi, double[] clo, double x2h, double x2l, double[] out, int at) {
        int n = chi.length - 1;
        double p = chi[n];
        for (n--; n > DD_TERMS; n--) {
            p = Math.fma(p, x2h, chi[n]);
        }
        double ah = p;
        double al = 0;
        for (; n >= 0; n--) {
            // a = c[n] + x2 * a
            double ph = x2h * ah;
            double pl = Math.fma(x2h, ah, -ph) + (x2h * al + x2l * ah);
            double q = ph + pl;
            pl = pl - (q - ph);
            ph = q;
            double sh = chi[n] + ph;
            double bb = sh - chi[n];
            double e = (chi[n] - (sh - bb)) + (ph - bb) + clo[n] + pl;
            ah = sh + e;
            al = e - (ah - sh);
        }
        double mh = out[at];
        double ml = out[at + 1];
        double ph = mh * ah;
        double pl = Math.fma(mh, ah, -ph) + (mh * al + ml * ah);
        double q = ph + pl;
        out[at] = q;
        out[at + 1] = pl - (q - ph);
    }

    /** Taylor coefficients as double-doubles: (-1)^n / (2n+1)! for sine, (-1)^n / (2n)! for cosine. */
    private static double[][] coefficients(boolean sine) {
        double[][] c = new double[2][TERMS];
        java.math.BigDecimal fact = java.math.BigDecimal.ONE;
        java.math.MathContext mc = new java.math.MathContext(50);
        int k = sine ? 1 : 0;
        for (int n = 0; n < TERMS; n++) {
            if (n > 0) {
                fact = fact.multiply(java.math.BigDecimal.valueOf((long) (k + 1) * (k + 2)));
                k += 2;
            }
            java.math.BigDecimal v = java.math.BigDecimal.ONE.divide(fact, mc);
            if ((n & 1) == 1) {
                v = v.negate();
            }
            c[0][n] = v.doubleValue();
            c[1][n] = v.subtract(new java.math.BigDecimal(c[0][n])).doubleValue();
        }
        return c;
    }
}
