package io.ringstore.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The pipeline's one error policy, in the manner of Agrona's error handler and counter: a failure
 * the pipeline survives (a slot whose preparation threw, a stage that threw on an event) is logged
 * once, with the command it hit, and counted; INFO stats reports the counts
 * ({@code ringstore_ingress_errors}, {@code ringstore_stage_errors}). The caller then puts the
 * event right (an error reply for its client) and the ring moves on. The stack trace is logged for
 * the first failure of each kind only, so a bug hit by every request cannot flood the log. Any
 * thread; counters are atomic because failures are rare and come from several threads.
 */
public final class PipelineErrors {
    private static final System.Logger LOG = System.getLogger("ringstore");
    private final AtomicLong ingress = new AtomicLong();
    private final AtomicLong stage = new AtomicLong();

    /** Preparing a client's slot threw: the slot becomes an error reply (see RingPublisher). */
    public void ingressFailed(String command, Throwable t) {
        boolean first = ingress.getAndIncrement() == 0;
        LOG.log(System.Logger.Level.WARNING, "Internal error preparing '" + command + "' at ingress: " + t
                + (first ? "" : " (stack trace logged for the first one only)"), first ? t : null);
    }

    /** A stage threw on an event: {@code stageName} is "journal", "shard-0", "replies", ... */
    public void stageFailed(String stageName, String command, long sequence, Throwable t) {
        boolean first = stage.getAndIncrement() == 0;
        LOG.log(System.Logger.Level.WARNING, "Internal error in stage " + stageName + " on '" + command
                + "' (ring sequence " + sequence + "): " + t
                + (first ? "" : " (stack trace logged for the first one only)"), first ? t : null);
    }

    /** Slots whose preparation failed since start-up. */
    public long ingressErrors() {
        return ingress.get();
    }

    /** Events a stage failed on since start-up. */
    public long stageErrors() {
        return stage.get();
    }

    /** The command an event carries, for a log line: its row's name, else its first argument. */
    public static String commandOf(RequestEvent e) {
        if (e.cmd != null) {
            return e.cmd.fullName;
        }
        if (e.kind != RequestEvent.KIND_COMMAND) {
            return kindName(e.kind);
        }
        return e.args.count() > 0 ? e.args.latin1(0, 64) : "(no command)";
    }

    private static String kindName(int kind) {
        switch (kind) {
            case RequestEvent.KIND_TICK:
                return "(tick)";
            case RequestEvent.KIND_SNAPSHOT:
                return "(snapshot step)";
            case RequestEvent.KIND_CLIENT_CLOSED:
                return "(client closed)";
            default:
                return "(no-op)";
        }
    }
}
