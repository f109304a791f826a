package io.ringstore.engine.pubsub;

/**
 * Where the messages a command raises are queued, in the order raised (the ring event:
 * RequestEvent implements it), and where their reusable objects come from.
 */
public interface MessageSink {
    /** A cleared message to fill and then {@link #message queue}: a spare one of this event's slot when it has one. */
    Message newMessage();

    void message(Message m);
}
