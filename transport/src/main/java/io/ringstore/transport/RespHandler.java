package io.ringstore.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.ringstore.engine.ClientSession;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.RingPublisher;
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
 * dropped and nothing queues outside the ring. Every claim goes through the engine's
 * {@link RingPublisher}, which publishes what was claimed even when filling a slot throws (that
 * command is answered with an error). Socket buffers are released here, on the I/O thread.
 */
final class RespHandler extends ChannelInboundHandlerAdapter implements FrameSink, RingPublisher.SlotWriter {
    private static final long RETRY_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final RingPublisher publisher;
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
    /** The last publish was refused by {@link #holdForScript} (the retry waits longer). */
    private boolean holding;
    private final io.ringstore.engine.command.BusyScripts busyScript;
    private final Config.Option busyThreshold;
    /** The last slot published for this connection that replies (no-ops aside); -1 before any. */
    private long lastSequence = -1;
    private final Runnable resume = this::resume;

    RespHandler(ServerResources resources) {
        this.resources = resources;
        this.publisher = resources.engine.publisher();
        this.ingress = resources.engine.ingress();
        this.sessions = resources.engine.context().sessions;
        this.maxBulkLen = resources.engine.context().options.protoMaxBulkLen;
        this.busyScript = resources.engine.context().busyScripts;
        this.busyThreshold = resources.engine.context().options.busyReplyThreshold;
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
            if (conn.fenced || conn.watchRoute != ClientSession.NO_WATCH || conn.inPubSubRegistry() || conn.trackingEver) {
                // A blocking command may have left a waiter, WATCH its watched keys, SUBSCRIBE its
                // subscriptions, MONITOR its place among the monitors, CLIENT TRACKING its tracking
                // state: drop them in
                // ring order (journaled, so replay drops them too). Waits for a slot like a
                // protocol error does.
                conn.fenced = false;
                conn.watchRoute = ClientSession.NO_WATCH;
                publisher.publishOne(conn, closeWriter);
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
     * The blocking command (or fenced EXEC) this connection published has its reply written (at
     * once, served, timed out or unblocked): publish what the client pipelined behind it and read
     * again. Runs on the I/O thread (the reply stage hands it over through the event loop).
     */
    private void unfence() {
        if (!conn.fenced) {
            return;
        }
        conn.fenced = false;
        // A served blocked client's reply may still be on its way (delivered with a later slot's
        // batch, not the blocking slot's): until the next publish, nothing is answered out of turn.
        lastSequence = Long.MAX_VALUE;
        if (conn.execAbortedByWatch) { // a fenced EXEC failed on WATCH: its queued SELECT/HELLO/CLIENT TRACKING never ran
            conn.execAbortedByWatch = false;
            conn.db = conn.dbBeforeExec;
            conn.currentDb = conn.db;
            conn.resp = conn.respBeforeExec;
            conn.tracking = conn.trackingBeforeExec; // and a queued CLIENT TRACKING / CACHING
            conn.trackingCaching = false;
        }
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
        ctx.executor().schedule(resume, holding ? HOLD_RETRY_NANOS : RETRY_NANOS, TimeUnit.NANOSECONDS);
    }

    /**
     * A script has run for a while and this connection has nothing in flight: its next command is
     * held in the socket buffer instead of the ring, where it could only wait behind the script, as
     * Redis leaves it unread. Retried every millisecond: the script ends (the command is published)
     * or passes busy-reply-threshold (it is answered -BUSY at once, or, SCRIPT KILL and the other
     * {@code allow_busy} commands, run). Commands arriving in a script's first millisecond are
     * published as usual, so short scripts never delay anyone by a retry.
     */
    private boolean holdForScript() {
        long ran = busyScript.busyNanos();
        holding = ran >= HOLD_AFTER_NANOS && ran < busyThreshold.number() * 1_000_000L && publisher.consumed(lastSequence);
        return holding;
    }

    private static final long HOLD_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long HOLD_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

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

    /** The slots being filled: the decoder's batch, its buffer and the first claimed sequence. */
    private ByteBuf fillBuf;
    private RespDecoder.Batch fillBatch;
    private long fillLo;
    /** Frames of the current fill that were published as commands (the rest: no-ops after QUIT or a fence). */
    private int fillPublished;
    private List<byte[]> inlineArgs;
    private String protocolErrorMessage;
    private final RingPublisher.SlotWriter inlineWriter = this::writeInline;
    private final RingPublisher.SlotWriter protocolErrorWriter = this::writeProtocolError;
    private final RingPublisher.SlotWriter closeWriter = this::writeClientClosed;

    @Override
    public int publish(ByteBuf buf, RespDecoder.Batch batch) {
        if (holdForScript()) {
            return 0;
        }
        int n = batch.frames;
        long hi = publisher.tryClaim(n);
        if (hi < 0) {
            n = 1;
            hi = publisher.tryClaim(1);
            if (hi < 0) {
                return 0;
            }
        }
        return fill(buf, batch, hi - n + 1, n);
    }

    @Override
    public void publishAll(ByteBuf buf, RespDecoder.Batch batch) {
        int n = batch.frames;
        long hi = publisher.claim(n);
        fill(buf, batch, hi - n + 1, n);
    }

    private int fill(ByteBuf buf, RespDecoder.Batch batch, long lo, int n) {
        fillBuf = buf;
        fillBatch = batch;
        fillLo = lo;
        fillPublished = n;
        try {
            publisher.publish(lo, n, conn, this);
        } finally {
            fillBuf = null;
            fillBatch = null;
        }
        return fillPublished;
    }

    /** Fills one claimed slot with frame {@code sequence - fillLo} of the batch (RingPublisher.SlotWriter). */
    @Override
    public void write(RequestEvent e, long sequence) {
        int f = (int) (sequence - fillLo);
        if (conn.closing || conn.fenced) {
            e.kind = RequestEvent.KIND_NOOP; // claimed after QUIT: must still be published, does nothing
            fillPublished = Math.min(fillPublished, f);
            return;
        }
        RespDecoder.Batch batch = fillBatch;
        ByteBuf buf = fillBuf;
        int first = batch.frameArgStart[f];
        int argc = batch.argc(f);
        for (int a = 0; a < argc; a++) {
            int len = batch.argLen[first + a];
            int at = e.args.add(len);
            buf.getBytes(batch.argOff[first + a], e.args.buf(), at, len);
        }
        prepare(e, sequence);
    }

    /** Prepares a filled slot; a blocking command fences the frames read after it. */
    private void prepare(RequestEvent e, long sequence) {
        ingress.prepare(e, conn);
        if (e.immediate && e.killSeq < 0 && publisher.consumed(lastSequence)) { // a kill's marker must reach the journal
            answerNow(e); // -BUSY & co. must not wait behind the running script
            return;
        }
        lastSequence = sequence;
        if (e.cmd.has(CommandFlags.BLOCKING) || e.fence) {
            conn.fenced = true; // later frames wait for this command (published as no-ops here)
        }
    }

    /**
     * Writes an ingress rejection now, ahead of the ring: the connection has nothing in flight
     * (every slot it published was consumed, so its replies were handed to the event loop before
     * this task, which the loop runs after them). The slot is published as a no-op.
     */
    private void answerNow(RequestEvent e) {
        e.kind = RequestEvent.KIND_NOOP;
        if (e.replyOff) {
            return; // CLIENT REPLY OFF/SKIP
        }
        byte[] text = e.ingressError.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ByteBuf out = ctx.alloc().buffer(text.length + 3).writeByte('-').writeBytes(text).writeByte('\r').writeByte('\n');
        Channel ch = ctx.channel();
        ch.eventLoop().execute(() -> ch.writeAndFlush(out, ch.voidPromise()));
    }

    @Override
    public boolean publishInline(List<byte[]> args) {
        if (holdForScript()) {
            return false;
        }
        long seq = publisher.tryClaim(1);
        if (seq < 0) {
            return false;
        }
        inlineArgs = args;
        try {
            publisher.publish(seq, 1, conn, inlineWriter);
        } finally {
            inlineArgs = null;
        }
        return true;
    }

    private void writeInline(RequestEvent e, long sequence) {
        for (byte[] a : inlineArgs) {
            e.args.add(a);
        }
        prepare(e, sequence);
    }

    @Override
    public void protocolError(String message) {
        protocolErrorMessage = message;
        publisher.publishOne(conn, protocolErrorWriter);
        conn.closing = true;
    }

    private void writeClientClosed(RequestEvent e, long sequence) {
        ingress.prepareClientClosed(e, conn, conn.id);
    }

    private void writeProtocolError(RequestEvent e, long sequence) {
        ingress.prepareProtocolError(e, conn, protocolErrorMessage);
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
