package io.ringstore.engine.command;

import io.ringstore.engine.RequestEvent;

/**
 * CLIENT UNBLOCK's way to the blocked clients of the shard thread running it. Owned here so that
 * {@link CommandContext} does not name the blocking machinery, which is built on top of this
 * package; {@code block.Blocking} implements it and the shard handler installs it in its context.
 */
public interface ClientUnblocker {
    /**
     * Completes client {@code id}'s waiter with the timeout reply, or with the UNBLOCKED error when
     * {@code error}, delivered through event {@code e}. Returns whether the client was blocked.
     * Runs at a barrier (every shard parked).
     */
    boolean unblock(long id, boolean error, RequestEvent e);
}
