package io.ringstore.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The subscriber side of a pub/sub run, driven by the main thread: connects the S subscribers and
 * sends each its SUBSCRIBE or PSUBSCRIBE ({@link SubscriptionPlan}), starts the
 * {@link SubscriberWorker} threads and waits for every confirmation before any publisher starts;
 * then, once a second, closes a delivery interval (progress line); after the publishers have
 * finished, drains (until every expected message has come, or none came for a while, or the drain
 * timeout) and stops. The workers only record.
 */
final class SubscriberGroup implements AutoCloseable {
    private static final long CONFIRM_TIMEOUT_NS = 30_000_000_000L;
    private static final long QUIET_NS = 500_000_000L;

    private final SubscriptionPlan plan;
    private final Recorder recorder = new Recorder(LoadOptions.HIGHEST_TRACKABLE_NS, 3);
    private final Histogram total = new Histogram(LoadOptions.HIGHEST_TRACKABLE_NS, 3);
    private final SubscriberCounters[] counters;
    private final SubscriberWorker[] workers;
    private final Thread[] threads;
    private Histogram interval;
    private volatile long measureStartNs = Long.MAX_VALUE;
    private volatile boolean measuring;
    private volatile boolean publishersDone;
    private volatile boolean stopping;
    private long startNs;
    private long lastReportNs;
    private long lastDelivered;

    private SubscriberGroup(SubscriptionPlan plan, List<SocketChannel> channels, int threadCount) {
        this.plan = plan;
        this.counters = new SubscriberCounters[threadCount];
        this.workers = new SubscriberWorker[threadCount];
        this.threads = new Thread[threadCount];
        for (int w = 0; w < threadCount; w++) {
            counters[w] = new SubscriberCounters();
            final List<SubscriberConnection> mine = new ArrayList<>();
            for (int i = w; i < channels.size(); i += threadCount) {
                mine.add(new SubscriberConnection(channels.get(i), recorder, counters[w]));
            }
            workers[w] = new SubscriberWorker(mine, counters[w], this);
            threads[w] = new Thread(workers[w], "ringstore-bench-sub-" + w);
        }
    }

    /** Connects and subscribes per {@code plan}; returns once every subscription is confirmed. */
    static SubscriberGroup start(LoadOptions o, SubscriptionPlan plan) throws IOException, InterruptedException {
        final InetSocketAddress address = new InetSocketAddress(o.host, o.port);
        final List<SocketChannel> channels = new ArrayList<>(plan.subscribers());
        try {
            for (int s = 0; s < plan.subscribers(); s++) {
                final SocketChannel ch = SocketChannel.open();
                channels.add(ch);
                ch.socket().connect(address, 5_000);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                final ByteBuffer command = ByteBuffer.wrap(encode(plan.command(s)));
                while (command.hasRemaining()) {
                    ch.write(command);          // still blocking: the command goes out whole
                }
                ch.configureBlocking(false);
            }
        } catch (IOException e) {
            for (SocketChannel ch : channels) {
                ch.close();
            }
            throw new IOException("subscribers: cannot connect to " + o.host + ":" + o.port + ": " + e.getMessage(), e);
        }
        final SubscriberGroup group = new SubscriberGroup(plan, channels, Math.min(o.subscriberThreads, channels.size()));
        for (Thread t : group.threads) {
            t.start();
        }
        group.awaitConfirmations();
        return group;
    }

    private void awaitConfirmations() throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + CONFIRM_TIMEOUT_NS;
        while (confirmed() < plan.confirmations()) {
            if (errors() > 0 || disconnects() > 0 || System.nanoTime() - deadline >= 0) {
                close();
                throw new IOException("subscribers: " + confirmed() + " of " + plan.confirmations()
                    + " subscriptions confirmed (errors " + errors() + ", disconnects " + disconnects() + ")");
            }
            Thread.sleep(2);
        }
    }

    static byte[] encode(List<String> args) {
        final StringBuilder sb = new StringBuilder().append('*').append(args.size()).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Messages sent from {@code ns} on are measured; the first interval starts now. */
    void measureFrom(long startNs, long ns) {
        recorder.reset();
        this.startNs = startNs;
        measureStartNs = ns;
        measuring = true;
        lastReportNs = System.nanoTime();
    }

    long measureStartNs() {
        return measureStartNs;
    }

    boolean measuring() {
        return measuring;
    }

    boolean publishersDone() {
        return publishersDone;
    }

    boolean stopping() {
        return stopping;
    }

    /** Closes the interval ending now; prints a progress line unless {@code err} is null. */
    void report(PrintStream err) {
        final long now = System.nanoTime();
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        final long delivered = delivered();
        if (err != null && lastReportNs - measureStartNs >= 0) {   // not an interval that began in warm-up
            final double seconds = Math.max(1e-9, (now - lastReportNs) / 1e9);
            err.printf(Locale.ROOT, "[%6.1fs] delivered %,10.0f msg/s  p50 %,9.1f µs  p99 %,9.1f µs  disconnects %,d%n",
                (now - startNs) / 1e9, (delivered - lastDelivered) / seconds, interval.getValueAtPercentile(50) / 1000.0,
                interval.getValueAtPercentile(99) / 1000.0, disconnects());
        }
        lastDelivered = delivered;
        lastReportNs = now;
    }

    /**
     * After the publishers: waits until {@code expected} measured messages have arrived (when
     * known, i.e. >= 0), or none arrived for half a second, or {@code drainTimeoutNs} passed.
     */
    void drain(long expected, long drainTimeoutNs) throws InterruptedException {
        publishersDone = true;
        final long deadline = System.nanoTime() + drainTimeoutNs;
        long seen = -1;
        long lastChangeNs = System.nanoTime();
        while (true) {
            final long now = System.nanoTime();
            final long delivered = delivered();
            if ((expected >= 0 && delivered >= expected) || now - deadline >= 0) {
                return;
            }
            if (delivered != seen) {
                seen = delivered;
                lastChangeNs = now;
            } else if (now - lastChangeNs >= QUIET_NS) {
                return;
            }
            Thread.sleep(5);
        }
    }

    /** The subscriber side's outcome; call after {@link #close()}. */
    DeliveryResult result(long expected) {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        long lastNs = 0;
        double busy = 0;
        for (SubscriberCounters c : counters) {
            if (c.lastDeliveryNs.get() != 0 && (lastNs == 0 || c.lastDeliveryNs.get() - lastNs > 0)) {
                lastNs = c.lastDeliveryNs.get();
            }
            if (c.wallNs.get() > 0) {
                busy = Math.max(busy, 100.0 * c.cpuNs.get() / c.wallNs.get());
            }
        }
        final double seconds = lastNs == 0 ? 0 : (lastNs - measureStartNs) / 1e9;
        return new DeliveryResult(plan.subscribers(), plan.confirmations(), total, delivered(),
            SubscriberCounters.sum(counters, c -> c.untimed), expected, errors(), disconnects(), seconds, busy);
    }

    private long delivered() {
        return SubscriberCounters.sum(counters, c -> c.delivered);
    }

    private long confirmed() {
        return SubscriberCounters.sum(counters, c -> c.confirmed);
    }

    private long errors() {
        return SubscriberCounters.sum(counters, c -> c.errors);
    }

    private long disconnects() {
        return SubscriberCounters.sum(counters, c -> c.disconnects);
    }

    /** Stops the workers, which close their connections. */
    @Override
    public void close() throws InterruptedException {
        publishersDone = true;
        stopping = true;
        for (Thread t : threads) {
            if (t.isAlive()) {
                t.join();
            }
        }
    }
}
