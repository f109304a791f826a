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
    /** Told of keys added and expired (KeyListener); the shard's switch, or NONE. */
    private final KeyListener events;
    /** This database's number (SWAPDB renumbers: ShardState keeps it right). */
    private int index;
    /** Told of every expired key (client-side caching), or null. */
    private ExpiryListener expiryListener;

    public Db(ShardStats stats) {
        this(stats, KeyListener.NONE, 0);
    }

    public Db(ShardStats stats, KeyListener events, int index) {
        this.stats = stats;
        this.events = events;
        this.index = index;
        watched.db = this;
    }

    /** This database's number (as SELECT names it), for notifications raised on its keys. */
    public int index() {
        return index;
    }

    /** ShardState after SWAPDB: the slice now answers to {@code index}. */
    public void index(int index) {
        this.index = index;
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
            events.keyMissed(this, k, off, len);
        } else {
            stats.keyspaceHits++;
            touch(slot, nowMs);
        }
        return slot;
    }

    /**
     * {@link #lookupRead} without the LRU touch (EXISTS, TYPE, TTL: Redis's LOOKUP_NOTOUCH), and
     * without the miss event when not {@code notifyMiss} (OBJECT: LOOKUP_NONOTIFY too).
     */
    public int lookupReadNoTouch(byte[] k, int off, int len, int hash, long nowMs, boolean notifyMiss) {
        int slot = lookup(k, off, len, hash, nowMs);
        if (slot < 0) {
            stats.keyspaceMisses++;
            if (notifyMiss) {
                events.keyMissed(this, k, off, len);
            }
        } else {
            stats.keyspaceHits++;
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
                removeExpired(slot);
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
     * Removes the key at {@code slot} because its deadline passed (lazy expiry here, active expiry
     * from the shard's tick): Redis's deleteExpiredKeyAndPropagate, which counts it, raises the
     * {@code expired} event and signals the key modified (its watchers, then the tracking table's
     * invalidation through the {@link ExpiryListener}).
     */
    public void removeExpired(int slot) {
        byte[] key = dict.key(slot);
        dict.removeAt(slot);
        stats.expiredKeys++;
        events.keyExpired(this, key, 0, key.length);
        touch(key, 0, key.length); // signalModifiedKey: WATCH, then client-side caching
        if (expiryListener != null) {
            expiryListener.expired(key, 0, key.length);
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

    /**
     * Inserts a new key (absent: the caller looked it up) with type and encoding; returns its slot.
     * Redis's dbAdd, so it raises the {@code new} event (KeyListener).
     */
    public int insert(byte[] key, int hash, int type, int encoding, long nowMs) {
        int slot = dict.insert(key, hash);
        dict.setMeta(slot, ObjectType.meta(type, encoding, ObjectType.lruClock(nowMs)));
        events.keyAdded(this, key, 0, key.length);
        return slot;
    }

    /**
     * {@link #insert} of a key the command has just deleted to store a new value under it: Redis's
     * setKey overwriting a present key (dbOverwrite), so no {@code new} event.
     */
    public int reinsert(byte[] key, int hash, int type, int encoding, long nowMs) {
        int slot = dict.insert(key, hash);
        dict.setMeta(slot, ObjectType.meta(type, encoding, ObjectType.lruClock(nowMs)));
        return slot;
    }

    /** A key added to the table directly (RENAME, MOVE, COPY move whole entries): raises {@code new} as dbAdd. */
    public void added(byte[] key) {
        events.keyAdded(this, key, 0, key.length);
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
