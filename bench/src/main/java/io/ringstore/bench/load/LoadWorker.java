package io.ringstore.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * One load thread: owns a selector and a share of the connections, and runs the duty cycle
 * "fill each connection's pipeline as the loop allows, flush, wait for replies or the next due
 * send, account for the replies". Closed loop: keep up to P requests in flight per connection, for
 * a share of N measured requests or until the end time. Open loop: send each connection's requests
 * at their scheduled times ({@link OpenLoopSchedule}), with latency measured from those times.
 * Everything it touches belongs to its thread, except the {@link org.HdrHistogram.Recorder}
 * (wait-free, multi-writer) and its {@link WorkerCounters} (single writer, read by main).
 */
final class LoadWorker implements Runnable {
    private final LoadOptions options;
    private final List<LoadConnection> connections;
    private final CommandMix mix;
    private final KeyChooser keys;
    private final SplittableRandom random;
    private final WorkerCounters counters;
    private final long measureStartNs;
    private final long endNs;               // Long.MAX_VALUE when bounded by a request count
    private final long measuredBudget;      // closed loop with -n: this worker's share of N
    private final int maxEncoded;
    private long measuredSent;
    private volatile boolean done;

    LoadWorker(LoadOptions options, List<LoadConnection> connections, CommandMix mix, KeyChooser keys, long seed,
               WorkerCounters counters, long measureStartNs, long endNs, long measuredBudget) {
        this.options = options;
        this.connections = connections;
        this.mix = mix;
        this.keys = keys;
        this.random = new SplittableRandom(seed);
        this.counters = counters;
        this.measureStartNs = measureStartNs;
        this.endNs = endNs;
        this.measuredBudget = measuredBudget;
        this.maxEncoded = mix.maxEncodedLength();
    }

    boolean isDone() {
        return done;
    }

    @Override
    public void run() {
        try (Selector selector = Selector.open()) {
            for (LoadConnection c : connections) {
                c.key = c.channel.register(selector, SelectionKey.OP_READ, c);
            }
            loop(selector);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (LoadConnection c : connections) {
                c.close();
            }
            done = true;
        }
    }

    private void loop(Selector selector) throws IOException {
        long drainDeadlineNs = 0;
        boolean draining = false;
        while (true) {
            final long now = System.nanoTime();
            if (!draining && finishedSending(now)) {
                draining = true;
                drainDeadlineNs = now + options.drainTimeoutNs;
            }
            long nextDueNs = Long.MAX_VALUE;
            boolean anyOpen = false;
            boolean anyInFlight = false;
            for (LoadConnection c : connections) {
                if (!c.open) {
                    continue;
                }
                if (!draining) {
                    nextDueNs = Math.min(nextDueNs, c.schedule == null ? fillClosed(c, now) : fillOpen(c, now));
                }
                c.flush();
                anyOpen |= c.open;
                anyInFlight |= c.open && c.inFlight() > 0;
            }
            if (!anyOpen || (draining && !anyInFlight)) {
                return;
            }
            if (draining && now - drainDeadlineNs >= 0) {
                for (LoadConnection c : connections) {
                    c.abandonInFlight();
                }
                return;
            }
            await(selector, draining ? drainDeadlineNs : nextDueNs, now);
            for (SelectionKey key : selector.selectedKeys()) {
                final LoadConnection c = (LoadConnection) key.attachment();
                if (key.isValid() && key.isReadable()) {
                    c.read();
                }
                if (key.isValid() && key.isWritable()) {
                    c.flush();
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private boolean finishedSending(long now) {
        if (options.rate > 0) {
            // Not "now >= end": requests due before the end but still unsent (we are late) must go,
            // or the run would drop exactly the requests that a stall delayed.
            if (now - endNs - options.drainTimeoutNs >= 0) {
                countUnsent();  // the server stopped answering and the in-flight window stayed full
                return true;
            }
            for (LoadConnection c : connections) {
                if (c.open && c.schedule.intendedNs(c.nextK) - endNs < 0) {
                    return false;
                }
            }
            return true;
        }
        return now - endNs >= 0 || (measuredBudget >= 0 && measuredSent >= measuredBudget);
    }

    /** Open loop, giving up: requests scheduled before the end but never sent count as unanswered. */
    private void countUnsent() {
        long unsent = 0;
        for (LoadConnection c : connections) {
            for (long k = c.nextK; c.open && c.schedule.intendedNs(k) - endNs < 0; k++) {
                unsent++;
            }
        }
        WorkerCounters.add(counters.unanswered, unsent);
    }

    /** Closed loop: top the pipeline up to P. Returns when it next wants to send (never: replies wake it). */
    private long fillClosed(LoadConnection c, long now) {
        final boolean measured = now - measureStartNs >= 0;
        while (c.inFlight() < options.pipeline && c.hasRoomFor(maxEncoded)) {
            if (measured) {
                if (measuredBudget >= 0 && measuredSent >= measuredBudget) {
                    break;
                }
                measuredSent++;
            }
            c.send(mix.next(random), keys.next(random), now);
        }
        return measured ? Long.MAX_VALUE : measureStartNs;
    }

    /** Open loop: send every request whose intended time has come. Returns the next intended time. */
    private long fillOpen(LoadConnection c, long now) {
        final OpenLoopSchedule schedule = c.schedule;
        while (c.inFlight() < options.maxInFlight && c.hasRoomFor(maxEncoded)) {
            final long due = schedule.intendedNs(c.nextK);
            if (due - now > 0 || due - endNs >= 0) {
                return due - endNs >= 0 ? Long.MAX_VALUE : due;
            }
            c.send(mix.next(random), keys.next(random), due);
            c.nextK++;
        }
        return Long.MAX_VALUE; // window full: a reply (or writability) will wake us, then we catch up
    }

    /**
     * Waits for socket events until {@code untilNs}. Below a millisecond, the selector cannot time
     * its wake-up, so the thread polls and parks in short steps instead; the generator's own send
     * lateness is then tens of microseconds, and is included in the open loop's latency.
     */
    private static void await(Selector selector, long untilNs, long now) throws IOException {
        final long waitNs = untilNs == Long.MAX_VALUE ? Long.MAX_VALUE : untilNs - now;
        if (waitNs <= 0) {
            selector.selectNow();
        } else if (waitNs >= 1_000_000) {
            selector.select(Math.min(waitNs / 1_000_000, 100));
        } else if (selector.selectNow() == 0) {
            LockSupport.parkNanos(Math.min(waitNs, 20_000));
        }
    }
}
