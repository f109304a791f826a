package io.ringstore.transport;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.SessionRegistry;
import io.ringstore.engine.command.CommandFlags;
import io.ringstore.engine.command.Ingress;
import io.ringstore.engine.config.Config;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Per-connection inbound handler: cumulates socket bytes, runs the {@link RespDecoder}, and
 * publishes complete commands into the ring, claiming one slot range per batch. Backpressure: when
 * the ring has no room it stops reading the socket (autoRead off) and retries shortly; nothing is
 * dropped and nothing queues outside the ring. Socket buffers are released here, on the I/O thread.
 */
final class RespHandler extends ChannelInboundHandlerAdapter implements FrameSink {
    private static final long RETRY_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final RingBuffer<RequestEvent> ring;
    private final Ingress ingress;
    private final SessionRegistry sessions;
    private final ServerResources resources;
    private final RespDecoder decoder;
    /** proto-max-bulk-len: a volatile option value CONFIG SET may change; checked once per read. */
    private final Config.Option maxBulkLen;
    private long decoderMaxBulkLen;
    private Connection conn;
    private ChannelHandlerContext ctx;
    private boolean paused;
    private final Runnable resume = this::resume;

    RespHandler(ServerResources resources) {
        this.resources = resources;
        this.ring = resources.engine.ring();
        this.ingress = resources.engine.ingress();
        this.sessions = resources.engine.context().sessions;
        this.maxBulkLen = resources.engine.context().options.protoMaxBulkLen;
        this.decoderMaxBulkLen = maxBulkLen.number();
        this.decoder = new RespDecoder(decoderMaxBulkLen);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        int databases = resources.engine.context().databases;
        conn = new Connection(sessions.nextId(), ingress.clock().nowMs(), databases, ctx.channel());
        if (sessions.connected() >= resources.engine.context().config.number("maxclients")) {
            ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(
                    "-ERR max number of clients reached\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                    .addListener(f -> ctx.close());
            conn.closing = true;
            return;
        }
        sessions.register(conn);
        conn.unfence = this::unfence;
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (conn != null) {
            sessions.unregister(conn);
            conn.closing = true;
            if (conn.fenced) {
                // A blocking command may have left a waiter: drop it in ring order (journaled, so
                // replay drops it too). Waits for a slot like a protocol error does.
                conn.fenced = false;
                long seq = ring.next();
                RequestEvent e = ring.get(seq);
                e.clear();
                ingress.prepareClientClosed(e, conn, conn.id);
                ring.publish(seq);
            }
        }
        release();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    private void release() {
        if (conn != null && conn.cumulation != null) {
            conn.cumulation.release();
            conn.cumulation = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (conn.closing) {
            in.release();
            return;
        }
        ByteBuf cum = conn.cumulation;
        if (cum == null) {
            conn.cumulation = in;
        } else {
            conn.cumulation = cumulate(ctx, cum, in);
        }
        if (conn.fenced) {
            conn.queryBufferBytes = conn.cumulation.readableBytes();
            return; // kept until the blocking command completes; autoRead is already off
        }
        process();
    }

    /** Netty's MERGE_CUMULATOR: append into the cumulation, reallocating when it lacks room. */
    private static ByteBuf cumulate(ChannelHandlerContext ctx, ByteBuf cum, ByteBuf in) {
        try {
            int need = in.readableBytes();
            if (cum.writableBytes() < need || cum.refCnt() > 1 || cum.isReadOnly() || cum instanceof CompositeByteBuf) {
                ByteBuf bigger = ctx.alloc().buffer(Math.max(cum.readableBytes() + need, cum.capacity()));
                bigger.writeBytes(cum);
                cum.release();
                cum = bigger;
            }
            cum.writeBytes(in);
            return cum;
        } finally {
            in.release();
        }
    }

    private void process() {
        ByteBuf cum = conn.cumulation;
        long max = maxBulkLen.number();
        if (max != decoderMaxBulkLen) {
            decoderMaxBulkLen = max;
            decoder.maxBulkLen(max);
        }
        boolean more = decoder.decode(cum, this);
        if (!cum.isReadable()) {
            cum.release();
            conn.cumulation = null;
            if (conn.queryBufferBytes != 0) { // volatile read is cheap; store only on change
                conn.queryBufferBytes = 0;
            }
        } else {
            conn.queryBufferBytes = cum.readableBytes();
            if (cum.readerIndex() > (cum.capacity() >>> 1)) {
                cum.discardSomeReadBytes();
            }
        }
        if (conn.fenced) {
            ctx.channel().config().setAutoRead(false);
        } else if (!more && !conn.closing && !decoder.failed() && !paused) {
            pause();
        }
    }

    /**
     * The blocking command this connection published has its reply written (at once, served,
     * timed out or unblocked): publish what the client pipelined behind it and read again. Runs on
     * the I/O thread (the reply stage hands it over through the event loop).
     */
    private void unfence() {
        if (!conn.fenced) {
            return;
        }
        conn.fenced = false;
        if (conn.closing) {
            return;
        }
        if (conn.cumulation != null) {
            process();
        }
        if (!paused && !conn.fenced) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void pause() {
        paused = true;
        ctx.channel().config().setAutoRead(false);
        ctx.executor().schedule(resume, RETRY_NANOS, TimeUnit.NANOSECONDS);
    }

    private void resume() {
        paused = false;
        if (conn.closing || conn.fenced) {
            return;
        }
        if (conn.cumulation != null) {
            process();
        }
        if (!paused) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    // ---- FrameSink: publishing into the ring ----

    @Override
    public int publish(ByteBuf buf, RespDecoder.Batch batch) {
        int n = batch.frames;
        long hi;
        try {
            hi = ring.tryNext(n);
        } catch (InsufficientCapacityException e) {
            try {
                hi = ring.tryNext(1);
                n = 1;
            } catch (InsufficientCapacityException e2) {
                return 0;
            }
        }
        return fill(buf, batch, hi - n + 1, n);
    }

    @Override
    public void publishAll(ByteBuf buf, RespDecoder.Batch batch) {
        int n = batch.frames;
        long hi = ring.next(n);
        fill(buf, batch, hi - n + 1, n);
    }

    private int fill(ByteBuf buf, RespDecoder.Batch batch, long lo, int n) {
        int published = n;
        for (int f = 0; f < n; f++) {
            RequestEvent e = ring.get(lo + f);
            e.clear();
            if (conn.closing || conn.fenced) {
                e.kind = RequestEvent.KIND_NOOP; // claimed after QUIT: must still be published, does nothing
                published = Math.min(published, f);
                continue;
            }
            int first = batch.frameArgStart[f];
            int argc = batch.argc(f);
            for (int a = 0; a < argc; a++) {
                int len = batch.argLen[first + a];
                int at = e.args.add(len);
                buf.getBytes(batch.argOff[first + a], e.args.buf(), at, len);
            }
            ingress.prepare(e, conn);
            if (e.cmd.has(CommandFlags.BLOCKING)) {
                conn.fenced = true; // later frames wait for this command (published as no-ops here)
            }
        }
        ring.publish(lo, lo + n - 1);
        return published;
    }

    @Override
    public boolean publishInline(List<byte[]> args) {
        long seq;
        try {
            seq = ring.tryNext();
        } catch (InsufficientCapacityException e) {
            return false;
        }
        RequestEvent e = ring.get(seq);
        e.clear();
        for (byte[] a : args) {
            e.args.add(a);
        }
        ingress.prepare(e, conn);
        if (e.cmd.has(CommandFlags.BLOCKING)) {
            conn.fenced = true;
        }
        ring.publish(seq);
        return true;
    }

    @Override
    public void protocolError(String message) {
        long seq = ring.next();
        RequestEvent e = ring.get(seq);
        e.clear();
        ingress.prepareProtocolError(e, conn, message);
        ring.publish(seq);
        conn.closing = true;
    }

    @Override
    public boolean closing() {
        return conn.closing;
    }

    @Override
    public boolean fenced() {
        return conn.fenced;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
