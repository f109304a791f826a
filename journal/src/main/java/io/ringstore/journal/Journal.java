package io.ringstore.journal;

import io.ringstore.engine.JournalStatus;
import io.ringstore.engine.command.Args;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The appending side of the journal: the current segment, rotation by size, and the fsync policy.
 * {@link #append} and {@link #endOfBatch} run on the journal stage's thread only. Under
 * {@code always} endOfBatch forces the segment (one fdatasync per batch: group commit); under
 * {@code everysec} a daemon thread forces at most once a second when something was written; under
 * {@code no} the OS decides. Every policy writes the batch to the file at endOfBatch, so an
 * acknowledged write survives a process kill under all three. Under everysec the flusher records
 * how old the oldest unforced write was when its force completed (INFO
 * {@code ringstore_fsync_lag_ms}/{@code _max_ms}): the measured loss window on power failure,
 * one second plus the force.
 */
public final class Journal implements AutoCloseable {
    public static final int ALWAYS = 0;
    public static final int EVERYSEC = 1;
    public static final int NO = 2;
    private static final int BUFFER_BYTES = 1 << 20;

    private final Path dir;
    private final String prefix;
    private final long maxSegmentBytes;
    private final JournalStatus status;
    private final Consumer<IOException> onFailure;
    private final Thread flusher;
    /** Volatile: the flusher forces whichever segment is current. */
    private volatile SegmentWriter current;
    private volatile int fsync;
    /**
     * Under everysec: System.nanoTime() of the first batch written since the flusher last took
     * it, 0 when everything written has been forced. Set by the journal thread (only from 0),
     * taken (reset to 0) by the flusher just before it forces.
     */
    private final AtomicLong unforcedSinceNs = new AtomicLong();
    private volatile boolean open = true;
    private long closedSegmentBytes;
    private long lastSeq;

    /**
     * Opens the journal for appending after a clean {@link JournalRecovery#check}: resumes the
     * newest segment when it has room, else starts a new one. {@code onFailure} is called on the
     * everysec flusher thread after a background force fails (the journal stage handles failures
     * on its own thread: see JournalStage).
     */
    public Journal(Path dir, String prefix, long maxSegmentBytes, String fsync, JournalScan recovered,
                   JournalStatus status, Consumer<IOException> onFailure) throws IOException {
        this.dir = dir;
        this.prefix = prefix;
        this.maxSegmentBytes = maxSegmentBytes;
        this.status = status;
        this.onFailure = onFailure;
        this.fsync = policy(fsync);
        this.lastSeq = recovered.lastSeq;
        Files.createDirectories(dir);
        int n = recovered.segments.size();
        if (n > 0 && recovered.lastSegmentGoodBytes >= 0 && recovered.lastSegmentGoodBytes < maxSegmentBytes
                && recovered.lastSegmentVersion == JournalFormat.VERSION) {
            current = SegmentWriter.append(recovered.segments.get(n - 1), recovered.lastSegmentGoodBytes, BUFFER_BYTES);
            closedSegmentBytes = recovered.goodBytes - recovered.lastSegmentGoodBytes;
        } else {
            current = SegmentWriter.create(JournalFormat.segmentPath(dir, prefix, nextSeq()), nextSeq(), BUFFER_BYTES);
            closedSegmentBytes = recovered.goodBytes;
        }
        status.enabled = true;
        status.baseSizeBytes = recovered.goodBytes;
        status.sizeBytes = closedSegmentBytes + current.size();
        status.lastSequence = lastSeq;
        this.flusher = new Thread(this::flushLoop, "ringstore-journal-fsync");
        flusher.setDaemon(true);
        flusher.start();
    }

    public static int policy(String appendfsync) {
        switch (appendfsync.toLowerCase(Locale.ROOT)) {
            case "always": return ALWAYS;
            case "everysec": return EVERYSEC;
            case "no": return NO;
            default: throw new IllegalArgumentException("appendfsync: " + appendfsync);
        }
    }

    /** Changes the fsync policy (CONFIG SET appendfsync); takes effect at the next batch. */
    public void setPolicy(String appendfsync) {
        fsync = policy(appendfsync);
    }

    /** What INFO persistence reports about this journal; also where its failure is recorded. */
    public JournalStatus status() {
        return status;
    }

    /** True under appendfsync always: a batch is acknowledged only once forced. */
    public boolean forcesEveryBatch() {
        return fsync == ALWAYS;
    }

    /** The sequence the next record must exceed, plus one: where a fresh segment starts. */
    public long nextSeq() {
        return lastSeq + 1;
    }

    /**
     * Buffers one record of any kind (JournalFormat.KIND_*); {@code args} null for ticks and closes.
     * Rotates first when the current segment has reached its size.
     */
    public void append(long seq, long timeMs, int db, long client, int kind, Args args) throws IOException {
        if (current.size() >= maxSegmentBytes) {
            rotate(seq);
        }
        current.append(seq, timeMs, db, client, kind, args);
        lastSeq = seq;
    }

    /** Ends a batch: writes it to the file and, under always, forces it before returning. */
    public void endOfBatch() throws IOException {
        SegmentWriter w = current;
        w.flush();
        if (fsync == ALWAYS) {
            w.force();
        } else if (fsync == EVERYSEC && unforcedSinceNs.get() == 0) {
            unforcedSinceNs.compareAndSet(0, System.nanoTime());
        }
        status.sizeBytes = closedSegmentBytes + w.size() - status.deletedSegmentBytes;
        status.lastSequence = lastSeq;
    }

    private void rotate(long firstSeq) throws IOException {
        SegmentWriter old = current;
        old.close(); // flush + force: a closed segment is always durable
        closedSegmentBytes += old.size();
        current = SegmentWriter.create(JournalFormat.segmentPath(dir, prefix, firstSeq), firstSeq, BUFFER_BYTES);
    }

    private void flushLoop() {
        while (open) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            if (fsync != EVERYSEC || unforcedSinceNs.get() == 0) {
                continue;
            }
            long since = unforcedSinceNs.getAndSet(0);
            try {
                current.force();
                // how old the oldest write this force made durable had become: the everysec bound
                long lagMs = (System.nanoTime() - since) / 1_000_000;
                status.lastFsyncLagMs = lagMs;
                if (lagMs > status.maxFsyncLagMs) {
                    status.maxFsyncLagMs = lagMs;
                }
            } catch (ClosedChannelException e) {
                // rotated or closing: the segment was forced as it closed
            } catch (IOException e) {
                status.writeFailed(e);
                onFailure.accept(e);
            }
        }
    }

    /** Flushes, forces and closes the current segment; journal stage thread (onShutdown). */
    @Override
    public void close() throws IOException {
        open = false;
        flusher.interrupt();
        current.close();
    }
}
