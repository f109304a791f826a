package io.ringstore.engine.snapshot;

/**
 * What LASTSAVE and INFO persistence report about snapshots. Written by shard 0's thread at the
 * SAVE barrier and by start-up before the pipeline starts; INFO reads it at a barrier too, so
 * plain fields would do; volatile keeps reads from other threads (tests) honest.
 */
public final class SnapshotStatus {
    /** Unix seconds of the last successful SAVE, or of start-up (as Redis's server.lastsave). */
    public volatile long lastSaveTimeSec;
    /** False after a SAVE that failed. */
    public volatile boolean lastSaveOk = true;
    /** Successful SAVEs since start-up (rdb_saves). */
    public volatile long saves;
    /** Milliseconds the last SAVE took, or -1. */
    public volatile long lastSaveDurationMs = -1;
    /** Journal sequence of the snapshot loaded at start-up, or -1. */
    public volatile long loadedSequence = -1;
    /** Keys loaded from it. */
    public volatile long loadedKeys;
}
