package io.ringstore.engine.store;

/**
 * What the keyspace tells about keys it changes on its own, outside a command's explicit calls:
 * a key created ({@link Db#insert}, Redis's dbAdd) and a key removed because its deadline passed
 * (lazy expiry in a lookup, active expiry on a tick), and a read that missed. Keyspace notifications listen today (the
 * {@code new} and {@code expired} events); client tracking's invalidations can listen here too.
 * Called on the thread running on the database's shard, after the change.
 */
public interface KeyListener {
    /** A listener that ignores everything (before a shard binds its own, e.g. while loading a snapshot). */
    KeyListener NONE = new KeyListener() {
        @Override
        public void keyAdded(Db db, byte[] k, int off, int len) {
        }

        @Override
        public void keyExpired(Db db, byte[] k, int off, int len) {
        }

        @Override
        public void keyMissed(Db db, byte[] k, int off, int len) {
        }
    };

    /** Key {@code k[off, off+len)} was just added to {@code db} (not an overwrite of a present key). */
    void keyAdded(Db db, byte[] k, int off, int len);

    /** Key {@code k[off, off+len)} was just removed from {@code db} because it expired. */
    void keyExpired(Db db, byte[] k, int off, int len);

    /** A read looked {@code k[off, off+len)} up in {@code db} and did not find it (a keyspace miss). */
    void keyMissed(Db db, byte[] k, int off, int len);
}
