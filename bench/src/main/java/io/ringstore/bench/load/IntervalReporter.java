package io.ringstore.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * Once per interval, takes the interval histogram from the shared {@link Recorder}, adds it to the
 * run's total, appends it to the {@code NAME.hlog} interval log and prints the progress line (rate,
 * p50, p99, errors, disconnects) to stderr. Main thread only; the workers only record.
 */
final class IntervalReporter implements AutoCloseable {
    private final LoadOptions options;
    private final Recorder recorder;
    private final WorkerCounters[] counters;
    private final PrintStream err;
    private final long startNs;
    private final long measureStartNs;
    private final Histogram total = new Histogram(LoadOptions.HIGHEST_TRACKABLE_NS, 3);
    private final PrintStream hlogStream;
    private final HistogramLogWriter hlog;
    private Histogram interval;
    private long lastReportNs;
    private long lastReplies;
    private long lastWarmupReplies;

    IntervalReporter(LoadOptions options, Recorder recorder, WorkerCounters[] counters, PrintStream err,
                     long startNs, long startMs, long measureStartNs) throws IOException {
        this.options = options;
        this.recorder = recorder;
        this.counters = counters;
        this.err = err;
        this.startNs = startNs;
        this.measureStartNs = measureStartNs;
        this.lastReportNs = startNs;
        if (options.out != null) {
            Files.createDirectories(options.out);
            hlogStream = new PrintStream(Files.newOutputStream(options.out.resolve(options.name + ".hlog")), false,
                StandardCharsets.UTF_8);
            hlog = new HistogramLogWriter(hlogStream);
            hlog.outputComment("ringstore-bench " + options.name + " " + options.describe() + "; values in nanoseconds");
            hlog.outputLogFormatVersion();
            hlog.outputStartTime(startMs);
            hlog.setBaseTime(startMs);
            hlog.outputLegend();
        } else {
            hlogStream = null;
            hlog = null;
        }
    }

    /** Closes the interval ending now. */
    void report() {
        final long now = System.nanoTime();
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        if (hlog != null && interval.getTotalCount() > 0) {
            hlog.outputIntervalHistogram(interval);
        }
        final long replies = sum(counters, WorkerCounters::replies);
        final long warmupReplies = sum(counters, WorkerCounters::warmupReplies);
        if (!options.quiet) {
            final double seconds = Math.max(1e-9, (now - lastReportNs) / 1e9);
            final boolean warming = lastReportNs - measureStartNs < 0; // the interval began in warm-up
            if (warming) {
                err.printf(Locale.ROOT, "[%6.1fs] warm-up  %,10.0f req/s  (not recorded)  disconnects %,d%n",
                    (now - startNs) / 1e9, (warmupReplies - lastWarmupReplies) / seconds,
                    sum(counters, WorkerCounters::disconnects));
            } else {
                err.printf(Locale.ROOT, "[%6.1fs] %s %,10.0f req/s  p50 %,9.1f µs  p99 %,9.1f µs  errors %,d  disconnects %,d%n",
                    (now - startNs) / 1e9, "measured", (replies - lastReplies) / seconds,
                    interval.getValueAtPercentile(50) / 1000.0, interval.getValueAtPercentile(99) / 1000.0,
                    sum(counters, WorkerCounters::errors), sum(counters, WorkerCounters::disconnects));
            }
        }
        lastReplies = replies;
        lastWarmupReplies = warmupReplies;
        lastReportNs = now;
    }

    /** Every measured latency of the run, in nanoseconds. */
    Histogram total() {
        return total;
    }

    static long sum(WorkerCounters[] counters, ToLongFunction<WorkerCounters> field) {
        long s = 0;
        for (WorkerCounters c : counters) {
            s += field.applyAsLong(c);
        }
        return s;
    }

    @Override
    public void close() {
        if (hlogStream != null) {
            hlogStream.close();
        }
    }
}
