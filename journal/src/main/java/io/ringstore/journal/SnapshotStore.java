package io.ringstore.journal;

import io.ringstore.engine.EngineContext;
import io.ringstore.engine.SnapshotHook;
import io.ringstore.engine.snapshot.SnapshotJob;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The snapshots of one server: {@code <dbfilename>.<sequence>} files in {@code dir}. SAVE, BGSAVE
 * and BGREWRITEAOF write through {@link #write} (the engine's {@link SnapshotHook}); start-up calls
 * {@link #recover}.
 *
 * <p>Recovery rule: the newest snapshot whose header and CRC verify is loaded; a damaged one is
 * refused with a WARNING naming file and reason, and the next older one is tried. No snapshot at
 * all loads nothing; snapshots that exist but none verifies stop start-up. The journal is then
 * replayed from the record after the snapshot's sequence. When the journal is on, the snapshot
 * must reach the journal: if the oldest segment starts after {@code sequence + 1} (segments were
 * deleted after a newer SAVE, and that snapshot is the damaged one) start-up stops, because the
 * writes in between are gone.
 *
 * <p>After a successful snapshot: the newest {@link #KEEP} snapshots are kept (the older one is the
 * fallback), older ones are deleted, and with the journal on, every segment whose records all lie
 * at or before the new snapshot's sequence is deleted; the newest segment (the one being written)
 * is always kept. The snapshot is durable (file and directory forced) before anything is deleted.
 */
public final class SnapshotStore implements SnapshotHook {
    /** Snapshots kept after a SAVE: the new one and one fallback. */
    public static final int KEEP = 2;
    private final Path dir;
    private final String prefix;
    /** The journal's appendfilename, or null when appendonly is off (nothing to clean up). */
    private final String journalPrefix;

    public SnapshotStore(Path dir, String prefix, String journalPrefix) {
        if (prefix.equals(journalPrefix)) {
            throw new IllegalArgumentException("dbfilename and appendfilename must differ: " + prefix);
        }
        this.dir = dir;
        this.prefix = prefix;
        this.journalPrefix = journalPrefix;
    }

    @Override
    public void write(EngineContext ctx, SnapshotJob job, Runnable advance) throws IOException {
        SnapshotWriter.write(job, dir, prefix, advance);
        long seq = job.sequence;
        List<Path> all = SnapshotFormat.snapshots(dir, prefix);
        for (int i = 0; i < all.size() - KEEP; i++) {
            Files.deleteIfExists(all.get(i));
        }
        if (journalPrefix != null) {
            long bytes = deleteCoveredSegments(seq);
            ctx.journal.deletedSegmentBytes += bytes; // single writer: one snapshot job at a time
        }
    }

    /**
     * Deletes journal segments whose records all have sequences at most {@code seq}: segment i
     * holds sequences below the next segment's first, so it is covered when that first is at most
     * seq + 1. The last segment is never deleted. Returns the bytes deleted.
     */
    public long deleteCoveredSegments(long seq) throws IOException {
        List<Path> segs = JournalFormat.segments(dir, journalPrefix);
        long deleted = 0;
        for (int i = 0; i + 1 < segs.size(); i++) {
            if (JournalFormat.firstSeqOf(segs.get(i + 1), journalPrefix) > seq + 1) {
                break;
            }
            long size = Files.size(segs.get(i));
            Files.delete(segs.get(i));
            deleted += size;
        }
        if (deleted > 0) {
            SnapshotWriter.forceDirectory(dir);
        }
        return deleted;
    }

    /** A SAVE cut short by a crash leaves {@code <name>.tmp}: never renamed, so never a snapshot. */
    private void deleteLeftoverTemps(PrintStream log) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(dir, prefix + ".*" + SnapshotFormat.TMP_SUFFIX)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                Path target = p.resolveSibling(n.substring(0, n.length() - SnapshotFormat.TMP_SUFFIX.length()));
                if (SnapshotFormat.seqOf(target, prefix) >= 0) {
                    log.println("ringstore: deleting " + p + " (a SAVE that did not finish)");
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * Loads the newest valid snapshot into the engine's (empty) shards, before the pipeline
     * starts. {@code journalFirstSeq} is the first sequence of the oldest journal segment, or -1
     * when the journal is off or empty. Returns the loaded snapshot's sequence, or -1 when there is
     * none (replay then starts at the beginning of the journal).
     */
    public long recover(EngineContext ctx, long journalFirstSeq, PrintStream log)
            throws IOException, SnapshotCorruptException {
        deleteLeftoverTemps(log);
        List<Path> all = SnapshotFormat.snapshots(dir, prefix);
        StringBuilder refused = new StringBuilder();
        for (int i = all.size() - 1; i >= 0; i--) {
            SnapshotReader.Header h;
            try {
                h = SnapshotReader.verify(all.get(i), prefix);
            } catch (SnapshotCorruptException e) {
                log.println("ringstore: WARNING refusing " + e.getMessage()
                        + (i > 0 ? "; trying the older snapshot" : ""));
                refused.append(refused.length() == 0 ? "" : "; ").append(e.getMessage());
                continue;
            }
            if (journalFirstSeq > h.sequence + 1) {
                throw new SnapshotCorruptException("snapshot " + h.file + " (sequence " + h.sequence
                        + ") cannot be used: the journal starts at sequence " + journalFirstSeq
                        + ", so the writes in between are gone"
                        + (refused.length() > 0 ? " (newer snapshots refused: " + refused + ")" : "")
                        + ". Restore the newer snapshot or start from this one by hand.");
            }
            long keys = SnapshotReader.load(h, ctx, journalPrefix != null);
            ctx.snapshot.loadedSequence = h.sequence;
            ctx.snapshot.loadedKeys = keys;
            return h.sequence;
        }
        if (!all.isEmpty()) {
            throw new SnapshotCorruptException("no valid snapshot in " + dir + ": " + refused
                    + ". Move the damaged files away to start without them (their data is lost).");
        }
        if (journalFirstSeq > 0) {
            throw new SnapshotCorruptException("the journal in " + dir + " starts at sequence " + journalFirstSeq
                    + " but there is no snapshot covering the writes before it (was " + prefix + ".* deleted?)");
        }
        return -1;
    }
}
