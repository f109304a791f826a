package io.ringstore.engine.store;

import java.util.Arrays;
import java.util.Collection;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Group or consumer names of a stream, in Redis's rax order (unsigned bytewise, a prefix first),
 * looked up straight from argument bytes through a reusable probe, so finding a group or consumer
 * allocates nothing. Owned by the shard thread owning the stream's key.
 */
public final class StreamNames<V> {
    /** A name as a slice; stored keys own an exact array. */
    private static final class Name implements Comparable<Name> {
        byte[] buf;
        int off;
        int len;

        Name(byte[] buf, int off, int len) {
            this.buf = buf;
            this.off = off;
            this.len = len;
        }

        @Override
        public int compareTo(Name o) {
            return Arrays.compareUnsigned(buf, off, off + len, o.buf, o.off, o.off + o.len);
        }
    }

    private final TreeMap<Name, V> map = new TreeMap<>();
    private final Name probe = new Name(null, 0, 0);

    public int size() {
        return map.size();
    }

    public V get(byte[] buf, int off, int len) {
        probe.buf = buf;
        probe.off = off;
        probe.len = len;
        V v = map.get(probe);
        probe.buf = null;
        return v;
    }

    public V get(byte[] name) {
        return get(name, 0, name.length);
    }

    /** Adds {@code v} under a name the map now owns; false (nothing added) when the name exists. */
    public boolean add(byte[] name, V v) {
        return map.putIfAbsent(new Name(name, 0, name.length), v) == null;
    }

    public V remove(byte[] buf, int off, int len) {
        probe.buf = buf;
        probe.off = off;
        probe.len = len;
        V v = map.remove(probe);
        probe.buf = null;
        return v;
    }

    public Collection<V> values() {
        return map.values();
    }

    /** Visits names (exact arrays, do not modify) and values in order. */
    public void forEach(BiConsumer<byte[], V> visitor) {
        map.forEach((k, v) -> visitor.accept(k.buf, v));
    }
}
