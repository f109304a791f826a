package io.ringstore.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.HdrHistogram.Recorder;

/**
 * One subscribed connection: a non-blocking socket and its {@link PushMessageParser}. Reads into its
 * worker's shared buffer (a thousand subscribers need no thousand buffers), stamps each read with
 * {@code System.nanoTime()} and records publish-to-receive latency (receive time minus the send time
 * carried in the payload) for measured messages. Owned by one {@link SubscriberWorker} thread.
 */
final class SubscriberConnection implements PushMessageParser.Listener {
    final SocketChannel channel;
    SelectionKey key;
    boolean open = true;

    private final PushMessageParser parser = new PushMessageParser();
    private final Recorder recorder;
    private final SubscriberCounters counters;
    private long measureStartNs;            // known once every subscription is confirmed
    private long nowNs;                     // receive time of the current read

    SubscriberConnection(SocketChannel channel, Recorder recorder, SubscriberCounters counters) {
        this.channel = channel;
        this.recorder = recorder;
        this.counters = counters;
    }

    /**
     * Reads and accounts for whatever has arrived, using {@code buf} as scratch; messages sent (or,
     * untimed, received) before {@code measureStartNs} count as warm-up.
     */
    void read(ByteBuffer buf, long measureStartNs) {
        this.measureStartNs = measureStartNs;
        try {
            buf.clear();
            final int n = channel.read(buf);
            if (n < 0) {
                disconnect();
                return;
            }
            nowNs = System.nanoTime();
            buf.flip();
            parser.parse(buf, this);
        } catch (IOException | IllegalStateException e) {
            disconnect();
        }
    }

    @Override
    public void onTimedMessage(long sendNs) {
        if (sendNs - measureStartNs < 0) {
            WorkerCounters.add(counters.warmupDelivered, 1);
            return;
        }
        recorder.recordValue(Math.min(Math.max(0, nowNs - sendNs), LoadOptions.HIGHEST_TRACKABLE_NS));
        delivered();
    }

    @Override
    public void onUntimedMessage() {
        if (nowNs - measureStartNs < 0) {
            WorkerCounters.add(counters.warmupDelivered, 1);
            return;
        }
        WorkerCounters.add(counters.untimed, 1);
        delivered();
    }

    private void delivered() {
        WorkerCounters.add(counters.delivered, 1);
        counters.lastDeliveryNs.lazySet(nowNs);
    }

    @Override
    public void onSubscribed() {
        WorkerCounters.add(counters.confirmed, 1);
    }

    @Override
    public void onOther(boolean error) {
        if (error) {
            WorkerCounters.add(counters.errors, 1);
        }
    }

    void disconnect() {
        if (!open) {
            return;
        }
        open = false;
        WorkerCounters.add(counters.disconnects, 1);
        if (key != null) {
            key.cancel();
        }
        close();
    }

    void close() {
        open = false;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing at the end of the run, or already counted as a disconnect
        }
    }
}
