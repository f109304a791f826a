package io.ringstore.engine.store;

/**
 * A non-string value stored in the keyspace (list, hash, set, sorted set, stream). Owned by the
 * shard thread that owns its key.
 */
public interface CollectionValue {
    /** A deep copy, for COPY. */
    CollectionValue duplicate();

    /** Number of elements; an empty collection is removed from the keyspace. */
    long size();
}
