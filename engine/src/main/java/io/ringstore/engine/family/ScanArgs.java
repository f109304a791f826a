package io.ringstore.engine.family;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Replies;

/**
 * The options SCAN, SSCAN and HSCAN share: {@code [MATCH pattern] [COUNT n]}, and for SCAN
 * {@code [TYPE type]}, parsed with Redis's rules (later options win; COUNT must be a positive
 * integer; anything else is a syntax error; MATCH "*" is dropped as Redis skips the matcher).
 * One instance per shard thread, reused per call, so a SCAN allocates nothing here.
 */
final class ScanArgs {
    private static final byte[] MATCH = Replies.b("match");
    private static final byte[] COUNT = Replies.b("count");
    private static final byte[] TYPE = Replies.b("type");
    private static final ThreadLocal<ScanArgs> PER_THREAD = ThreadLocal.withInitial(ScanArgs::new);

    long count;
    /** Argument index of the MATCH pattern, 0 for none (or "*"). */
    int patternArg;
    /** Argument index of the TYPE name, 0 for none. */
    int typeArg;

    private ScanArgs() {
    }

    /** Parses the options from argument {@code first}; null after replying the error. */
    static ScanArgs parse(CommandContext c, int first, boolean allowType) {
        ScanArgs a = PER_THREAD.get();
        a.count = 10;
        a.patternArg = 0;
        a.typeArg = 0;
        int argc = c.args.count();
        for (int i = first; i < argc; i += 2) {
            boolean hasValue = i + 1 < argc;
            if (c.argIs(i, COUNT) && hasValue) {
                if (!c.longOrReply(i + 1)) {
                    return null;
                }
                if (c.num < 1) {
                    c.syntaxError();
                    return null;
                }
                a.count = c.num;
            } else if (c.argIs(i, MATCH) && hasValue) {
                a.patternArg = i + 1;
            } else if (allowType && c.argIs(i, TYPE) && hasValue) {
                a.typeArg = i + 1;
            } else {
                c.syntaxError();
                return null;
            }
        }
        int p = a.patternArg;
        if (p > 0 && c.args.len(p) == 1 && c.args.buf()[c.args.off(p)] == '*') {
            a.patternArg = 0; // "*" matches everything: skip the matcher, as Redis does
        }
        return a;
    }
}
