package io.ringstore.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.HdrHistogram.Recorder;

/**
 * One RESP connection under load: a non-blocking socket, a write buffer that pipelined requests are
 * encoded into, a reply parser, and a ring of the start times of the requests in flight (replies come
 * back in request order, so the oldest start time belongs to the next reply). Owned by one
 * {@link LoadWorker} thread; nothing here is shared.
 */
final class LoadConnection implements RespReplyParser.Listener {
    private static final long HIGHEST_TRACKABLE_NS = LoadOptions.HIGHEST_TRACKABLE_NS;

    final SocketChannel channel;
    final OpenLoopSchedule schedule;        // null in a closed loop
    long nextK;                             // open loop: index of the next scheduled request
    SelectionKey key;
    boolean open = true;

    private final ByteBuffer writeBuf;      // fill mode between calls
    private final ByteBuffer readBuf;
    private final RespReplyParser parser = new RespReplyParser();
    private final long[] startNs;           // ring of in-flight start times
    private final int[] frames;             // ring of replies each in-flight request still awaits
    private boolean headError;              // a reply of the head request so far was an error
    private final int mask;
    private long head;                      // next start time to pop
    private long tail;                      // next free slot
    private final Recorder recorder;
    private final WorkerCounters counters;
    private final long measureStartNs;
    private long nowNs;                     // reply time of the current read batch

    LoadConnection(SocketChannel channel, OpenLoopSchedule schedule, int maxInFlight, int writeBufferBytes,
                   Recorder recorder, WorkerCounters counters, long measureStartNs) {
        this.channel = channel;
        this.schedule = schedule;
        this.writeBuf = ByteBuffer.allocateDirect(writeBufferBytes);
        this.readBuf = ByteBuffer.allocateDirect(64 * 1024);
        final int capacity = Integer.highestOneBit(Math.max(1, maxInFlight - 1)) << 1;
        this.startNs = new long[capacity];
        this.frames = new int[capacity];
        this.mask = capacity - 1;
        this.recorder = recorder;
        this.counters = counters;
        this.measureStartNs = measureStartNs;
    }

    int inFlight() {
        return (int) (tail - head);
    }

    boolean hasRoomFor(int bytes) {
        return writeBuf.remaining() >= bytes;
    }

    /** Encodes one request whose latency will be measured from {@code startNs}. */
    void send(CommandTemplate template, long keyNumber, long startNs) {
        template.writeTo(writeBuf, keyNumber, startNs);
        this.frames[(int) (tail & mask)] = template.frames();
        this.startNs[(int) (tail++ & mask)] = startNs;
    }

    /** Writes what is buffered; asks for OP_WRITE if the socket could not take it all. */
    void flush() {
        if (!open || writeBuf.position() == 0) {
            return;
        }
        try {
            writeBuf.flip();
            channel.write(writeBuf);
            writeBuf.compact();
            final int ops = writeBuf.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
            if (key.interestOps() != ops) {
                key.interestOps(ops);
            }
        } catch (IOException e) {
            disconnect();
        }
    }

    /** Reads and accounts for whatever replies have arrived. */
    void read() {
        try {
            readBuf.clear();
            final int n = channel.read(readBuf);
            if (n < 0) {
                disconnect();
                return;
            }
            nowNs = System.nanoTime();
            readBuf.flip();
            parser.parse(readBuf, this);
        } catch (IOException | IllegalStateException e) {
            disconnect();
        }
    }

    @Override
    public void onReply(boolean error) {
        if (head == tail) {
            throw new IllegalStateException("reply with no request in flight");
        }
        final int at = (int) (head & mask);
        headError |= error;
        if (--frames[at] > 0) {
            return; // a multi-command request completes with its last reply
        }
        error = headError;
        headError = false;
        final long start = startNs[(int) (head++ & mask)];
        if (start - measureStartNs < 0) {
            WorkerCounters.add(counters.warmupReplies, 1);
            return;
        }
        recorder.recordValue(Math.min(Math.max(0, nowNs - start), HIGHEST_TRACKABLE_NS));
        WorkerCounters.add(counters.replies, 1);
        if (error) {
            WorkerCounters.add(counters.errors, 1);
        }
        counters.lastReplyNs.lazySet(nowNs);
    }

    /** Counts the disconnect and every request still in flight as unanswered. */
    void disconnect() {
        if (!open) {
            return;
        }
        open = false;
        WorkerCounters.add(counters.disconnects, 1);
        abandonInFlight();
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // already counted as a disconnect
        }
    }

    /** Gives up on the requests in flight (drain timeout or disconnect). */
    void abandonInFlight() {
        WorkerCounters.add(counters.unanswered, tail - head);
        head = tail;
    }

    void close() {
        open = false;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing at the end of the run
        }
    }
}
