package io.ringstore.engine.family.zsets;

import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.ZsetRange;
import io.ringstore.engine.store.ZsetValue;
import io.ringstore.engine.util.ScoreFormat;
import io.ringstore.engine.util.Strtod;

/**
 * Sorted set commands (Redis 7.0.15's t_zset.c): the rows, ZADD/ZINCRBY and the single-member
 * reads and writes. Range commands live in {@link ZsetRanges}, the multi-key algebra in
 * {@link ZsetAlgebra}, pops in {@link ZsetPops}, ZRANDMEMBER and ZSCAN in {@link ZsetScans}.
 * Arguments are checked in Redis's order so the same error wins; every key's database comes from
 * {@link CommandContext#db(int)}; an emptied sorted set is deleted; the key's meta encoding follows
 * the value's form. Scores reply as Redis 7.0 prints them ({@link ScoreFormat}: "%.17g"), as
 * RESP3 doubles where the connection speaks RESP3. Runs on the shard thread owning the keys.
 */
public final class ZsetFamily {
    static final int WRONG = CommandContext.WRONG_TYPE;
    private static final byte[] NX = Replies.b("nx");
    private static final byte[] XX = Replies.b("xx");
    private static final byte[] CH = Replies.b("ch");
    private static final byte[] INCR = Replies.b("incr");
    private static final byte[] GT = Replies.b("gt");
    private static final byte[] LT = Replies.b("lt");
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Per shard thread parsing state, reused by every sorted set command. */
    static final class Scratch {
        final Strtod strtod = new Strtod();
        final ZsetRange range = new ZsetRange();
        double[] scores = new double[16];
    }

    private ZsetFamily() {
    }

    public static void register(CommandTable t) {
        t.group("sorted_set");
        t.add("zadd", -4, "write denyoom fast", 1, 1, 1, c -> zadd(c, false));
        t.add("zincrby", 4, "write denyoom fast", 1, 1, 1, c -> zadd(c, true));
        t.add("zrem", -3, "write fast", 1, 1, 1, ZsetFamily::zrem);
        t.add("zcard", 2, "readonly fast", 1, 1, 1, ZsetFamily::zcard);
        t.add("zscore", 3, "readonly fast", 1, 1, 1, ZsetFamily::zscore);
        t.add("zmscore", -3, "readonly fast", 1, 1, 1, ZsetFamily::zmscore);
        t.add("zrank", 3, "readonly fast", 1, 1, 1, c -> zrank(c, false));
        t.add("zrevrank", 3, "readonly fast", 1, 1, 1, c -> zrank(c, true));
        t.add("zcount", 4, "readonly fast", 1, 1, 1, c -> zcount(c, false));
        t.add("zlexcount", 4, "readonly fast", 1, 1, 1, c -> zcount(c, true));
        ZsetRanges.register(t);
        ZsetPops.register(t);
        ZsetAlgebra.register(t);
        ZsetScans.register(t);
    }

    static Scratch scratch() {
        return SCRATCH.get();
    }

    static int lookup(CommandContext c, Db db, int i, boolean write) {
        return c.typedKey(db, i, ObjectType.ZSET, write);
    }

    static ZsetValue zset(Db db, int slot) {
        return (ZsetValue) db.dict().value(slot);
    }

    static long maxEntries(CommandContext c) {
        return c.engine.options.zsetMaxListpackEntries.number();
    }

    static long maxValue(CommandContext c) {
        return c.engine.options.zsetMaxListpackValue.number();
    }

    /** Stores {@code z} at key argument {@code i} (absent: the caller looked it up); returns its slot. */
    static int insert(CommandContext c, Db db, int i, ZsetValue z) {
        return insert(c, db, i, z, false);
    }

