package io.ringstore.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.unix.UnixChannel;
import io.ringstore.engine.ClientSession;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * One client connection: the engine's session plus its Netty channel. Fields are split by owner:
 * the decoder side belongs to the channel's I/O thread; {@link #pending}, {@link #dirty} and
 * {@link #closeAfterFlush} belong to the reply stage's thread, which gathers a batch's replies here
 * and writes them with one writeAndFlush at the end of the batch.
 */
final class Connection extends ClientSession {
    final Channel channel;
    private final String remote;
    private final String local;
    private final int fd;

    // Reply-stage thread.
    ByteBuf pending;
    boolean dirty;
    boolean closeAfterFlush;

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
}
