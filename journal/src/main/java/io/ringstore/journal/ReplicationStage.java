package io.ringstore.journal;

import com.lmax.disruptor.EventHandler;
import io.ringstore.engine.RequestEvent;

/**
 * The replication stage of the ring, parallel to the journal stage. No followers exist in this
 * release: an explicit pass-through holding its place in the handler graph.
 */
public final class ReplicationStage implements EventHandler<RequestEvent> {
    @Override
    public void onEvent(RequestEvent event, long sequence, boolean endOfBatch) {
        // no replicas: nothing to stream
    }
}
