package io.ringstore.engine;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringstore.engine.command.Ingress;
import io.ringstore.engine.shard.ShardHandler;
import io.ringstore.engine.snapshot.BackgroundSaves;
import io.ringstore.engine.snapshot.SnapshotJob;
import io.ringstore.engine.util.Clock;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pipeline: the inbound ring and its handler graph, the LMAX shape of ARCHITECTURE.md.
 *
 * <pre>
 *   publishers ──► ring ──► journal ─┐
 *                       └─► replication ─┴─► shard 0..N-1 ──► replies
 * </pre>
 *
 * Journal and replication run in parallel and both gate the shards; the reply stage follows every
 * shard. On small machines the graph is fused onto one thread ({@link FusedStages}). Also runs the
 * tick timer that publishes {@code hz} tick events a second for active expiry. Start once, close once.
 */
public final class Engine implements AutoCloseable {
    private final EngineContext context;
    private final Ingress ingress;
    private final Disruptor<RequestEvent> disruptor;
    private final RingBuffer<RequestEvent> ring;
    private final Thread ticker;
    private final Clock clock;
    private volatile boolean running;
    /** The pipeline's threads (the Disruptor's stages), joined by {@link #close}. */
    private final List<Thread> pipelineThreads = new CopyOnWriteArrayList<>();

    @SuppressWarnings("unchecked")
    public Engine(EngineContext context, Clock clock, int ringSize, ThreadFactory threads,
                  EventHandler<RequestEvent> journal, EventHandler<RequestEvent> replication,
                  EventHandler<RequestEvent> replies) {
        if (Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ring-size must be a power of 2: " + ringSize);
        }
        this.context = context;
        this.clock = clock;
        this.ingress = new Ingress(context, clock);
        ThreadProfile p = context.profile;
        ThreadFactory tracked = r -> {
            Thread t = threads.newThread(r);
            pipelineThreads.add(t);
            return t;
        };
        this.disruptor = new Disruptor<>(RequestEvent::new, ringSize, tracked, ProducerType.MULTI, p.newWaitStrategy());
        int n = context.shards.length;
        ShardHandler[] shards = new ShardHandler[n];
        for (int i = 0; i < n; i++) {
            shards[i] = new ShardHandler(context, i);
        }
        if (p.fused) {
            disruptor.handleEventsWith(new FusedStages(journal, replication, shards[0], replies));
        } else {
            disruptor.handleEventsWith(journal, replication).then(shards).then(replies);
        }
        this.ring = disruptor.getRingBuffer();
        context.saves.install(new SnapshotEvents());
        this.ticker = new Thread(this::tickLoop, "ringstore-ticker");
        this.ticker.setDaemon(true);
    }

    public EngineContext context() {
        return context;
    }

    public Ingress ingress() {
        return ingress;
    }

    public RingBuffer<RequestEvent> ring() {
        return ring;
    }

    public void start() {
        startPipeline();
        startTicker();
    }

    /**
     * Starts the ring's handler threads without the tick timer. Journal replay runs between this
     * and {@link #startTicker}: a tick stamped with today's time must not expire a key that a
     * later replayed record (stamped with its original time) still finds alive.
     */
    public void startPipeline() {
        running = true;
        disruptor.start();
    }

    public void startTicker() {
        ticker.start();
    }

    private void tickLoop() {
        while (running) {
            long hz = Math.max(1, context.options.hz.number());
            try {
                Thread.sleep(1000 / hz);
            } catch (InterruptedException e) {
                return;
            }
            if (!running) {
                return;
            }
            context.saves.onTimer(clock.nowMs(), context.options.save.saveRules());
            long seq = ring.next();
            try {
                RequestEvent e = ring.get(seq);
                e.clear();
                ingress.prepareTick(e);
            } finally {
                ring.publish(seq);
            }
        }
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        context.saves.close();
        ticker.interrupt();
        try {
            disruptor.shutdown(5, TimeUnit.SECONDS);
        } catch (com.lmax.disruptor.TimeoutException e) {
            disruptor.halt();
        }
        // halt() only signals the stages; each runs its onShutdown (the journal's final flush and
        // close) on its own thread on the way out. Wait for them, or a process exiting right after
        // close() loses the journal's buffered tail and the next start overwrites a record that
        // was about to reach the file.
        for (Thread t : pipelineThreads) {
            if (t == Thread.currentThread()) {
                continue;
            }
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Publishes snapshot events (BackgroundSaves) from the ticker and the snapshot writer thread. */
    private final class SnapshotEvents implements BackgroundSaves.Events {
        @Override
        public SnapshotJob start(boolean rewrite) {
            long seq = ring.next();
            SnapshotJob job = null;
            try {
                RequestEvent e = ring.get(seq);
                e.clear();
                long now = clock.nowMs();
                job = context.saves.claimNew(context.sequenceBase + seq, now, rewrite);
                if (job == null) {
                    e.kind = RequestEvent.KIND_NOOP;
                } else {
                    fill(e, job, BackgroundSaves.OP_START, 0, now);
                }
            } finally {
                ring.publish(seq);
            }
            return job;
        }

        @Override
        public void publish(SnapshotJob job, int op, long step) {
            long seq = ring.next();
            try {
                RequestEvent e = ring.get(seq);
                e.clear();
                fill(e, job, op, step, clock.nowMs());
            } finally {
                ring.publish(seq);
            }
        }

        @Override
        public long backlog() {
            return ring.getBufferSize() - ring.remainingCapacity();
        }

        private void fill(RequestEvent e, SnapshotJob job, int op, long step, long now) {
            e.kind = RequestEvent.KIND_SNAPSHOT;
            e.route = RequestEvent.ROUTE_ALL;
            e.timeMs = now;
            e.snapshotJob = job;
            e.snapshotOp = op;
            e.snapshotStep = step;
        }
    }

    /** Thread factory naming pipeline threads "ringstore-pipeline-N". */
    public static ThreadFactory namedThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }
}
