package io.ringstore.journal.rdb;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.EngineContext;
import io.ringstore.engine.config.Config;
import io.ringstore.journal.JournalCorruptException;
import io.ringstore.journal.JournalFormat;
import io.ringstore.journal.JournalReplay;
import io.ringstore.journal.JournalScan;
import io.ringstore.journal.SnapshotCorruptException;
import io.ringstore.journal.SnapshotStore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * {@code scripts/ringstore-rdb-export <dir> <out.rdb> [--dbfilename name] [--appendfilename name]
 * [--databases n]}: recovers a data directory offline, as start-up recovers it (the newest valid
 * snapshot, then the journal records after it, replayed through an embedded engine with no
 * journal stage, so nothing in {@code dir} is written), then writes the data as a Redis RDB
 * version 10 file ({@link RdbFileWriter}) that redis-server 7.0 loads. A damaged journal, even a
 * torn tail, is refused rather than cut: the tool changes nothing in {@code dir} (start the server
 * once, or use ringstore-check-journal --fix) but a SAVE's leftover {@code .tmp} file, which
 * start-up deletes too. Runs on the tool's main thread.
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
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--") && i + 1 < args.length
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
            long keys = export(d, config, Paths.get(target), System.currentTimeMillis(), out);
            out.println("ringstore-rdb-export: wrote " + keys + " keys to " + target);
            return 0;
        } catch (JournalCorruptException | SnapshotCorruptException e) {
            out.println("ringstore-rdb-export: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream out, String why) {
        out.println("ringstore-rdb-export: " + why);
        out.println("usage: ringstore-rdb-export <dir> <out.rdb> [--dbfilename name] [--appendfilename name] [--databases n]");
        return 2;
    }

    /** Recovers {@code dir} under {@code config}'s names and writes it to {@code target}; returns the keys written. */
    public static long export(Path dir, Config config, Path target, long nowMs, PrintStream log)
            throws IOException, JournalCorruptException, SnapshotCorruptException {
        String prefix = config.get("appendfilename");
        JournalScan scan = JournalScan.scan(dir, prefix, null);
        if (scan.damage != null) {
            throw new JournalCorruptException("journal " + scan.damage + "; not exporting (this tool never"
                    + " changes " + dir + "): start the server on it once, or cut it with scripts/ringstore-check-journal --fix");
        }
        long journalFirstSeq = scan.segments.isEmpty() ? -1 : JournalFormat.firstSeqOf(scan.segments.get(0), prefix);
        SnapshotStore snapshots = new SnapshotStore(dir, config.get("dbfilename"), prefix);
        try (EmbeddedEngine e = new EmbeddedEngine(1, () -> nowMs, config, (ev, s, b) -> { }, false)) {
            EngineContext ctx = e.context();
            long seq = snapshots.recover(ctx, journalFirstSeq, log);
            if (!scan.segments.isEmpty()) {
                JournalReplay.replay(dir, prefix, e.engine(), seq, scan.killedScripts);
            }
            e.engine().close(); // the shard threads have stopped: their data is this thread's to read
            return RdbFileWriter.write(ctx, target, nowMs);
        }
    }
}
