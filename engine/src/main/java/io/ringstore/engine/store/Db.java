package io.ringstore.engine.store;

/**
 * One numbered database's share of the keyspace on one shard: the {@link Dict} plus Redis's lookup
 * semantics (lazy expiry against the event's time, LRU touch, keyspace hit/miss counting).
 * Owned by one shard thread.
 */
public final class Db {
    private final Dict dict = new Dict();
    private final ShardStats stats;
    /** Clients WATCHing keys of this database index on this shard (stays with the index on SWAPDB). */
    private WatchedKeys watched = new WatchedKeys();
    /** Told of every expired key (client-side caching), or null. */
    private ExpiryListener expiryListener;

    public Db(ShardStats stats) {
        this.stats = stats;
        watched.db = this;
    }

    public Dict dict() {
        return dict;
    }

    public long size() {
        return dict.size();
    }

    /**
     * Looks a key up for reading: expires it if its deadline has passed, counts a keyspace hit or
     * miss and refreshes its LRU clock. Returns the slot or -1.
     */
    public int lookupRead(byte[] k, int off, int len, int hash, long nowMs) {
        int slot = lookup(k, off, len, hash, nowMs);
        if (slot < 0) {
            stats.keyspaceMisses++;
        } else {
            stats.keyspaceHits++;
            touch(slot, nowMs);
        }
        return slot;
    }

    /** Looks a key up for writing: lazy expiry and LRU touch, no hit/miss counting. */
    public int lookupWrite(byte[] k, int off, int len, int hash, long nowMs) {
        int slot = lookup(k, off, len, hash, nowMs);
        if (slot >= 0) {
            touch(slot, nowMs);
        }
        return slot;
    }

    /** Looks a key up without side effects other than lazy expiry (OBJECT, TTL-like NOTOUCH paths). */
    public int lookup(byte[] k, int off, int len, int hash, long nowMs) {
        int slot = dict.find(k, off, len, hash);
        if (slot >= 0) {
            long deadline = dict.expire(slot);
            if (isExpired(deadline, nowMs)) {
                dict.removeAt(slot);
                stats.expiredKeys++;
                expired(k, off, len);
                return -1;
            }
        }
        return slot;
    }

    /** Sets who is told of expired keys (the shard's tracking table). */
    public void expiryListener(ExpiryListener l) {
        this.expiryListener = l;
    }

    /**
     * A key was removed because its deadline passed (lazy expiry here, active expiry in the shard):
     * Redis's signalModifiedKey(NULL, db, key) from deleteExpiredKeyAndPropagate.
     */
    public void expired(byte[] k, int off, int len) {
        touch(k, off, len);
        if (expiryListener != null) {
            expiryListener.expired(k, off, len);
        }
    }

    /**
     * Redis's signalModifiedKey for WATCH: the key was written, deleted or expired (call after the
     * change). One branch when nobody watches a key of this database on this shard.
     */
    public void touch(byte[] k, int off, int len) {
        if (!watched.isEmpty()) {
            watched.touch(k, off, len);
        }
    }

    /**
     * FLUSHDB, FLUSHALL ({@code replacedWith} null) and SWAPDB, before the change: every watched key
     * removed or replaced makes its watchers dirty (Redis's touchAllWatchedKeysInDb).
     */
    public void touchAllWatched(Db replacedWith, long nowMs) {
        if (!watched.isEmpty()) {
            watched.touchAll(replacedWith, nowMs);
        }
    }

    /** WATCH of a key of this database by {@code w}, whose list on {@code shard} records it. */
    public void watch(Watcher w, int shard, byte[] k, int off, int len, int hash, long nowMs) {
        watched.watch(w, shard, k, off, len, keyIsExpired(k, off, len, hash, nowMs));
    }

    /** Clients watching keys of this database (INFO watching keys). */
    public WatchedKeys watched() {
        return watched;
    }

    /** SWAPDB swaps the data of two database indexes; the clients watching each index stay with it. */
    public static void swapWatched(Db a, Db b) {
        WatchedKeys t = a.watched;
        a.watched = b.watched;
        b.watched = t;
        a.watched.db = a;
        b.watched.db = b;
    }

    /** The key exists (still in the table) and its deadline has passed (Redis's keyIsExpired). */
    public boolean keyIsExpired(byte[] k, int off, int len, int hash, long nowMs) {
        int slot = dict.find(k, off, len, hash);
        return slot >= 0 && isExpired(dict.expire(slot), nowMs);
    }

    /**
     * Whether a key with this deadline (0 = none) is logically gone at {@code nowMs}: strictly past
     * the deadline, as Redis 7's keyIsExpired ({@code now > when}). Overflow-safe comparison.
     */
    public static boolean isExpired(long deadlineMs, long nowMs) {
        return deadlineMs != 0 && nowMs - deadlineMs > 0;
    }

    private void touch(int slot, long nowMs) {
        dict.setMeta(slot, ObjectType.withLru(dict.meta(slot), ObjectType.lruClock(nowMs)));
    }

    /** Inserts a new key (absent: the caller looked it up) with type and encoding; returns its slot. */
    public int insert(byte[] key, int hash, int type, int encoding, long nowMs) {
        int slot = dict.insert(key, hash);
        dict.setMeta(slot, ObjectType.meta(type, encoding, ObjectType.lruClock(nowMs)));
        return slot;
    }

    public void delete(int slot) {
        dict.removeAt(slot);
    }

    public int type(int slot) {
        return ObjectType.type(dict.meta(slot));
    }

    public int encoding(int slot) {
        return ObjectType.encoding(dict.meta(slot));
    }

    public void clear() {
        dict.clear();
    }

    /** FLUSHDB / FLUSHALL of this slice: watchers of keys it held become dirty, then it empties. */
    public void flush(long nowMs) {
        touchAllWatched(null, nowMs);
        dict.clear();
    }
}
