package io.ringstore.engine.snapshot;

import io.ringstore.engine.block.WaiterRegistry;

import java.io.IOException;

/**
 * What snapshot jobs need from the engine that runs them: the shape of the keyspace to cut, the
 * counters and status the save rules and INFO read, and the installed snapshot writer. Owned here
 * and implemented by {@code EngineContext}, so this package does not import the engine's root
 * package, which builds and drives it.
 */
public interface SnapshotHost {
    /** Number of shards, fixed at start. */
    int shardCount();

    /** Number of databases. */
    int databases();

    /** Blocked clients whose keys span shards: shard 0's part of a cut writes them. */
    WaiterRegistry crossShard();

    /**
     * The code of every function library, in load order: shard 0's part of a cut writes them. Call
     * on the thread that runs scripts (shard 0's), which owns them.
     */
    java.util.List<byte[]> functionLibraries();

    /** Write commands executed since the last save, over all shards (rdb_changes_since_last_save). */
    long changesSinceSave();

    /** What LASTSAVE and INFO persistence report about snapshots. */
    SnapshotStatus snapshotStatus();

    /** Whether a snapshot writer is installed (without one, save rules and schedules wait). */
    boolean canWriteSnapshots();

    /**
     * Writes {@code job} through the installed writer ({@code SnapshotHook.write}): durable and in
     * place on return. Throws an IOException when no writer is installed, and whatever the writer
     * throws when the job fails.
     */
    void writeSnapshot(SnapshotJob job, Runnable advance) throws IOException;
}
