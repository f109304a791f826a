package io.ringstore.engine.store;

/**
 * One pending entry of a consumer group (Redis's streamNACK): the entry id, the consumer that
 * owns it, when it was last delivered (ms, from the command's ingress time) and how many times.
 * The same object sits in the group's PEL and its consumer's PEL. Owned by the shard thread
 * owning the stream's key.
 */
public final class StreamNack {
    public long ms;
    public long seq;
    /** Null only transiently, for a FORCE-created entry before XCLAIM assigns it. */
    public StreamConsumer consumer;
    public long deliveryTime;
    public long deliveryCount;

    StreamNack(long ms, long seq) {
        this.ms = ms;
        this.seq = seq;
    }

    public StreamNack(long ms, long seq, StreamConsumer consumer, long deliveryTime, long deliveryCount) {
        this.ms = ms;
        this.seq = seq;
        this.consumer = consumer;
        this.deliveryTime = deliveryTime;
        this.deliveryCount = deliveryCount;
    }
}
