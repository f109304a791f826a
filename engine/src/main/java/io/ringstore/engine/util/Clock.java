package io.ringstore.engine.util;

/**
 * Wall-clock source, read once per ring event at ingress (never by shards), so that tests can
 * inject time and journal replay sees the same instants. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Clock {
    Clock SYSTEM = System::currentTimeMillis;

    long nowMs();
}
