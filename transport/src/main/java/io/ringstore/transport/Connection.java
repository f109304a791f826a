package io.ringstore.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.unix.UnixChannel;
import io.ringstore.engine.ClientSession;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * One client connection: the engine's session plus its Netty channel. Fields are split by owner:
 * the decoder side belongs to the channel's I/O thread; {@link #pending}, {@link #dirty} and
 * {@link #closeAfterFlush} belong to the reply stage's thread, which gathers a batch's replies here
 * and writes them with one writeAndFlush at the end of the batch, and enforces the output buffer
 * limits ({@link OutputBufferGuard}).
 */
final class Connection extends ClientSession {
    final Channel channel;
    private final String remote;
    private final String local;
    private final int fd;

    // Reply-stage thread.
    ByteBuf pending;
    /** Bytes in {@link #pending} (CLIENT LIST obl; read elsewhere as a plain, possibly stale int). */
    int pendingBytes;
    /**
     * Bytes the reply stage handed to this connection's event loop (LoopWrites) that the loop has
     * not yet given to Netty: part of the output size the limits and CLIENT LIST see.
     */
    volatile long handedOff;
    static final java.util.concurrent.atomic.AtomicLongFieldUpdater<Connection> HANDED_OFF =
            java.util.concurrent.atomic.AtomicLongFieldUpdater.newUpdater(Connection.class, "handedOff");
    boolean dirty;
    boolean closeAfterFlush;
    /** Passed its output buffer limit: closing, nothing more is written (Redis's CLIENT_CLOSE_ASAP). */
    boolean closeAsap;
    /** When (s) usage first stayed above the soft limit, -1 while under it (obuf_soft_limit_reached_time). */
    long softLimitSinceSec = -1;
    /** The client's last event was stamped replyOff: a blocked command's later reply is silenced too. */
    boolean replyMuted;
    /** The largest obl + omem the reply stage saw, and the second it was last raised or renewed (INFO). */
    long peakOutputBytes;
    long peakOutputSec;

    // I/O thread.
    ByteBuf cumulation;
    /** A blocking command is in flight: later frames wait in the cumulation (see RespHandler). */
    boolean fenced;
    /** Lifts the fence on the I/O thread; set once by the handler, run by the reply stage's execute. */
    Runnable unfence;
    /** Unparsed bytes after the last decode: written by the I/O thread, read by CLIENT LIST anywhere. */
    volatile int queryBufferBytes;

    Connection(long id, long nowMs, int databases, Channel channel) {
        super(id, nowMs, databases);
        this.channel = channel;
        this.remote = format(channel.remoteAddress());
        this.local = format(channel.localAddress());
        this.fd = channel instanceof UnixChannel ? ((UnixChannel) channel).fd().intValue() : -1;
    }

    private static String format(SocketAddress a) {
        if (a instanceof InetSocketAddress) {
            InetSocketAddress i = (InetSocketAddress) a;
            return i.getAddress().getHostAddress() + ":" + i.getPort();
        }
        return String.valueOf(a);
    }

    @Override
    public String remoteAddress() {
        return remote;
    }

    @Override
    public String localAddress() {
        return local;
    }

    @Override
    public int fd() {
        return fd;
    }

    /** Called by the reply stage once a blocking command's reply is written (any thread). */
    void blockingCommandDone() {
        Runnable r = unfence;
        if (r != null) {
            try {
                channel.eventLoop().execute(r);
            } catch (java.util.concurrent.RejectedExecutionException ex) {
                // the event loop is shutting down: nothing left to read for this connection
            }
        }
    }

    @Override
    public void kill() {
        channel.close();
    }

    @Override
    public long queryBufferBytes() {
        return queryBufferBytes;
    }

    @Override
    public long outputBufferBytes() {
        return pendingBytes;
    }

    /** Buffers Netty holds for the socket, written or flushed but not yet sent (oll). */
    @Override
    public long outputListLength() {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return out == null ? 0 : out.size();
    }

    /**
     * Bytes Netty holds for the socket (omem): ChannelOutboundBuffer's total pending size, a
     * volatile any thread may read, which counts Netty's own bookkeeping per buffer as well as the
     * bytes, plus what the reply stage handed to the event loop and it has not yet written.
     */
    @Override
    public long outputListBytes() {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return (out == null ? 0 : out.totalPendingWriteBytes()) + handedOff;
    }

    @Override
    public long recentMaxOutputBytes(long nowMs) {
        long now = outputBufferBytes() + outputListBytes();
        long peak = nowMs / 1000 - peakOutputSec < OutputBufferGuard.PEAK_SECONDS ? peakOutputBytes : 0;
        return Math.max(now, peak);
    }
}
