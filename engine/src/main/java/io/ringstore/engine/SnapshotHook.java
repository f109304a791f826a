package io.ringstore.engine;

import io.ringstore.engine.snapshot.SnapshotJob;

import java.io.IOException;

/**
 * Writes snapshot files: implemented by the journal module and installed by whoever builds the
 * engine (the server, tests), so that {@code engine/} knows no file layout. The engine produces
 * the entries ({@link SnapshotJob}); the hook frames them into a file, makes it durable, renames it
 * into place and then deletes what it covers (older snapshots, journal segments).
 */
public interface SnapshotHook {
    /**
     * Writes the snapshot of {@code job} (journal sequence {@code job.sequence}: every record before
     * it applied, none after). Drains the job's chunks, calling {@code advance} whenever none is
     * ready and the job is not complete; throws if the job fails. Durable and in place on return.
     * Runs on shard 0's thread at the SAVE barrier, or on the background writer thread.
     */
    void write(EngineContext ctx, SnapshotJob job, Runnable advance) throws IOException;
}
