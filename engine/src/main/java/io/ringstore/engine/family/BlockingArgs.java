package io.ringstore.engine.family;

import io.ringstore.engine.command.CommandContext;

/**
 * Argument parsing shared by the blocking commands: the timeout (getTimeoutFromObjectOrReply with
 * UNIT_SECONDS) and the numkeys/direction/COUNT tail of BLMPOP and BZMPOP (lmpopGenericCommand,
 * zmpopGenericCommand). Helpers reply the error themselves and return a sentinel.
 */
final class BlockingArgs {
    /** {@link #deadline} result after it replied an error. */
    static final long BAD = -1;

    private BlockingArgs() {
    }

    /**
     * The absolute deadline of timeout argument i (seconds, a long double): 0 for "forever"
     * (0, or anything that rounds up to 0 ms such as -0.0001), else the event's time plus
     * ceil(timeout x 1000) ms, saturated. Errors as 7.0.15: unparsable or NaN, "not a float";
     * negative, infinite or past LLONG_MAX ms, "negative" (the C conversion yields LLONG_MIN).
     */
    static long deadline(CommandContext c, int i) {
        LongDouble v = LongDoubleParser.parse(c.args.buf(), c.args.off(i), c.args.len(i));
        if (v == null) {
            c.reply.error("ERR timeout is not a float or out of range");
            return BAD;
        }
        long ms = v.timeoutMillis();
        if (ms < 0) {
            c.reply.error("ERR timeout is negative");
            return BAD;
        }
        if (ms == 0) {
            return 0;
        }
        long d = c.now + ms;
        return d < c.now ? Long.MAX_VALUE : d;
    }

    /** Parsed tail of BLMPOP/BZMPOP: keys at [2 + 1, 2 + 1 + numkeys), the direction, the count. */
    static final class Mpop {
        int numkeys;
        boolean first;
        long count;
    }

    /**
     * Parses numkeys at argument 2, the direction (first literal: LEFT/MIN, second: RIGHT/MAX) and
     * an optional COUNT. Returns false after replying an error. Allocation-free given {@code out}.
     */
    static boolean mpop(CommandContext c, byte[] firstWord, byte[] secondWord, Mpop out) {
        int argc = c.args.count();
        if (!c.parseLong(2) || c.num < 1) {
            c.reply.error("ERR numkeys should be greater than 0");
            return false;
        }
        long numkeys = c.num;
        if (numkeys >= argc - 3) { // the direction at 3 + numkeys must be an argument
            c.syntaxError();
            return false;
        }
        int whereIdx = 3 + (int) numkeys;
        if (c.argIs(whereIdx, firstWord)) {
            out.first = true;
        } else if (c.argIs(whereIdx, secondWord)) {
            out.first = false;
        } else {
            c.syntaxError();
            return false;
        }
        long count = -1;
        for (int j = whereIdx + 1; j < argc; j++) {
            if (count == -1 && j + 1 < argc && c.argIs(j, COUNT)) {
                if (!c.parseLong(++j) || c.num < 1) {
                    c.reply.error("ERR count should be greater than 0");
                    return false;
                }
                count = c.num;
            } else {
                c.syntaxError();
                return false;
            }
        }
        out.numkeys = (int) numkeys;
        out.count = count == -1 ? 1 : count;
        return true;
    }

    private static final byte[] COUNT = io.ringstore.engine.reply.Replies.b("count");
}
