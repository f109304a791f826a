package io.ringstore.engine.util;

import java.math.BigInteger;

/**
 * Parses bytes into a {@link LongDouble} exactly as Redis's string2ld accepts them: glibc's
 * strtold grammar over the whole argument (optional sign; decimal digits with an optional point
 * and exponent; "0x" hex with an optional binary "p" exponent; "inf"/"infinity"), rejecting a
 * leading space, any trailing byte, NaN, overflow to infinity, underflow to zero and inputs of
 * 5120 bytes or more (MAX_LONG_DOUBLE_CHARS). The value is correctly rounded, ties to even.
 * Stateless; any thread.
 */
public final class LongDoubleParser {
    /** Redis's MAX_LONG_DOUBLE_CHARS: string2ld refuses inputs this long or longer. */
    static final int MAX_CHARS = 5 * 1024;
    /** Exponents are saturated here: far beyond any finite non-zero long double of 5120 digits. */
    private static final int EXP_LIMIT = 1 << 20;
    private static final BigInteger TEN = BigInteger.TEN;

    private LongDoubleParser() {
    }

    /** The value of {@code b[off, off+len)}, or null when string2ld would reject it. */
    public static LongDouble parse(byte[] b, int off, int len) {
        if (len == 0 || len >= MAX_CHARS || isSpace(b[off])) {
            return null;
        }
        int i = off;
        int end = off + len;
        boolean negative = false;
        if (b[i] == '+' || b[i] == '-') {
            negative = b[i] == '-';
            i++;
        }
        if (i == end) {
            return null;
        }
        int c = b[i] | 0x20;
        if (c == 'i' || c == 'n') {
            return named(b, i, end, negative);
        }
        if (b[i] == '0' && i + 1 < end && (b[i + 1] | 0x20) == 'x') {
            return hex(b, i + 2, end, negative);
        }
        return decimal(b, i, end, negative);
    }

    /** "inf" and "infinity" in any case; "nan" (with or without payload) is rejected. */
    private static LongDouble named(byte[] b, int i, int end, boolean negative) {
        if (matches(b, i, end, "inf") || matches(b, i, end, "infinity")) {
            return negative ? LongDouble.NEGATIVE_INFINITY : LongDouble.POSITIVE_INFINITY;
        }
        return null;
    }

    private static boolean matches(byte[] b, int i, int end, String lower) {
        if (end - i != lower.length()) {
            return false;
        }
        for (int k = 0; k < lower.length(); k++) {
            if ((b[i + k] | 0x20) != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** digits [. digits] [e [+-] digits], at least one digit in the significand. */
    private static LongDouble decimal(byte[] b, int i, int end, boolean negative) {
        StringBuilder digits = new StringBuilder(end - i); // significant digits, leading zeros dropped
        int fraction = 0;
        boolean point = false;
        boolean anyDigit = false;
        for (; i < end; i++) {
            byte ch = b[i];
            if (ch >= '0' && ch <= '9') {
                anyDigit = true;
                if (point) {
                    fraction++;
                }
                if (digits.length() > 0 || ch != '0') {
                    digits.append((char) ch);
                }
            } else if (ch == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (!anyDigit) {
            return null;
        }
        long exponent = 0;
        if (i < end) {
            if ((b[i] | 0x20) != 'e') {
                return null;
            }
            exponent = exponent(b, i + 1, end);
            if (exponent == Long.MIN_VALUE) {
                return null;
            }
        }
        if (digits.length() == 0) {
            return LongDouble.ZERO; // zero with any exponent: no ERANGE
        }
        long scale = exponent - fraction; // value = digits * 10^scale
        if (scale + digits.length() > 4934) {
            return null; // >= 10^4934 > LDBL_MAX: overflow
        }
        if (scale + digits.length() < -4955) {
            return null; // < 10^-4955, below half the smallest subnormal: underflow
        }
        BigInteger m = new BigInteger(digits.toString());
        BigInteger num = scale >= 0 ? m.multiply(TEN.pow((int) scale)) : m;
        BigInteger den = scale >= 0 ? BigInteger.ONE : TEN.pow((int) -scale);
        return finite(LongDouble.round(negative, num, den, 0));
    }

    /** "0x" hexdigits [. hexdigits] [p [+-] digits], at least one hex digit. */
    private static LongDouble hex(byte[] b, int i, int end, boolean negative) {
        int fraction = 0;
        int digits = 0;
        boolean point = false;
        StringBuilder hexDigits = new StringBuilder(end - i);
        for (; i < end; i++) {
            int v = Character.digit(b[i], 16);
            if (v >= 0 && b[i] >= 0) {
                hexDigits.append((char) b[i]);
                digits++;
                if (point) {
                    fraction++;
                }
            } else if (b[i] == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return null; // strtold takes "0" and stops at the 'x'
        }
        BigInteger m = new BigInteger(hexDigits.toString(), 16);
        long exponent = 0;
        if (i < end) {
            if ((b[i] | 0x20) != 'p') {
                return null;
            }
            exponent = exponent(b, i + 1, end);
            if (exponent == Long.MIN_VALUE) {
                return null;
            }
        }
        if (m.signum() == 0) {
            return LongDouble.ZERO;
        }
        long exp2 = exponent - 4L * fraction;
        if (m.bitLength() + exp2 > LongDouble.OVERFLOW_BITS + 1) {
            return null;
        }
        if (m.bitLength() + exp2 < LongDouble.MIN_EXP - 2) {
            return null;
        }
        return finite(LongDouble.round(negative, m, BigInteger.ONE, (int) exp2));
    }

    /** [+-] digits to the end of input, saturated at +-EXP_LIMIT; Long.MIN_VALUE when malformed. */
    private static long exponent(byte[] b, int i, int end) {
        boolean negative = false;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        if (i == end) {
            return Long.MIN_VALUE;
        }
        long e = 0;
        for (; i < end; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return Long.MIN_VALUE;
            }
            e = Math.min(EXP_LIMIT, e * 10 + (b[i] - '0'));
        }
        return negative ? -e : e;
    }

    /** strtold's ERANGE cases are rejections in string2ld: overflow and underflow to zero. */
    private static LongDouble finite(LongDouble v) {
        return v.isInfinite() || v.isZero() ? null : v;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }
}
