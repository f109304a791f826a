package io.ringstore.engine.script;

import io.ringstore.engine.util.PrintfG;


/**
 * Numbers as Redis's C code prints and converts them: {@code printf("%.<p>g")} (%.17g for
 * redis.call arguments and double replies, %.14g for Lua 5.1's tostring and cjson), and the C cast
 * {@code (long long)double} as x86-64 does it (NaN and out-of-range give INT64_MIN, where Java's
 * cast saturates). Stateless; any thread.
 */
public final class NumberText {
    private NumberText() {
    }

    /** {@code (long long) d} on x86-64 (cvttsd2si). */
    public static long toLongLong(double d) {
        if (d != d || d >= 0x1p63 || d < -0x1p63) {
            return Long.MIN_VALUE;
        }
        return (long) d;
    }

    /** {@code printf("%.<precision>g", d)} with glibc's inf/nan spellings: see {@link PrintfG}. */
    public static String g(double d, int precision) {
        return PrintfG.g(d, precision);
    }
}
