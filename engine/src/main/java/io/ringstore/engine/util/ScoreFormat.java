package io.ringstore.engine.util;

/**
 * Doubles as Redis 7.0.15 prints sorted set scores: {@code printf("%.17g")} (addReplyDouble,
 * ld2string for ZSCAN), with "inf"/"-inf" and "-0" for negative zero. So 1.1 prints as
 * "1.1000000000000001" (7.2 switched to the shortest form; 7.0 did not). Integral values below
 * 1e17 take a path without allocation. Stateless; any thread.
 */
public final class ScoreFormat {
    private ScoreFormat() {
    }

    public static String format(double d) {
        return PrintfG.g(d, 17);
    }
}
