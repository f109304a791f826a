package io.ringstore.engine.family.lists;

import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ListValue;

/**
 * LMOVE, RPOPLPUSH and LMPOP (Redis 7.0's lmoveGenericCommand and lmpopGenericCommand). Each key's
 * database comes from {@link CommandContext#db(int)}, so the same code runs on one shard or at a
 * barrier when the keys live on different shards. A moved element is copied out of the source's
 * node once and pushed into the destination (a write). Runs on a shard thread (shard 0 at a barrier).
 */
final class ListMoves {
    private static final byte[] LEFT = Replies.b("left");
    private static final byte[] RIGHT = Replies.b("right");
    private static final byte[] COUNT = Replies.b("count");
    /** {@link #where} result after it replied a syntax error. */
    private static final int BAD = -1;

    private ListMoves() {
    }

    /** getListPositionFromObjectOrReply: 1 for LEFT (head), 0 for RIGHT, BAD after a syntax error. */
    private static int where(CommandContext c, int i) {
        if (c.argIs(i, LEFT)) {
            return 1;
        }
        if (c.argIs(i, RIGHT)) {
            return 0;
        }
        c.syntaxError();
        return BAD;
    }

    /** LMOVE source destination LEFT|RIGHT LEFT|RIGHT: both directions parse before any lookup. */
    static void lmove(CommandContext c) {
        int from = where(c, 3);
        if (from == BAD) {
            return;
        }
        int to = where(c, 4);
        if (to == BAD) {
            return;
        }
        move(c, from == 1, to == 1);
    }

    /** RPOPLPUSH source destination = LMOVE source destination RIGHT LEFT. */
    static void rpoplpush(CommandContext c) {
        move(c, false, true);
    }

    /**
     * The element moved, or null when the source is missing. A destination of another type replies
     * WRONGTYPE before anything is popped. Source and destination the same key rotate the list in
     * place (its TTL stays). Otherwise the source is deleted when emptied before the destination is
     * looked up again, because that delete shifts slots and an insert may start a rehash.
     */
    static void move(CommandContext c, boolean fromHead, boolean toHead) {
        move(c, fromHead, toHead, true);
    }

    /**
     * {@link #move}; {@code signalSource} false when serving a blocked BLMOVE/BRPOPLPUSH: Redis 7.0's
     * serveClientBlockedOnList signals only the destination (lmoveHandlePush), the push that made
     * the source ready having signalled it.
     */
    static void move(CommandContext c, boolean fromHead, boolean toHead, boolean signalSource) {
        Db sdb = c.db(1);
        int s = ListFamily.lookup(c, sdb, 1, true);
        if (s == ListFamily.WRONG) {
            return;
        }
        if (s < 0) {
            c.reply.nullBulk();
            return;
        }
        Db ddb = c.db(2);
        int d = ListFamily.lookup(c, ddb, 2, true);
        if (d == ListFamily.WRONG) {
            return;
        }
        if (sdb == ddb) {
            s = c.peekKey(sdb, 1); // the destination's lookup may have expired a key and shifted slots
        }
        ListValue src = ListFamily.list(sdb, s);
        byte[] v = src.pop(fromHead);
        if (sdb == ddb && d == s) {
            src.push(v, toHead);
            signalMoved(c, signalSource);
            c.notify(NotifyFlags.LIST, toHead ? "lpush" : "rpush", 2);
            c.reply.bulk(v);
            ListFamily.popped(c, 1, fromHead, false);
            return;
        }
        boolean deleted = src.isEmpty();
        if (deleted) {
            sdb.delete(s);
        }
        d = c.peekKey(ddb, 2);
        ListValue dst = d < 0 ? ListFamily.create(c, ddb, 2) : ListFamily.list(ddb, d);
        dst.push(v, toHead);
        signalMoved(c, signalSource);
        // lmoveHandlePush notifies the push and replies, lmoveGenericCommand then notifies the pop.
        c.notify(NotifyFlags.LIST, toHead ? "lpush" : "rpush", 2);
        c.reply.bulk(v);
        ListFamily.popped(c, 1, fromHead, deleted);
    }

    /** lmoveHandlePush signals the destination, lmoveGenericCommand then the source. */
    private static void signalMoved(CommandContext c, boolean signalSource) {
        c.signalModifiedKey(2);
        if (signalSource) {
            c.signalModifiedKey(1);
        }
    }

    /**
     * LMPOP numkeys key... LEFT|RIGHT [COUNT count]: pops from the first non-empty list, replying
     * [key, [elements]], or a null array when every key is missing. Everything parses first; a key
     * of another type met before a list replies WRONGTYPE.
     */
    static void lmpop(CommandContext c) {
        int argc = c.args.count();
        if (!c.parseLong(1) || c.num < 1) {
            c.reply.error(Errors.NUMKEYS_NOT_POSITIVE);
            return;
        }
        long numkeys = c.num;
        if (numkeys >= argc - 2) { // where index = numkeys + 2 must be an argument
            c.syntaxError();
            return;
        }
        int whereIdx = (int) numkeys + 2;
        int where = where(c, whereIdx);
        if (where == BAD) {
            return;
        }
        long count = -1;
        for (int j = whereIdx + 1; j < argc; j++) {
            boolean more = argc - 1 - j > 0;
            if (count == -1 && more && c.argIs(j, COUNT)) {
                if (!c.parseLong(++j) || c.num < 1) {
                    c.reply.error(Errors.COUNT_NOT_POSITIVE);
                    return;
                }
                count = c.num;
            } else {
                c.syntaxError();
                return;
            }
        }
        if (count == -1) {
            count = 1;
        }
        for (int i = 2; i < whereIdx; i++) {
            Db db = c.db(i);
            int slot = ListFamily.lookup(c, db, i, true);
            if (slot == ListFamily.WRONG) {
                return;
            }
            if (slot < 0) {
                continue;
            }
            ListValue l = ListFamily.list(db, slot);
            c.reply.array(2);
            c.reply.bulk(c.args.buf(), c.args.off(i), c.args.len(i));
            ListFamily.popInto(c, l, where == 1, count);
            boolean deleted = l.isEmpty();
            if (deleted) {
                db.delete(slot);
            }
            ListFamily.popped(c, i, where == 1, deleted);
            c.signalModifiedKey(i);
            return;
        }
        c.reply.nullArray();
    }
}
