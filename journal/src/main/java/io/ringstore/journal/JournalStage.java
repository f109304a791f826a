package io.ringstore.journal;

import com.lmax.disruptor.EventHandler;
import io.ringstore.engine.JournalStatus;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.StageRecovery;
import io.ringstore.engine.command.CommandFlags;

import java.io.IOException;

/**
 * The journal stage of the ring: appends every write command to the {@link Journal} and ends the
 * batch at endOfBatch (write, and under appendfsync always, force). It gates the shards, and a
 * {@code BatchEventProcessor} publishes a handler's sequence only after its whole batch (after
 * the endOfBatch call), so no shard executes a write (and no reply can show it) before the batch
 * holding it is in the file, and under always, durable. Fused on small machines, the same order
 * holds on one thread: the reply stage flushes at endOfBatch after this stage forced.
 * <p>
 * What is journaled was decided at ingress ({@code RequestEvent.journal}): writes, an EXEC whose
 * queue writes (as one KIND_EXEC record, so recovery applies all of it or none), and WATCH, UNWATCH,
 * DISCARD, RESET and EXEC of a client that watches keys (replay rebuilds WATCH state, so it aborts
 * exactly the EXECs that aborted live). Reads, rejected commands and replayed records are not
 * journaled; ticks and the close of a client with a blocking command in flight are (small records,
 * not forced on their own), with the client id of every command, so replay rebuilds blocked
 * clients. A SCRIPT KILL, FUNCTION KILL or SHUTDOWN NOSAVE that stopped a script writes a marker
 * naming it (KIND_SCRIPT_KILLED), which recovery reads before replaying. A record's sequence is {@code base + ring sequence}: {@code base} is one past the last
 * recovered record, so sequences keep growing across restarts. Without a journal (appendonly no)
 * the stage is a pass-through. Runs on its own pipeline thread, or fused.
 * <p>
 * <b>When the journal cannot write</b> (an append, write or force throws), the state on disk is
 * unknown, so the stage stops accepting writes, as Redis does:
 * <ul>
 * <li>under {@code always} the batch's replies may not go out (in the fused pipeline its writes
 *     have already run), so the process exits, as Redis exits ("Can't recover from AOF write
 *     error when the AOF fsync policy is 'always'");</li>
 * <li>under {@code everysec} and {@code no} the failure is recorded in {@link JournalStatus}
 *     ({@code aof_last_write_status:err}) and from then on every write command, and PING, is
 *     answered {@code -MISCONF Errors writing to the AOF file: <reason>} without being executed
 *     (the events of the failed batch not yet executed included); reads keep working. A restart
 *     recovers the journal (a torn tail is truncated) and accepts writes again.</li>
 * </ul>
 */
public final class JournalStage implements EventHandler<RequestEvent>, StageRecovery {
    private static final System.Logger LOG = System.getLogger("ringstore");
    private final Journal journal;
    private final JournalStatus status;
    private final long base;
    private final Runnable exit;
    private boolean pending;
    /** The write events appended since the last endOfBatch: refused too if the batch fails. */
    private RequestEvent[] batch = new RequestEvent[64];
    private int batchCount;

    /** appendonly no: nothing is written. */
    public JournalStage() {
        this(null, null);
    }

    /**
     * @param exit stops the process after a failure under appendfsync always (the server passes
     *             {@code Runtime.halt(1)}; tests pass something they can observe)
     */
    public JournalStage(Journal journal, Runnable exit) {
        this.journal = journal;
        this.status = journal == null ? null : journal.status();
        this.base = journal == null ? 0 : journal.nextSeq();
        this.exit = exit;
    }

