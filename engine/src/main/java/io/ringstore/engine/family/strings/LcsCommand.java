package io.ringstore.engine.family.strings;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.StringValue;

/**
 * LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN] with Redis 7.0's checks in Redis's
 * order: key types first, then options, then the LEN+IDX conflict, then the transient-memory
 * limit (the DP table may not exceed proto-max-bulk-len). The two keys may live on different
 * shards; then this runs at a barrier and {@link CommandContext#db} finds each. Shard thread.
 */
final class LcsCommand {
    private static final byte[] IDX = Replies.b("idx");
    private static final byte[] LEN = Replies.b("len");
    private static final byte[] WITHMATCHLEN = Replies.b("withmatchlen");
    private static final byte[] MINMATCHLEN = Replies.b("minmatchlen");
    private static final byte[] MATCHES_KEY = Replies.b("matches");
    private static final byte[] EMPTY = new byte[0];

    private LcsCommand() {
    }

    static void lcs(CommandContext c) {
        byte[] a = value(c, 1);
        byte[] b = value(c, 2);
        if (a == null || b == null) {
            c.reply.error(Errors.LCS_NOT_STRINGS);
            return;
        }
        boolean getLen = false;
        boolean getIdx = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        int argc = c.args.count();
        for (int j = 3; j < argc; j++) {
            if (c.argIs(j, IDX)) {
                getIdx = true;
            } else if (c.argIs(j, LEN)) {
                getLen = true;
            } else if (c.argIs(j, WITHMATCHLEN)) {
                withMatchLen = true;
            } else if (c.argIs(j, MINMATCHLEN) && j + 1 < argc) {
                if (!c.longOrReply(j + 1)) {
                    return;
                }
                minMatchLen = Math.max(0, c.num);
                j++;
            } else {
                c.syntaxError();
                return;
            }
        }
        if (getLen && getIdx) {
            c.reply.error(Errors.LCS_LEN_AND_IDX);
            return;
        }
        if (LcsTable.transientBytes(a.length, b.length) > c.engine.options.protoMaxBulkLen.number()) {
            c.reply.error(Errors.LCS_TOO_MUCH_MEMORY);
            return;
        }
        if (getLen) {
            c.reply.integer(LcsTable.length(a, b));
            return;
        }
        LcsTable t = LcsTable.build(a, b);
        if (t == null) {
            c.reply.error(Errors.LCS_NO_MEMORY);
            return;
        }
        t.walk(minMatchLen);
        if (getIdx) {
            replyIdx(c, t, withMatchLen);
        } else {
            c.reply.bulk(t.subsequence());
        }
    }

    /**
     * The IDX reply: a map (RESP3) or flat array (RESP2) of "matches" -> [[[a0,a1],[b0,b1]{,len}]...]
     * and "len" -> the LCS length.
     */
    private static void replyIdx(CommandContext c, LcsTable t, boolean withMatchLen) {
        c.reply.map(2);
        c.reply.bulk(MATCHES_KEY);
        int n = t.rangeCount();
        c.reply.array(n);
        for (int r = 0; r < n; r++) {
            c.reply.array(withMatchLen ? 3 : 2);
            c.reply.array(2).integer(t.range(r, 0)).integer(t.range(r, 1));
            c.reply.array(2).integer(t.range(r, 2)).integer(t.range(r, 3));
            if (withMatchLen) {
                c.reply.integer(t.range(r, 1) - t.range(r, 0) + 1);
            }
        }
        c.reply.bulk(LEN);
        c.reply.integer(t.length());
    }

    /** The string at key argument i ("" when missing), or null when it holds another type. */
    private static byte[] value(CommandContext c, int i) {
        Db db = c.db(i);
        int slot = c.readKey(db, i);
        if (slot < 0) {
            return EMPTY;
        }
        if (db.type(slot) != ObjectType.STRING) {
            return null;
        }
        return StringValue.bytes(db.dict(), slot);
    }
}
