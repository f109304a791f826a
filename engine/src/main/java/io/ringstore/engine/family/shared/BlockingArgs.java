package io.ringstore.engine.family.shared;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.util.LongDouble;
import io.ringstore.engine.util.LongDoubleParser;

/**
 * Argument parsing shared by the blocking commands: the timeout (getTimeoutFromObjectOrReply with
 * UNIT_SECONDS) and the numkeys/direction/COUNT tail of BLMPOP and BZMPOP (lmpopGenericCommand,
 * zmpopGenericCommand). Helpers reply the error themselves and return a sentinel.
 */
public final class BlockingArgs {
    /** {@link #deadline} result after it replied an error. */
    public static final long BAD = -1;

    private BlockingArgs() {
    }

    /**
     * The absolute deadline of timeout argument i (seconds, a long double): 0 for "forever"
     * (0, or anything that rounds up to 0 ms such as -0.0001), else the event's time plus
     * ceil(timeout x 1000) ms, saturated. Errors as 7.0.15: unparsable or NaN, "not a float";
     * negative, infinite or past LLONG_MAX ms, "negative" (the C conversion yields LLONG_MIN).
     */
    public static long deadline(CommandContext c, int i) {
        long ms = wholeSecondsMillis(c.args.buf(), c.args.off(i), c.args.len(i));
        if (ms == -1) { // not plain digits: the exact long double path (allocates)
            LongDouble v = LongDoubleParser.parse(c.args.buf(), c.args.off(i), c.args.len(i));
            if (v == null) {
                c.reply.error(Errors.TIMEOUT_NOT_FLOAT);
                return BAD;
            }
            ms = v.timeoutMillis();
        }
        if (ms < 0) {
            c.reply.error(Errors.TIMEOUT_NEGATIVE);
            return BAD;
        }
        if (ms == 0) {
            return 0;
        }
        long d = c.now + ms;
        return d < c.now ? Long.MAX_VALUE : d;
    }

    /** Timeouts such as "0" or "5" (1 to 15 digits): exact in any precision, no allocation; else -1. */
    private static long wholeSecondsMillis(byte[] b, int off, int len) {
        if (len < 1 || len > 15) {
            return -1;
        }
        long v = 0;
        for (int k = off; k < off + len; k++) {
            int d = b[k] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v * 1000;
    }

    /**
     * Parses the tail of BLMPOP/BZMPOP: numkeys at argument 2 (keys from 3), the direction (first
     * literal: LEFT/MIN, second: RIGHT/MAX) and an optional COUNT (left in {@code c.num}, 1 when
     * absent). Returns numkeys, negated for the second direction, or 0 after replying an error.
     */
    public static int mpop(CommandContext c, byte[] firstWord, byte[] secondWord) {
        int argc = c.args.count();
        if (!c.parseLong(2) || c.num < 1) {
            c.reply.error(Errors.NUMKEYS_NOT_POSITIVE);
            return 0;
        }
        long numkeys = c.num;
        if (numkeys >= argc - 3) { // the direction at 3 + numkeys must be an argument
            c.syntaxError();
            return 0;
        }
        int whereIdx = 3 + (int) numkeys;
        boolean first;
        if (c.argIs(whereIdx, firstWord)) {
            first = true;
        } else if (c.argIs(whereIdx, secondWord)) {
            first = false;
        } else {
            c.syntaxError();
            return 0;
        }
        long count = -1;
        for (int j = whereIdx + 1; j < argc; j++) {
            if (count == -1 && j + 1 < argc && c.argIs(j, COUNT)) {
                if (!c.parseLong(++j) || c.num < 1) {
                    c.reply.error(Errors.COUNT_NOT_POSITIVE);
                    return 0;
                }
                count = c.num;
            } else {
                c.syntaxError();
                return 0;
            }
        }
        c.num = count == -1 ? 1 : count;
        return first ? (int) numkeys : -(int) numkeys;
    }

    private static final byte[] COUNT = io.ringstore.engine.reply.Replies.b("count");
}