    /** {@link #insert}; {@code replacing} when the command just deleted the key (an overwrite: no {@code new} event). */
    static int insert(CommandContext c, Db db, int i, ZsetValue z, boolean replacing) {
        int slot = replacing
                ? db.reinsert(c.args.copy(i), c.hash(i), ObjectType.ZSET, z.encoding(), c.now)
                : db.insert(c.args.copy(i), c.hash(i), ObjectType.ZSET, z.encoding(), c.now);
        db.dict().setValue(slot, z);
        return slot;
    }

    static void syncEncoding(Db db, int slot, ZsetValue z) {
        db.dict().setMeta(slot, ObjectType.withEncoding(db.dict().meta(slot), z.encoding()));
    }

    /** A score reply: a RESP3 double, or a bulk string in RESP2 (addReplyDouble). */
    static void score(CommandContext c, double d) {
        if (c.reply.resp() == 2 && d == Math.rint(d) && Math.abs(d) < 1e17 && (d != 0 || 1 / d > 0)) {
            c.reply.bulkLong((long) d); // ScoreFormat's integral case, written without its String
            return;
        }
        c.reply.doubleText(ScoreFormat.format(d));
    }

    /**
     * Replaces key argument {@code dst} with {@code result} (no TTL) or deletes it when empty, and
     * replies the size (the STORE commands' setKey / dbDelete). Signals the key after a store, and
     * after an empty result only when there was a key to delete. Notifies {@code event} after the
     * reply, or {@code del} when the empty result removed the key.
     */
    static void store(CommandContext c, int dst, ZsetValue result, String event) {
        Db db = c.db(dst);
        int slot = c.writeKey(db, dst);
        if (slot >= 0) {
            db.delete(slot);
        }
        if (!result.isEmpty()) {
            insert(c, db, dst, result, slot >= 0);
        }
        if (slot >= 0 || !result.isEmpty()) {
            c.signalModifiedKey(dst);
        }
        c.reply.integer(result.size());
        if (!result.isEmpty()) {
            c.notify(NotifyFlags.ZSET, event, dst);
        } else if (slot >= 0) {
            c.notify(NotifyFlags.GENERIC, "del", dst);
        }
    }

