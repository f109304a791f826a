package io.ringstore.engine;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.dsl.EventHandlerGroup;
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
 * shard. Until replication exists its stage is absent ({@code replication} null: no thread spent
 * on a pass-through). On small machines the graph is fused onto one thread ({@link FusedStages}).
 * Every producer publishes through {@link #publisher()}; every stage has a {@link StageErrorHandler}
 * (log, count, recover, go on). Also runs the tick timer that publishes {@code hz} tick events a
 * second for active expiry. Start once, close once.
 */
public final class Engine implements AutoCloseable {
    private final EngineContext context;
    private final Ingress ingress;
    private final Disruptor<RequestEvent> disruptor;
    private final RingPublisher publisher;
    private final PipelineErrors errors;
    private final Thread ticker;
    private final RingPublisher.SlotWriter tick;
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
        this.errors = context.errors;
        int n = context.shards.length;
        ShardHandler[] shards = new ShardHandler[n];
        for (int i = 0; i < n; i++) {
            shards[i] = new ShardHandler(context, i);
        }
        // The graph, stage by stage, each with its error handler: journal (and replication) in
        // parallel, then the shards, then the reply stage.
        StageErrorHandler journalStage = new StageErrorHandler("journal", journal, errors);
        StageErrorHandler replicationStage = replication == null ? null
                : new StageErrorHandler("replication", replication, errors);
        StageErrorHandler[] shardStages = new StageErrorHandler[n];
        for (int i = 0; i < n; i++) {
            shardStages[i] = new StageErrorHandler("shard-" + i, shards[i], errors);
        }
        StageErrorHandler replyStage = new StageErrorHandler("replies", replies, errors);
        if (p.fused) {
            FusedStages fused = new FusedStages(replicationStage == null
                    ? new StageErrorHandler[] {journalStage, shardStages[0], replyStage}
                    : new StageErrorHandler[] {journalStage, replicationStage, shardStages[0], replyStage});
            disruptor.handleEventsWith(fused);
            disruptor.handleExceptionsFor(fused).with(new StageErrorHandler("pipeline", null, errors));
        } else {
            EventHandlerGroup<RequestEvent> first = replication == null
                    ? disruptor.handleEventsWith(journal) : disruptor.handleEventsWith(journal, replication);
            first.then(shards).then(replies);
            guard(journalStage);
            if (replicationStage != null) {
                guard(replicationStage);
            }
            for (StageErrorHandler s : shardStages) {
                guard(s);
            }
            guard(replyStage);
        }
        this.publisher = new RingPublisher(disruptor.getRingBuffer(), ingress, errors);
        context.saves.install(new SnapshotEvents());
        this.tick = (e, seq) -> ingress.prepareTick(e);
        this.ticker = new Thread(this::tickLoop, "ringstore-ticker");
        this.ticker.setDaemon(true);
    }

    public EngineContext context() {
        return context;
    }

    public Ingress ingress() {
        return ingress;
    }

    /** Installs a stage's error handler in place of the Disruptor's default (which halts the stage). */
    private void guard(StageErrorHandler stage) {
        disruptor.handleExceptionsFor(stage.handler).with(stage);
    }

    /** The one way onto the ring, for every producer. */
    public RingPublisher publisher() {
        return publisher;
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
            try {
                context.saves.onTimer(clock.nowMs(), context.options.save.saveRules());
                publisher.publishInternal(tick);
            } catch (RuntimeException e) {
                errors.stageFailed("ticker", "(tick)", -1, e); // the next tick tries again
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
            SnapshotJob[] job = new SnapshotJob[1];
            publisher.publishInternal((e, seq) -> {
                long now = clock.nowMs();
                job[0] = context.saves.claimNew(context.sequenceBase + seq, now, rewrite);
                if (job[0] == null) {
                    e.kind = RequestEvent.KIND_NOOP;
                } else {
                    fill(e, job[0], BackgroundSaves.OP_START, 0, now);
                }
            });
            return job[0];
        }

        @Override
        public void publish(SnapshotJob job, int op, long step) {
            publisher.publishInternal((e, seq) -> fill(e, job, op, step, clock.nowMs()));
        }

        @Override
        public long backlog() {
            return publisher.backlog();
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
