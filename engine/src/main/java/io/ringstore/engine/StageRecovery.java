package io.ringstore.engine;

/**
 * A stage's way of putting an event right after it threw on it: the shards give the client an
 * error reply, the journal stops accepting writes, the reply stage drops the connection whose
 * reply it could not write. Called by {@link StageErrorHandler} on the failing stage's thread.
 */
public interface StageRecovery {
    void recover(RequestEvent e, Throwable failure);
}
