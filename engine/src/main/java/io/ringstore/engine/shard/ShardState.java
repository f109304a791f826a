package io.ringstore.engine.shard;

import io.ringstore.engine.block.WaiterRegistry;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.KeyEvents;
import io.ringstore.engine.store.ShardStats;

/**
 * Everything one shard owns: its slice of every numbered database and its counters. Touched only by
 * the shard's own thread, or by shard 0's thread while this shard is parked at a ring barrier.
 */
public final class ShardState {
    public final int id;
    public final ShardStats stats = new ShardStats();
    /** This shard's blocked clients (BLPOP and friends on keys it owns). */
    public final WaiterRegistry waiters = new WaiterRegistry();
    private final Db[] dbs;
    final ActiveExpiry expiry;
    /** Where this shard's databases report keys added and expired (bound by whoever runs on them). */
    public final KeyEvents keyEvents = new KeyEvents();

    public ShardState(int id, int databases) {
        this.id = id;
        this.dbs = new Db[databases];
        for (int i = 0; i < databases; i++) {
            dbs[i] = new Db(stats, keyEvents, i);
        }
        this.expiry = new ActiveExpiry(databases);
    }

    /** Who is told of expired keys in every database of this shard (the shard's tracking table). */
    public void onExpired(io.ringstore.engine.store.ExpiryListener l) {
        for (Db db : dbs) {
            db.expiryListener(l);
        }
    }

    public Db db(int index) {
        return dbs[index];
    }

    public int databases() {
        return dbs.length;
    }

    /** SWAPDB on this shard's slice. */
    public void swap(int a, int b) {
        Db t = dbs[a];
        dbs[a] = dbs[b];
        dbs[b] = t;
        Db.swapWatched(dbs[a], dbs[b]); // WATCH follows the index, as Redis's db->watched_keys
        dbs[a].index(a);
        dbs[b].index(b);
        expiry.swap(a, b);
    }

    /** Periodic work on a tick event: active expiry, incremental rehash, shrinking. */
    public void tick(long nowMs) {
        for (int i = 0; i < dbs.length; i++) {
            Db db = dbs[i];
            if (db.size() == 0) {
                continue;
            }
            expiry.cycle(i, db, nowMs);
            db.dict().rehashStep(1024);
            db.dict().maybeShrink();
        }
    }
}
