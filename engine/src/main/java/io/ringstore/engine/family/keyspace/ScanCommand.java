package io.ringstore.engine.family.keyspace;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.family.shared.KeyCollector;
import io.ringstore.engine.family.shared.ScanArgs;
import io.ringstore.engine.family.shared.ScanCursor;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.shard.ShardState;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.util.ByteHash;
import io.ringstore.engine.util.Glob;

import java.util.Arrays;

/**
 * SCAN cursor [MATCH pattern] [COUNT count] [TYPE type] (Redis 7.0's scanGenericCommand) over a
 * keyspace split across shards. The cursor names a shard and that shard's Dict cursor
 * ({@link ScanCursor}); shards are walked in order, each with Redis's reverse-binary cursor
 * ({@code Dict.scan}), so a full iteration returns every key present throughout, across resizes.
 *
 * <p>Routing: SCAN is flagged {@code all_shards}, so with several shards it runs at a barrier on
 * shard 0's thread and reads the shard its cursor names (and the next ones, when a shard is finished
 * inside one call). A key finder cannot express "route to shard N" (routing is by key hash) and a
 * cursor-to-shard route would need a new mechanism in Ingress; a barrier is correct without one,
 * and its cost is bounded by the call's own work (at most COUNT*10 buckets). With one shard there
 * is no barrier at all.
 *
 * <p>As in Redis, COUNT bounds the keys collected before filtering; MATCH, TYPE and expiry then
 * filter them, and keys found expired are deleted (lazy expiry). An unknown TYPE name matches
 * nothing (7.0 behaviour).
 */
final class ScanCommand {
    private static final int[] TYPES = {ObjectType.STRING, ObjectType.LIST, ObjectType.SET, ObjectType.ZSET,
        ObjectType.HASH, ObjectType.STREAM};
    private static final byte[][] TYPE_NAMES = new byte[TYPES.length][];
    /** TYPE filter value that no key has. */
    private static final int NO_TYPE = -2;
    private static final int ANY_TYPE = -1;

    static {
        for (int i = 0; i < TYPES.length; i++) {
            TYPE_NAMES[i] = Replies.b(ObjectType.typeName(TYPES[i]));
        }
    }

    private ScanCommand() {
    }

    static void scan(CommandContext c) {
        long[] parsed = c.scratchLong();
        if (!ScanCursor.parse(c.args.buf(), c.args.off(1), c.args.len(1), parsed)) {
            c.reply.error(Errors.INVALID_CURSOR);
            return;
        }
        long cursor = parsed[0];
        ScanArgs a = ScanArgs.parse(c, 2, true);
        if (a == null) {
            return;
        }
        long count = a.count;
        int patternArg = a.patternArg;
        int type = a.typeArg == 0 ? ANY_TYPE : typeCode(c, a.typeArg);
        KeyCollector keys = KeyCollector.acquire();
        try {
            long next = collect(c, cursor, count, keys);
            int kept = filter(c, keys, patternArg, type);
            c.reply.array(2);
            c.reply.bulkLong(next);
            c.reply.array(kept);
            for (int k = 0; k < kept; k++) {
                c.reply.bulk(keys.keys[k]);
            }
        } finally {
            keys.release();
        }
    }

    /**
     * Walks buckets from {@code cursor} until COUNT keys are collected, COUNT*10 buckets are visited
     * or every shard is done (Redis's loop, continued across shard boundaries). Returns the cursor
     * to reply with.
     */
    static long collect(CommandContext c, long cursor, long count, KeyCollector keys) {
        ShardState[] shards = c.engine.shards;
        int n = shards.length;
        int shard = ScanCursor.shard(cursor, n);
        long dictCursor = ScanCursor.dictCursor(cursor, n);
        long maxIterations = count * 10; // wraps for huge COUNT, as in C: then only the other bounds stop it
        do {
            keys.shard = shard;
            dictCursor = shards[shard].db(c.dbIndex).dict().scan(dictCursor, keys);
            if (dictCursor == 0 && ++shard == n) {
                return 0;
            }
        } while (maxIterations-- != 0 && keys.count < count);
        return ScanCursor.encode(dictCursor, shard, n);
    }

    /**
     * Keeps, in place, the collected keys that match the pattern and type and have not expired;
     * returns how many. The type check is a no-touch read (keyspace hit/miss counted, as Redis's
     * lookupKeyReadWithFlags); every lookup expires a stale key lazily.
     */
    static int filter(CommandContext c, KeyCollector keys, int patternArg, int type) {
        int kept = 0;
        for (int k = 0; k < keys.count; k++) {
            byte[] key = keys.keys[k];
            if (patternArg > 0 && !Glob.match(c.args.buf(), c.args.off(patternArg), c.args.len(patternArg),
                    key, 0, key.length, false)) {
                continue;
            }
            ShardState shard = c.engine.shards[keys.shards[k]];
            Db db = shard.db(c.dbIndex);
            int slot = db.lookup(key, 0, key.length, ByteHash.hash(key, 0, key.length), c.now);
            if (type != ANY_TYPE) {
                if (slot < 0) {
                    shard.stats.keyspaceMisses++;
                } else {
                    shard.stats.keyspaceHits++;
                }
            }
            if (slot < 0 || (type != ANY_TYPE && db.type(slot) != type)) {
                continue;
            }
            keys.keys[kept] = key;
            keys.shards[kept] = keys.shards[k];
            kept++;
        }
        Arrays.fill(keys.keys, kept, keys.count, null);
        keys.count = kept;
        return kept;
    }

    /** The type code named by argument i (case-insensitive), or NO_TYPE for a name no key has. */
    private static int typeCode(CommandContext c, int i) {
        for (int t = 0; t < TYPES.length; t++) {
            if (c.argIs(i, TYPE_NAMES[t])) {
                return TYPES[t];
            }
        }
        return NO_TYPE;
    }
}
