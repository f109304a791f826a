package io.ringstore.journal;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.EngineContext;
import io.ringstore.engine.SnapshotHook;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.snapshot.SnapshotJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BGSAVE, BGREWRITEAOF and the save rules through the real engine: the snapshot is the keyspace at
 * the command's sequence however the keyspace changes while it is written (the writer is held at a
 * gate, so every change below lands during the cut), the busy replies, scheduling, failure, and
 * journal compaction.
 */
@Timeout(60)
class BackgroundSaveTest {
    private static final String PREFIX = "dump.rss";
    private final AtomicLong now = new AtomicLong(System.currentTimeMillis());
    private final PrintStream log = new PrintStream(new ByteArrayOutputStream(), true);
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("bgsave");
    }

    @AfterEach
    void tearDown() throws Exception {
        JournalFiles.deleteTree(dir);
    }

    /** The snapshot store behind a gate: the background writer waits until the test opens it. */
    private static final class GatedStore implements SnapshotHook {
        final SnapshotHook inner;
        final CountDownLatch gate = new CountDownLatch(1);

        GatedStore(SnapshotHook inner) {
            this.inner = inner;
        }

        @Override
        public void write(EngineContext ctx, SnapshotJob job, Runnable advance) throws IOException {
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            inner.write(ctx, job, advance);
        }
    }

    private EmbeddedEngine engine(int shards, boolean journal, boolean ticker, Config config) throws Exception {
        EmbeddedEngine e;
        if (journal) {
            Journal j = JournalFiles.open(dir, 64 * 1024, "no");
            JournalStage stage = new JournalStage(j, () -> {
                throw new IllegalStateException("journal failed under appendfsync always");
            });
            e = new EmbeddedEngine(shards, now::get, config, stage, ticker);
            e.context().sequenceBase = j.nextSeq();
        } else {
            e = new EmbeddedEngine(shards, now::get, config, (ev, s, b) -> { }, ticker);
        }
        e.context().snapshots = store(journal);
        return e;
    }

    private SnapshotStore store(boolean journal) {
        return new SnapshotStore(dir, PREFIX, journal ? JournalFiles.PREFIX : null);
    }

    private static String digest(EmbeddedEngine e) {
        String d = e.call("DEBUG", "DIGEST");
        assertTrue(d.matches("\\+[0-9a-f]{40}\r\n"), d);
        return d;
    }

    /** Waits until no snapshot job runs; returns INFO persistence. */
    private static String awaitIdle(EmbeddedEngine e) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String info = e.call("INFO", "persistence");
            if (info.contains("rdb_bgsave_in_progress:0\r\n") && info.contains("aof_rewrite_in_progress:0\r\n")
                    && !info.contains("aof_rewrite_scheduled:1\r\n")) {
                return info;
            }
            assertTrue(System.nanoTime() < deadline, info);
            Thread.sleep(5);
        }
    }

    private static void fill(EmbeddedEngine e, Random rnd, int keys) {
        for (int db = 0; db < 4; db++) {
            e.send("SELECT", Integer.toString(db));
            for (int i = 0; i < keys; i++) {
                String k = "k" + i;
                switch (i % 6) {
                    case 0: e.send("SET", k, Integer.toString(rnd.nextInt())); break;
                    case 1: e.send("SET", k, "v".repeat(1 + rnd.nextInt(60)), "PX", Long.toString(600_000 + i)); break;
                    case 2: e.send("RPUSH", k, "a", "b", "c" + i); break;
                    case 3: e.send("HSET", k, "f", "v" + i, "g", "w"); break;
                    case 4: e.send("ZADD", k, "1", "a", Integer.toString(i), "b"); break;
                    default: e.send("SADD", k, "1", "2", "m" + i); break;
                }
            }
        }
        e.call("SELECT", "0");
    }

    /** Every kind of change, including in-place ones, table growth, FLUSHDB and SWAPDB. */
    private static void churn(EmbeddedEngine e, Random rnd, int keys, int ops) {
        for (int n = 0; n < ops; n++) {
            e.send("SELECT", Integer.toString(rnd.nextInt(4)));
            String k = "k" + rnd.nextInt(keys);
            switch (rnd.nextInt(13)) {
                case 0: e.send("SET", k, "new" + n); break;
                case 1: e.send("DEL", k); break;
                case 2: e.send("APPEND", k, "+"); break;
                case 3: e.send("INCR", k); break;
                case 4: e.send("RPUSH", k, "z"); break;
                case 5: e.send("LPOP", k); break;
                case 6: e.send("HSET", k, "f", "changed"); break;
                case 7: e.send("SADD", k, "x" + n); break;
                case 8: e.send("SET", "grow" + n, "g"); break; // grows the tables
                case 9: e.send("RENAME", k, "renamed" + n); break;
                case 10: e.send("PEXPIRE", k, "1"); break;
                case 11: e.send("ZINCRBY", k, "5", "a"); break;
                default: e.send("SETRANGE", k, "0", "Q"); break;
            }
        }
        e.send("SELECT", "3");
        e.send("FLUSHDB");
        e.send("SWAPDB", "1", "2");
        e.call("SELECT", "0");
    }

    @ParameterizedTest
    @CsvSource({"1,1", "2,2", "2,3"})
    void shouldSaveTheKeyspaceAsItWasAtBgsaveWhateverChangesDuringTheDump(int shards, int seed) throws Exception {
        Random rnd = new Random(seed);
        int keys = 2500;
        String atCut;
        GatedStore gated;
        try (EmbeddedEngine a = engine(shards, false, false, new Config())) {
            gated = new GatedStore(a.context().snapshots);
            a.context().snapshots = gated;
            fill(a, rnd, keys);
            atCut = digest(a);
            assertEquals("+Background saving started\r\n", a.call("BGSAVE"));
            assertTrue(a.call("INFO", "persistence").contains("rdb_bgsave_in_progress:1\r\n"));
            churn(a, rnd, keys, 8000);
            String after = digest(a);
            assertNotEquals(atCut, after);
            gated.gate.countDown();
            String info = awaitIdle(a);
            assertTrue(info.contains("rdb_last_bgsave_status:ok\r\n"), info);
            assertTrue(info.contains("rdb_saves:1\r\n"), info);
            assertEquals(after, digest(a), "the dump changed nothing");
        }
        try (EmbeddedEngine b = engine(3 - shards, false, false, new Config())) {
            store(false).recover(b.context(), -1, log);
            assertEquals(atCut, digest(b));
        }
    }

    @Test
    void shouldAnswerLikeRedisWhileAJobRuns() throws Exception {
        try (EmbeddedEngine a = engine(2, false, true, new Config())) {
            GatedStore gated = new GatedStore(a.context().snapshots);
            a.context().snapshots = gated;
            a.call("SET", "k", "v");
            assertEquals("-ERR syntax error\r\n", a.call("BGSAVE", "now"));
            assertEquals("-ERR syntax error\r\n", a.call("BGSAVE", "SCHEDULE", "x"));
            assertEquals("+Background saving started\r\n", a.call("BGSAVE"));
            assertEquals("-ERR Background save already in progress\r\n", a.call("BGSAVE"));
            assertEquals("-ERR Background save already in progress\r\n", a.call("BGSAVE", "SCHEDULE"));
            assertEquals("-ERR Background save already in progress\r\n", a.call("SAVE"));
            assertEquals("+Background append only file rewriting scheduled\r\n", a.call("BGREWRITEAOF"));
            assertTrue(a.call("INFO", "persistence").contains("aof_rewrite_scheduled:1\r\n"));
            gated.gate.countDown();
            String info = awaitIdle(a); // the scheduled rewrite ran after the save, started by the ticker
            assertTrue(info.contains("aof_rewrites:1\r\n"), info);
            assertTrue(info.contains("rdb_saves:2\r\n"), info);
            assertTrue(info.contains("aof_last_bgrewrite_status:ok\r\n"), info);
            assertEquals("+Background append only file rewriting started\r\n", a.call("BGREWRITEAOF"));
            String busy = a.call("BGSAVE");
            assertTrue(busy.equals("-ERR Another child process is active (AOF?): can't BGSAVE right now. "
                    + "Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.\r\n")
                    || busy.equals("+Background saving started\r\n"), busy); // the rewrite may be done already
            awaitIdle(a);
        }
    }

    @Test
    void shouldReportAFailedBackgroundSaveAndKeepServing() throws Exception {
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        try (EmbeddedEngine a = new EmbeddedEngine(1, now::get, new Config(), (ev, s, b) -> { }, false)) {
            a.context().snapshots = new SnapshotStore(notADir, PREFIX, null);
            for (int i = 0; i < 500; i++) {
                a.call("SET", "k" + i, "v");
            }
            assertEquals("+Background saving started\r\n", a.call("BGSAVE"));
            String info = awaitIdle(a);
            assertTrue(info.contains("rdb_last_bgsave_status:err\r\n"), info);
            assertTrue(info.contains("rdb_saves:0\r\n"), info);
            assertTrue(info.contains("rdb_changes_since_last_save:500\r\n"), info);
            for (int i = 0; i < 500; i++) {
                assertEquals("+OK\r\n", a.call("SET", "k" + i, "w")); // the abandoned cut is gone
            }
            assertEquals("+Background saving started\r\n", a.call("BGSAVE")); // not "in progress"
            awaitIdle(a);
        }
    }

    @Test
    void bgrewriteaofShouldCompactTheJournalAndRecoverTheSameKeyspace() throws Exception {
        String before;
        try (EmbeddedEngine a = engine(2, true, false, new Config())) {
            for (int i = 0; i < 4000; i++) {
                a.call("SET", "key" + (i % 500), "value-" + i);
            }
            int segments = JournalFormat.segments(dir, JournalFiles.PREFIX).size();
            assertTrue(segments > 3, "segments: " + segments);
            assertEquals("+Background append only file rewriting started\r\n", a.call("BGREWRITEAOF"));
            a.call("SET", "during", "1");
            String info = awaitIdle(a);
            assertTrue(info.contains("aof_rewrites:1\r\n"), info);
            assertTrue(JournalFormat.segments(dir, JournalFiles.PREFIX).size() <= 2,
                    "covered segments deleted: " + JournalFormat.segments(dir, JournalFiles.PREFIX));
            a.call("SET", "after", "2");
            a.call("DEL", "key7");
            before = digest(a);
        }
        try (EmbeddedEngine b = engine(1, true, false, new Config())) {
            JournalScan scan = JournalRecovery.check(dir, JournalFiles.PREFIX, log);
            long first = JournalFormat.firstSeqOf(scan.segments.get(0), JournalFiles.PREFIX);
            long snapSeq = store(true).recover(b.context(), first, log);
            JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine(), snapSeq);
            assertEquals(before, digest(b));
        }
    }

    @Test
    void saveRulesShouldStartABackgroundSave() throws Exception {
        Config config = new Config();
        assertEquals(null, config.setAtStartup("save", "2 3"));
        assertEquals("Invalid save parameters", config.setAtStartup("save", "2 3 4"));
        assertEquals("Invalid save parameters", config.setAtStartup("save", "x 3"));
        assertEquals("2 3", config.get("save"));
        try (EmbeddedEngine a = engine(1, false, true, config)) {
            a.call("SET", "a", "1");
            a.call("SET", "b", "1");
            a.call("SET", "c", "1");
            Thread.sleep(300); // several ticks: 3 changes but not yet 2 seconds
            assertTrue(a.call("INFO", "persistence").contains("rdb_saves:0\r\n"));
            now.addAndGet(2500);
            String info = awaitSaves(a, 1);
            assertTrue(info.contains("rdb_changes_since_last_save:0\r\n"), info);
            assertEquals(1, SnapshotFormat.snapshots(dir, PREFIX).size());
        }
    }

    private static String awaitSaves(EmbeddedEngine e, int saves) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            String info = e.call("INFO", "persistence");
            if (info.contains("rdb_saves:" + saves + "\r\n") && info.contains("rdb_bgsave_in_progress:0\r\n")) {
                return info;
            }
            assertTrue(System.nanoTime() < deadline, info);
            Thread.sleep(10);
        }
    }

    /** Writes of every type under prefix {@code p}, plus in-place changes to keys of earlier prefixes. */
    private static void everyType(EmbeddedEngine e, String p, String earlier) {
        e.call("SET", p + ":s", "hello");
        e.call("APPEND", p + ":s", " world");
        e.call("INCRBY", p + ":n", "41");
        e.call("RPUSH", p + ":l", "a", "b", "c");
        e.call("LPOP", p + ":l");
        e.call("HSET", p + ":h", "f", "1", "g", "2");
        e.call("HINCRBYFLOAT", p + ":h", "f", "0.5");
        e.call("SADD", p + ":set", "x", "y", "7");
        e.call("SREM", p + ":set", "y");
        e.call("ZADD", p + ":z", "1.5", "a", "-inf", "b");
        e.call("ZINCRBY", p + ":z", "2", "a");
        e.call("XADD", p + ":x", "1-1", "f", "v1");
        e.call("XADD", p + ":x", "2-1", "f", "v2");
        e.call("XGROUP", "CREATE", p + ":x", "g", "0");
        e.call("XREADGROUP", "GROUP", "g", "alice", "COUNT", "1", "STREAMS", p + ":x", ">");
        e.call("PEXPIRE", p + ":s", "100000");
        if (earlier != null) {
            e.call("RPUSH", earlier + ":l", "more");
            e.call("HDEL", earlier + ":h", "g");
            e.call("ZADD", earlier + ":z", "9", "c");
            e.call("XACK", earlier + ":x", "g", "1-1");
            e.call("SADD", earlier + ":set", "z");
            e.call("APPEND", earlier + ":s", "!");
        }
    }

    @ParameterizedTest
    @CsvSource({"1", "2"})
    void everyTypeShouldRecoverFromABgsavePlusTheJournalAfterIt(int shards) throws Exception {
        String before;
        try (EmbeddedEngine a = engine(shards, true, false, new Config())) {
            everyType(a, "pre", null);
            assertEquals("+Background saving started\r\n", a.call("BGSAVE"));
            everyType(a, "during", "pre"); // after the cut: recovered from the journal
            awaitIdle(a);
            everyType(a, "post", "during");
            before = digest(a);
        }
        try (EmbeddedEngine b = engine(3 - shards, true, false, new Config())) {
            JournalScan scan = JournalRecovery.check(dir, JournalFiles.PREFIX, log);
            long first = JournalFormat.firstSeqOf(scan.segments.get(0), JournalFiles.PREFIX);
            long snapSeq = store(true).recover(b.context(), first, log);
            assertTrue(snapSeq > 0, "the BGSAVE snapshot was loaded");
            assertTrue(JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine(), snapSeq) > 0);
            assertEquals(before, digest(b));
            assertEquals("$12\r\nhello world!\r\n", b.call("GET", "pre:s"));
        }
    }
}
