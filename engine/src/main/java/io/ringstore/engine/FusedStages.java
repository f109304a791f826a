package io.ringstore.engine;

import com.lmax.disruptor.EventHandler;

/**
 * The whole handler graph run on one thread, in graph order, for machines too small to give every
 * stage a core (ARCHITECTURE invariant 7). Each event passes journal, (replication,) shard and
 * reply in turn; at endOfBatch the journal forces before the reply stage flushes, so the batching
 * contract of the separate graph holds unchanged. A stage that throws is handled by its own
 * {@link StageErrorHandler}, as in the separate graph, and the later stages still see the event
 * (the shard replies the error, the reply stage writes it). Runs on the fused pipeline thread.
 */
final class FusedStages implements EventHandler<RequestEvent> {
    private final EventHandler<RequestEvent>[] stages;
    private final StageErrorHandler[] errors;

    FusedStages(EventHandler<RequestEvent>[] stages, StageErrorHandler[] errors) {
        this.stages = stages;
        this.errors = errors;
    }

    @Override
    public void onEvent(RequestEvent event, long sequence, boolean endOfBatch) {
        final EventHandler<RequestEvent>[] s = stages;
        for (int i = 0; i < s.length; i++) {
            try {
                s[i].onEvent(event, sequence, endOfBatch);
            } catch (Throwable t) {
                errors[i].handleEventException(t, sequence, event);
            }
        }
    }

    @Override
    public void onBatchStart(long batchSize, long queueDepth) {
        for (EventHandler<RequestEvent> s : stages) {
            s.onBatchStart(batchSize, queueDepth);
        }
    }

    @Override
    public void onStart() {
        for (EventHandler<RequestEvent> s : stages) {
            s.onStart();
        }
    }

    @Override
    public void onShutdown() {
        for (int i = 0; i < stages.length; i++) {
            try {
                stages[i].onShutdown();
            } catch (Throwable t) {
                errors[i].handleOnShutdownException(t); // the later stages still shut down
            }
        }
    }
}
