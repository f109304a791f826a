package io.ringstore.engine.store;

import java.util.ArrayList;

/**
 * One client's WATCH state: the dirty flag (Redis's CLIENT_DIRTY_CAS) and, per shard, the keys it
 * watches there. Created by the connection's I/O thread at its first WATCH, before that command
 * enters the ring. Each shard's list is touched only by that shard's thread (or by shard 0 at a
 * barrier); the flag is set by whichever shard touches a watched key and read by EXEC, which runs
 * on the one shard holding the client's watched keys or at a barrier, so ring order orders both.
 */
public final class Watcher {
    private final ArrayList<WatchedKey>[] byShard;
    /** A watched key was touched (or flushed, swapped) since WATCH: the next EXEC returns null. */
    public volatile boolean dirty;

    /** The client's id (snapshots record watches by it). */
    public final long clientId;

    @SuppressWarnings("unchecked")
    public Watcher(int shards, long clientId) {
        this.byShard = new ArrayList[shards];
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

    /** How many keys the client watches on {@code shard}. */
    public int count(int shard) {
        ArrayList<WatchedKey> l = byShard[shard];
        return l == null ? 0 : l.size();
    }
}
