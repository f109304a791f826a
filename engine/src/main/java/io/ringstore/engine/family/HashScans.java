package io.ringstore.engine.family;

import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.store.HashValue;
import io.ringstore.engine.util.Glob;

import java.util.ArrayList;
import java.util.List;

/**
 * HRANDFIELD and HSCAN (Redis 7.0's hrandfieldCommand and scanGenericCommand on a hash). Random
 * picks come from {@link CommandContext#nextRandom()}, so they are deterministic per journal
 * sequence. Runs on the shard thread owning the key.
 */
final class HashScans {
    private static final byte[] WITHVALUES = Replies.b("withvalues");
    private static final byte[] MATCH = Replies.b("match");
    private static final byte[] COUNT = Replies.b("count");
    static final String RANGE = "ERR value is out of range, value must between -9223372036854775807 and "
            + "9223372036854775807";

    private HashScans() {
    }

    /**
     * HRANDFIELD key [count [WITHVALUES]]: count (and WITHVALUES) are checked before the lookup. A
     * negative count may repeat fields; a positive one returns distinct fields, the whole hash in
     * its own order when count >= size. With values in RESP3 each pair is a 2-element array.
     */
    static void hrandfield(CommandContext c) {
        int argc = c.args.count();
        if (argc == 2) {
            HashValue h = HashFamily.read(c);
            if (h == HashFamily.WRONG_VALUE) {
                return;
            }
            if (h == null) {
                c.reply.nullBulk();
            } else {
                c.reply.bulk(h.randomField(h.randomPair(c.nextRandom())));
            }
            return;
        }
        if (!c.longOrReply(2)) {
            return;
        }
        long count = c.num;
        if (count == Long.MIN_VALUE) {
            c.reply.error(RANGE);
            return;
        }
        if ((argc == 4 && !c.argIs(3, WITHVALUES)) || argc > 4) {
            c.syntaxError();
            return;
        }
        boolean withValues = argc == 4;
        if (withValues && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) {
            c.reply.error("ERR value is out of range"); // 7.0.8's guard: count * 2 must not overflow
            return;
        }
        HashValue h = HashFamily.read(c);
        if (h == HashFamily.WRONG_VALUE) {
            return;
        }
        if (h == null || count == 0) {
            c.reply.raw(Replies.EMPTY_ARRAY);
            return;
        }
        boolean pairs = withValues && c.reply.resp() > 2;
        if (count < 0) {
            long n = -count;
            c.reply.array(pairs ? n : withValues ? n * 2 : n);
            for (long i = 0; i < n; i++) {
                int p = h.randomPair(c.nextRandom());
                pair(c, pairs, withValues, h.randomField(p), h.randomValue(p));
            }
            return;
        }
        long size = h.size();
        if (count >= size) {
            c.reply.array(pairs ? size : withValues ? size * 2 : size);
            h.forEach((f, v) -> pair(c, pairs, withValues, f, v));
            return;
        }
        // Distinct picks: a partial Fisher-Yates shuffle over a snapshot of the pairs.
        List<byte[][]> all = new ArrayList<>((int) size);
        h.forEach((f, v) -> all.add(new byte[][] {f, v}));
        int n = (int) count;
        c.reply.array(pairs ? n : withValues ? n * 2L : n);
        for (int i = 0; i < n; i++) {
            int j = i + (int) Long.remainderUnsigned(c.nextRandom(), all.size() - i);
            byte[][] pick = all.get(j);
            all.set(j, all.get(i));
            pair(c, pairs, withValues, pick[0], pick[1]);
        }
    }

    private static void pair(CommandContext c, boolean nested, boolean withValues, byte[] f, byte[] v) {
        if (nested) {
            c.reply.array(2);
        }
        c.reply.bulk(f);
        if (withValues) {
            c.reply.bulk(v);
        }
    }

    /**
     * HSCAN key cursor [MATCH pattern] [COUNT count]: the cursor parses first, then the lookup (a
     * missing key replies an empty scan before options are read), then the options. The listpack
     * form is returned whole with cursor 0; the hashtable form walks Redis's reverse-binary cursor.
     */
    static void hscan(CommandContext c) {
        Db db = c.db(1);
        ScanArgs a = ScanArgs.forKey(c, db, ObjectType.HASH);
        if (a == null) {
            return;
        }
        long cursor = a.cursor;
        HashValue h = HashFamily.hash(db, a.slot);
        long count = a.count;
        int patternArg = a.patternArg;
        List<byte[]> found = new ArrayList<>();
        long next;
        if (h.isListpack()) {
            next = h.scan(0, (f, v) -> {
                found.add(f);
                found.add(v);
            });
        } else {
            long maxIterations = count * 10;
            next = cursor;
            do {
                next = h.scan(next, (f, v) -> {
                    found.add(f);
                    found.add(v);
                });
            } while (next != 0 && maxIterations-- > 0 && found.size() < count);
        }
        int kept = 0;
        for (int k = 0; k < found.size(); k += 2) {
            byte[] f = found.get(k);
            if (patternArg > 0 && !Glob.match(c.args.buf(), c.args.off(patternArg), c.args.len(patternArg),
                    f, 0, f.length, false)) {
                continue;
            }
            found.set(kept++, f);
            found.set(kept++, found.get(k + 1));
        }
        c.reply.array(2);
        c.reply.bulkLong(next);
        c.reply.array(kept);
        for (int k = 0; k < kept; k++) {
            c.reply.bulk(found.get(k));
        }
    }
}
