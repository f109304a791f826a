package io.ringstore.engine.family.zsets;

import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.family.shared.NumKeys;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.SetValue;
import io.ringstore.engine.store.ZsetValue;
import io.ringstore.engine.util.ByteHash;
import io.ringstore.engine.util.Strtod;

import java.util.Arrays;
import java.util.Comparator;

/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD: Redis 7.0.15's
 * zunionInterDiffGenericCommand. Inputs may be sorted sets or plain sets (every member scoring 1);
 * every key is looked up and type-checked before the options are parsed, so WRONGTYPE wins over a
 * bad option. Union and intersection visit the inputs smallest first (a stable sort, as glibc's
 * qsort), which fixes the order SUM adds in; a NaN from a weight times an infinity counts as 0, as
 * does inf + -inf under SUM. Results are built in the skiplist form and a stored result moves to
 * the listpack form when it fits (zsetConvertToListpackIfNeeded). Every key's database comes from
 * {@link CommandContext#db(int)}, so the commands run at a barrier across shards. Runs on the
 * shard thread owning the keys, or shard 0 at a barrier.
 */
final class ZsetAlgebra {
    private static final int UNION = 0;
    private static final int INTER = 1;
    private static final int DIFF = 2;
    private static final int SUM = 0;
    private static final int MIN = 1;
    private static final int MAX = 2;
    private static final byte[] WEIGHTS = Replies.b("weights");
    private static final byte[] AGGREGATE = Replies.b("aggregate");
    private static final byte[] WITHSCORES = Replies.b("withscores");
    private static final byte[] LIMIT = Replies.b("limit");
    private static final byte[] SUM_ = Replies.b("sum");
    private static final byte[] MIN_ = Replies.b("min");
    private static final byte[] MAX_ = Replies.b("max");

    private ZsetAlgebra() {
    }

    static void register(CommandTable t) {
        t.add("zunion", -3, "readonly", 0, 0, 0, c -> generic(c, -1, 1, UNION, false)).keys(NumKeys::atOne);
        t.add("zinter", -3, "readonly", 0, 0, 0, c -> generic(c, -1, 1, INTER, false)).keys(NumKeys::atOne);
        t.add("zdiff", -3, "readonly", 0, 0, 0, c -> generic(c, -1, 1, DIFF, false)).keys(NumKeys::atOne);
        t.add("zunionstore", -4, "write denyoom", 0, 0, 0, c -> generic(c, 1, 2, UNION, false))
                .keys(ZsetAlgebra::storeKeys);
        t.add("zinterstore", -4, "write denyoom", 0, 0, 0, c -> generic(c, 1, 2, INTER, false))
                .keys(ZsetAlgebra::storeKeys);
        t.add("zdiffstore", -4, "write denyoom", 0, 0, 0, c -> generic(c, 1, 2, DIFF, false))
                .keys(ZsetAlgebra::storeKeys);
        t.add("zintercard", -3, "readonly", 0, 0, 0, c -> generic(c, -1, 1, INTER, true)).keys(NumKeys::atOne);
    }

    /**
     * Key positions of Z*STORE destination numkeys key...: the destination, then the inputs when
     * numkeys is a positive integer within the arguments. Runs on an I/O thread; no allocation.
     */
    static void storeKeys(RequestEvent e) {
        e.addKeyPos(1);
        NumKeys.add(e, 2);
    }

    /** One input: a sorted set, a plain set, or nothing (a missing key), with its weight. */
    private static final class Source {
        ZsetValue zset;
        SetValue set;
        double weight = 1;

        long size() {
            return zset != null ? zset.size() : set != null ? set.size() : 0;
        }

        /** The member's score in this input (1 in a plain set), or NaN when absent. */
        double score(byte[] m) {
            if (zset != null) {
                return zset.score(m, 0, m.length);
            }
            return set != null && set.contains(m) ? 1 : Double.NaN;
        }

        Object subject() {
            return zset != null ? zset : set;
        }

        /** Every member and its score, in the input's own order. */
        void forEach(Visitor v) {
            if (zset != null) {
                byte[][] ms = new byte[(int) zset.size()][];
                double[] ss = new double[ms.length];
                int k = 0;
                for (zset.seek(0); zset.valid(); zset.next()) {
                    ms[k] = zset.memberCopy();
                    ss[k++] = zset.score();
                }
                for (int i = 0; i < ms.length; i++) {
                    v.visit(ms[i], ss[i]);
                }
            } else if (set != null) {
                for (byte[] m : set.toArray()) {
                    v.visit(m, 1);
                }
            }
        }
    }

    private interface Visitor {
        void visit(byte[] member, double score);
    }

    /**
     * dst: the destination's argument index, or -1 to reply; numkeysArg: where numkeys is; op:
     * UNION, INTER or DIFF; cardinality: ZINTERCARD.
     */
    static void generic(CommandContext c, int dst, int numkeysArg, int op, boolean cardinality) {
        int argc = c.args.count();
        if (!c.longOrReply(numkeysArg)) {
            return;
        }
        long setnum = c.num;
        if (setnum < 1) {
            c.reply.error("ERR at least 1 input key is needed for '" + name(c) + "' command");
            return;
        }
        if (setnum > argc - (numkeysArg + 1)) {
            c.syntaxError();
            return;
        }
        int n = (int) setnum;
        Source[] src = new Source[n];
        int j = numkeysArg + 1;
        for (int i = 0; i < n; i++, j++) {
            Source s = new Source();
            Db db = c.db(j);
            int slot = c.readKey(db, j); // read lookups for STORE too, as 7.0.15 (keyspace misses, keymiss)
            if (slot >= 0) {
                int type = db.type(slot);
                if (type == ObjectType.ZSET) {
                    s.zset = (ZsetValue) db.dict().value(slot);
                } else if (type == ObjectType.SET) {
                    s.set = (SetValue) db.dict().value(slot);
                } else {
                    c.wrongType();
                    return;
                }
            }
            src[i] = s;
        }
        int aggregate = SUM;
        boolean withScores = false;
        long limit = 0;
        Strtod strtod = ZsetFamily.scratch().strtod;
        int remaining = argc - j;
        while (remaining > 0) {
            if (op != DIFF && !cardinality && remaining >= n + 1 && c.argIs(j, WEIGHTS)) {
                j++;
                remaining--;
                for (int i = 0; i < n; i++, j++, remaining--) {
                    if (!strtod.strict(c.args.buf(), c.args.off(j), c.args.len(j))) {
                        c.reply.error(Errors.ZSET_WEIGHT_NOT_FLOAT);
                        return;
                    }
                    src[i].weight = strtod.value;
                }
            } else if (op != DIFF && !cardinality && remaining >= 2 && c.argIs(j, AGGREGATE)) {
                j++;
                if (c.argIs(j, SUM_)) {
                    aggregate = SUM;
                } else if (c.argIs(j, MIN_)) {
                    aggregate = MIN;
                } else if (c.argIs(j, MAX_)) {
                    aggregate = MAX;
                } else {
                    c.syntaxError();
                    return;
                }
                j++;
                remaining -= 2;
            } else if (dst < 0 && !cardinality && c.argIs(j, WITHSCORES)) {
                j++;
                remaining--;
                withScores = true;
            } else if (cardinality && remaining >= 2 && c.argIs(j, LIMIT)) {
                j++;
                if (!c.parseLong(j) || c.num < 0) {
                    c.reply.error(Errors.LIMIT_NEGATIVE);
                    return;
                }
                limit = c.num;
                j++;
                remaining -= 2;
            } else {
                c.syntaxError();
                return;
            }
        }
        if (op != DIFF) {
            Arrays.sort(src, Comparator.comparingLong(Source::size)); // stable, as glibc's merge-sort qsort
        }
        ZsetValue result = ZsetValue.skiplist();
        long count;
        if (op == INTER) {
            count = inter(src, aggregate, cardinality, limit, result);
        } else if (op == UNION) {
            union(src, aggregate, result);
            count = result.size();
        } else {
            diff(src, result);
            count = result.size();
        }
        if (cardinality) {
            c.reply.integer(count);
        } else if (dst > 0) {
            ZsetFamily.store(c, dst, result.fitListpack(ZsetFamily.maxEntries(c), ZsetFamily.maxValue(c)),
                    op == UNION ? "zunionstore" : op == INTER ? "zinterstore" : "zdiffstore");
        } else {
            reply(c, result, withScores);
        }
    }

    private static String name(CommandContext c) {
        return new String(c.args.buf(), c.args.off(0), c.args.len(0), java.nio.charset.StandardCharsets.ISO_8859_1)
                .toLowerCase(java.util.Locale.ROOT);
    }

    private static long inter(Source[] src, int aggregate, boolean cardinality, long limit, ZsetValue result) {
        if (src[0].size() == 0) {
            return 0;
        }
        long[] count = {0};
        boolean[] stop = {false};
        src[0].forEach((m, s) -> {
            if (stop[0]) {
                return;
            }
            double score = src[0].weight * s;
            if (Double.isNaN(score)) {
                score = 0;
            }
            for (int k = 1; k < src.length; k++) {
                double value;
                if (src[k].subject() == src[0].subject()) {
                    value = s * src[k].weight;
                } else {
                    value = src[k].score(m);
                    if (Double.isNaN(value)) {
                        return;
                    }
                    value *= src[k].weight;
                }
                score = aggregate(score, value, aggregate);
            }
            count[0]++;
            if (cardinality) {
                stop[0] = limit > 0 && count[0] >= limit;
            } else {
                result.add(m, 0, m.length, score, Long.MAX_VALUE, Long.MAX_VALUE);
            }
        });
        return count[0];
    }

    private static void union(Source[] src, int aggregate, ZsetValue result) {
        Dict acc = new Dict();
        for (Source s : src) {
            if (s.size() == 0) {
                continue;
            }
            s.forEach((m, v) -> {
                double score = s.weight * v;
                if (Double.isNaN(score)) {
                    score = 0;
                }
                int h = ByteHash.hash(m, 0, m.length);
                int slot = acc.find(m, 0, m.length, h);
                if (slot < 0) {
                    slot = acc.insert(m.clone(), h);
                    acc.setNum(slot, Double.doubleToRawLongBits(score));
                } else {
                    double cur = Double.longBitsToDouble(acc.num(slot));
                    acc.setNum(slot, Double.doubleToRawLongBits(aggregate(cur, score, aggregate)));
                }
            });
        }
        acc.forEach((d, table, slot) -> result.addOwned(Dict.keyAt(table, slot),
                Double.longBitsToDouble(Dict.numAt(table, slot)), Long.MAX_VALUE, Long.MAX_VALUE));
    }

    private static void diff(Source[] src, ZsetValue result) {
        if (src[0].size() == 0) {
            return;
        }
        src[0].forEach((m, s) -> {
            for (int k = 1; k < src.length; k++) {
                if (src[k].subject() == src[0].subject() || !Double.isNaN(src[k].score(m))) {
                    return;
                }
            }
            result.add(m, 0, m.length, s, Long.MAX_VALUE, Long.MAX_VALUE);
        });
    }

    /** zunionInterAggregate. */
    private static double aggregate(double target, double val, int aggregate) {
        if (aggregate == SUM) {
            double r = target + val;
            return Double.isNaN(r) ? 0.0 : r;
        }
        if (aggregate == MIN) {
            return val < target ? val : target;
        }
        return val > target ? val : target;
    }

    /** A ZUNION/ZINTER/ZDIFF reply: flat pairs in RESP2 with scores, nested pairs in RESP3. */
    private static void reply(CommandContext c, ZsetValue result, boolean withScores) {
        boolean resp3 = c.reply.resp() == 3;
        long n = result.size();
        c.reply.array(withScores && !resp3 ? n * 2 : n);
        for (result.seek(0); result.valid(); result.next()) {
            if (withScores && resp3) {
                c.reply.array(2);
            }
            c.reply.bulk(result.memberArray(), result.memberOffset(), result.memberLength());
            if (withScores) {
                ZsetFamily.score(c, result.score());
            }
        }
    }
}
