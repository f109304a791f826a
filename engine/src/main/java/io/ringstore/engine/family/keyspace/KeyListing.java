package io.ringstore.engine.family.keyspace;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.family.shared.KeyCollector;
import io.ringstore.engine.shard.ShardState;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;

/**
 * KEYS and RANDOMKEY: keyless commands that read every shard's part of the selected database.
 * Both are flagged {@code all_shards}, so with several shards they run at a barrier on shard 0's
 * thread while the other shards park; with one shard they run on it directly.
 */
final class KeyListing {
    private KeyListing() {
    }

    /**
     * KEYS pattern: every key of the database matching the glob, shard by shard. Expired keys are
     * skipped but not deleted (Redis's keysCommand checks keyIsExpired only).
     */
    static void keys(CommandContext c) {
        KeyCollector keys = KeyCollector.acquire()
                .filtered(c.args.buf(), c.args.off(1), c.args.len(1), c.now);
        try {
            for (ShardState s : c.engine.shards) {
                keys.shard = s.id;
                s.db(c.dbIndex).dict().forEach(keys);
            }
            c.reply.array(keys.count);
            for (int k = 0; k < keys.count; k++) {
                c.reply.bulk(keys.keys[k]);
            }
        } finally {
            keys.release();
        }
    }

    /**
     * RANDOMKEY: a shard chosen with probability proportional to its key count, then a random slot
     * of its Dict, both from the event's deterministic random stream. An expired pick is deleted
     * (counted as expired, as Redis's expireIfNeeded) and another is drawn; null when none is left.
     */
    static void randomkey(CommandContext c) {
        ShardState[] shards = c.engine.shards;
        long total = c.engine.totalKeys(c.dbIndex);
        while (total > 0) {
            long pick = Long.remainderUnsigned(c.nextRandom(), total);
            ShardState shard = shards[0];
            for (ShardState s : shards) {
                long size = s.db(c.dbIndex).size();
                shard = s;
                if (pick < size) {
                    break;
                }
                pick -= size;
            }
            Db db = shard.db(c.dbIndex);
            Dict d = db.dict();
            int slot = d.randomSlot(c.nextRandom());
            if (KeyFamily.expired(d.expire(slot), c.now)) {
                db.removeExpired(slot); // counted, watchers touched, 'expired' raised: expireIfNeeded
                total--;
                continue;
            }
            c.reply.bulk(d.key(slot));
            return;
        }
        c.reply.nullBulk();
    }
}
