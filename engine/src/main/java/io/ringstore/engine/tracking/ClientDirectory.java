package io.ringstore.engine.tracking;

import io.ringstore.engine.pubsub.Subscriber;

/**
 * Redis's lookupClientByID for REDIRECT targets (SessionRegistry implements it): the open
 * connection with that id, or null. Safe from any thread.
 */
public interface ClientDirectory {
    Subscriber client(long id);
}
