package io.ringstore.engine;

import io.ringstore.engine.block.WaiterRegistry;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.config.EngineOptions;
import io.ringstore.engine.shard.ShardState;
import io.ringstore.engine.snapshot.BackgroundSaves;
import io.ringstore.engine.snapshot.SnapshotHost;
import io.ringstore.engine.snapshot.SnapshotJob;
import io.ringstore.engine.snapshot.SnapshotStatus;
import io.ringstore.engine.util.Crc16;

import java.io.IOException;

/**
 * State shared by the whole engine: the shards, the command table, configuration, sessions and
 * server-wide facts for INFO. The shard array is fixed at start; each element is owned by its
 * shard thread. It is the {@link SnapshotHost} of the engine's snapshot jobs.
 */
public final class EngineContext implements SnapshotHost {
    public final ShardState[] shards;
    public final CommandTable table;
    public final Config config;
    /** The options commands and the ticker read, resolved once (the Config's own Option objects). */
    public final EngineOptions options;
    public final SessionRegistry sessions;
    public final long startTimeMs;
    public final ThreadProfile profile;
    public final int databases;
    /** Failures the pipeline survived, logged and counted (INFO stats); see PipelineErrors. */
    public final PipelineErrors errors = new PipelineErrors();
    /** Ops/sec samples, written by shard 0 on ticks (see ServerStats). */
    public final ServerStats serverStats = new ServerStats();
    /** Set by the transport: TCP port actually bound, for INFO. */
    public volatile int boundPort;
    /** Set by the transport: "epoll" or "nio". */
    public volatile String ioMode = "none";
    /**
     * Journal sequence of ring sequence 0: a live event's journal sequence is this plus its ring
     * sequence (what the journal stage records). Set once before the pipeline starts (Thread.start
     * publishes it); 0 without a journal.
     */
    public long sequenceBase;
    /** Journal state for INFO persistence; written by the journal (see JournalStatus). */
    public final JournalStatus journal = new JournalStatus();
    /** Snapshot state for LASTSAVE and INFO persistence (see SnapshotStatus). */
    public final SnapshotStatus snapshot = new SnapshotStatus();
    /** Snapshot jobs: the one in progress, BGSAVE/BGREWRITEAOF scheduling, the save rules. */
    public final BackgroundSaves saves = new BackgroundSaves(this);
    /** Writes snapshots for SAVE; null when none is installed (SAVE then answers an error). */
    public volatile SnapshotHook snapshots;
    /**
     * Blocked clients whose keys span hash slots: registered by shard 0 (at the command's barrier,
     * or as the only shard), served and timed out only on ticks that run as barriers, see Blocking.
     * {@link #crossShardWaiters} mirrors its size (volatile) for the ticker, which makes ticks
     * barriers while it is non-zero.
     */
    public final WaiterRegistry crossShard = new WaiterRegistry();
    public volatile int crossShardWaiters;
    /**
     * Clients a snapshot load re-created (blocked or watching at the cut), by id: journal replay
     * continues their state. Written and read by the start-up thread before the pipeline runs.
     */
    public final java.util.Map<Long, ClientSession> restoredClients = new java.util.HashMap<>();
    /** EVAL's script cache, kept at ingress (see ScriptCache). */
    public final io.ringstore.engine.command.ScriptCache scripts = new io.ringstore.engine.command.ScriptCache();
    /** The script running now, for -BUSY and SCRIPT/FUNCTION KILL at ingress. */
    public final io.ringstore.engine.command.BusyScripts busyScripts;
    /**
     * Each shard's copy of the pub/sub registry, by shard id: read by the shard running a PUBLISH
     * (its own), written by the subscribe family on the only shard or at a barrier (all of them).
     */
    public final io.ringstore.engine.pubsub.PubSub[] pubsub;
    /**
     * Each shard's client-side caching state (its keys' tracking table, and copies of the tracking
     * clients and BCAST prefixes updated in ring order like {@link #pubsub}), by shard id.
     */
    public final io.ringstore.engine.tracking.Tracking[] tracking;
    /**
     * SHUTDOWN NOSAVE stopped a running script: the shards run nothing more but that SHUTDOWN (the
     * script's partial writes must not be seen, as Redis exits from inside the script).
     */
    public volatile boolean halting;
    /**
     * Scripts a journaled SCRIPT KILL, FUNCTION KILL or SHUTDOWN NOSAVE stopped, as
     * {@link #killedKey}: filled by recovery before replay, read by the replaying script thread,
     * which skips them (a killed script changed nothing; an aborted one never finished).
     */
    public final java.util.Set<String> killedScripts = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The key of a script in {@link #killedScripts}: its journal sequence and place in EXEC's queue (-1 outside). */
    public static String killedKey(long journalSeq, int index) {
        return journalSeq + ":" + index;
    }
    /**
     * The function libraries (FUNCTION LOAD, FCALL): owned by the thread that runs scripts, shard
     * 0, and before the pipeline starts by the start-up thread loading a snapshot.
     */
    public final io.ringstore.engine.script.FunctionRegistry functions = new io.ringstore.engine.script.FunctionRegistry();
    /** Set by the server on SHUTDOWN; the transport closes. */
    public volatile Runnable shutdownHook = () -> { };

    public EngineContext(CommandTable table, Config config, SessionRegistry sessions, ThreadProfile profile) {
        this.table = table;
        this.config = config;
        this.options = new EngineOptions(config);
        this.sessions = sessions;
        this.profile = profile;
        this.databases = (int) config.number("databases");
        this.shards = new ShardState[profile.shards];
        this.pubsub = new io.ringstore.engine.pubsub.PubSub[profile.shards];
        this.tracking = new io.ringstore.engine.tracking.Tracking[profile.shards];
        this.busyScripts = new io.ringstore.engine.command.BusyScripts(profile.shards);
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new ShardState(i, databases);
            pubsub[i] = new io.ringstore.engine.pubsub.PubSub();
            io.ringstore.engine.tracking.Tracking t = new io.ringstore.engine.tracking.Tracking(sessions, pubsub[i],
                    options.trackingTableMaxKeys, profile.shards);
            tracking[i] = t;
            shards[i].onExpired(t::expired); // expiry (lazy and active) invalidates, as Redis's signalModifiedKey(NULL,...)
        }
        this.startTimeMs = System.currentTimeMillis();
        this.snapshot.lastSaveTimeSec = startTimeMs / 1000;
    }

