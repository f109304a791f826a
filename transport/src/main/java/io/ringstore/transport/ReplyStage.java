package io.ringstore.transport;

import com.lmax.disruptor.EventHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.StageRecovery;
import io.ringstore.engine.block.Waiter;
import io.ringstore.engine.command.CommandFlags;
import io.ringstore.engine.reply.ReplyBuffer;

/**
 * The last stage of the ring: walks events in sequence order, appends each reply to its
 * connection's pending buffer, and at endOfBatch writes every touched connection once (one
 * write + flush per connection per batch, handed to each event loop as one task: LoopWrites).
 * Pending buffers come from the pooled allocator and are handed to Netty, which releases them
 * after the write. Runs on the reply stage's thread (or the fused pipeline thread).
 * <p>
 * Replies the event was stamped to silence (CLIENT REPLY OFF/SKIP) are not written; pub/sub
 * messages always are. At each flush the {@link OutputBufferGuard} checks every touched
 * connection's client-output-buffer-limit.
 * <p>
 * If writing an event's reply throws, that client's reply stream has a hole and every later reply
 * would answer the wrong command: {@link #recover} closes its connection (the failure is logged
 * and counted by the engine's StageErrorHandler); other connections are unaffected.
 */
final class ReplyStage implements EventHandler<RequestEvent>, StageRecovery {
    private static final int MIN_BUFFER = 1024;
    private final ByteBufAllocator alloc;
    private final OutputBufferGuard guard;
    private Connection[] dirty = new Connection[256];
    private int dirtyCount;
    private final LoopWrites writes = new LoopWrites();
    /** The ingress time of the batch's last event: the output limits' clock at flush. */
    private long lastEventMs;

    ReplyStage(ByteBufAllocator alloc, OutputBufferGuard guard) {
        this.alloc = alloc;
        this.guard = guard;
    }

    @Override
    public void onEvent(RequestEvent e, long sequence, boolean endOfBatch) {
        if ((e.kind == RequestEvent.KIND_COMMAND || e.kind == RequestEvent.KIND_TICK) && e.timeMs > lastEventMs) {
            lastEventMs = e.timeMs; // a no-op slot keeps its last occupant's time: never backwards
        }
        io.ringstore.engine.pubsub.Message messages = e.takeMessages();
        if (e.kind == RequestEvent.KIND_COMMAND && e.session instanceof Connection) {
            Connection c = (Connection) e.session;
            for (io.ringstore.engine.pubsub.Message m = messages; m != null; m = m.next) {
                if (m.beforeReply && m.session instanceof Connection) {
                    append((Connection) m.session, m.reply()); // a script's message to its own client: ahead of its reply
                }
            }
            ReplyBuffer r = e.reply;
            int n = r.length();
            c.replyMuted = e.replyOff; // CLIENT REPLY OFF/SKIP, stamped at ingress
            append(c, e.replyOff ? null : r);
            if (e.closeAfterReply) {
                c.closeAfterFlush = true;
            }
            if (n > 0 && e.cmd != null && (e.cmd.has(CommandFlags.BLOCKING) || e.fence)) {
                c.blockingCommandDone(); // replied at once: no waiter, lift the fence
            }
        }
        // Blocked clients this event completed: after its own reply, in ring order.
        for (Waiter w = e.deliveries.get(); w != null; w = w.next) {
            if (w.session instanceof Connection) {
                Connection c = (Connection) w.session;
                append(c, c.replyMuted ? null : w.reply); // fenced: its last event was the blocking one
                c.blockingCommandDone();
            }
        }
        // Pub/sub messages it published: after its reply, in publish order. Pushes: never silenced.
        for (io.ringstore.engine.pubsub.Message m = messages; m != null; m = m.next) {
            if (m.targets != null) {
                fanOut(m);
            } else if (m.session instanceof Connection && !m.beforeReply) {
                append((Connection) m.session, m.reply());
            }
        }
        e.recycleMessages(messages); // copied into the connections' buffers: the slot reuses them
        if (endOfBatch) {
            flush();
        }
    }

    @Override
    public void recover(RequestEvent e, Throwable failure) {
        if (e.session instanceof Connection) {
            ((Connection) e.session).channel.close(); // the I/O thread marks it closing (channelInactive)
        }
    }

    /** One message to each of its receivers, in its protocol (a PUBLISH to many subscribers). */
    private void fanOut(io.ringstore.engine.pubsub.Message m) {
        for (io.ringstore.engine.pubsub.Subscriber t : m.targets) {
            if (t != m.skip && t instanceof Connection) {
                append((Connection) t, m.bytesFor(t));
            }
        }
    }

    /**
     * Appends {@code r} (null: nothing, the reply is silenced) to the connection's batch buffer; a
     * connection closing for its output limit gets nothing more. The connection joins the batch's
     * flush list either way (closeAfterReply needs the flush), where its limit is checked.
     */
    private void append(Connection c, ReplyBuffer r) {
        int n = r == null ? 0 : r.length();
        if (n > 0 && !c.closeAsap) {
            ByteBuf out = c.pending;
            if (out == null) {
                out = alloc.directBuffer(Math.max(MIN_BUFFER, n));
                c.pending = out;
            }
            out.writeBytes(r.array(), 0, n);
            c.pendingBytes = out.readableBytes();
        }
        if (!c.dirty) {
            c.dirty = true;
            if (dirtyCount == dirty.length) {
                dirty = java.util.Arrays.copyOf(dirty, dirtyCount * 2);
            }
            dirty[dirtyCount++] = c;
        }
    }

    private void flush() {
        Connection[] d = dirty;
        for (int i = 0; i < dirtyCount; i++) {
            Connection c = d[i];
            d[i] = null;
            c.dirty = false;
            if (c.pending != null) {
                guard.check(c, lastEventMs); // once per connection and batch: closes it (dropping pending) past its limit
            }
            ByteBuf out = c.pending;
            c.pending = null;
            c.pendingBytes = 0;
            boolean close = c.closeAfterFlush && !c.closeAsap; // closeAsap: already closing
            c.closeAfterFlush = false;
            if (out != null || close) {
                writes.add(c, out, close);
            }
        }
        dirtyCount = 0;
        writes.submit(); // one task per event loop, not one per connection
    }
}
