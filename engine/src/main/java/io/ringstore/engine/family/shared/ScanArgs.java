package io.ringstore.engine.family.shared;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;

/**
 * The options SCAN, SSCAN, HSCAN and ZSCAN share: {@code [MATCH pattern] [COUNT n]}, and for SCAN
 * {@code [TYPE type]}, parsed with Redis's rules (later options win; COUNT must be a positive
 * integer; anything else is a syntax error; MATCH "*" is dropped as Redis skips the matcher).
 * One instance per shard thread, reused per call, so a SCAN allocates nothing here.
 */
public final class ScanArgs {
    private static final byte[] MATCH = Replies.b("match");
    private static final byte[] COUNT = Replies.b("count");
    private static final byte[] TYPE = Replies.b("type");
    private static final ThreadLocal<ScanArgs> PER_THREAD = ThreadLocal.withInitial(ScanArgs::new);

    public long count;
    /** Argument index of the MATCH pattern, 0 for none (or "*"). */
    public int patternArg;
    /** Argument index of the TYPE name, 0 for none. */
    public int typeArg;
    /** {@link #forKey} only: the parsed cursor and the slot of key argument 1. */
    public long cursor;
    public int slot;

    private ScanArgs() {
    }

    private static final byte[] EMPTY_SCAN = Replies.b("*2\r\n$1\r\n0\r\n*0\r\n");

    /**
     * The start of SSCAN/HSCAN/ZSCAN {@code key cursor [options]}, in Redis's order: the cursor
     * parses first, then the key is looked up as {@code type} (a missing key replies an empty scan
     * before the options are read), then the options. Null after replying (invalid cursor,
     * WRONGTYPE, empty scan, bad option); else {@link #cursor} and {@link #slot} (in {@code db}) are set.
     */
    public static ScanArgs forKey(CommandContext c, Db db, int type) {
        long[] parsed = c.scratchLong();
        if (!ScanCursor.parse(c.args.buf(), c.args.off(2), c.args.len(2), parsed)) {
            c.reply.error(Errors.INVALID_CURSOR);
            return null;
        }
        long cursor = parsed[0];
        int slot = c.typedKey(db, 1, type, false);
        if (slot == CommandContext.WRONG_TYPE) {
            return null;
        }
        if (slot < 0) {
            c.reply.raw(EMPTY_SCAN);
            return null;
        }
        ScanArgs a = parse(c, 3, false);
        if (a != null) {
            a.cursor = cursor;
            a.slot = slot;
        }
        return a;
    }

    /** Parses the options from argument {@code first}; null after replying the error. */
    public static ScanArgs parse(CommandContext c, int first, boolean allowType) {
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
