package io.ringstore.engine.util;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * C's {@code printf("%.<precision>g", d)} as glibc prints it ("inf", "-inf", "-nan", "-0"): Redis
 * prints sorted set scores and double replies with %.17g ({@link ScoreFormat}), and Lua numbers
 * with %.17g (redis.call arguments) and %.14g (tostring, cjson). Integral values below
 * 10^precision take a path without allocation. Stateless; any thread.
 */
public final class PrintfG {
    private static final MathContext G17 = new MathContext(17, RoundingMode.HALF_EVEN);
    private static final MathContext G14 = new MathContext(14, RoundingMode.HALF_EVEN);

    private PrintfG() {
    }

    /** {@code printf("%.<precision>g", d)} with glibc's inf/nan spellings (NaN from 0/0 prints as -nan on x86). */
    public static String g(double d, int precision) {
        if (d != d) {
            return "-nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        if (d == Math.rint(d) && Math.abs(d) < (precision >= 17 ? 1e17 : Math.pow(10, precision))) {
            return Long.toString((long) d);
        }
        BigDecimal r = new BigDecimal(d).round(precision == 17 ? G17 : precision == 14 ? G14 : new MathContext(precision, RoundingMode.HALF_EVEN));
        String digits = r.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - r.scale();
        int keep = digits.length();
        while (keep > 1 && digits.charAt(keep - 1) == '0') {
            keep--;
        }
        digits = digits.substring(0, keep);
        StringBuilder sb = new StringBuilder(precision + 8);
        if (r.signum() < 0) {
            sb.append('-');
        }
        if (exp < -4 || exp >= precision) {
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
