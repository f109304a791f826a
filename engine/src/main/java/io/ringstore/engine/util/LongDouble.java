package io.ringstore.engine.util;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * An exact emulation of the x87 80-bit {@code long double} that Redis's INCRBYFLOAT computes in:
 * a 64-bit mantissa, 15-bit exponent, round-to-nearest-even, gradual underflow. A finite value is
 * {@code (negative ? -1 : 1) * mant * 2^exp} with {@code mant < 2^64} and {@code exp >= MIN_EXP};
 * infinities exist only as parse results. Zero carries no sign: every zero prints as "0" in the
 * only format Redis uses here, so -0 never shows.
 *
 * <p>Immutable; any thread. Allocates (BigInteger), which is fine on INCRBYFLOAT's write path.
 */
public final class LongDouble {
    /** Exponent of the least significant mantissa bit of the smallest subnormal (2^-16445). */
    static final int MIN_EXP = -16445;
    /** Values at or above 2^16384 overflow to infinity. */
    static final int OVERFLOW_BITS = 16384;
    private static final int MANT_BITS = 64;
    /** Fraction digits of Redis's "%.17Lf" (ld2string with LD_STR_HUMAN). */
    private static final int HUMAN_DIGITS = 17;

    public static final LongDouble ZERO = new LongDouble(false, BigInteger.ZERO, 0, false);
    static final LongDouble POSITIVE_INFINITY = new LongDouble(false, BigInteger.ZERO, 0, true);
    static final LongDouble NEGATIVE_INFINITY = new LongDouble(true, BigInteger.ZERO, 0, true);

    private final boolean negative;
    private final BigInteger mant;
    private final int exp;
    private final boolean infinite;

    private LongDouble(boolean negative, BigInteger mant, int exp, boolean infinite) {
        this.negative = negative;
        this.mant = mant;
        this.exp = exp;
        this.infinite = infinite;
    }

    /** A long converts exactly: 64 mantissa bits hold any of them. */
    public static LongDouble of(long v) {
        if (v == 0) {
            return ZERO;
        }
        BigInteger m = BigInteger.valueOf(v);
        return new LongDouble(v < 0, m.abs(), 0, false);
    }

    public boolean isInfinite() {
        return infinite;
    }

    public boolean isZero() {
        return !infinite && mant.signum() == 0;
    }

    /**
     * Redis's timeout arithmetic in getTimeoutFromObjectOrReply: {@code (long long) ceill(v * 1000.0)}
     * with the product rounded to a long double first. A result outside the long range (and an
     * infinity) converts as x86's cvttsd2si does, to LLONG_MIN, which callers report as negative.
     */
    public long timeoutMillis() {
        if (infinite) {
            return Long.MIN_VALUE;
        }
        if (mant.signum() == 0) {
            return 0;
        }
        LongDouble p = round(negative, mant.multiply(BigInteger.valueOf(1000)), BigInteger.ONE, exp);
        if (p.infinite) {
            return Long.MIN_VALUE;
        }
        BigInteger whole;
        if (p.exp >= 0) {
            whole = p.mant.shiftLeft(p.exp);
        } else {
            BigInteger floor = p.mant.shiftRight(-p.exp);
            boolean exact = p.mant.getLowestSetBit() >= -p.exp;
            // ceil of a positive value rounds the magnitude up; of a negative one, down
            whole = !p.negative && !exact ? floor.add(BigInteger.ONE) : floor;
        }
        if (p.negative) {
            whole = whole.negate();
        }
        return whole.bitLength() > 63 ? Long.MIN_VALUE : whole.longValue();
    }

    /**
     * Rounds {@code num / den * 2^exp2} (num >= 0, den > 0) to the nearest long double, ties to
     * even, as the FPU and glibc's strtold do. Returns ZERO on total underflow and an infinity on
     * overflow; callers that must tell a true zero from an underflow check {@code num} themselves.
     */
    static LongDouble round(boolean negative, BigInteger num, BigInteger den, int exp2) {
        if (num.signum() == 0) {
            return ZERO;
        }
        // Scale so the quotient has 66 or 67 bits: the 64 kept, a rounding bit and more.
        int shift = MANT_BITS + 2 - (num.bitLength() - den.bitLength());
        BigInteger n = shift >= 0 ? num.shiftLeft(shift) : num;
        BigInteger d = shift >= 0 ? den : den.shiftLeft(-shift);
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger q = qr[0];
        long qExp = (long) exp2 - shift; // value ~= q * 2^qExp
        long lsb = q.bitLength() - MANT_BITS + qExp;
        if (lsb < MIN_EXP) {
            lsb = MIN_EXP; // subnormal: fewer mantissa bits
        }
        long dropLong = lsb - qExp; // >= 2
        if (dropLong > Integer.MAX_VALUE / 2) {
            return ZERO;
        }
        int drop = (int) dropLong;
        BigInteger m = q.shiftRight(drop);
        boolean half = q.testBit(drop - 1);
        boolean sticky = qr[1].signum() != 0 || q.getLowestSetBit() < drop - 1;
        if (half && (sticky || m.testBit(0))) {
            m = m.add(BigInteger.ONE);
            if (m.bitLength() > MANT_BITS) {
                m = m.shiftRight(1); // m was exactly 2^64
                lsb++;
            }
        }
        if (m.signum() == 0) {
            return ZERO;
        }
        if (m.bitLength() + lsb > OVERFLOW_BITS) {
            return negative ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
        }
        return new LongDouble(negative, m, (int) lsb, false);
    }

    /**
     * The correctly rounded sum of two finite values (one x87 FADD in extended precision).
     * May return an infinity on overflow.
     */
    public LongDouble add(LongDouble o) {
        if (infinite || o.infinite) {
            throw new IllegalArgumentException("finite operands only");
        }
        if (isZero()) {
            return o;
        }
        if (o.isZero()) {
            return this;
        }
        int e = Math.min(exp, o.exp);
        BigInteger a = mant.shiftLeft(exp - e);
        BigInteger b = o.mant.shiftLeft(o.exp - e);
        BigInteger sum = (negative ? a.negate() : a).add(o.negative ? b.negate() : b);
        if (sum.signum() == 0) {
            return ZERO;
        }
        return round(sum.signum() < 0, sum.abs(), BigInteger.ONE, e);
    }

    /**
     * Formats as Redis's ld2string(LD_STR_HUMAN): "%.17Lf" of the exact binary value (glibc rounds
     * ties to even), then trailing zeros and a trailing '.' stripped, and "-0" turned into "0".
     */
    public byte[] toHumanBytes() {
        if (infinite) {
            return (negative ? "-inf" : "inf").getBytes(StandardCharsets.US_ASCII);
        }
        // Below 2^-58 (< 5e-18) the value rounds to zero at 17 fraction digits.
        if (mant.signum() == 0 || mant.bitLength() + exp <= -58) {
            return new byte[] {'0'};
        }
        String text;
        if (exp >= 0) {
            text = mant.shiftLeft(exp).toString();
        } else {
            BigDecimal exact = new BigDecimal(mant.multiply(BigInteger.valueOf(5).pow(-exp)), -exp);
            text = exact.setScale(HUMAN_DIGITS, RoundingMode.HALF_EVEN).toPlainString();
            int end = text.length();
            while (text.charAt(end - 1) == '0') {
                end--;
            }
            if (text.charAt(end - 1) == '.') {
                end--;
            }
            text = text.substring(0, end);
            if (text.equals("0")) {
                return new byte[] {'0'};
            }
        }
        return ((negative ? "-" : "") + text).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return new String(toHumanBytes(), StandardCharsets.US_ASCII);
    }
}
