package io.ringstore.engine.store;

import java.util.ArrayList;

/**
 * One client's WATCH state: per shard, the keys it watches there and a dirty flag (Redis's
 * CLIENT_DIRTY_CAS, split by shard). Created by the connection's I/O thread at its first WATCH,
 * before that command enters the ring. Each shard's list and flag are touched only by that shard's
 * thread (or by shard 0 at a barrier, when every shard is parked). EXEC reads the flags of the
 * shards it runs on, which include every shard holding the client's watches, so ring order orders
 * each read after the writes before it. One flag for all shards would not be: a shard running
 * ahead could mark dirty, for a WATCH later in the ring, a client whose earlier EXEC another shard
 * has yet to run.
 */
public final class Watcher {
    private final ArrayList<WatchedKey>[] byShard;
    /** Per shard: a key watched there was touched (or flushed, swapped) since WATCH. */
    private final boolean[] dirty;

    /** The client's id (snapshots record watches by it). */
    public final long clientId;

    @SuppressWarnings("unchecked")
    public Watcher(int shards, long clientId) {
        this.byShard = new ArrayList[shards];
        this.dirty = new boolean[shards];
        this.clientId = clientId;
    }

    /** This client's watched keys on {@code shard} (created on first use, by that shard's thread). */
    ArrayList<WatchedKey> on(int shard) {
        ArrayList<WatchedKey> l = byShard[shard];
        if (l == null) {
            l = new ArrayList<>(4);
            byShard[shard] = l;
        }
        return l;
    }

    /** Whether a key watched on {@code shard} changed since WATCH (the shard's thread, or a barrier). */
    public boolean dirty(int shard) {
        return dirty[shard];
    }

    /** A key watched on {@code shard} changed: the next EXEC returns null. */
    public void markDirty(int shard) {
        dirty[shard] = true;
    }

    /** UNWATCH, EXEC, DISCARD on {@code shard}: the flag goes with the keys. */
    void clean(int shard) {
        dirty[shard] = false;
    }

    /**
     * Dirty on any shard: exact at a barrier; for CLIENT LIST's 'd' flag from another thread, a
     * possibly stale view.
     */
    public boolean dirtyAnywhere() {
        for (boolean d : dirty) {
            if (d) {
                return true;
            }
        }
        return false;
    }

    /** How many keys the client watches on {@code shard}. */
    public int count(int shard) {
        ArrayList<WatchedKey> l = byShard[shard];
        return l == null ? 0 : l.size();
    }
}
