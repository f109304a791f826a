package io.ringstore.engine.tracking;

import io.ringstore.engine.pubsub.Subscriber;

/** A connection as the tracking tables see it (ClientSession implements it). */
public interface TrackingClient extends Subscriber {
    /** The connection's client id (CLIENT ID), the key of Redis's tracking table. */
    long clientId();

    /** Redis's CLIENT_TRACKING_BROKEN_REDIR: set when the REDIRECT target is gone, cleared by CLIENT TRACKING. */
    void redirectBroken(boolean broken);
}
