package io.ringstore.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Entry point of {@code scripts/ringstore-bench}. The main thread connects, starts the
 * {@link LoadWorker} threads, then has the {@link IntervalReporter} close an interval once a second
 * (progress line, {@code .hlog}); at the end it prints the summary and writes the files
 * ({@link RunReport}). With {@code --subscribers}, a {@link SubscriberGroup} subscribes first, before
 * the clock starts, and drains after the load threads have finished.
 */
public final class LoadGenerator {
    private static final long REPORT_INTERVAL_NS = 1_000_000_000L;

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("plot")) {
            LatencyPlot.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        final LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ringstore-bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.print(LoadOptions.USAGE);
            return;
        }
        try {
            run(options, System.out, System.err);
        } catch (IOException e) {
            System.err.println("ringstore-bench: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs the load described by {@code o}; summary to {@code out}, progress to {@code err}. */
    public static RunResult run(LoadOptions o, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        final Recorder recorder = new Recorder(LoadOptions.HIGHEST_TRACKABLE_NS, 3);
        final SubscriberGroup subscribers = o.pubSub() ? SubscriberGroup.start(o, o.subscriptions) : null;
        try {
            return run(o, recorder, subscribers, out, err);
        } finally {
            if (subscribers != null) {
                subscribers.close();
            }
        }
    }

    private static RunResult run(LoadOptions o, Recorder recorder, SubscriberGroup subscribers, PrintStream out,
                                 PrintStream err) throws IOException, InterruptedException {
        final List<SocketChannel> channels = connect(o);
        final long startNs = System.nanoTime();
        final long startMs = System.currentTimeMillis();
        final long measureStartNs = startNs + o.warmupNs;
        final long endNs = o.durationNs > 0 ? measureStartNs + o.durationNs : Long.MAX_VALUE;
        final int writeBufferBytes = Math.max(64 * 1024,
            o.mix.maxEncodedLength() * (o.openLoop() ? Math.min(o.maxInFlight, 64) : o.pipeline) + 1);

        final LoadWorker[] workers = new LoadWorker[o.threads];
        final WorkerCounters[] counters = new WorkerCounters[o.threads];
        final SplittableRandom seeds = new SplittableRandom(o.seed);
        final KeyChooser keys = KeyChooser.of(o.keyspace, o.zipf);
        for (int w = 0; w < o.threads; w++) {
            counters[w] = new WorkerCounters();
            final List<LoadConnection> mine = new ArrayList<>();
            for (int i = w; i < o.connections; i += o.threads) {
                final OpenLoopSchedule schedule = o.openLoop() ? new OpenLoopSchedule(startNs, o.rate, o.connections, i) : null;
                mine.add(new LoadConnection(channels.get(i), schedule, o.openLoop() ? o.maxInFlight : o.pipeline,
                    writeBufferBytes, recorder, counters[w], measureStartNs));
            }
            final long budget = o.requests > 0 ? o.requests / o.threads + (w < o.requests % o.threads ? 1 : 0) : -1;
            workers[w] = new LoadWorker(o, mine, o.mix.copy(), keys, seeds.nextLong(), counters[w], measureStartNs, endNs, budget);
        }

        final Histogram total;
        try (IntervalReporter reporter = new IntervalReporter(o, recorder, counters, err, startNs, startMs, measureStartNs)) {
            recorder.reset(); // the first interval starts now, with the workers
            if (subscribers != null) {
                subscribers.measureFrom(startNs, measureStartNs);
            }
            final Thread[] threads = new Thread[o.threads];
            for (int w = 0; w < o.threads; w++) {
                threads[w] = new Thread(workers[w], "ringstore-bench-" + w);
                threads[w].start();
            }
            // ticks fall on the end of warm-up, so measured intervals hold no warm-up time
            final long firstNs = o.warmupNs % REPORT_INTERVAL_NS;
            long nextReportNs = startNs + (firstNs == 0 ? REPORT_INTERVAL_NS : firstNs);
            while (!allDone(workers)) {
                if (System.nanoTime() - nextReportNs < 0) {
                    Thread.sleep(5);
                    continue;
                }
                nextReportNs += REPORT_INTERVAL_NS;
                reporter.report();
                if (subscribers != null) {
                    subscribers.report(o.quiet ? null : err);
                }
            }
            for (Thread t : threads) {
                t.join();
            }
            reporter.report(); // the last, partial interval
            total = reporter.total();
        }
        long lastReplyNs = measureStartNs;
        for (WorkerCounters c : counters) {
            if (c.lastReplyNs() != 0 && c.lastReplyNs() - lastReplyNs > 0) {
                lastReplyNs = c.lastReplyNs();
            }
        }
        final long replies = IntervalReporter.sum(counters, WorkerCounters::replies);
        DeliveryResult delivery = null;
        if (subscribers != null) {
            final long perPublish = o.subscriptions.receiversPerPublish();
            final long expected = perPublish >= 0 && o.timedPublishMix ? replies * perPublish : -1;
            subscribers.drain(expected, o.drainTimeoutNs);
            subscribers.close();
            delivery = subscribers.result(expected);
        }
        final RunResult result = new RunResult(o, total, replies,
            IntervalReporter.sum(counters, WorkerCounters::errors), IntervalReporter.sum(counters, WorkerCounters::disconnects),
            IntervalReporter.sum(counters, WorkerCounters::unanswered), (lastReplyNs - measureStartNs) / 1e9, delivery);
        RunReport.printSummary(result, out);
        if (o.out != null) {
            RunReport.writeFiles(result, o.out);
        }
        return result;
    }

    private static List<SocketChannel> connect(LoadOptions o) throws IOException {
        final InetSocketAddress address = new InetSocketAddress(o.host, o.port);
        final List<SocketChannel> channels = new ArrayList<>(o.connections);
        try {
            for (int i = 0; i < o.connections; i++) {
                final SocketChannel ch = SocketChannel.open();
                channels.add(ch);
                ch.socket().connect(address, 5_000);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
            }
        } catch (IOException e) {
            for (SocketChannel ch : channels) {
                ch.close();
            }
            throw new IOException("cannot connect to " + o.host + ":" + o.port + ": " + e.getMessage(), e);
        }
        return channels;
    }

    private static boolean allDone(LoadWorker[] workers) {
        for (LoadWorker w : workers) {
            if (!w.isDone()) {
                return false;
            }
        }
        return true;
    }
}
