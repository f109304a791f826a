package io.ringstore.engine.pubsub;

/**
 * A sink that queues on another ({@link #on}) but never takes that event's spare messages: for a
 * shard queueing messages on an event another shard may be executing at the same time (client
 * tracking's BCAST invalidations at a shard's batch end), where the event's spares belong to the
 * executing thread. Each message is allocated. One per shard thread.
 */
public final class FreshMessages implements MessageSink {
    private MessageSink target;

    /** Queues on {@code e} from now on; returns this sink. */
    public FreshMessages on(MessageSink e) {
        this.target = e;
        return this;
    }

    @Override
    public Message newMessage() {
        return new Message();
    }

    @Override
    public void message(Message m) {
        target.message(m); // a CAS push: safe beside the executing thread's own
    }
}
