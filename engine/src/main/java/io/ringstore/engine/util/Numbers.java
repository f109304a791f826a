package io.ringstore.engine.util;

import java.nio.charset.StandardCharsets;

/**
 * Number parsing and formatting straight from and to bytes, with Redis's rules ({@code string2ll},
 * {@code ll2string}, {@code string2ld}). No allocation on the integer paths. Stateless; any thread.
 */
public final class Numbers {
    private Numbers() {
    }

    /**
     * Parses a signed decimal exactly as Redis's string2ll does: no spaces, no '+', no leading
     * zeros (except "0"), at most 20 characters, within long range. Returns false on any error.
     */
    public static boolean parseLong(byte[] b, int off, int len, long[] out) {
        if (len == 0 || len > 20) {
            return false;
        }
        int i = off;
        final int end = off + len;
        if (len == 1 && b[i] == '0') {
            out[0] = 0;
            return true;
        }
        boolean negative = false;
        if (b[i] == '-') {
            negative = true;
            i++;
            if (i == end) {
                return false;
            }
        }
        if (b[i] < '1' || b[i] > '9') {
            return false;
        }
        long v = 0; // accumulate negatively so Long.MIN_VALUE fits
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (v < (Long.MIN_VALUE + d) / 10) {
                return false;
            }
            v = v * 10 - d;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                return false;
            }
            v = -v;
        }
        out[0] = v;
        return true;
    }

    /** Number of bytes {@link #writeLong} produces. */
    public static int longLength(long v) {
        if (v == Long.MIN_VALUE) {
            return 20;
        }
        int n = 1;
        if (v < 0) {
            n++;
            v = -v;
        }
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    /** Writes v in decimal at off; returns the new offset. The caller ensures capacity. */
    public static int writeLong(byte[] b, int off, long v) {
        if (v == Long.MIN_VALUE) {
            byte[] min = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(min, 0, b, off, min.length);
            return off + min.length;
        }
        int len = longLength(v);
        int end = off + len;
        if (v < 0) {
            b[off] = '-';
            v = -v;
        }
        int p = end;
        do {
            b[--p] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        return end;
    }

    public static byte[] toBytes(long v) {
        byte[] b = new byte[longLength(v)];
        writeLong(b, 0, v);
        return b;
    }

    /**
     * Parses a double the way Redis's string2d / getDoubleFromObject accepts it: the whole string,
     * no leading or trailing space, not NaN; "inf", "+inf", "-inf" (any case) allowed.
     * Returns NaN on error (callers reply "-ERR value is not a valid float").
     */
    public static double parseDouble(byte[] b, int off, int len) {
        if (len == 0 || len > 5000) {
            return Double.NaN;
        }
        if (isSpace(b[off]) || isSpace(b[off + len - 1])) {
            return Double.NaN;
        }
        String s = new String(b, off, len, StandardCharsets.US_ASCII);
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        switch (lower) {
            case "inf": case "+inf": case "infinity": case "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+'
                    || c == 'x' || c == 'X' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == 'p' || c == 'P';
            if (!ok) {
                return Double.NaN;
            }
        }
        try {
            if (lower.contains("x")) {
                return hexDouble(lower);
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double hexDouble(String s) {
        String t = s.contains("p") ? s : s + "p0";
        return Double.parseDouble(t);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    /**
     * Formats a double as Redis 7 does for replies and stored scores (fpconv_dtoa: the shortest
     * representation that round-trips, "%.17g"-style exponent form "1e+20", "inf", "-inf").
     */
    public static String formatDouble(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e17) {
            return Long.toString((long) d);
        }
        String r = Double.toString(d); // shortest round-trip digits, Java syntax
        int e = r.indexOf('E');
        String mant = e < 0 ? r : r.substring(0, e);
        int exp = e < 0 ? 0 : Integer.parseInt(r.substring(e + 1));
        // Normalise mantissa digits and decimal exponent, then print as %g would with those digits.
        boolean neg = mant.startsWith("-");
        if (neg) {
            mant = mant.substring(1);
        }
        int dot = mant.indexOf('.');
        String digits = mant.substring(0, dot) + mant.substring(dot + 1);
        int pointPos = dot + exp; // position of decimal point within digits
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
            pointPos--;
        }
        digits = digits.substring(lead);
        int trail = digits.length();
        while (trail > 1 && digits.charAt(trail - 1) == '0') {
            trail--;
        }
        digits = digits.substring(0, trail);
        int decExp = pointPos - 1; // scientific exponent
        StringBuilder sb = new StringBuilder(32);
        if (neg) {
            sb.append('-');
        }
        if (decExp < -4 || decExp >= 17) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(decExp < 0 ? '-' : '+');
            int ae = Math.abs(decExp);
            if (ae < 10) {
                sb.append('0');
            }
            sb.append(ae);
        } else if (decExp < 0) {
            sb.append("0.");
            for (int i = -1; i > decExp; i--) {
                sb.append('0');
            }
            sb.append(digits);
        } else {
            if (digits.length() <= decExp + 1) {
                sb.append(digits);
                for (int i = digits.length(); i <= decExp; i++) {
                    sb.append('0');
                }
            } else {
                sb.append(digits, 0, decExp + 1).append('.').append(digits, decExp + 1, digits.length());
            }
        }
        return sb.toString();
    }

    public static boolean equalsIgnoreCase(byte[] b, int off, int len, byte[] lowerLiteral) {
        if (len != lowerLiteral.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            int c = b[off + i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lowerLiteral[i]) {
                return false;
            }
        }
        return true;
    }
}
