package io.ringstore.bench.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one {@link LoadWorker} has counted. Single writer (the worker thread, with {@code lazySet}:
 * an ordered store, no StoreLoad fence on the hot path); read by the main thread for the progress
 * line and the summary. Replies to requests sent during warm-up are counted only in
 * {@link #warmupReplies}.
 */
public final class WorkerCounters {
    /** Replies to measured requests (errors included). */
    final AtomicLong replies = new AtomicLong();
    /** Of those, error replies ({@code -ERR ...}). */
    final AtomicLong errors = new AtomicLong();
    final AtomicLong warmupReplies = new AtomicLong();
    /** Connections closed by the peer, or failed on read/write/protocol. */
    final AtomicLong disconnects = new AtomicLong();
    /** Requests sent but never answered (connection lost, or still in flight at the drain timeout). */
    final AtomicLong unanswered = new AtomicLong();
    /** nanoTime of the last measured reply, for the measured duration. */
    final AtomicLong lastReplyNs = new AtomicLong();

    static void add(AtomicLong counter, long delta) {
        counter.lazySet(counter.get() + delta);
    }

    public long replies() {
        return replies.get();
    }

    public long errors() {
        return errors.get();
    }

    public long warmupReplies() {
        return warmupReplies.get();
    }

    public long disconnects() {
        return disconnects.get();
    }

    public long unanswered() {
        return unanswered.get();
    }

    public long lastReplyNs() {
        return lastReplyNs.get();
    }
}
