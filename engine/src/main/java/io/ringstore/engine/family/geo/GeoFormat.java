package io.ringstore.engine.family.geo;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The two ways geo.c prints numbers, into a reusable byte buffer: distances with "%.4f"
 * (addReplyDoubleDistance) and coordinates as ld2string's LD_STR_HUMAN mode does ("%.17Lf" of the
 * double widened to long double, trailing zeros and a bare point removed, "-0" as "0"). Both round
 * the exact binary value half to even, as glibc's printf; the common cases take exact integer
 * paths without allocation, rare ones a {@link BigDecimal}. One instance per shard thread.
 */
final class GeoFormat {
    private static final long TEN_17 = 100_000_000_000_000_000L;
    final byte[] buf = new byte[400];
    int len;

    /** "%.4f" of a non-negative distance. */
    void distance(double d) {
        double v = d * 10000;
        double f = Math.floor(v);
        double frac = v - f;
        if (d >= 0 && v < 4e12 && Math.abs(frac - 0.5) > 1e-3) { // below 2^42 the product errs by < 1e-3
            long units = (long) f + (frac > 0.5 ? 1 : 0);
            len = 0;
            writeLong(units / 10000);
            buf[len++] = '.';
            writeFixed(units % 10000, 4);
            return;
        }
        ascii(new BigDecimal(d).setScale(4, RoundingMode.HALF_EVEN).toPlainString());
    }

    /** LD_STR_HUMAN of a double: up to 17 decimals, trailing zeros dropped. */
    void human(double d) {
        len = 0;
        long bitsD = Double.doubleToRawLongBits(d);
        boolean negative = bitsD < 0;
        double a = Math.abs(d);
        int exp = Math.getExponent(a);
        long mant = (bitsD & 0x000FFFFFFFFFFFFFL) | (exp == Double.MIN_EXPONENT - 1 ? 0 : 1L << 52);
        int shift = 52 - exp; // a = mant / 2^shift
        if (a == 0 || Double.isInfinite(a) || Double.isNaN(a) || shift > 62 || shift < 0) {
            slowHuman(d);
            return;
        }
        long ip = mant >>> shift;
        long fracBits = mant & ((1L << shift) - 1);
        // fracBits * 10^17 as 128 bits, divided by 2^shift with the remainder rounded half even
        long hi = Math.multiplyHigh(fracBits, TEN_17);
        long lo = fracBits * TEN_17;
        long q = shift == 0 ? 0 : (lo >>> shift) | (hi << (64 - shift));
        long remMask = (1L << shift) - 1;
        long rem = shift == 0 ? 0 : lo & remMask;
        long half = shift == 0 ? 0 : 1L << (shift - 1);
        if (shift > 0 && (rem > half || (rem == half && (q & 1) == 1))) {
            q++;
        }
        if (q == TEN_17) {
            q = 0;
            ip++;
        }
        if (negative && (ip != 0 || q != 0)) {
            buf[len++] = '-';
        }
        writeLong(ip);
        if (q != 0) {
            buf[len++] = '.';
            writeFixed(q, 17);
            while (buf[len - 1] == '0') {
                len--;
            }
        }
    }

    private void slowHuman(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            ascii(Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf");
            return;
        }
        BigDecimal b = new BigDecimal(d).setScale(17, RoundingMode.HALF_EVEN);
        String s = b.signum() == 0 ? "0" : b.stripTrailingZeros().toPlainString();
        ascii(s);
    }

    private void ascii(String s) {
        len = s.length();
        for (int i = 0; i < len; i++) {
            buf[i] = (byte) s.charAt(i);
        }
    }

    private void writeLong(long v) {
        int start = len;
        do {
            buf[len++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
    }

    private void writeFixed(long v, int digits) {
        for (int i = len + digits - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len += digits;
    }
}
