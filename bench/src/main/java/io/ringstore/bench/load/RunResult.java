package io.ringstore.bench.load;

import org.HdrHistogram.Histogram;

/**
 * The outcome of one run, assembled by the main thread after the workers have finished.
 * Latencies in {@link #histogram} are nanoseconds (request to reply; PUBLISH's reply in a pub/sub
 * run, whose publish-to-receive side is {@link #delivery}, null otherwise).
 */
public record RunResult(LoadOptions options, Histogram histogram, long replies, long errors, long disconnects,
                        long unanswered, double measuredSeconds, DeliveryResult delivery) {

    public double throughputPerSecond() {
        return measuredSeconds > 0 ? replies / measuredSeconds : 0;
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
