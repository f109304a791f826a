package io.ringstore.engine.store;

/**
 * Told when a key of a {@link Db} is removed because its deadline passed (lazy or active expiry):
 * the tracking table invalidates it, as Redis's deleteExpiredKeyAndPropagate calls
 * signalModifiedKey with no client. Called on the thread that owns the Db.
 */
@FunctionalInterface
public interface ExpiryListener {
    void expired(byte[] k, int off, int len);
}
