package io.ringstore.engine.family.zsets;

import io.ringstore.engine.family.shared.KeyCollector;
import io.ringstore.engine.family.shared.ScanArgs;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ZsetValue;
import io.ringstore.engine.util.Glob;
import io.ringstore.engine.util.ScoreFormat;

/**
 * ZRANDMEMBER (zrandmemberCommand, zrandmemberWithCountCommand) and ZSCAN (zscanCommand +
 * scanGenericCommand). ZRANDMEMBER draws from {@link CommandContext#nextRandom()}: a negative count
 * may repeat members, a positive one answers distinct members (all of them, in order, when the
 * count reaches the size). ZSCAN answers a listpack whole with cursor 0, as Redis; a skiplist
 * walks its member table with the reverse-binary cursor ({@link Dict#scan}). Scores in ZSCAN are
 * bulk strings in both protocols, as Redis. Runs on the shard thread owning the key.
 */
final class ZsetScans {
    private static final byte[] WITHSCORES = Replies.b("withscores");

    private ZsetScans() {
    }

    static void register(CommandTable t) {
        t.add("zrandmember", -2, "readonly", 1, 1, 1, ZsetScans::zrandmember)
                .tips("nondeterministic_output");
        t.add("zscan", -3, "readonly", 1, 1, 1, ZsetScans::zscan)
                .tips("nondeterministic_output");
    }

    static void zrandmember(CommandContext c) {
        int argc = c.args.count();
        if (argc >= 3) {
            if (!c.longOrReply(2)) {
                return;
            }
            long l = c.num;
            if (l == Long.MIN_VALUE) {
                c.reply.error(Errors.LONG_RANGE);
                return;
            }
            boolean withScores = false;
            if (argc > 4 || (argc == 4 && !c.argIs(3, WITHSCORES))) {
                c.syntaxError();
                return;
            } else if (argc == 4) {
                withScores = true;
                if (l < -Long.MAX_VALUE / 2 || l > Long.MAX_VALUE / 2) {
                    c.reply.error(Errors.VALUE_OUT_OF_RANGE);
                    return;
                }
            }
            withCount(c, l, withScores);
            return;
        }
        Db db = c.db(1);
        int slot = ZsetFamily.lookup(c, db, 1, false);
        if (slot == ZsetFamily.WRONG) {
            return;
        }
        if (slot < 0) {
            c.reply.nullBulk();
            return;
        }
        ZsetValue z = ZsetFamily.zset(db, slot);
        z.seek(Long.remainderUnsigned(c.nextRandom(), z.size()));
        c.reply.bulk(z.memberArray(), z.memberOffset(), z.memberLength());
    }

    private static void withCount(CommandContext c, long l, boolean withScores) {
        Db db = c.db(1);
        int slot = ZsetFamily.lookup(c, db, 1, false);
        if (slot == ZsetFamily.WRONG) {
            return;
        }
        if (slot < 0 || l == 0) {
            c.reply.raw(Replies.EMPTY_ARRAY);
            return;
        }
        ZsetValue z = ZsetFamily.zset(db, slot);
        boolean unique = l > 0;
        long count = Math.abs(l);
        long size = z.size();
        boolean resp2 = c.reply.resp() == 2;
        if (!unique || count == 1) {
            c.reply.array(withScores && resp2 ? count * 2 : count);
            for (long k = 0; k < count; k++) {
                z.seek(Long.remainderUnsigned(c.nextRandom(), size));
                entry(c, z, withScores, resp2);
            }
            return;
        }
        if (count >= size) {
            c.reply.array(withScores && resp2 ? size * 2 : size);
            for (z.seek(0); z.valid(); z.next()) {
                entry(c, z, withScores, resp2);
            }
            return;
        }
        // Floyd's sampling: count distinct ranks out of size
        java.util.LinkedHashSet<Long> picked = new java.util.LinkedHashSet<>();
        for (long j = size - count; j < size; j++) {
            long t = Long.remainderUnsigned(c.nextRandom(), j + 1);
            picked.add(picked.contains(t) ? j : t);
        }
        c.reply.array(withScores && resp2 ? count * 2 : count);
        for (long r : picked) {
            z.seek(r);
            entry(c, z, withScores, resp2);
        }
    }

    private static void entry(CommandContext c, ZsetValue z, boolean withScores, boolean resp2) {
        if (withScores && !resp2) {
            c.reply.array(2);
        }
        c.reply.bulk(z.memberArray(), z.memberOffset(), z.memberLength());
        if (withScores) {
            ZsetFamily.score(c, z.score());
        }
    }

    /** ZSCAN key cursor [MATCH pattern] [COUNT count]: the cursor parses before the lookup. */
    static void zscan(CommandContext c) {
        Db db = c.db(1);
        ScanArgs a = ScanArgs.forKey(c, db, ObjectType.ZSET);
        if (a == null) {
            return;
        }
        long cursor = a.cursor;
        int slot = a.slot;
        ZsetValue z = ZsetFamily.zset(db, slot);
        Dict d = z.dict();
        if (d == null) {
            listpackScan(c, z, a.patternArg);
            return;
        }
        KeyCollector found = KeyCollector.acquire();
        try {
            long maxIterations = a.count * 10;
            long next = cursor;
            do {
                next = d.scan(next, found);
            } while (next != 0 && maxIterations-- != 0 && found.count < a.count);
            int p = a.patternArg;
            int kept = 0;
            for (int k = 0; k < found.count; k++) {
                byte[] m = found.keys[k];
                if (p == 0 || Glob.match(c.args.buf(), c.args.off(p), c.args.len(p), m, 0, m.length, false)) {
                    found.keys[kept++] = m;
                }
            }
            c.reply.array(2);
            c.reply.bulkLong(next);
            c.reply.array(kept * 2L);
            for (int k = 0; k < kept; k++) {
                byte[] m = found.keys[k];
                c.reply.bulk(m);
                scoreBulk(c, z.score(m, 0, m.length));
            }
        } finally {
            found.release();
        }
    }

    /** A score as ZSCAN replies it, a bulk string in both protocols (ld2string); integral ones without a String. */
    private static void scoreBulk(CommandContext c, double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e17 && (d != 0 || 1 / d > 0)) {
            c.reply.bulkLong((long) d);
        } else {
            c.reply.bulk(ScoreFormat.format(d));
        }
    }

    /**
     * ZSCAN over a listpack: every entry at once with cursor 0, as Redis; two walks over the packed
     * entries (count the MATCH hits, then reply them) so no member is copied.
     */
    private static void listpackScan(CommandContext c, ZsetValue z, int p) {
        long kept = 0;
        for (z.seek(0); z.valid(); z.next()) {
            if (matches(c, z, p)) {
                kept++;
            }
        }
        c.reply.array(2);
        c.reply.bulkLong(0);
        c.reply.array(kept * 2);
        for (z.seek(0); z.valid(); z.next()) {
            if (matches(c, z, p)) {
                c.reply.bulk(z.memberArray(), z.memberOffset(), z.memberLength());
                scoreBulk(c, z.score());
            }
        }
    }

    private static boolean matches(CommandContext c, ZsetValue z, int p) {
        return p == 0 || Glob.match(c.args.buf(), c.args.off(p), c.args.len(p),
                z.memberArray(), z.memberOffset(), z.memberLength(), false);
    }
}
