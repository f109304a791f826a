package io.ringstore.engine.store;

import java.util.TreeMap;

/**
 * A consumer group (Redis's streamCG): last delivered id, the logical read counter (entries-read,
 * {@link #INVALID_ENTRIES_READ} when unknown), the group's pending entries and its consumers in
 * name order (as Redis's rax: unsigned bytewise). Owned by the shard thread owning the stream's key.
 */
public final class StreamGroup {
    /** SCG_INVALID_ENTRIES_READ. */
    public static final long INVALID_ENTRIES_READ = -1;

    public long lastMs;
    public long lastSeq;
    public long entriesRead;
    public final StreamPel pel = new StreamPel();
    public final TreeMap<byte[], StreamConsumer> consumers = new TreeMap<>(java.util.Arrays::compareUnsigned);

    public StreamGroup(long lastMs, long lastSeq, long entriesRead) {
        this.lastMs = lastMs;
        this.lastSeq = lastSeq;
        this.entriesRead = entriesRead;
    }

    /** The consumer named by {@code b[off, off+len)}, or null (allocates a key only to look up). */
    public StreamConsumer consumer(byte[] name) {
        return consumers.get(name);
    }

    /** Creates a consumer; null when one of that name exists. */
    public StreamConsumer createConsumer(byte[] name, long nowMs) {
        if (consumers.containsKey(name)) {
            return null;
        }
        StreamConsumer c = new StreamConsumer(name, nowMs);
        consumers.put(name, c);
        return c;
    }

    /** Deletes a consumer and its pending entries from the group's PEL; returns how many it had. */
    public long deleteConsumer(StreamConsumer c) {
        long pending = c.pel.size();
        for (StreamNack n : c.pel) {
            pel.remove(n.ms, n.seq);
        }
        consumers.remove(c.name);
        return pending;
    }

    /** Removes a pending entry from the group and its consumer. */
    public void ack(StreamNack n) {
        pel.remove(n.ms, n.seq);
        if (n.consumer != null) {
            n.consumer.pel.remove(n.ms, n.seq);
        }
    }

    /** A deep copy: consumers and pending entries rebuilt, each entry shared by group and owner again. */
    StreamGroup copy() {
        StreamGroup g = new StreamGroup(lastMs, lastSeq, entriesRead);
        for (StreamConsumer c : consumers.values()) {
            g.consumers.put(c.name.clone(), new StreamConsumer(c.name.clone(), c.seenTime));
        }
        for (StreamNack n : pel) {
            StreamConsumer owner = n.consumer == null ? null : g.consumers.get(n.consumer.name);
            StreamNack d = new StreamNack(n.ms, n.seq, owner, n.deliveryTime, n.deliveryCount);
            g.pel.add(d);
            if (owner != null) {
                owner.pel.add(d);
            }
        }
        return g;
    }
}
