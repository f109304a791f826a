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
 * Reads, ticks, rejected commands (the REJECTED row has no WRITE flag) and replayed records are
 * not journaled. A record's sequence is {@code base + ring sequence}: {@code base} is one past
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
            if (e.kind == RequestEvent.KIND_COMMAND && !e.replayed && e.cmd != null && e.cmd.has(CommandFlags.WRITE)) {
                j.append(base + sequence, e.timeMs, e.db, e.args);
                pending = true;
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
