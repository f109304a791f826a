package io.ringstore.journal.rdb;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.EngineContext;
import io.ringstore.engine.config.Config;
import io.ringstore.journal.JournalCorruptException;
import io.ringstore.journal.JournalFormat;
import io.ringstore.journal.JournalReplay;
import io.ringstore.journal.JournalScan;
import io.ringstore.journal.SnapshotCorruptException;
import io.ringstore.journal.SnapshotFormat;
import io.ringstore.journal.SnapshotReader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * {@code scripts/ringstore-rdb-export [--snapshot-only] <dir> <out.rdb> [--dbfilename name]
 * [--appendfilename name] [--databases n]}: recovers a data directory offline, as start-up
 * recovers it (the newest snapshot that verifies, then the journal records after it, replayed
 * through an embedded engine with no journal stage), then writes the data as a Redis RDB version
 * 10 file ({@link RdbFileWriter}) that redis-server 7.0 loads. Nothing in {@code dir} is written or
 * deleted. A damaged journal, even a torn tail, is refused rather than cut (start the server once,
 * or use ringstore-check-journal --fix). With {@code --snapshot-only} the journal is not read: the
 * newest snapshot alone is exported, a consistent cut that is safe to take from the directory of
 * a running server after its SAVE or BGSAVE (snapshots appear by atomic rename). Runs on the
 * tool's main thread.
 */
public final class RdbExportTool {
    private RdbExportTool() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) throws Exception {
        Config config = new Config();
        String dir = null;
        String target = null;
        boolean snapshotOnly = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--snapshot-only")) {
                snapshotOnly = true;
            } else if (a.startsWith("--") && i + 1 < args.length
                    && (a.equals("--dbfilename") || a.equals("--appendfilename") || a.equals("--databases"))) {
                String err = config.setAtStartup(a.substring(2), args[++i]);
                if (err != null) {
                    return usage(out, a + ": " + err);
                }
            } else if (a.startsWith("--")) {
                return usage(out, "unknown option " + a);
            } else if (dir == null) {
                dir = a;
            } else if (target == null) {
                target = a;
            } else {
                return usage(out, "too many arguments");
            }
        }
        if (target == null) {
            return usage(out, "<dir> and <out.rdb> are required");
        }
        Path d = Paths.get(dir);
        if (!Files.isDirectory(d)) {
            return usage(out, "no such directory " + d);
        }
        try {
            long keys = export(d, config, Paths.get(target), System.currentTimeMillis(), snapshotOnly, out);
            out.println("ringstore-rdb-export: wrote " + keys + " keys to " + target);
            return 0;
        } catch (JournalCorruptException | SnapshotCorruptException e) {
            out.println("ringstore-rdb-export: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream out, String why) {
        out.println("ringstore-rdb-export: " + why);
        out.println("usage: ringstore-rdb-export [--snapshot-only] <dir> <out.rdb> [--dbfilename name] [--appendfilename name]"
                + " [--databases n]");
        return 2;
    }

    /**
     * Recovers {@code dir} under {@code config}'s names (the newest snapshot, and the journal after
     * it unless {@code snapshotOnly}) and writes it to {@code target}; returns the keys written.
     */
    public static long export(Path dir, Config config, Path target, long nowMs, boolean snapshotOnly, PrintStream log)
            throws IOException, JournalCorruptException, SnapshotCorruptException {
        String prefix = config.get("appendfilename");
        JournalScan scan = snapshotOnly ? null : JournalScan.scan(dir, prefix, null);
        if (scan != null && scan.damage != null) {
            throw new JournalCorruptException("journal " + scan.damage + "; not exporting (this tool never"
                    + " changes " + dir + "): start the server on it once, or cut it with scripts/ringstore-check-journal --fix");
        }
        long journalFirstSeq = scan == null || scan.segments.isEmpty() ? -1 : JournalFormat.firstSeqOf(scan.segments.get(0), prefix);
        try (EmbeddedEngine e = new EmbeddedEngine(1, () -> nowMs, config, (ev, s, b) -> { }, false)) {
            EngineContext ctx = e.context();
            boolean replay = scan != null && !scan.segments.isEmpty();
            long seq = loadNewestSnapshot(dir, config.get("dbfilename"), ctx, journalFirstSeq, replay, log);
            if (replay) {
                JournalReplay.replay(dir, prefix, e.engine(), seq, scan.killedScripts);
            }
            e.engine().close(); // the shard threads have stopped: their data is this thread's to read
            return RdbFileWriter.write(ctx, target, nowMs);
        }
    }

    /**
     * SnapshotStore.recover's choice without its clean-up (a running server's SAVE may own a
     * {@code .tmp} file): the newest snapshot that verifies, which the journal must reach.
     * Returns its sequence, or -1 when there is none. With {@code waiters}, the clients blocked at
     * the cut are re-created for the journal replay that follows (as start-up does).
     */
    private static long loadNewestSnapshot(Path dir, String prefix, EngineContext ctx, long journalFirstSeq, boolean waiters,
                                           PrintStream log)
            throws IOException, SnapshotCorruptException {
        List<Path> all = SnapshotFormat.snapshots(dir, prefix);
        for (int i = all.size() - 1; i >= 0; i--) {
            SnapshotReader.Header h;
            try {
                h = SnapshotReader.verify(all.get(i), prefix);
            } catch (SnapshotCorruptException ex) {
                log.println("ringstore-rdb-export: WARNING refusing " + ex.getMessage());
                continue;
            }
            if (journalFirstSeq > h.sequence + 1) {
                throw new SnapshotCorruptException("snapshot " + h.file + " (sequence " + h.sequence
                        + ") does not reach the journal, which starts at sequence " + journalFirstSeq);
            }
            SnapshotReader.load(h, ctx, waiters); // clients blocked at the cut matter only to a replay
            return h.sequence;
        }
        if (!all.isEmpty()) {
            throw new SnapshotCorruptException("no valid snapshot in " + dir);
        }
        if (journalFirstSeq > 0) {
            throw new SnapshotCorruptException("the journal in " + dir + " starts at sequence " + journalFirstSeq
                    + " but there is no snapshot covering the writes before it");
        }
        return -1;
    }
}
