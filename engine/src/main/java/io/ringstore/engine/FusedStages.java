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
    /** The stages in graph order, each with its error handler ({@link StageErrorHandler#handler}). */
    private final StageErrorHandler[] stages;

    FusedStages(StageErrorHandler[] stages) {
        this.stages = stages;
    }

    @Override
    public void onEvent(RequestEvent event, long sequence, boolean endOfBatch) {
        final StageErrorHandler[] s = stages;
        for (int i = 0; i < s.length; i++) {
            try {
                s[i].handler.onEvent(event, sequence, endOfBatch);
            } catch (Throwable t) {
                s[i].handleEventException(t, sequence, event);
            }
        }
    }

    @Override
    public void onBatchStart(long batchSize, long queueDepth) {
        for (StageErrorHandler s : stages) {
            s.handler.onBatchStart(batchSize, queueDepth);
        }
    }

    @Override
    public void onStart() {
        for (StageErrorHandler s : stages) {
            s.handler.onStart();
        }
    }

    @Override
    public void onShutdown() {
        for (StageErrorHandler s : stages) {
            try {
                s.handler.onShutdown();
            } catch (Throwable t) {
                s.handleOnShutdownException(t); // the later stages still shut down
            }
        }
    }
}
