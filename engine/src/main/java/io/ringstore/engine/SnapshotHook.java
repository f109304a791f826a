package io.ringstore.engine;

import java.io.IOException;

/**
 * Writes a snapshot of the whole keyspace: implemented by the journal module and installed by
 * whoever builds the engine (the server, tests), so that {@code engine/} knows no file format.
 * SAVE calls it on shard 0's thread at a ring barrier, with every shard parked: the shards may be
 * read directly and the cut is exactly "every event before {@code seq}".
 */
public interface SnapshotHook {
    /**
     * Writes the keyspace as the snapshot of journal sequence {@code seq} (every record up to
     * {@code seq} applied, none after) taken at {@code timeMs}; durable and in place on return.
     */
    void save(EngineContext ctx, long seq, long timeMs) throws IOException;
}
