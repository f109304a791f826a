package io.ringstore.engine.family.zsets;

import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ZsetRange;
import io.ringstore.engine.store.ZsetValue;

/**
 * The ZRANGE family (zrangeGenericCommand: ZRANGE, ZRANGESTORE, ZREVRANGE, Z[REV]RANGEBYSCORE,
 * Z[REV]RANGEBYLEX) and ZREMRANGEBYRANK/SCORE/LEX (zremrangeGenericCommand). Options are parsed
 * first, then the range, then the key is looked up, as in Redis, so the same error wins. A range
 * by score or lex starts at the first (last, reversed) member in range, skips OFFSET members
 * without looking at them and then takes members while they stay in range, up to LIMIT: Redis's
 * walk, which also fixes what a lex range over members of mixed scores answers. The walk runs
 * twice (count, then reply), so nothing is buffered. Runs on the shard thread owning the keys.
 */
final class ZsetRanges {
    private static final int AUTO = 0;
    private static final int RANK = 1;
    private static final int SCORE = 2;
    private static final int LEX = 3;
    private static final int FORWARD = 1;
    private static final int REVERSE = 2;
    private static final byte[] WITHSCORES = Replies.b("withscores");
    private static final byte[] LIMIT = Replies.b("limit");
    private static final byte[] REV = Replies.b("rev");
    private static final byte[] BYLEX = Replies.b("bylex");
    private static final byte[] BYSCORE = Replies.b("byscore");

    private ZsetRanges() {
    }

    static void register(CommandTable t) {
        t.add("zrange", -4, "readonly", 1, 1, 1, c -> zrange(c, 1, false, AUTO, AUTO));
        t.add("zrangestore", -5, "write denyoom", 1, 2, 1, c -> zrange(c, 2, true, AUTO, AUTO));
        t.add("zrevrange", -4, "readonly", 1, 1, 1, c -> zrange(c, 1, false, RANK, REVERSE));
        t.add("zrangebyscore", -4, "readonly", 1, 1, 1, c -> zrange(c, 1, false, SCORE, FORWARD));
        t.add("zrevrangebyscore", -4, "readonly", 1, 1, 1, c -> zrange(c, 1, false, SCORE, REVERSE));
        t.add("zrangebylex", -4, "readonly", 1, 1, 1, c -> zrange(c, 1, false, LEX, FORWARD));
        t.add("zrevrangebylex", -4, "readonly", 1, 1, 1, c -> zrange(c, 1, false, LEX, REVERSE));
        t.add("zremrangebyrank", 4, "write", 1, 1, 1, c -> zremrange(c, RANK));
        t.add("zremrangebyscore", 4, "write", 1, 1, 1, c -> zremrange(c, SCORE));
        t.add("zremrangebylex", 4, "write", 1, 1, 1, c -> zremrange(c, LEX));
    }

    /** A walk's outcome: where it starts and how many members it takes (rank ranges are dense). */
    private static final class Walk {
        long start;
        long count;
    }

    private static final ThreadLocal<Walk> WALK = ThreadLocal.withInitial(Walk::new);

    /**
     * zrangeGenericCommand: {@code src} is the source key's argument index (1, or 2 for
     * ZRANGESTORE whose destination is argument 1).
     */
    static void zrange(CommandContext c, int src, boolean store, int type, int direction) {
        int argc = c.args.count();
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        for (int j = src + 3; j < argc; j++) {
            int left = argc - j - 1;
            if (!store && c.argIs(j, WITHSCORES)) {
                withScores = true;
            } else if (c.argIs(j, LIMIT) && left >= 2) {
                if (!c.longOrReply(j + 1)) {
                    return;
                }
                offset = c.num;
                if (!c.longOrReply(j + 2)) {
                    return;
                }
                limit = c.num;
                j += 2;
            } else if (direction == AUTO && c.argIs(j, REV)) {
                direction = REVERSE;
            } else if (type == AUTO && c.argIs(j, BYLEX)) {
                type = LEX;
            } else if (type == AUTO && c.argIs(j, BYSCORE)) {
                type = SCORE;
            } else {
                c.syntaxError();
                return;
            }
        }
        boolean reverse = direction == REVERSE;
        if (type == AUTO) {
            type = RANK;
        }
        if (limit != -1 && type == RANK) {
            c.reply.error(Errors.ZRANGE_LIMIT);
            return;
        }
        if (withScores && type == LEX) {
            c.reply.error(Errors.ZRANGE_BYLEX_WITHSCORES);
            return;
        }
        int minArg = src + 1;
        int maxArg = src + 2;
        if (reverse && type != RANK) {
            minArg = src + 2;
            maxArg = src + 1;
        }
        long start = 0;
        long end = 0;
        ZsetRange range = null;
        if (type == RANK) {
            if (!c.longOrReply(minArg)) {
                return;
            }
            start = c.num;
            if (!c.longOrReply(maxArg)) {
                return;
            }
            end = c.num;
        } else {
            range = ZsetFamily.parseRange(c, minArg, maxArg, type == LEX);
            if (range == null) {
                return;
            }
        }
        Db db = c.db(src);
        int slot = ZsetFamily.lookup(c, db, src, false);
        if (slot == ZsetFamily.WRONG) {
            return;
        }
        if (slot < 0) {
            if (store) {
                ZsetFamily.store(c, 1, new ZsetValue(), "zrangestore");
            } else {
                c.reply.raw(Replies.EMPTY_ARRAY);
            }
            return;
        }
        ZsetValue z = ZsetFamily.zset(db, slot);
        Walk w = WALK.get();
        if (type == RANK) {
            rankWalk(z, start, end, reverse, w);
        } else {
            rangeWalk(z, range, offset, limit, reverse, w);
        }
        if (store) {
            long maxEntries = ZsetFamily.maxEntries(c);
            // zrangeResultBeginStore: a rank range knows its length and starts in the form it needs
            // (which decides whether a -0 score keeps its sign); score and lex ranges start as listpack
            ZsetValue result = type == RANK && w.count > maxEntries ? ZsetValue.skiplist() : new ZsetValue();
            long maxValue = ZsetFamily.maxValue(c);
            z.seek(w.start);
            for (long k = 0; k < w.count; k++) {
                result.add(z.memberArray(), z.memberOffset(), z.memberLength(), z.score(), maxEntries, maxValue);
                step(z, reverse);
            }
            ZsetFamily.store(c, 1, result, "zrangestore");
            return;
        }
        boolean resp3 = c.reply.resp() == 3;
        c.reply.array(withScores && !resp3 ? w.count * 2 : w.count);
        z.seek(w.start);
        for (long k = 0; k < w.count; k++) {
            if (withScores && resp3) {
                c.reply.array(2);
            }
            c.reply.bulk(z.memberArray(), z.memberOffset(), z.memberLength());
            if (withScores) {
                ZsetFamily.score(c, z.score());
            }
            step(z, reverse);
        }
    }

