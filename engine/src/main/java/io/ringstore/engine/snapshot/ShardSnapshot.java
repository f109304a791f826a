package io.ringstore.engine.snapshot;

import io.ringstore.engine.block.Waiter;
import io.ringstore.engine.block.WaiterRegistry;
import io.ringstore.engine.shard.ShardState;
import io.ringstore.engine.store.TableCut;

import java.util.ArrayList;
import java.util.List;

/**
 * One shard's part of a snapshot job: the {@link TableCut}s of its databases, the chunk being
 * filled, and the counts that check the result (entries written must equal the entries present at
 * the cut). Entries arrive from the cuts' background steps and from the pre-change hooks of
 * {@link io.ringstore.engine.store.Dict}; full chunks go to the job's queue for the writer.
 *
 * <p>Owned by the shard's thread (shard 0's thread at a barrier or when SAVE steps every shard
 * inline). {@link #stepsSeen} is the one field the writer thread reads.
 */
final class ShardSnapshot implements TableCut.Sink {
    private final SnapshotJob job;
    private final int shard;
    private final List<TableCut> cuts = new ArrayList<>();
    private int unfinished;
    private SnapshotChunk chunk;
    private long expected;
    private long written;
    private boolean begun;
    private boolean done;
    /** The last step event this shard has handled (read by the writer to pace the next). */
    volatile long stepsSeen;

    ShardSnapshot(SnapshotJob job, int shard) {
        this.job = job;
        this.shard = shard;
    }

    /**
     * Starts the cut of every database of the shard; called at the job's sequence. The clients
     * blocked at that moment (the shard's waiters, and for shard 0 the cross-slot ones) are written
     * first, oldest first: replay of the journal after the cut must find them, or a pop served to
     * one of them after the cut would come back as data after a crash. So are the keys clients
     * WATCH, or replay would run an EXEC that a write before the cut had made fail. Shard 0 writes
     * the function libraries before all of it ({@code libraries}: their code, in load order), so
     * loading re-creates them before replay runs an FCALL.
     */
    void begin(ShardState s, WaiterRegistry crossShard, java.util.List<byte[]> libraries) {
        if (begun) {
            throw new IllegalStateException("shard " + shard + " began twice");
        }
        begun = true;
        for (byte[] code : libraries) {
            if (chunk == null) {
                chunk = job.freshChunk(shard);
            }
            chunk.library(code);
        }
        writeWaiters(s.waiters);
        if (crossShard != null) {
            writeWaiters(crossShard);
        }
        for (int db = 0; db < s.databases(); db++) {
            final int d = db;
            s.db(db).watched().forEach((key, client, expired, dirty) -> {
                if (chunk == null) {
                    chunk = job.freshChunk(shard);
                }
                chunk.watch(d, key, client, expired, dirty);
            });
        }
        for (int db = 0; db < s.databases(); db++) {
            expected += s.db(db).dict().beginCut(this, db);
        }
        if (unfinished == 0) {
            complete();
        }
    }

    private void writeWaiters(WaiterRegistry reg) {
        for (Waiter w : reg.waiters()) {
            if (chunk == null) {
                chunk = job.freshChunk(shard);
            }
            chunk.waiter(w);
        }
    }

    @Override
    public void add(TableCut cut) {
        cuts.add(cut);
        unfinished++;
    }

    @Override
    public void entry(int db, Object table, int slot) {
        if (done) {
            return; // abandoned
        }
        try {
            if (chunk == null) {
                chunk = job.freshChunk(shard);
            }
            chunk.entry(db, table, slot);
        } catch (RuntimeException e) {
            // Called from a command's lookup too: fail the snapshot, never the command.
            job.fail("shard " + shard + ": " + e);
            abandon();
            return;
        }
        written++;
        if (chunk.full()) {
            handOff();
        }
    }

    @Override
    public void finished(TableCut cut) {
        if (--unfinished == 0) {
            complete();
        }
    }

    /**
     * Serialises unwritten segments for about {@code budgetNs} nanoseconds (at least one group of
     * segments); returns true when this part is done.
     */
    boolean step(long budgetNs) {
        if (done) {
            return true;
        }
        long deadline = System.nanoTime() + budgetNs;
        try {
            for (int i = 0; i < cuts.size() && !done; i++) {
                TableCut c = cuts.get(i);
                while (!c.finished() && !done) {
                    c.step(16);
                    if (System.nanoTime() - deadline > 0) {
                        return done;
                    }
                }
            }
        } catch (RuntimeException e) {
            job.fail("shard " + shard + ": " + e);
            abandon();
        }
        return done;
    }

    long written() {
        return written;
    }

    /** Stops the cuts (the job failed); later writes to the tables no longer call back. */
    void abandon() {
        for (TableCut c : cuts) {
            c.abandon();
        }
        chunk = null;
        done = true;
    }

    private void complete() {
        if (done) {
            return;
        }
        if (written != expected) {
            job.fail("shard " + shard + " wrote " + written + " entries, the cut held " + expected);
        }
        handOff();
        done = true;
        job.partDone();
    }

    private void handOff() {
        if (chunk != null && !chunk.empty()) {
            chunk.seal();
            job.offer(chunk);
        }
        chunk = null;
    }
}
