package io.ringstore.engine.store;

/**
 * A consumer group (Redis's streamCG): last delivered id, the logical read counter (entries-read,
 * {@link #INVALID_ENTRIES_READ} when unknown), the group's pending entries and its consumers in
 * name order (as Redis's rax: unsigned bytewise, {@link StreamNames}). Owned by the shard thread owning the stream's key.
 */
public final class StreamGroup {
    /** SCG_INVALID_ENTRIES_READ. */
    public static final long INVALID_ENTRIES_READ = -1;

    public long lastMs;
    public long lastSeq;
    public long entriesRead;
    public final StreamPel pel = new StreamPel();
    public final StreamNames<StreamConsumer> consumers = new StreamNames<>();

    public StreamGroup(long lastMs, long lastSeq, long entriesRead) {
        this.lastMs = lastMs;
        this.lastSeq = lastSeq;
        this.entriesRead = entriesRead;
    }

    /** The consumer named by {@code buf[off, off+len)}, or null. */
    public StreamConsumer consumer(byte[] buf, int off, int len) {
        return consumers.get(buf, off, len);
    }

    public StreamConsumer consumer(byte[] name) {
        return consumers.get(name);
    }

    /** Creates a consumer under a name it now owns; null when one of that name exists. */
    public StreamConsumer createConsumer(byte[] name, long nowMs) {
        StreamConsumer c = new StreamConsumer(name, nowMs);
        return consumers.add(name, c) ? c : null;
    }

    /** Deletes a consumer and its pending entries from the group's PEL; returns how many it had. */
    public long deleteConsumer(StreamConsumer c) {
        long pending = c.pel.size();
        for (StreamNack n : c.pel) {
            pel.remove(n.ms, n.seq);
        }
        consumers.remove(c.name, 0, c.name.length);
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
            g.createConsumer(c.name.clone(), c.seenTime);
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
