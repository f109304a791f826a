package io.ringstore.engine.store;

/**
 * Counters of one shard. Single writer: the owning shard thread. INFO reads them from another shard
 * thread at a ring barrier, where the barrier's fences make them visible; plain fields suffice.
 * CONFIG RESETSTAT zeroes them, also at a barrier.
 */
public final class ShardStats {
    public long commandsProcessed;
    public long keyspaceHits;
    public long keyspaceMisses;
    public long expiredKeys;
    public long evictedKeys;
    public final ErrorStats errors = new ErrorStats();
    /**
     * Write commands this shard executed (its part of a multi-shard one) that did not reply with
     * an error, since the last SAVE; replayed journal records are not counted. Not reset by
     * CONFIG RESETSTAT, as Redis's server.dirty; SAVE zeroes it at its barrier.
     */
    public long changesSinceSave;

    public void reset() {
        commandsProcessed = 0;
        keyspaceHits = 0;
        keyspaceMisses = 0;
        expiredKeys = 0;
        evictedKeys = 0;
        errors.reset();
    }
}
