package io.ringstore.engine.family.server;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.tracking.Tracking;

/**
 * Redis's trackingInvalidateKeysOnFlush for FLUSHDB and FLUSHALL (both {@code all_shards}: the
 * only shard, or shard 0 at a barrier): every tracking client gets a null invalidation, after the
 * flush's reply, and every shard's tracking table empties (tracking is not per database).
 */
final class TrackingFlush {
    private TrackingFlush() {
    }

    static void flushed(CommandContext c) {
        Tracking[] all = c.engine.tracking;
        all[c.shardId() >= 0 ? c.shardId() : 0].flushed(); // the copies agree: one of them names every client
        for (Tracking t : all) {
            t.clearTable();
        }
    }
}
