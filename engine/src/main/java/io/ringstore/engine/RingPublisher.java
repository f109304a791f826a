package io.ringstore.engine;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.ringstore.engine.command.Ingress;

/**
 * The one way onto the ring. Every producer (I/O threads, the ticker, snapshot jobs, journal
 * replay, the embedded engine) claims sequences here and fills them through a {@link SlotWriter};
 * what is claimed is always published, in a {@code finally}, as the Disruptor's
 * {@code RingBuffer.next()} contract demands: a claimed but unpublished sequence would stall every
 * stage behind it, for every client, forever.
 * <p>
 * A client's slot whose filling throws (argument copy, {@link Ingress#prepare}) becomes an error
 * reply for that client ({@code -ERR internal error preparing 'cmd' ...}), logged and counted
 * through {@link PipelineErrors}; the slots beside it are unaffected. An internal producer's slot
 * ({@link #publishInternal}) becomes a no-op and the failure is rethrown to the producer once the
 * slot is published (journal replay must stop rather than skip a record). Allocation-free on the
 * client path: writers are long-lived objects (the connection's handler), not lambdas per request.
 * Thread-safe as the ring is (multi-producer); a writer is used by one thread at a time.
 */
public final class RingPublisher {
    /** Fills the claimed slot at ring {@code sequence}; the slot has been cleared. */
    public interface SlotWriter {
        void write(RequestEvent e, long sequence);
    }

    private final RingBuffer<RequestEvent> ring;
    private final Ingress ingress;
    private final PipelineErrors errors;

    RingPublisher(RingBuffer<RequestEvent> ring, Ingress ingress, PipelineErrors errors) {
        this.ring = ring;
        this.ingress = ingress;
        this.errors = errors;
    }

    /** Claims {@code n} slots without waiting; returns the highest sequence, or -1 when the ring lacks room. */
    public long tryClaim(int n) {
        try {
            return ring.tryNext(n);
        } catch (InsufficientCapacityException e) {
            return -1;
        }
    }

    /** Claims {@code n} slots, waiting for room; returns the highest sequence. */
    public long claim(int n) {
        return ring.next(n);
    }

    /**
     * Fills and publishes the claimed slots {@code lo .. lo + n - 1} of client {@code client}. A
     * slot whose writer throws is turned into an error reply for {@code client}; every slot is
     * published, whatever happens.
     */
    public void publish(long lo, int n, ClientSession client, SlotWriter writer) {
        try {
            for (long seq = lo; seq < lo + n; seq++) {
                RequestEvent e = ring.get(seq);
                try {
                    e.clear();
                    writer.write(e, seq);
                } catch (Throwable t) {
                    failed(e, client, t);
                }
            }
        } finally {
            ring.publish(lo, lo + n - 1);
        }
    }

    /** Claims one slot (waiting for room), fills it for {@code client} and publishes it; returns its sequence. */
    public long publishOne(ClientSession client, SlotWriter writer) {
        long seq = ring.next();
        publish(seq, 1, client, writer);
        return seq;
    }

    /**
     * Claims, fills and publishes one slot of an internal producer (tick, snapshot step, replayed
     * record). If the writer throws, the slot is published as a no-op and the exception is
     * rethrown to the producer. Returns the sequence.
     */
    public long publishInternal(SlotWriter writer) {
        long seq = ring.next();
        RuntimeException failure = null;
        try {
            RequestEvent e = ring.get(seq);
            try {
                e.clear();
                writer.write(e, seq);
            } catch (RuntimeException | Error t) {
                e.clear();
                e.kind = RequestEvent.KIND_NOOP;
                failure = t instanceof RuntimeException ? (RuntimeException) t : new IllegalStateException(t);
            }
        } finally {
            ring.publish(seq);
        }
        if (failure != null) {
            throw failure;
        }
        return seq;
    }

    private void failed(RequestEvent e, ClientSession client, Throwable t) {
        String command = PipelineErrors.commandOf(e);
        errors.ingressFailed(command, t);
        e.clear();
        if (client == null) {
            e.kind = RequestEvent.KIND_NOOP;
            return;
        }
        try {
            ingress.prepareError(e, client, "ERR internal error preparing '" + command + "' (see the server log)");
        } catch (Throwable again) {
            e.clear();
            e.kind = RequestEvent.KIND_NOOP; // the slot must still be published; the client gets no reply
        }
    }

    /** Slots claimed but not yet consumed by every stage (snapshot jobs pace themselves on it). */
    public long backlog() {
        return ring.getBufferSize() - ring.remainingCapacity();
    }

    /** True once every stage has consumed {@code sequence}. */
    public boolean consumed(long sequence) {
        return ring.getMinimumGatingSequence() >= sequence;
    }
}
