package io.ringstore.engine.pubsub;

/** A connection as the pub/sub registry sees it (ClientSession implements it): where messages go, in which protocol. */
public interface Subscriber {
    /** The connection's protocol now (2 or 3): messages are encoded in it. */
    int protocol();
}
