package io.ringstore.engine.util;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Doubles as Redis 7.0.15 prints sorted set scores: {@code printf("%.17g")} (addReplyDouble,
 * ld2string for ZSCAN), with "inf"/"-inf" and "-0" for negative zero. So 1.1 prints as
 * "1.1000000000000001" (7.2 switched to the shortest form; 7.0 did not). Integral values below
 * 1e17 take a path without allocation. Stateless; any thread.
 */
public final class ScoreFormat {
    private static final MathContext G17 = new MathContext(17, RoundingMode.HALF_EVEN);

    private ScoreFormat() {
    }

    public static String format(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e17) {
            return Long.toString((long) d);
        }
        BigDecimal r = new BigDecimal(d).round(G17);
        String digits = r.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - r.scale(); // decimal exponent of the first digit
        int keep = digits.length();
        while (keep > 1 && digits.charAt(keep - 1) == '0') {
            keep--;
        }
        digits = digits.substring(0, keep);
        StringBuilder sb = new StringBuilder(26);
        if (r.signum() < 0) {
            sb.append('-');
        }
        if (exp < -4 || exp >= 17) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10) {
                sb.append('0');
            }
            sb.append(a);
        } else if (exp < 0) {
            sb.append("0.");
            for (int k = -1; k > exp; k--) {
                sb.append('0');
            }
            sb.append(digits);
        } else if (digits.length() <= exp + 1) {
            sb.append(digits);
            for (int k = digits.length(); k <= exp; k++) {
                sb.append('0');
            }
        } else {
            sb.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
        }
        return sb.toString();
    }
}
