package io.ringstore.engine.snapshot;

import io.ringstore.engine.block.WaiterRegistry;
import io.ringstore.engine.shard.ShardState;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One snapshot in progress: the cut at journal sequence {@link #sequence} (every write before it
 * applied, none after), each shard's {@link ShardSnapshot}, and the queue of filled chunks the
 * writer ({@link io.ringstore.engine.SnapshotHook}) drains to the file.
 *
 * <p>SAVE runs a job inline on shard 0's thread at a ring barrier ({@link #stepInline}). BGSAVE,
 * BGREWRITEAOF and the {@code save} rules run it in the background: every shard begins its part at
 * the same ring sequence, then the writer thread publishes step events through the ring, one at a
 * time, and each shard serialises for about {@link #STEP_BUDGET_NS} per step in ring order with the
 * clients' commands (writes in between serialise just the segment they touch first). The shards
 * never stop for the dump; a command behind a step waits at most one step.
 *
 * <p>Threads: {@link #begin} and the step/commit handling run on shard threads; {@link #offer} is
 * called by shard threads and {@link #poll} by the writer (a concurrent queue between them); the
 * counters the writer reads are volatile or atomic.
 */
public final class SnapshotJob {
    /** Serialisation time a shard spends per step event. */
    public static final long STEP_BUDGET_NS = 200_000;

    public final long sequence;
    public final long timeMs;
    public final int databases;
    /** The engine's cross-slot waiters, written by shard 0's part. */
    private final WaiterRegistry crossShard;
    /** The engine, whose function libraries shard 0's part writes at the cut. */
    private final SnapshotHost host;
    /** BGREWRITEAOF (reported as an AOF rewrite) rather than BGSAVE/SAVE. */
    public final boolean rewrite;
    public final long startNanos = System.nanoTime();
    private final ShardSnapshot[] parts;
    private final long[] changesAtCut;
    private final ConcurrentLinkedQueue<SnapshotChunk> chunks = new ConcurrentLinkedQueue<>();
    /** Drained chunks the writer gives back for reuse. */
    private final ConcurrentLinkedQueue<SnapshotChunk> spare = new ConcurrentLinkedQueue<>();
    private final AtomicInteger partsDone = new AtomicInteger();
    private volatile String failure;
    private volatile long stepsRequested;
    /** Writer thread only: when it saw the last step consumed (0: not yet), for pacing. */
    long consumedAtNs;

    public SnapshotJob(SnapshotHost ctx, long sequence, long timeMs, boolean rewrite) {
        this.sequence = sequence;
        this.timeMs = timeMs;
        this.databases = ctx.databases();
        this.crossShard = ctx.crossShard();
        this.host = ctx;
        this.rewrite = rewrite;
        this.parts = new ShardSnapshot[ctx.shardCount()];
        this.changesAtCut = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = new ShardSnapshot(this, i);
        }
    }

    public int shards() {
        return parts.length;
    }

    /** Starts shard {@code s}'s part at the job's sequence (its own thread, or shard 0's at a barrier). */
    public void begin(ShardState s) {
        changesAtCut[s.id] = s.stats.changesSinceSave;
        parts[s.id].begin(s, s.id == 0 ? crossShard : null, s.id == 0 ? host.functionLibraries() : java.util.List.of());
    }

    /** Runs every part to the end on the calling thread (SAVE at a barrier, tests on a stopped engine). */
    public void stepInline() {
        for (ShardSnapshot p : parts) {
            p.step(STEP_BUDGET_NS);
        }
    }

    /** One step event reached shard {@code shard}: serialise for a while, record that it was seen. */
    public void onStep(int shard, long step) {
        ShardSnapshot p = parts[shard];
        p.step(STEP_BUDGET_NS);
        p.stepsSeen = step;
    }

    /** The snapshot was written and committed: shard {@code s} forgets the writes it covered. */
    public void onCommitted(ShardState s) {
        s.stats.changesSinceSave = Math.max(0, s.stats.changesSinceSave - changesAtCut[s.id]);
    }

    /** The snapshot failed: shard {@code s} stops its cuts. */
    public void onFailed(ShardState s) {
        parts[s.id].abandon();
    }

    /** Abandons every part; only where no shard runs (a barrier, a stopped engine). */
    public void abandonAll() {
        for (ShardSnapshot p : parts) {
            p.abandon();
        }
    }

    // ---- writer side ----

    /** The next filled chunk, or null. */
    public SnapshotChunk poll() {
        return chunks.poll();
    }

    /** A chunk the writer has written out: it may be filled again. */
    public void recycle(SnapshotChunk c) {
        spare.add(c);
    }

    /**
     * The file is written (or abandoned): drops the reusable buffers, which would otherwise live
     * as long as a ring slot still points at one of the job's events.
     */
    public void dropBuffers() {
        spare.clear();
        chunks.clear();
    }

    /**
     * True once every part has handed over its last chunk (so a {@link #poll} after this returns
     * every remaining chunk).
     */
    public boolean complete() {
        return partsDone.get() == parts.length;
    }

    /** Entries written over all parts; meaningful once {@link #complete}. */
    public long entries() {
        long n = 0;
        for (ShardSnapshot p : parts) {
            n += p.written();
        }
        return n;
    }

    /** Why the job failed, or null. */
    public String failure() {
        return failure;
    }

    public void fail(String why) {
        if (failure == null) {
            failure = why;
        }
    }

    /** Whether every shard has handled the last step event (the writer may publish the next). */
    public boolean stepConsumed() {
        long want = stepsRequested;
        for (ShardSnapshot p : parts) {
            if (p.stepsSeen < want) {
                return false;
            }
        }
        return true;
    }

    /** Number for the next step event (writer thread only). */
    public long nextStep() {
        long n = stepsRequested + 1;
        stepsRequested = n;
        return n;
    }

    // ---- from the parts ----

    SnapshotChunk freshChunk(int shard) {
        SnapshotChunk c = spare.poll();
        return (c == null ? new SnapshotChunk() : c).reset(shard);
    }

    void offer(SnapshotChunk c) {
        chunks.add(c);
    }

    void partDone() {
        partsDone.incrementAndGet();
    }
}
