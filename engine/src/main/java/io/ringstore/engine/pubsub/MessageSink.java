package io.ringstore.engine.pubsub;

/** Where a PUBLISH's messages are appended, in publish order (the ring event: RequestEvent implements it). */
public interface MessageSink {
    void message(Message m);
}
