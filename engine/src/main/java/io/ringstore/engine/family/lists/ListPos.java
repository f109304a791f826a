package io.ringstore.engine.family.lists;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ListCursor;
import io.ringstore.engine.store.ListValue;

/**
 * LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len] (Redis 7.0.15's lposCommand).
 * Options parse before the key lookup. The search is C's loop with C's long arithmetic, so even
 * RANK -9223372036854775808 (which negates to itself in 7.0.15) answers as Redis does. With COUNT
 * the matches are counted in a first pass and replied in a second, so no index buffer is allocated;
 * elements are compared in place through the shard thread's cursor.
 * Runs on the shard thread owning the key.
 */
final class ListPos {
    private static final byte[] RANK = Replies.b("rank");
    private static final byte[] COUNT = Replies.b("count");
    private static final byte[] MAXLEN = Replies.b("maxlen");

    private ListPos() {
    }

    static void lpos(CommandContext c) {
        long rank = 1;
        long count = -1;
        long maxlen = 0;
        int argc = c.args.count();
        for (int j = 3; j < argc; j++) {
            boolean more = argc - 1 - j > 0;
            if (more && c.argIs(j, RANK)) {
                if (!c.longOrReply(++j)) {
                    return;
                }
                rank = c.num;
                if (rank == 0) {
                    c.reply.error(Errors.LPOS_RANK_ZERO);
                    return;
                }
            } else if (more && c.argIs(j, COUNT)) {
                if (!c.parseLong(++j) || c.num < 0) {
                    c.reply.error(Errors.LPOS_COUNT_NEGATIVE);
                    return;
                }
                count = c.num;
            } else if (more && c.argIs(j, MAXLEN)) {
                if (!c.parseLong(++j) || c.num < 0) {
                    c.reply.error(Errors.LPOS_MAXLEN_NEGATIVE);
                    return;
                }
                maxlen = c.num;
            } else {
                c.syntaxError();
                return;
            }
        }
        Db db = c.db(1);
        int slot = ListFamily.lookup(c, db, 1, false);
        if (slot == ListFamily.WRONG) {
            return;
        }
        if (slot < 0) {
            if (count != -1) {
                c.reply.raw(Replies.EMPTY_ARRAY);
            } else {
                c.reply.nullBulk();
            }
            return;
        }
        ListValue l = ListFamily.list(db, slot);
        boolean fromHead = rank > 0;
        if (!fromHead) {
            rank = -rank;
        }
        if (count == -1) {
            long at = search(c, l, fromHead, rank, -1, maxlen, false);
            if (at < 0) {
                c.reply.nullBulk();
            } else {
                c.reply.integer(at);
            }
            return;
        }
        c.reply.array(search(c, l, fromHead, rank, count, maxlen, false));
        search(c, l, fromHead, rank, count, maxlen, true);
    }

    /**
     * The loop of lposCommand. Without COUNT ({@code count} -1) it returns the index of the
     * rank-th match or -1; with a count (0 = all) it returns how many indexes are reported, and
     * with {@code reply} also writes them.
     */
    private static long search(CommandContext c, ListValue l, boolean fromHead, long rank, long count,
                               long maxlen, boolean reply) {
        byte[] buf = c.args.buf();
        int off = c.args.off(2);
        int len = c.args.len(2);
        int llen = l.length();
        long matches = 0;
        long reported = 0;
        long found = -1;
        ListCursor it = ListFamily.cursor();
        boolean more = it.seek(l, fromHead ? 0 : llen - 1);
        for (long index = 0; more && (maxlen == 0 || index < maxlen);
             index++, more = fromHead ? it.next() : it.prev()) {
            int i = (int) (fromHead ? index : llen - index - 1);
            if (it.equalTo(buf, off, len)) {
                matches++;
                if (matches >= rank) {
                    if (count < 0) {
                        found = i;
                        break;
                    }
                    reported++;
                    if (reply) {
                        c.reply.integer(i);
                    }
                    if (count != 0 && matches - rank + 1 >= count) {
                        break;
                    }
                }
            }
        }
        it.release();
        return count < 0 ? found : reported;
    }
}
