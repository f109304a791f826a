package io.ringstore.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;

/**
 * One subscriber thread: a selector over its share of the subscribed connections, one read buffer
 * for all of them, and the duty cycle "wait for readable sockets, read and parse each". It also
 * measures its own CPU time over the measured period: a thread busy close to 100% means the
 * generator, not the server, limited the delivery rate. Everything here belongs to its thread
 * except the shared {@link org.HdrHistogram.Recorder} and its {@link SubscriberCounters}.
 */
final class SubscriberWorker implements Runnable {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final List<SubscriberConnection> connections;
    private final SubscriberCounters counters;
    private final SubscriberGroup group;
    private final ByteBuffer readBuf = ByteBuffer.allocateDirect(256 * 1024);
    private volatile boolean done;

    SubscriberWorker(List<SubscriberConnection> connections, SubscriberCounters counters, SubscriberGroup group) {
        this.connections = connections;
        this.counters = counters;
        this.group = group;
    }

    boolean isDone() {
        return done;
    }

    @Override
    public void run() {
        try (Selector selector = Selector.open()) {
            for (SubscriberConnection c : connections) {
                c.key = c.channel.register(selector, SelectionKey.OP_READ, c);
            }
            loop(selector);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (SubscriberConnection c : connections) {
                c.close();
            }
            done = true;
        }
    }

    private void loop(Selector selector) throws IOException {
        long cpuStartNs = -1;
        long wallStartNs = 0;
        boolean cpuDone = false;
        while (!group.stopping()) {
            selector.select(50);
            final long measureStartNs = group.measureStartNs();
            for (SelectionKey key : selector.selectedKeys()) {
                final SubscriberConnection c = (SubscriberConnection) key.attachment();
                if (key.isValid() && key.isReadable()) {
                    c.read(readBuf, measureStartNs);
                }
            }
            selector.selectedKeys().clear();
            final long now = System.nanoTime();
            if (cpuStartNs < 0 && group.measuring() && now - measureStartNs >= 0) {
                cpuStartNs = cpuTimeNs();
                wallStartNs = now;
            } else if (cpuStartNs >= 0 && !cpuDone && group.publishersDone()) {
                busy(cpuStartNs, wallStartNs, now);
                cpuDone = true;
            }
        }
        if (cpuStartNs >= 0 && !cpuDone) {
            busy(cpuStartNs, wallStartNs, System.nanoTime());
        }
    }

    private void busy(long cpuStartNs, long wallStartNs, long now) {
        counters.cpuNs.lazySet(cpuTimeNs() - cpuStartNs);
        counters.wallNs.lazySet(now - wallStartNs);
    }

    private static long cpuTimeNs() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }
}