    private static void step(ZsetValue z, boolean reverse) {
        if (reverse) {
            z.prev();
        } else {
            z.next();
        }
    }

    /** genericZrangebyrankCommand's index sanitising; a reversed walk counts ranks from the end. */
    private static void rankWalk(ZsetValue z, long start, long end, boolean reverse, Walk w) {
        long llen = z.size();
        if (start < 0) {
            start = llen + start;
        }
        if (end < 0) {
            end = llen + end;
        }
        if (start < 0) {
            start = 0;
        }
        w.count = 0;
        w.start = 0;
        if (start > end || start >= llen) {
            return;
        }
        if (end >= llen) {
            end = llen - 1;
        }
        w.count = end - start + 1;
        w.start = reverse ? llen - 1 - start : start;
    }

    /** The members a score or lex range with OFFSET/LIMIT takes, as Redis walks them. */
    private static void rangeWalk(ZsetValue z, ZsetRange r, long offset, long limit, boolean reverse, Walk w) {
        w.count = 0;
        w.start = 0;
        if (offset < 0 || (offset > 0 && offset >= z.size())) {
            return; // a negative offset makes Redis's skip loop run off the end
        }
        long first = reverse ? z.last(r) : z.first(r);
        if (first < 0) {
            return;
        }
        long at = reverse ? first - offset : first + offset;
        z.seek(at);
        w.start = at;
        long n = 0;
        while (z.valid() && limit-- != 0) {
            if (reverse ? !r.gteMin(z.memberArray(), z.memberOffset(), z.memberLength(), z.score())
                    : !r.lteMax(z.memberArray(), z.memberOffset(), z.memberLength(), z.score())) {
                break;
            }
            n++;
            step(z, reverse);
        }
        w.count = n;
    }

    /** ZREMRANGEBYRANK/SCORE/LEX key a b: the range parsed first; an emptied set is deleted. */
    static void zremrange(CommandContext c, int type) {
        long start = 0;
        long end = 0;
        ZsetRange range = null;
        if (type == RANK) {
            if (!c.longOrReply(2)) {
                return;
            }
            start = c.num;
            if (!c.longOrReply(3)) {
                return;
            }
            end = c.num;
        } else {
            range = ZsetFamily.parseRange(c, 2, 3, type == LEX);
            if (range == null) {
                return;
            }
        }
        Db db = c.db(1);
        int slot = ZsetFamily.lookup(c, db, 1, true);
        if (slot == ZsetFamily.WRONG) {
            return;
        }
        if (slot < 0) {
            c.reply.raw(Replies.ZERO);
            return;
        }
        ZsetValue z = ZsetFamily.zset(db, slot);
        Walk w = WALK.get();
        if (type == RANK) {
            rankWalk(z, start, end, false, w);
        } else {
            rangeWalk(z, range, 0, -1, false, w);
        }
        if (w.count > 0) {
            z.removeRanks(w.start, w.start + w.count - 1);
        }
        boolean deleted = z.isEmpty();
        if (deleted) {
            db.delete(slot);
        }
        if (w.count > 0) {
            c.signalModifiedKey(1);
            c.notify(NotifyFlags.ZSET, type == RANK ? "zremrangebyrank" : type == SCORE ? "zremrangebyscore" : "zremrangebylex", 1);
            if (deleted) {
                c.notify(NotifyFlags.GENERIC, "del", 1);
            }
        }
        c.reply.integer(w.count);
    }
}
