package io.ringstore.bench.load;

import org.HdrHistogram.Histogram;

/**
 * The subscriber side of a pub/sub run, assembled by the main thread after the subscribers have
 * stopped. {@link #histogram} holds publish-to-receive latencies in nanoseconds (timed messages
 * only); {@code expected} is measured publishes times receivers per publish, or -1 when the plan
 * cannot know it; {@code busyPercent} is the busiest subscriber thread's CPU time over the measured
 * period (near 100: the generator was the limit).
 */
public record DeliveryResult(int subscribers, long confirmations, Histogram histogram, long delivered, long untimed,
                             long expected, long errors, long disconnects, double measuredSeconds, double busyPercent) {

    public double deliveredPerSecond() {
        return measuredSeconds > 0 ? delivered / measuredSeconds : 0;
    }

    /** Expected messages that never arrived (0 when unknown). */
    public long missing() {
        return expected < 0 ? 0 : Math.max(0, expected - delivered);
    }

    /** Latency at {@code percentile} (0..100) in microseconds. */
    public double percentileUs(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxUs() {
        return histogram.getMaxValue() / 1000.0;
    }

    public double meanUs() {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getMean() / 1000.0;
    }
}
