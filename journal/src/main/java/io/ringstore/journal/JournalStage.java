package io.ringstore.journal;

import com.lmax.disruptor.EventHandler;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.command.CommandFlags;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The journal stage of the ring: appends every write command to the {@link Journal} and ends the
 * batch at endOfBatch (write, and under appendfsync always, force). It gates the shards, and a
 * {@code BatchEventProcessor} publishes a handler's sequence only after its whole batch (after
 * the endOfBatch call), so no shard executes a write (and no reply can show it) before the batch
 * holding it is in the file, and under always, durable. Fused on small machines, the same order
 * holds on one thread: the reply stage flushes at endOfBatch after this stage forced.
 * <p>
 * Reads, rejected commands (the REJECTED row has no WRITE flag) and replayed records are not
 * journaled; ticks and the close of a client with a blocking command in flight are (small records,
 * not forced on their own), with the client id of every command, so replay rebuilds blocked clients. A record's sequence is {@code base + ring sequence}: {@code base} is one past
 * the last recovered record, so sequences keep growing across restarts. Without a journal
 * (appendonly no) the stage is a pass-through. Runs on its own pipeline thread, or fused.
 */
public final class JournalStage implements EventHandler<RequestEvent> {
    private final Journal journal;
    private final long base;
    private final Consumer<IOException> onFailure;
    private boolean pending;

    /** appendonly no: nothing is written. */
    public JournalStage() {
        this(null, null);
    }

    public JournalStage(Journal journal, Consumer<IOException> onFailure) {
        this.journal = journal;
        this.base = journal == null ? 0 : journal.nextSeq();
        this.onFailure = onFailure;
    }

    @Override
    public void onEvent(RequestEvent e, long sequence, boolean endOfBatch) {
        final Journal j = journal;
        if (j == null) {
            return;
        }
        try {
            if (e.replayed) {
                // already in the journal
            } else if (e.kind == RequestEvent.KIND_COMMAND) {
                if (e.cmd != null && e.cmd.has(CommandFlags.WRITE | CommandFlags.JOURNAL)) {
                    j.append(base + sequence, e.timeMs, e.db, e.session == null ? 0 : e.session.id,
                            JournalFormat.KIND_COMMAND, e.args);
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
            }
        } catch (IOException ex) {
            onFailure.accept(ex);
        }
    }

    @Override
    public void onShutdown() {
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException ex) {
                onFailure.accept(ex);
            }
        }
    }
}