    @Override
    public void onEvent(RequestEvent e, long sequence, boolean endOfBatch) {
        final Journal j = journal;
        if (j == null) {
            return;
        }
        if (status.writeDenied != null) {
            deny(e);
            return;
        }
        try {
            if (e.replayed) {
                // already in the journal
            } else if (e.kind == RequestEvent.KIND_COMMAND) {
                if (e.killSeq >= 0) { // SCRIPT KILL, FUNCTION KILL, SHUTDOWN NOSAVE: a marker naming the stopped script
                    j.append(base + sequence, e.timeMs, e.killIndex, base + e.killSeq,
                            JournalFormat.KIND_SCRIPT_KILLED, moreKills(e.moreKills));
                    remember(e);
                    pending = true;
                } else if (e.journal) {
                    long client = e.session == null ? 0 : e.session.id;
                    if (e.tx != null) { // EXEC: the whole transaction is one record
                        j.append(base + sequence, e.timeMs, e.db, client, JournalFormat.KIND_EXEC, e.tx.record);
                    } else {
                        j.append(base + sequence, e.timeMs, e.db, client, JournalFormat.KIND_COMMAND, e.args);
                    }
                    remember(e);
                    pending = true;
                }
            } else if (e.kind == RequestEvent.KIND_TICK) {
                // Ticks time blocked clients out, so replay needs them at the same sequences. Not
                // forced on their own: they reach the file with the next write's batch, and a tick
                // lost with no later record changes nothing that replay keeps (waiters are dropped).
                j.append(base + sequence, e.timeMs, 0, 0, e.route == RequestEvent.ROUTE_BARRIER
                        ? JournalFormat.KIND_TICK_BARRIER : JournalFormat.KIND_TICK, null);
            } else if (e.kind == RequestEvent.KIND_CLIENT_CLOSED) {
                j.append(base + sequence, e.timeMs, 0, e.clientId, JournalFormat.KIND_CLIENT_CLOSED, null);
            }
            if (endOfBatch && pending) {
                pending = false;
                j.endOfBatch();
                forget();
            }
        } catch (IOException | RuntimeException ex) {
            failed(e, ex);
        }
    }

    /** An exception escaped onEvent (StageErrorHandler): the journal's state is unknown, as above. */
    @Override
    public void recover(RequestEvent e, Throwable failure) {
        if (journal != null && status.writeDenied == null) {
            failed(e, failure);
        }
    }

    private void failed(RequestEvent e, Throwable ex) {
        status.writeFailed(ex);
        LOG.log(System.Logger.Level.WARNING, "Error writing to the AOF file: " + ex, ex);
        if (journal.forcesEveryBatch()) {
            LOG.log(System.Logger.Level.WARNING,
                    "Can't recover from AOF write error when the AOF fsync policy is 'always'. Exiting...");
            exit.run();
        }
        for (int i = 0; i < batchCount; i++) {
            deny(batch[i]);
        }
        forget();
        pending = false;
        deny(e);
    }

    /** Refuses a write (or PING, as Redis) with the journal's MISCONF error; the shard replies it. */
    private void deny(RequestEvent e) {
        if (e.kind == RequestEvent.KIND_COMMAND && e.cmd != null
                && (e.cmd.has(CommandFlags.WRITE | CommandFlags.JOURNAL) || "ping".equals(e.cmd.fullName)
                    || (e.tx != null && e.tx.journaled()))) {
            e.failure = status.writeDenied;
        }
    }

    /** SHUTDOWN NOSAVE stopped scripts on several shards: the others as 12-byte (journal sequence, index) arguments. */
    private io.ringstore.engine.command.Args moreKills(long[] more) {
        if (more == null) {
            return null;
        }
        io.ringstore.engine.command.Args a = new io.ringstore.engine.command.Args(); // rare path
        for (int i = 0; i < more.length; i += 2) {
            int at = a.add(12);
            java.nio.ByteBuffer.wrap(a.buf(), at, 12).putLong(base + more[i]).putInt((int) more[i + 1]);
        }
        return a;
    }

    private void remember(RequestEvent e) {
        if (batchCount == batch.length) {
            batch = java.util.Arrays.copyOf(batch, batchCount * 2);
        }
        batch[batchCount++] = e;
    }

    private void forget() {
        for (int i = 0; i < batchCount; i++) {
            batch[i] = null;
        }
        batchCount = 0;
    }

    @Override
    public void onShutdown() {
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException ex) {
                if (status.writeDenied == null) { // after a failure, closing the broken segment fails too
                    status.writeFailed(ex);
                    LOG.log(System.Logger.Level.WARNING, "Error closing the AOF file: " + ex, ex);
                }
            }
        }
    }
}
