package io.ringstore.bench.load;

/**
 * When each request of one connection is meant to be sent in an open-loop run. The total rate R is
 * spread over C connections: connection i's k-th request is due at
 * {@code startNs + (k*C + i) * 1e9 / R}, so the C connections interleave evenly and together send
 * R requests a second. Computed from k (not by adding an interval) so that rounding never accumulates.
 * Latency is then measured from this intended time, not from when the request actually left, which
 * corrects coordinated omission the way wrk2 does: a stall delays the sends, and the delay shows up
 * in the latency of every request that should have gone out meanwhile. Immutable; owned by the
 * {@link LoadConnection}'s worker thread.
 */
public final class OpenLoopSchedule {
    private final long startNs;
    private final int connections;
    private final int index;
    private final double ratePerSecond;

    public OpenLoopSchedule(long startNs, double ratePerSecond, int connections, int index) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate: " + ratePerSecond + " (expected: > 0)");
        }
        if (index < 0 || index >= connections) {
            throw new IllegalArgumentException("index: " + index + " (expected: 0 .. " + (connections - 1) + ")");
        }
        this.startNs = startNs;
        this.connections = connections;
        this.index = index;
        this.ratePerSecond = ratePerSecond;
    }

    /** Intended send time of this connection's k-th request (k from 0). */
    public long intendedNs(long k) {
        // numerator exact in a double up to 2^53 ns (104 days); one rounding, in the division
        return startNs + (long) ((k * connections + index) * 1e9 / ratePerSecond);
    }
}
