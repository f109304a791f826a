package io.ringstore.engine.store;

import java.util.Iterator;
import java.util.TreeSet;

/**
 * A pending entries list ordered by entry id: a group's (every pending entry) or a consumer's
 * (its own). Lookups use a reusable probe, so finding an id allocates nothing. Owned by the shard
 * thread owning the stream's key.
 */
public final class StreamPel implements Iterable<StreamNack> {
    private final TreeSet<StreamNack> set = new TreeSet<>(
            (a, b) -> StreamId.compare(a.ms, a.seq, b.ms, b.seq));
    private final StreamNack probe = new StreamNack(0, 0);

    public int size() {
        return set.size();
    }

    /** The entry with this id, or null. */
    public StreamNack get(long ms, long seq) {
        probe.ms = ms;
        probe.seq = seq;
        StreamNack n = set.ceiling(probe);
        return n != null && n.ms == ms && n.seq == seq ? n : null;
    }

    /** Adds the entry; false when its id is already present. */
    public boolean add(StreamNack n) {
        return set.add(n);
    }

    public boolean remove(long ms, long seq) {
        probe.ms = ms;
        probe.seq = seq;
        return set.remove(probe);
    }

    /** The first entry with id >= (ms, seq), or null. */
    public StreamNack ceiling(long ms, long seq) {
        probe.ms = ms;
        probe.seq = seq;
        return set.ceiling(probe);
    }

    /** The first entry with id > (ms, seq), or null. */
    public StreamNack higher(long ms, long seq) {
        probe.ms = ms;
        probe.seq = seq;
        return set.higher(probe);
    }

    public StreamNack first() {
        return set.isEmpty() ? null : set.first();
    }

    public StreamNack last() {
        return set.isEmpty() ? null : set.last();
    }

    @Override
    public Iterator<StreamNack> iterator() {
        return set.iterator();
    }
}
