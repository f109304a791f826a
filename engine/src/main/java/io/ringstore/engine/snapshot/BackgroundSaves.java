package io.ringstore.engine.snapshot;

import io.ringstore.engine.config.SaveRules;
import io.ringstore.engine.shard.ShardState;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The snapshot jobs of one engine: at most one at a time (SAVE, BGSAVE, BGREWRITEAOF or a
 * {@code save} rule), their ring events, their writer thread, and what INFO persistence reports.
 *
 * <pre>
 *   BGSAVE (barrier: every shard begins)        ticker (save rules, SCHEDULE): START event
 *            └──────────────┬──────────────────────────────┘
 *                 writer thread: loop { drain chunks to the file; when the last STEP was seen
 *                 by every shard, publish the next STEP }  →  file forced, renamed  →  COMMITTED
 *                 (or FAILED)                                   (each shard: changes covered;
 *                                                                 shard 0: status, job over)
 * </pre>
 *
 * Every event is a ring event handled by every shard in sequence order, so a job begins at one
 * sequence everywhere and ends before any later command sees "no job". Threads: {@link #claim}
 * and the status fields are written by shard 0 (commands, events) or the ticker (claim only); the
 * writer thread only reads the job and publishes events.
 */
public final class BackgroundSaves {
    private static final System.Logger LOG = System.getLogger("ringstore");
    public static final int OP_START = 0;
    public static final int OP_STEP = 1;
    public static final int OP_COMMITTED = 2;
    public static final int OP_FAILED = 3;

    /** Publishes snapshot events into the ring; installed by the Engine. */
    public interface Events {
        /** Claims a ring slot, builds the job at its sequence with {@code rewrite}, publishes START. */
        SnapshotJob start(boolean rewrite);

        void publish(SnapshotJob job, int op, long step);

        /** Ring events published but not yet handled by every stage (0: the ring is idle). */
        long backlog();
    }

    /**
     * After a step, while clients have commands in the ring, the writer waits this long before the
     * next step: the shards then spend at most about half their time serialising and a command
     * waits behind at most one step. On an idle ring steps follow each other at once.
     */
    static final long STEP_GAP_NS = SnapshotJob.STEP_BUDGET_NS;

    private final SnapshotHost ctx;
    private final AtomicReference<SnapshotJob> active = new AtomicReference<>();
    private volatile Events events;
    private volatile boolean closed;
    /** BGSAVE SCHEDULE / BGREWRITEAOF asked for while a job ran: started by the ticker after it. */
    public volatile boolean saveScheduled;
    public volatile boolean rewriteScheduled;
    /** Last background save: status, duration (s), attempt time (ms). */
    public volatile boolean lastBgsaveOk = true;
    public volatile long lastBgsaveSeconds = -1;
    public volatile long lastTryMs;
    public volatile boolean lastRewriteOk = true;
    public volatile long lastRewriteSeconds = -1;
    public volatile long rewrites;

    public BackgroundSaves(SnapshotHost ctx) {
        this.ctx = ctx;
    }

    public void install(Events e) {
        this.events = e;
    }

    /** The job in progress, or null. */
    public SnapshotJob active() {
        return active.get();
    }

    /** Makes {@code job} the one in progress; false when another is. */
    public boolean claim(SnapshotJob job) {
        return active.compareAndSet(null, job);
    }

    /** Ends the job in progress (SAVE done or failed inline). */
    public void release(SnapshotJob job) {
        active.compareAndSet(job, null);
    }

    /**
     * BGSAVE/BGREWRITEAOF at a barrier: {@code job} is claimed and begun on every shard; the writer
     * thread takes it from here.
     */
    public void runInBackground(SnapshotJob job) {
        lastTryMs = job.timeMs;
        Thread t = new Thread(() -> write(job), job.rewrite ? "ringstore-bgrewriteaof" : "ringstore-bgsave");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Called by the ticker before each tick: starts a scheduled job or one a {@code save} rule asks
     * for. The counters it reads belong to the shards; a stale value only moves a save by a tick.
     */
    public void onTimer(long nowMs, SaveRules rules) {
        Events ev = events;
        if (ev == null || closed || active.get() != null || !ctx.canWriteSnapshots()) {
            return;
        }
        boolean rewrite = rewriteScheduled;
        boolean due = rewrite || saveScheduled
                || (rules != null && !rules.isEmpty() && rules.due(nowMs, ctx.snapshotStatus().lastSaveTimeSec * 1000,
                        ctx.changesSinceSave(), lastTryMs, lastBgsaveOk));
        if (!due) {
            return;
        }
        SnapshotJob job = ev.start(rewrite);
        if (job == null) {
            return; // another job was claimed first
        }
        if (rewrite) {
            rewriteScheduled = false;
        } else {
            saveScheduled = false;
        }
        runInBackground(job);
    }

    /** Claims a job for a START event about to be published at {@code sequence}; null when busy. */
    public SnapshotJob claimNew(long sequence, long timeMs, boolean rewrite) {
        SnapshotJob job = new SnapshotJob(ctx, sequence, timeMs, rewrite);
        return claim(job) ? job : null;
    }

    /** The engine is closing: a running writer gives up. */
    public void close() {
        closed = true;
    }

    // ---- the writer thread ----

    private void write(SnapshotJob job) {
        Events ev = events;
        try {
            ctx.writeSnapshot(job, () -> advance(job, ev));
            ev.publish(job, OP_COMMITTED, 0);
        } catch (IOException | RuntimeException e) {
            job.fail(e.toString());
            LOG.log(System.Logger.Level.WARNING, "Background " + (job.rewrite ? "AOF rewrite" : "saving") + " failed: " + e, e);
            if (!closed) {
                ev.publish(job, OP_FAILED, 0);
            }
        }
    }

    private void advance(SnapshotJob job, Events ev) {
        if (closed) {
            throw new IllegalStateException("the server is shutting down");
        }
        if (!job.stepConsumed()) {
            LockSupport.parkNanos(20_000);
            return;
        }
        long now = System.nanoTime();
        if (job.consumedAtNs == 0) {
            job.consumedAtNs = now;
        }
        if (ev.backlog() > 0 && now - job.consumedAtNs < STEP_GAP_NS) {
            LockSupport.parkNanos(STEP_GAP_NS - (now - job.consumedAtNs));
            return;
        }
        job.consumedAtNs = 0;
        ev.publish(job, OP_STEP, job.nextStep());
    }

    // ---- shard side ----

    /**
     * A KIND_SNAPSHOT event on shard {@code s}'s thread: the event's job, operation (OP_*), step
     * number and ingress time.
     */
    public void onEvent(SnapshotJob job, int op, long step, long timeMs, ShardState s) {
        switch (op) {
            case OP_START:
                job.begin(s);
                break;
            case OP_STEP:
                job.onStep(s.id, step);
                break;
            case OP_COMMITTED:
                job.onCommitted(s);
                if (s.id == 0) {
                    committed(job, timeMs);
                }
                break;
            case OP_FAILED:
                job.onFailed(s);
                if (s.id == 0) {
                    failed(job);
                }
                break;
            default:
                throw new IllegalStateException("snapshot op " + op);
        }
    }

    private void committed(SnapshotJob job, long nowMs) {
        long seconds = Math.max(0, (System.nanoTime() - job.startNanos) / 1_000_000_000L);
        SnapshotStatus st = ctx.snapshotStatus();
        st.lastSaveTimeSec = nowMs / 1000;
        st.lastSaveOk = true;
        st.saves++;
        st.lastSaveDurationMs = (System.nanoTime() - job.startNanos) / 1_000_000;
        lastBgsaveOk = true;
        lastBgsaveSeconds = seconds;
        if (job.rewrite) {
            lastRewriteOk = true;
            lastRewriteSeconds = seconds;
            rewrites++;
        }
        active.compareAndSet(job, null);
    }

    private void failed(SnapshotJob job) {
        lastBgsaveOk = false;
        ctx.snapshotStatus().lastSaveOk = false;
        if (job.rewrite) {
            lastRewriteOk = false;
        }
        active.compareAndSet(job, null);
    }
}