    /** The shard owning a cluster slot: contiguous slot ranges, as a cluster would assign them. */
    public int shardOfSlot(int slot) {
        return (slot * shards.length) >>> 14;
    }

    public int shardOfKey(byte[] b, int off, int len) {
        return shards.length == 1 ? 0 : shardOfSlot(Crc16.slot(b, off, len));
    }

    /** Write commands executed since the last SAVE, over all shards (rdb_changes_since_last_save). */
    @Override
    public long changesSinceSave() {
        long n = 0;
        for (ShardState s : shards) {
            n += s.stats.changesSinceSave;
        }
        return n;
    }

    public long totalKeys(int db) {
        long n = 0;
        for (ShardState s : shards) {
            n += s.db(db).size();
        }
        return n;
    }

    // ---- SnapshotHost: what the snapshot jobs read ----

    @Override
    public int shardCount() {
        return shards.length;
    }

    @Override
    public int databases() {
        return databases;
    }

    @Override
    public WaiterRegistry crossShard() {
        return crossShard;
    }

    @Override
    public java.util.List<byte[]> functionLibraries() {
        return functions.codes();
    }

    @Override
    public SnapshotStatus snapshotStatus() {
        return snapshot;
    }

    @Override
    public boolean canWriteSnapshots() {
        return snapshots != null;
    }

    @Override
    public void writeSnapshot(SnapshotJob job, Runnable advance) throws IOException {
        SnapshotHook hook = snapshots;
        if (hook == null) {
            throw new IOException("no snapshot store is configured");
        }
        hook.write(this, job, advance);
    }
}
