package io.ringstore.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/**
 * The reply stage's hand-off of one batch's writes to the I/O threads: one task per event loop
 * per flush, which writes and flushes each of its connections, instead of one Netty write task
 * per connection (a PUBLISH to 1000 subscribers made 1000 of them). Bytes handed off and not yet
 * given to Netty count in the connection's output size ({@link Connection#handedOff}), so the
 * output buffer limits still see them. A task's connections keep the order the reply stage gave
 * them, and a close after the reply (QUIT) runs after its write. Reply-stage thread, except
 * {@link Batch#run}, which runs on the connections' event loop.
 */
final class LoopWrites {
    private EventLoop[] loops = new EventLoop[2];
    private Batch[] open = new Batch[2];
    private int loopCount;
    /** Batches in use by an event loop or free ({@link Batch#busy}); grows only when all are busy. */
    private Batch[] pool = new Batch[0];
    /** The pool's bound: past it (loops stalled that long) writes go to Netty one task each. */
    static final int MAX_BATCHES = 64;

    /** Queues {@code out} (may be null) for {@code c}, and its close after it when {@code close}. */
    void add(Connection c, ByteBuf out, boolean close) {
        EventLoop loop = c.channel.eventLoop();
        int i = 0;
        while (i < loopCount && loops[i] != loop) {
            i++;
        }
        if (i == loopCount) {
            if (loopCount == loops.length) {
                loops = java.util.Arrays.copyOf(loops, loopCount * 2);
                open = java.util.Arrays.copyOf(open, loopCount * 2);
            }
            loops[loopCount++] = loop;
        }
        if (open[i] == null) {
            open[i] = take();
            if (open[i] == null) { // every pooled batch still queued on a stalled loop: Netty's own task
                direct(c, out, close);
                return;
            }
        }
        if (out != null) {
            Connection.HANDED_OFF.addAndGet(c, out.readableBytes());
        }
        open[i].add(c, out, close);
    }

    /** The write as before LoopWrites: one Netty task for this connection (a stalled loop's overflow). */
    private static void direct(Connection c, ByteBuf out, boolean close) {
        if (out != null) {
            c.channel.writeAndFlush(out, c.channel.voidPromise());
        }
        if (close) {
            c.channel.close();
        }
    }

    /** Hands every open batch to its event loop. */
    void submit() {
        for (int i = 0; i < loopCount; i++) {
            Batch b = open[i];
            if (b != null) {
                open[i] = null;
                try {
                    loops[i].execute(b);
                } catch (java.util.concurrent.RejectedExecutionException ex) {
                    b.discard(); // the event loop is shutting down: its connections are closing
                }
            }
        }
    }

    /** A free batch, a new one while the pool is under {@link #MAX_BATCHES}, else null. */
    private Batch take() {
        for (Batch b : pool) {
            if (!b.busy) {
                b.busy = true;
                return b;
            }
        }
        if (pool.length >= MAX_BATCHES) {
            return null;
        }
        Batch b = new Batch();
        b.busy = true;
        pool = java.util.Arrays.copyOf(pool, pool.length + 1);
        pool[pool.length - 1] = b;
        return b;
    }

    /** One event loop's share of a flush. Filled by the reply stage, run once by the loop. */
    static final class Batch implements Runnable {
        /** Set by the reply stage when it takes the batch, cleared (volatile store) by the loop when done. */
        volatile boolean busy;
        private Connection[] conns = new Connection[64];
        private ByteBuf[] bufs = new ByteBuf[64];
        private boolean[] closes = new boolean[64];
        private int n;

        void add(Connection c, ByteBuf out, boolean close) {
            if (n == conns.length) {
                conns = java.util.Arrays.copyOf(conns, n * 2);
                bufs = java.util.Arrays.copyOf(bufs, n * 2);
                closes = java.util.Arrays.copyOf(closes, n * 2);
            }
            conns[n] = c;
            bufs[n] = out;
            closes[n] = close;
            n++;
        }

        @Override
        public void run() {
            for (int i = 0; i < n; i++) {
                Connection c = conns[i];
                ByteBuf out = bufs[i];
                bufs[i] = null;
                try {
                    if (out != null) {
                        // Uncounted first: Netty's outbound buffer counts the bytes from the write on
                        // (a brief undercount, never a double count that could trip the output limit).
                        Connection.HANDED_OFF.addAndGet(c, -out.readableBytes());
                        c.channel.writeAndFlush(out, c.channel.voidPromise()); // on the loop: no task
                    }
                    if (closes[i]) {
                        c.channel.close();
                    }
                } catch (RuntimeException ex) {
                    c.channel.close(); // its reply stream has a hole now; Netty released what it took
                }
            }
            clear(false);
        }

        /** The loop refused the task: buffers released, nothing written. */
        void discard() {
            clear(true);
        }

        private void clear(boolean release) {
            for (int i = 0; i < n; i++) {
                if (release && bufs[i] != null) {
                    Connection.HANDED_OFF.addAndGet(conns[i], -bufs[i].readableBytes());
                    bufs[i].release();
                }
                conns[i] = null;
                bufs[i] = null;
            }
            n = 0;
            busy = false; // volatile store: the reply stage may take it again
        }
    }
}
