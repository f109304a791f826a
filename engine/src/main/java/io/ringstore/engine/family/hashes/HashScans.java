package io.ringstore.engine.family.hashes;

import io.ringstore.engine.family.shared.ScanArgs;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.HashPair;
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
    /** Pairs a negative-count HRANDFIELD may walk on a listpack before it indexes positions. */
    private static final long WALK_BUDGET = 1 << 14;

    private HashScans() {
    }

    /**
     * HRANDFIELD key [count [WITHVALUES]]: count (and WITHVALUES) are checked before the lookup. A
     * negative count may repeat fields; a positive one returns distinct fields, the whole hash in
     * its own order when count >= size, a listpack's picks in listpack order (as Redis 7.0). With
     * values in RESP3 each pair is a 2-element array.
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
                HashFamily.bulkField(c, h, h.randomPair(c.nextRandom()));
            }
            return;
        }
        if (!c.longOrReply(2)) {
            return;
        }
        long count = c.num;
        if (count == Long.MIN_VALUE) {
            c.reply.error(Errors.LONG_RANGE);
            return;
        }
        if ((argc == 4 && !c.argIs(3, WITHVALUES)) || argc > 4) {
            c.syntaxError();
            return;
        }
        boolean withValues = argc == 4;
        if (withValues && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) {
            c.reply.error(Errors.VALUE_OUT_OF_RANGE); // 7.0.8's guard: count * 2 must not overflow
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
            // A listpack pick walks to its pair; past a budget, index the positions once instead
            // (the same pair for the same draw either way).
            int[] index = h.isListpack() && n > WALK_BUDGET / h.size() ? positions(h) : null;
            for (long i = 0; i < n; i++) {
                long r = c.nextRandom();
                int p = index == null ? h.randomPair(r) : index[(int) Long.remainderUnsigned(r, index.length)];
                pair(c, pairs, withValues, h, p);
            }
            return;
        }
        long size = h.size();
        if (count >= size) {
            c.reply.array(pairs ? size : withValues ? size * 2 : size);
            for (int p = h.first(); p >= 0; p = h.next(p)) {
                pair(c, pairs, withValues, h, p);
            }
            return;
        }
        int n = (int) count;
        c.reply.array(pairs ? n : withValues ? n * 2L : n);
        if (h.isListpack()) {
            // Redis's CASE 2.5 (lpRandomPairsUnique): selection sampling in listpack order, straight
            // from the packed bytes: each pair is taken with probability wanted / left.
            long left = size;
            for (int p = h.first(); n > 0; p = h.next(p), left--) {
                if (Long.remainderUnsigned(c.nextRandom(), left) < n) {
                    pair(c, pairs, withValues, h, p);
                    n--;
                }
            }
            return;
        }
        // Distinct picks: a partial Fisher-Yates shuffle over the positions in iteration order.
        int[] all = positions(h);
        for (int i = 0; i < n; i++) {
            int j = i + (int) Long.remainderUnsigned(c.nextRandom(), all.length - i);
            int pick = all[j];
            all[j] = all[i];
            pair(c, pairs, withValues, h, pick);
        }
    }

    /** Every position of {@code h} in iteration order. */
    private static int[] positions(HashValue h) {
        int[] all = new int[(int) h.size()];
        int k = 0;
        for (int p = h.first(); p >= 0; p = h.next(p)) {
            all[k++] = p;
        }
        return all;
    }

    private static void pair(CommandContext c, boolean nested, boolean withValues, HashValue h, int p) {
        if (nested) {
            c.reply.array(2);
        }
        HashFamily.bulkField(c, h, p);
        if (withValues) {
            HashFamily.bulkValue(c, h, p);
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
        HashValue h = HashFamily.hash(db, a.slot);
        if (h.isListpack()) {
            scanWhole(c, h, a.patternArg);
            return;
        }
        // Pairs of the large form are arrays of their own, starting at 0.
        List<byte[]> found = new ArrayList<>();
        long maxIterations = a.count * 10;
        long next = a.cursor;
        do {
            next = h.scan(next, (pair, at) -> found.add(pair));
        } while (next != 0 && maxIterations-- > 0 && 2L * found.size() < a.count);
        int kept = 0;
        for (byte[] pair : found) {
            if (matches(c, a.patternArg, pair, 0)) {
                found.set(kept++, pair);
            }
        }
        c.reply.array(2);
        c.reply.bulkLong(next);
        c.reply.array(2L * kept);
        for (int k = 0; k < kept; k++) {
            byte[] pair = found.get(k);
            c.reply.bulk(pair, HashPair.fieldOff(pair, 0), HashPair.fieldLen(pair, 0));
            c.reply.bulk(pair, HashPair.valueOff(pair, 0), HashPair.valueLen(pair, 0));
        }
    }

    /**
     * HSCAN of the listpack form: every pair whose field matches, in listpack order, with cursor 0
     * (as Redis), written straight from the packed bytes: one pass counts, one replies.
     */
    private static void scanWhole(CommandContext c, HashValue h, int patternArg) {
        long kept = 0;
        for (int p = h.first(); p >= 0; p = h.next(p)) {
            if (matches(c, patternArg, h.array(p), h.start(p))) {
                kept++;
            }
        }
        c.reply.array(2);
        c.reply.bulkLong(0);
        c.reply.array(2 * kept);
        for (int p = h.first(); p >= 0; p = h.next(p)) {
            if (matches(c, patternArg, h.array(p), h.start(p))) {
                HashFamily.bulkField(c, h, p);
                HashFamily.bulkValue(c, h, p);
            }
        }
    }

    /** Whether the field of the pair at {@code at} matches MATCH argument {@code patternArg} (0: none). */
    private static boolean matches(CommandContext c, int patternArg, byte[] pair, int at) {
        return patternArg <= 0 || Glob.match(c.args.buf(), c.args.off(patternArg), c.args.len(patternArg),
                pair, HashPair.fieldOff(pair, at), HashPair.fieldLen(pair, at), false);
    }
}