    /**
     * ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member ... and ZINCRBY key increment member
     * (zaddGenericCommand): options, then every score parsed before the key is touched, so a bad
     * score changes nothing; with INCR the reply is the new score, or nil when NX/XX/GT/LT
     * vetoed it.
     */
    static void zadd(CommandContext c, boolean zincrby) {
        boolean nx = false;
        boolean xx = false;
        boolean ch = false;
        boolean incr = zincrby;
        boolean gt = false;
        boolean lt = false;
        int argc = c.args.count();
        int at = 2;
        while (!zincrby && at < argc) {
            if (c.argIs(at, NX)) {
                nx = true;
            } else if (c.argIs(at, XX)) {
                xx = true;
            } else if (c.argIs(at, CH)) {
                ch = true;
            } else if (c.argIs(at, INCR)) {
                incr = true;
            } else if (c.argIs(at, GT)) {
                gt = true;
            } else if (c.argIs(at, LT)) {
                lt = true;
            } else {
                break;
            }
            at++;
        }
        int elements = argc - at;
        if (elements % 2 != 0 || elements == 0) {
            c.syntaxError();
            return;
        }
        elements /= 2;
        if (nx && xx) {
            c.reply.error(Errors.ZADD_XX_AND_NX);
            return;
        }
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            c.reply.error(Errors.ZADD_GT_LT_AND_NX);
            return;
        }
        if (incr && elements > 1) {
            c.reply.error(Errors.ZADD_INCR_PAIR);
            return;
        }
        Scratch s = scratch();
        if (s.scores.length < elements) {
            s.scores = new double[Math.max(elements, s.scores.length * 2)];
        }
        for (int j = 0; j < elements; j++) {
            int a = at + 2 * j;
            if (!s.strtod.strict(c.args.buf(), c.args.off(a), c.args.len(a))) {
                c.reply.error(Errors.NOT_FLOAT);
                return;
            }
            s.scores[j] = s.strtod.value;
        }
        apply(c, s.scores, elements, at + 1, 2, nx, xx, ch, incr, gt, lt);
    }

    /**
     * The write half of ZADD (zaddGenericCommand after its parsing), shared with GEOADD, which
     * Redis runs as a ZADD of the encoded scores: member j is argument {@code firstMember + j *
     * stride} with score {@code scores[j]}. Creates the key unless XX, signals and notifies
     * "zadd"/"zincr" only when something changed, and replies the count (or the INCR score).
     */
    public static void apply(CommandContext c, double[] scores, int elements, int firstMember, int stride,
                             boolean nx, boolean xx, boolean ch, boolean incr, boolean gt, boolean lt) {
        Db db = c.db(1);
        int slot = lookup(c, db, 1, true);
        if (slot == WRONG) {
            return;
        }
        long added = 0;
        long updated = 0;
        long processed = 0;
        double last = 0;
        if (slot < 0 && !xx) {
            slot = insert(c, db, 1, new ZsetValue());
        }
        if (slot >= 0) {
            ZsetValue z = zset(db, slot);
            long maxEntries = maxEntries(c);
            long maxValue = maxValue(c);
            for (int j = 0; j < elements; j++) {
                int m = firstMember + j * stride;
                double score = scores[j];
                double cur = z.score(c.args.buf(), c.args.off(m), c.args.len(m));
                if (!Double.isNaN(cur)) {
                    if (nx) {
                        continue;
                    }
                    if (incr) {
                        score += cur;
                        if (Double.isNaN(score)) {
                            syncEncoding(db, slot, z);
                            c.reply.error(Errors.ZSET_NAN_SCORE);
                            return;
                        }
                    }
                    if ((lt && score >= cur) || (gt && score <= cur)) {
                        continue;
                    }
                    if (score != cur) {
                        z.update(c.args.buf(), c.args.off(m), c.args.len(m), cur, score);
                        updated++;
                    }
                } else if (!xx) {
                    z.add(c.args.buf(), c.args.off(m), c.args.len(m), score, maxEntries, maxValue);
                    added++;
                } else {
                    continue;
                }
                processed++;
                last = score;
            }
            syncEncoding(db, slot, z);
            if (added > 0 || updated > 0) {
                c.signalModifiedKey(1); // as zaddGenericCommand's cleanup: not when nothing changed
            }
        }
        if (incr) {
            if (processed > 0) {
                score(c, last);
            } else {
                c.reply.nullBulk();
            }
        } else {
            c.reply.integer(ch ? added + updated : added);
        }
        if (added > 0 || updated > 0) {
            c.notify(NotifyFlags.ZSET, incr ? "zincr" : "zadd", 1); // after the reply, as zaddGenericCommand's cleanup
        }
    }

    /** ZREM key member...: how many were removed; an emptied set is deleted. */
    static void zrem(CommandContext c) {
        Db db = c.db(1);
        int slot = lookup(c, db, 1, true);
        if (slot == WRONG) {
            return;
        }
        if (slot < 0) {
            c.reply.raw(Replies.ZERO);
            return;
        }
        ZsetValue z = zset(db, slot);
        long removed = 0;
        for (int i = 2; i < c.args.count() && !z.isEmpty(); i++) {
            if (z.remove(c.args.buf(), c.args.off(i), c.args.len(i))) {
                removed++;
            }
        }
        boolean deleted = z.isEmpty();
        if (deleted) {
            db.delete(slot);
        }
        if (removed > 0) {
            c.notify(NotifyFlags.ZSET, "zrem", 1);
            if (deleted) {
                c.notify(NotifyFlags.GENERIC, "del", 1);
            }
            c.signalModifiedKey(1);
        }
        c.reply.integer(removed);
    }

    static void zcard(CommandContext c) {
        Db db = c.db(1);
        int slot = lookup(c, db, 1, false);
        if (slot == WRONG) {
            return;
        }
        c.reply.integer(slot < 0 ? 0 : zset(db, slot).size());
    }

    static void zscore(CommandContext c) {
        Db db = c.db(1);
        int slot = lookup(c, db, 1, false);
        if (slot == WRONG) {
            return;
        }
        double s = slot < 0 ? Double.NaN : zset(db, slot).score(c.args.buf(), c.args.off(2), c.args.len(2));
        if (Double.isNaN(s)) {
            c.reply.nullBulk();
        } else {
            score(c, s);
        }
    }

    static void zmscore(CommandContext c) {
        Db db = c.db(1);
        int slot = lookup(c, db, 1, false);
        if (slot == WRONG) {
            return;
        }
        ZsetValue z = slot < 0 ? null : zset(db, slot);
        c.reply.array(c.args.count() - 2);
        for (int i = 2; i < c.args.count(); i++) {
            double s = z == null ? Double.NaN : z.score(c.args.buf(), c.args.off(i), c.args.len(i));
            if (Double.isNaN(s)) {
                c.reply.nullBulk();
            } else {
                score(c, s);
            }
        }
    }

    /** ZRANK / ZREVRANK key member: the 0-based rank, or nil. */
    static void zrank(CommandContext c, boolean reverse) {
        Db db = c.db(1);
        int slot = lookup(c, db, 1, false);
        if (slot == WRONG) {
            return;
        }
        if (slot < 0) {
            c.reply.nullBulk();
            return;
        }
        ZsetValue z = zset(db, slot);
        long r = z.rank(c.args.buf(), c.args.off(2), c.args.len(2));
        if (r < 0) {
            c.reply.nullBulk();
        } else {
            c.reply.integer(reverse ? z.size() - 1 - r : r);
        }
    }

    /** Parses arguments 2 and 3 as a score or lex range into the scratch range; null after the error. */
    static ZsetRange parseRange(CommandContext c, int minArg, int maxArg, boolean lex) {
        Scratch s = scratch();
        byte[] b = c.args.buf();
        if (lex) {
            if (!s.range.parseLex(b, c.args.off(minArg), c.args.len(minArg), c.args.off(maxArg), c.args.len(maxArg))) {
                c.reply.error(Errors.ZSET_MIN_MAX_NOT_LEX);
                return null;
            }
        } else if (!s.range.parseScore(s.strtod, b, c.args.off(minArg), c.args.len(minArg),
                c.args.off(maxArg), c.args.len(maxArg))) {
            c.reply.error(Errors.ZSET_MIN_MAX_NOT_FLOAT);
            return null;
        }
        return s.range;
    }

    /**
     * ZCOUNT / ZLEXCOUNT key min max: the range is parsed before the lookup. The count follows
     * Redis per form: a listpack walks from the first member in range while members stay in it; a
     * skiplist subtracts the ranks of the first and the last member in range.
     */
    static void zcount(CommandContext c, boolean lex) {
        ZsetRange r = parseRange(c, 2, 3, lex);
        if (r == null) {
            return;
        }
        Db db = c.db(1);
        int slot = lookup(c, db, 1, false);
        if (slot == WRONG) {
            return;
        }
        if (slot < 0) {
            c.reply.raw(Replies.ZERO);
            return;
        }
        ZsetValue z = zset(db, slot);
        long first = z.first(r);
        if (first < 0) {
            c.reply.raw(Replies.ZERO);
            return;
        }
        long count;
        if (z.encoding() == ObjectType.ENC_LISTPACK) {
            count = 0;
            for (z.seek(first); z.valid() && r.lteMax(z.memberArray(), z.memberOffset(), z.memberLength(), z.score()); z.next()) {
                count++;
            }
        } else {
            long last = z.last(r);
            count = last < 0 ? z.size() - first : last - first + 1;
        }
        c.reply.integer(count);
    }
}
