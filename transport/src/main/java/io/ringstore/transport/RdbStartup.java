package io.ringstore.transport;

import io.ringstore.engine.EngineContext;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.shard.ShardState;
import io.ringstore.engine.snapshot.SnapshotJob;
import io.ringstore.journal.JournalFormat;
import io.ringstore.journal.JournalScan;
import io.ringstore.journal.SnapshotFormat;
import io.ringstore.journal.SnapshotStore;
import io.ringstore.journal.rdb.RdbFileException;
import io.ringstore.journal.rdb.RdbImport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The {@code rdb-import} start-up step: a Redis RDB file loaded into the shards before recovery,
 * the pipeline and the port. Refused when {@code dir} already holds Ringstore state (a snapshot,
 * or journal records): which of the two is the data would be ambiguous. With {@code appendonly
 * yes} the imported data is made durable before any client connects: a Ringstore snapshot of it
 * is written at the journal's start, so a restart (without the option) recovers it and the
 * journal's records replay after it. With {@code appendonly no} nothing is written: the RDB file
 * stays the data's only copy until a SAVE, as Redis's dump.rdb is. Runs on the start-up thread.
 */
final class RdbStartup {
    private final Path file;
    private final Path dir;
    private final Config config;
    private final boolean appendonly;
    private boolean imported;

    private RdbStartup(Path file, Path dir, Config config, boolean appendonly) {
        this.file = file;
        this.dir = dir;
        this.config = config;
        this.appendonly = appendonly;
    }

    static RdbStartup of(Config config, Path dir, boolean appendonly) {
        String f = config.get("rdb-import");
        return new RdbStartup(f.isEmpty() ? null : dir.resolve(Paths.get(f)), dir, config, appendonly);
    }

    /** Loads the file into {@code ctx}'s empty shards (nothing when the option is unset). */
    void importFile(EngineContext ctx, long nowMs, PrintStream log) throws IOException, RdbFileException {
        if (file == null) {
            return;
        }
        if (!Files.isRegularFile(file)) {
            throw new RdbFileException("rdb-import: no such file " + file);
        }
        refuseRingstoreState();
        log.println("ringstore: importing RDB file " + file + " (" + Files.size(file) + " bytes)");
        long t0 = System.nanoTime();
        RdbImport.Result r = RdbImport.load(file, ctx, nowMs, log);
        log.println("ringstore: RDB import of " + file + " done in " + (System.nanoTime() - t0) / 1_000_000 + " ms ("
                + r.keysLoaded() + " keys, " + r.libraries() + " libraries)");
        imported = true;
    }

    private void refuseRingstoreState() throws IOException, RdbFileException {
        String snapshots = config.get("dbfilename");
        if (!SnapshotFormat.snapshots(dir, snapshots).isEmpty()) {
            throw new RdbFileException("rdb-import: " + dir + " already holds Ringstore snapshots (" + snapshots
                    + ".*): refusing to import " + file + " over them. Start with an empty dir, or without rdb-import.");
        }
        String prefix = config.get("appendfilename");
        if (!JournalFormat.segments(dir, prefix).isEmpty() && JournalScan.scan(dir, prefix, null).records > 0) {
            throw new RdbFileException("rdb-import: " + dir + " already holds a Ringstore journal with records ("
                    + prefix + ".*): refusing to import " + file + " over it. Start with an empty dir, or without rdb-import.");
        }
    }

    /**
     * With appendonly yes and a file imported (so the journal holds no record: importFile refused
     * one that does): sequence {@link #SNAPSHOT_SEQ} is kept for the import's snapshot, the
     * journal's records start after it. Call before the Journal is opened on {@code recovered}.
     */
    void reserveSnapshotSequence(JournalScan recovered) {
        if (imported && appendonly && recovered.lastSeq < SNAPSHOT_SEQ) {
            recovered.lastSeq = SNAPSHOT_SEQ;
        }
    }

    /** The sequence of the import's snapshot: before every journal record (the journal starts at 1). */
    static final long SNAPSHOT_SEQ = 0;

    /**
     * With appendonly yes and a file imported: writes the snapshot of what was imported at
     * {@link #SNAPSHOT_SEQ} and returns that sequence; otherwise returns {@code snapshotSeq}
     * (what recovery loaded) unchanged.
     */
    long persist(EngineContext ctx, SnapshotStore snapshots, long snapshotSeq, long nowMs, PrintStream log) throws IOException {
        if (!imported || !appendonly) {
            return snapshotSeq;
        }
        long at = SNAPSHOT_SEQ;
        SnapshotJob job = new SnapshotJob(ctx, at, nowMs, false);
        for (ShardState s : ctx.shards) {
            job.begin(s);
        }
        snapshots.write(ctx, job, job::stepInline);
        log.println("ringstore: imported data written to snapshot " + SnapshotFormat.path(dir, config.get("dbfilename"), at));
        return at;
    }
}
