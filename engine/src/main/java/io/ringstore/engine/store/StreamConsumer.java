package io.ringstore.engine.store;

/**
 * A consumer of a group (Redis's streamConsumer): its name, when it was last seen (ms, ingress
 * time of the command that named it) and its own pending entries. Owned by the shard thread owning
 * the stream's key.
 */
public final class StreamConsumer {
    public final byte[] name;
    public long seenTime;
    public final StreamPel pel = new StreamPel();

    public StreamConsumer(byte[] name, long seenTime) {
        this.name = name;
        this.seenTime = seenTime;
    }
}
