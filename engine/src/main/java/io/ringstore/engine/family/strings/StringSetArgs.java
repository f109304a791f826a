package io.ringstore.engine.family.strings;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.family.shared.ExpireArgs;
import io.ringstore.engine.reply.Replies;

/**
 * The option grammar SET and GETEX share (t_string.c's parseExtendedStringArgumentsOrReply):
 * NX, XX, GET, KEEPTTL for SET; PERSIST for GETEX; EX, PX, EXAT, PXAT for both. Options may repeat
 * (the last expiry wins) but not conflict: NX with XX, or two different expiry kinds, or an expiry
 * with KEEPTTL/PERSIST, is a syntax error. The result is packed into one long so parsing
 * allocates nothing: option bits in the low word, the expiry value's argument index in the high
 * word. Stateless; runs on the shard thread executing the command.
 */
final class StringSetArgs {
    static final int NX = 1;
    static final int XX = 1 << 1;
    static final int EX = 1 << 2;
    static final int PX = 1 << 3;
    static final int KEEPTTL = 1 << 4;
    static final int GET = 1 << 5;
    static final int EXAT = 1 << 6;
    static final int PXAT = 1 << 7;
    static final int PERSIST = 1 << 8;
    static final int ANY_EXPIRE = EX | PX | EXAT | PXAT;

    private static final byte[] L_NX = Replies.b("nx");
    private static final byte[] L_XX = Replies.b("xx");
    private static final byte[] L_GET = Replies.b("get");
    private static final byte[] L_KEEPTTL = Replies.b("keepttl");
    private static final byte[] L_PERSIST = Replies.b("persist");
    private static final byte[] L_EX = Replies.b("ex");
    private static final byte[] L_PX = Replies.b("px");
    private static final byte[] L_EXAT = Replies.b("exat");
    private static final byte[] L_PXAT = Replies.b("pxat");

    private StringSetArgs() {
    }

    /**
     * Parses the options of SET ({@code forSet}, from argument 3) or GETEX (from argument 2).
     * Returns the packed result, or -1 after replying "syntax error".
     */
    static long parse(CommandContext c, boolean forSet) {
        int flags = 0;
        int expireArg = 0;
        int argc = c.args.count();
        for (int j = forSet ? 3 : 2; j < argc; j++) {
            boolean hasNext = j + 1 < argc;
            int kind = expireKind(c, j);
            if (forSet && c.argIs(j, L_NX) && (flags & XX) == 0) {
                flags |= NX;
            } else if (forSet && c.argIs(j, L_XX) && (flags & NX) == 0) {
                flags |= XX;
            } else if (forSet && c.argIs(j, L_GET)) {
                flags |= GET;
            } else if (forSet && c.argIs(j, L_KEEPTTL) && (flags & (ANY_EXPIRE | PERSIST)) == 0) {
                flags |= KEEPTTL;
            } else if (!forSet && c.argIs(j, L_PERSIST) && (flags & (ANY_EXPIRE | KEEPTTL)) == 0) {
                flags |= PERSIST;
            } else if (kind != 0 && hasNext && (flags & (KEEPTTL | PERSIST)) == 0
                    && (flags & ANY_EXPIRE & ~kind) == 0) {
                flags |= kind;
                expireArg = ++j;
            } else {
                c.syntaxError();
                return -1;
            }
        }
        return ((long) expireArg << 32) | flags;
    }

    private static int expireKind(CommandContext c, int j) {
        if (c.argIs(j, L_EX)) {
            return EX;
        }
        if (c.argIs(j, L_PX)) {
            return PX;
        }
        if (c.argIs(j, L_EXAT)) {
            return EXAT;
        }
        if (c.argIs(j, L_PXAT)) {
            return PXAT;
        }
        return 0;
    }

    static int flags(long parsed) {
        return (int) parsed;
    }

    static boolean has(long parsed, int flag) {
        return (flags(parsed) & flag) != 0;
    }

    /**
     * The absolute deadline in ms of the parsed expiry (0 when there is none), or Long.MIN_VALUE
     * after replying "invalid expire time in '<command>' command" or "not an integer".
     */
    static long deadline(CommandContext c, long parsed, String command) {
        int flags = flags(parsed);
        if ((flags & ANY_EXPIRE) == 0) {
            return 0;
        }
        int unit = (flags & (EX | EXAT)) != 0 ? ExpireArgs.UNIT_SECONDS : ExpireArgs.UNIT_MS;
        boolean absolute = (flags & (EXAT | PXAT)) != 0;
        return ExpireArgs.deadline(c, (int) (parsed >>> 32), unit, absolute, command);
    }
}
