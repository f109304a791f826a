package io.ringstore.engine.shard;

import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ShardStats;

/**
 * Redis's active expire cycle, made deterministic: on every tick a shard samples keys that carry a
 * deadline (20 per loop, walking the table from a per-database cursor), deletes those past the
 * tick's time, and loops again while more than 10% of the sample was stale, up to a fixed number
 * of loops. Effort is counted in work, not wall time, so journal replay and replicas expire the
 * same keys at the same sequence. Owned by the shard thread.
 */
final class ActiveExpiry {
    static final int KEYS_PER_LOOP = 20;
    static final int MAX_LOOPS = 16;
    static final int STALE_PERCENT = 10;

    private final int[] cursors;

    ActiveExpiry(int databases) {
        cursors = new int[databases];
    }

    void swap(int a, int b) {
        int t = cursors[a];
        cursors[a] = cursors[b];
        cursors[b] = t;
    }

    void cycle(int dbIndex, Db db, long nowMs, ShardStats stats) {
        Dict dict = db.dict();
        for (int loop = 0; loop < MAX_LOOPS && dict.volatileKeys() > 0; loop++) {
            int sampled = 0;
            int expired = 0;
            int cap = dict.capacity();
            int mask = cap - 1;
            int i = cursors[dbIndex] & mask;
            int visits = Math.min(cap, KEYS_PER_LOOP * 20);
            while (sampled < KEYS_PER_LOOP && visits-- > 0) {
                if (dict.occupied(i)) {
                    long deadline = dict.expire(i);
                    if (deadline != 0) {
                        sampled++;
                        if (Db.isExpired(deadline, nowMs)) {
                            byte[] key = dict.key(i);
                            dict.removeAt(i);
                            stats.expiredKeys++;
                            db.expired(key, 0, key.length);
                            expired++;
                            continue; // a later entry may have shifted into slot i
                        }
                    }
                }
                i = (i + 1) & mask;
            }
            cursors[dbIndex] = i;
            if (sampled == 0 || expired * 100 <= sampled * STALE_PERCENT) {
                break;
            }
        }
    }
}
