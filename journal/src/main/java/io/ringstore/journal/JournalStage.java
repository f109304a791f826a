package io.ringstore.journal;

import com.lmax.disruptor.EventHandler;
import io.ringstore.engine.RequestEvent;

/**
 * The journal stage of the ring. Persistence is off in this release: the stage is an explicit
 * pass-through that only keeps its place in the handler graph (it gates the shards, in parallel
 * with replication), so the write-ahead journal can fill it without changing the pipeline.
 * Runs on its own pipeline thread, or fused with the others on small machines.
 */
public final class JournalStage implements EventHandler<RequestEvent> {
    @Override
    public void onEvent(RequestEvent event, long sequence, boolean endOfBatch) {
        // persistence off: nothing is written, nothing is forced
    }
}
