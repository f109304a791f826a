package io.ringstore.engine;

import com.lmax.disruptor.EventHandler;

/**
 * The whole handler graph run on one thread, in graph order, for machines too small to give every
 * stage a core (ARCHITECTURE invariant 7). Each event passes journal, replication, shard and reply
 * in turn; at endOfBatch the journal forces before the reply stage flushes, so the batching
 * contract of the separate graph holds unchanged.
 */
final class FusedStages implements EventHandler<RequestEvent> {
    private final EventHandler<RequestEvent>[] stages;

    @SafeVarargs
    FusedStages(EventHandler<RequestEvent>... stages) {
        this.stages = stages;
    }

    @Override
    public void onEvent(RequestEvent event, long sequence, boolean endOfBatch) throws Exception {
        for (EventHandler<RequestEvent> s : stages) {
            s.onEvent(event, sequence, endOfBatch);
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
        for (EventHandler<RequestEvent> s : stages) {
            s.onShutdown();
        }
    }
}
