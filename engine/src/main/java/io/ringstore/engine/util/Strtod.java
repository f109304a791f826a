package io.ringstore.engine.util;

import java.nio.charset.StandardCharsets;

/**
 * C's {@code strtod} as glibc applies it, over bytes: leading white space, an optional sign, then
 * "inf"/"infinity", "nan" (with an optional "(chars)"), a hexadecimal float ("0x1.8p3") or a
 * decimal one; {@link #parse} answers how far it read and the value, and notes ERANGE (overflow to
 * infinity, or underflow to zero). Redis parses sorted set scores and range bounds with strtod and
 * then applies its own checks ({@link #strict} for getDoubleFromObject). Integers of up to 15
 * digits take a path without allocation. One instance per shard thread, reused per call.
 */
public final class Strtod {
    /** The value of the last {@link #parse}. */
    public double value;
    /** Whether the last parse overflowed to infinity or underflowed to zero (errno ERANGE). */
    public boolean erange;

    /** Parses from {@code off}; returns the offset after the longest valid prefix, {@code off} if none. */
    public int parse(byte[] b, int off, int len) {
        value = 0;
        erange = false;
        final int end = off + len;
        int i = off;
        while (i < end && isSpace(b[i])) {
            i++;
        }
        boolean negative = false;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        if (word(b, i, end, "inf")) {
            i += word(b, i + 3, end, "inity") ? 8 : 3;
            value = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return i;
        }
        if (word(b, i, end, "nan")) {
            i += 3;
            if (i < end && b[i] == '(') {
                int j = i + 1;
                while (j < end && (Character.isLetterOrDigit(b[j]) || b[j] == '_') && b[j] > 0) {
                    j++;
                }
                if (j < end && b[j] == ')') {
                    i = j + 1;
                }
            }
            value = Double.NaN;
            return i;
        }
        if (i + 1 < end && b[i] == '0' && (b[i + 1] == 'x' || b[i + 1] == 'X')) {
            int h = hex(b, i + 2, end, negative);
            if (h > 0) {
                return h;
            }
        }
        return decimal(b, off, i, end, negative);
    }

    /**
     * getDoubleFromObject's rules: the whole argument, not empty, no leading space, no ERANGE to
     * infinity or zero, not NaN. Returns false when Redis would reply "value is not a valid float".
     */
    public boolean strict(byte[] b, int off, int len) {
        if (len == 0 || isSpace(b[off])) {
            return false;
        }
        int stop = parse(b, off, len);
        if (stop != off + len || Double.isNaN(value)) {
            return false;
        }
        return !(erange && (Double.isInfinite(value) || value == 0));
    }

    private int decimal(byte[] b, int start, int i, int end, boolean negative) {
        int from = i;
        int digits = 0;
        boolean nonZero = false;
        long mant = 0;
        boolean simple = true;
        while (i < end && isDigit(b[i])) {
            nonZero |= b[i] != '0';
            mant = mant * 10 + (b[i] - '0');
            digits++;
            i++;
        }
        if (i < end && b[i] == '.') {
            simple = false;
            i++;
            while (i < end && isDigit(b[i])) {
                nonZero |= b[i] != '0';
                digits++;
                i++;
            }
        }
        if (digits == 0) {
            return start; // no conversion: strtod leaves the end pointer at the start
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            int j = i + 1;
            if (j < end && (b[j] == '+' || b[j] == '-')) {
                j++;
            }
            if (j < end && isDigit(b[j])) {
                while (j < end && isDigit(b[j])) {
                    j++;
                }
                i = j;
                simple = false;
            }
        }
        double v;
        if (simple && digits <= 15) {
            v = mant;
        } else {
            v = Double.parseDouble(new String(b, from, i - from, StandardCharsets.US_ASCII));
        }
        erange = (Double.isInfinite(v)) || (v == 0 && nonZero);
        value = negative ? -v : v;
        return i;
    }

    /** A hexadecimal float after "0x" at {@code i}; 0 when no hex digit follows (then "0" is decimal). */
    private int hex(byte[] b, int i, int end, boolean negative) {
        int from = i;
        int digits = 0;
        boolean nonZero = false;
        while (i < end && Character.digit(b[i], 16) >= 0) {
            nonZero |= b[i] != '0';
            digits++;
            i++;
        }
        int dot = -1;
        if (i < end && b[i] == '.') {
            dot = i;
            i++;
            while (i < end && Character.digit(b[i], 16) >= 0) {
                nonZero |= b[i] != '0';
                digits++;
                i++;
            }
        }
        if (digits == 0) {
            return 0;
        }
        int mantEnd = i;
        String exp = "p0";
        if (i < end && (b[i] == 'p' || b[i] == 'P')) {
            int j = i + 1;
            if (j < end && (b[j] == '+' || b[j] == '-')) {
                j++;
            }
            if (j < end && isDigit(b[j])) {
                while (j < end && isDigit(b[j])) {
                    j++;
                }
                exp = new String(b, i, j - i, StandardCharsets.US_ASCII);
                i = j;
            }
        }
        String mant = new String(b, from, mantEnd - from, StandardCharsets.US_ASCII);
        if (dot == mantEnd - 1) {
            mant = mant.substring(0, mant.length() - 1);
        }
        double v;
        try {
            v = Double.parseDouble("0x" + (mant.startsWith(".") ? "0" + mant : mant) + exp);
        } catch (NumberFormatException e) {
            v = Double.POSITIVE_INFINITY; // an exponent beyond int range: overflow
        }
        erange = Double.isInfinite(v) || (v == 0 && nonZero);
        value = negative ? -v : v;
        return i;
    }

    private static boolean word(byte[] b, int i, int end, String w) {
        if (end - i < w.length()) {
            return false;
        }
        for (int k = 0; k < w.length(); k++) {
            int c = b[i + k];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != w.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** C's isspace in the C locale. */
    public static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }
}
