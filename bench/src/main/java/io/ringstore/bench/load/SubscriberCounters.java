package io.ringstore.bench.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What one {@link SubscriberWorker} has counted. Single writer (the worker thread, ordered stores
 * through {@link WorkerCounters#add}); read by the main thread for the progress line, the drain and
 * the summary. A message belongs to the measured period when its send time (or, without one, its
 * receive time) is at or after the end of warm-up.
 */
final class SubscriberCounters {
    /** Measured messages received (timed and untimed). */
    final AtomicLong delivered = new AtomicLong();
    /** Of those, messages without a send time (latency not recorded). */
    final AtomicLong untimed = new AtomicLong();
    final AtomicLong warmupDelivered = new AtomicLong();
    /** Subscribe/psubscribe confirmations. */
    final AtomicLong confirmed = new AtomicLong();
    /** Error replies on subscriber connections (e.g. a refused PSUBSCRIBE). */
    final AtomicLong errors = new AtomicLong();
    final AtomicLong disconnects = new AtomicLong();
    /** nanoTime of the last measured message. */
    final AtomicLong lastDeliveryNs = new AtomicLong();
    /** Thread CPU time and wall time over the measured period, for the busy share. */
    final AtomicLong cpuNs = new AtomicLong();
    final AtomicLong wallNs = new AtomicLong();

    static long sum(SubscriberCounters[] counters, Function<SubscriberCounters, AtomicLong> field) {
        long s = 0;
        for (SubscriberCounters c : counters) {
            s += field.apply(c).get();
        }
        return s;
    }
}
