package io.ringstore.engine.util;

/** A clock that moves only when told to: for expiry tests and deterministic replay. Thread-safe. */
public final class ManualClock implements Clock {
    private volatile long nowMs;

    public ManualClock(long startMs) {
        this.nowMs = startMs;
    }

    @Override
    public long nowMs() {
        return nowMs;
    }

    public void set(long ms) {
        nowMs = ms;
    }

    public void advance(long ms) {
        nowMs += ms;
    }
}
