package io.ringstore.journal;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots through the real engine: SAVE at the barrier, load into a fresh engine (same or other
 * shard count), recovery = snapshot + the journal records after it, damaged snapshots refused,
 * journal segments covered by a snapshot deleted.
 */
@Timeout(30)
class SnapshotTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final String PREFIX = "dump.rss";
    private static final String LONG = "x".repeat(100);
    private final AtomicLong now = new AtomicLong(T0);
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true);
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("snapshot");
    }

    @AfterEach
    void tearDown() throws Exception {
        JournalFiles.deleteTree(dir);
    }

    /** An engine whose SAVE writes into dir; with a journal in dir when {@code journal}. */
    private EmbeddedEngine engine(int shards, boolean journal, long maxSegment) throws Exception {
        EmbeddedEngine e;
        if (journal) {
            Journal j = JournalFiles.open(dir, maxSegment, "always");
            JournalStage stage = new JournalStage(j, () -> {
                throw new IllegalStateException("journal failed under appendfsync always");
            });
            e = new EmbeddedEngine(shards, now::get, new Config(), stage, false);
            e.context().sequenceBase = j.nextSeq(); // as the server does; published by the next ring event
        } else {
            e = new EmbeddedEngine(shards, now::get, new Config(), (ev, s, b) -> { }, false);
        }
        e.context().snapshots = new SnapshotStore(dir, PREFIX, journal ? JournalFiles.PREFIX : null);
        return e;
    }

    private SnapshotStore store(boolean journal) {
        return new SnapshotStore(dir, PREFIX, journal ? JournalFiles.PREFIX : null);
    }

    private static void fill(EmbeddedEngine e) {
        e.call("SET", "int", "12345");
        e.call("SET", "neg", "-9");
        e.call("SET", "emb", "hello");
        e.call("SET", "raw", LONG);
        e.call("SET", "grown", "abc");
        e.call("APPEND", "grown", "defgh"); // raw with spare capacity
        e.call("SET", "ttl", "v", "PX", "60000");
        e.call("SET", "bin", "a\u0000b");
        for (int i = 0; i < 200; i++) {
            e.call("SET", "k" + i, "v" + i);
        }
        e.call("SELECT", "5");
        e.call("SET", "in5", "five", "EX", "100");
        e.call("SET", "int", "7");
        e.call("SELECT", "15");
        e.call("SET", "in15", LONG);
        e.call("SELECT", "0");
    }

    private static String digest(EmbeddedEngine e) {
        String d = e.call("DEBUG", "DIGEST");
        assertTrue(d.matches("\\+[0-9a-f]{40}\r\n"), d);
        return d;
    }

    @ParameterizedTest
    @CsvSource({"1,1", "2,2", "2,1", "1,2"})
    void shouldLoadWhatSaveWrote(int savedShards, int loadedShards) throws Exception {
        String before;
        try (EmbeddedEngine a = engine(savedShards, false, 0)) {
            fill(a);
            before = digest(a);
            assertEquals("+OK\r\n", a.call("SAVE"));
        }
        List<Path> files = SnapshotFormat.snapshots(dir, PREFIX);
        assertEquals(1, files.size());
        try (EmbeddedEngine b = engine(loadedShards, false, 0)) {
            long seq = store(false).recover(b.context(), -1, log);
            assertEquals(SnapshotFormat.seqOf(files.get(0), PREFIX), seq);
            assertEquals(before, digest(b));
            assertEquals("$3\r\nint\r\n", b.call("OBJECT", "ENCODING", "int"));
            assertEquals("$6\r\nembstr\r\n", b.call("OBJECT", "ENCODING", "emb"));
            assertEquals("$3\r\nraw\r\n", b.call("OBJECT", "ENCODING", "raw"));
            assertEquals("$8\r\nabcdefgh\r\n", b.call("GET", "grown"));
            assertEquals(":8\r\n", b.call("STRLEN", "grown"));
            assertEquals("$9\r\nabcdefghi\r\n", appendAndGet(b));
            assertEquals(":60000\r\n", b.call("PTTL", "ttl"));
            assertEquals(":-1\r\n", b.call("PTTL", "raw"));
            assertEquals(":12346\r\n", b.call("INCR", "int"));
            b.call("SELECT", "5");
            assertEquals(":100000\r\n", b.call("PTTL", "in5"));
            assertEquals("$1\r\n7\r\n", b.call("GET", "int"));
            assertEquals(":2\r\n", b.call("DBSIZE"));
            b.call("SELECT", "15");
            assertEquals("$100\r\n" + LONG + "\r\n", b.call("GET", "in15"));
        }
    }

    /** A file of the previous format version (no waiter records) still loads. */
    @Test
    void shouldLoadAVersionOneSnapshot() throws Exception {
        String before;
        try (EmbeddedEngine a = engine(1, false, 0)) {
            fill(a);
            before = digest(a);
            assertEquals("+OK\r\n", a.call("SAVE"));
        }
        Path file = SnapshotFormat.snapshots(dir, PREFIX).get(0);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(SnapshotFormat.VERSION, java.nio.ByteBuffer.wrap(bytes).getInt(4));
        java.nio.ByteBuffer.wrap(bytes).putInt(4, 1);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        java.nio.ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
        Files.write(file, bytes);
        try (EmbeddedEngine b = engine(2, false, 0)) {
            assertTrue(store(false).recover(b.context(), -1, log) > 0);
            assertEquals(before, digest(b));
        }
        java.nio.ByteBuffer.wrap(bytes).putInt(4, SnapshotFormat.VERSION + 1);
        crc.reset();
        crc.update(bytes, 0, bytes.length - 4);
        java.nio.ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
        Files.write(file, bytes);
        try (EmbeddedEngine c = engine(1, false, 0)) {
            SnapshotCorruptException e = assertThrows(SnapshotCorruptException.class,
                    () -> store(false).recover(c.context(), -1, log));
            assertTrue(e.getMessage().contains("version " + (SnapshotFormat.VERSION + 1) + " (expected: 1.." + SnapshotFormat.VERSION + ")"), e.getMessage());
        }
    }

    private static String appendAndGet(EmbeddedEngine e) {
        e.call("APPEND", "grown", "i");
        return e.call("GET", "grown");
    }

    @Test
    void shouldSaveAndLoadListsWithTheirElementsAndTtl() throws Exception {
        String before;
        try (EmbeddedEngine a = engine(2, false, 0)) {
            a.call("RPUSH", "list", "a", "", "c");
            a.call("LPUSH", "list", "z");
            a.call("RPUSH", "{t}l2", "x");
            a.call("PEXPIRE", "{t}l2", "60000");
            a.call("SET", "plain", "v");
            before = digest(a);
            assertEquals("+OK\r\n", a.call("SAVE"));
        }
        try (EmbeddedEngine b = engine(1, false, 0)) {
            store(false).recover(b.context(), -1, log);
            assertEquals(before, digest(b));
            assertEquals("*4\r\n$1\r\nz\r\n$1\r\na\r\n$0\r\n\r\n$1\r\nc\r\n", b.call("LRANGE", "list", "0", "-1"));
            assertEquals("+list\r\n", b.call("TYPE", "{t}l2"));
            assertEquals(":60000\r\n", b.call("PTTL", "{t}l2"));
            assertEquals("$9\r\nquicklist\r\n", b.call("OBJECT", "ENCODING", "list"));
        }
    }

    @Test
    void shouldSaveAndLoadHashesKeepingOrderAndEncoding() throws Exception {
        String before;
        try (EmbeddedEngine a = engine(2, false, 0)) {
            a.call("HSET", "small", "b", "2", "a", "", "c", "3");
            for (int i = 0; i < 600; i++) {
                a.call("HSET", "{t}big", "f" + i, "v" + i);
            }
            a.call("HSET", "long", "f", "x".repeat(65));
            a.call("PEXPIRE", "{t}big", "60000");
            before = digest(a);
            assertEquals("+OK\r\n", a.call("SAVE"));
        }
        try (EmbeddedEngine b = engine(1, false, 0)) {
            store(false).recover(b.context(), -1, log);
            assertEquals(before, digest(b));
            assertEquals("*6\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\na\r\n$0\r\n\r\n$1\r\nc\r\n$1\r\n3\r\n",
                    b.call("HGETALL", "small"));
            assertEquals("$8\r\nlistpack\r\n", b.call("OBJECT", "ENCODING", "small"));
            assertEquals("$9\r\nhashtable\r\n", b.call("OBJECT", "ENCODING", "{t}big"));
            assertEquals("$9\r\nhashtable\r\n", b.call("OBJECT", "ENCODING", "long"));
            assertEquals(":600\r\n", b.call("HLEN", "{t}big"));
            assertEquals("$4\r\nv599\r\n", b.call("HGET", "{t}big", "f599"));
            assertEquals(":60000\r\n", b.call("PTTL", "{t}big"));
        }
    }

    @Test
    void shouldSaveAndLoadSetsKeepingTheirEncodingAndTtl() throws Exception {
        String before;
        try (EmbeddedEngine a = engine(2, false, 0)) {
            a.call("SADD", "ints", "10", "-3", "7");
            a.call("SADD", "words", "a", "", "c", "1");
            a.call("SADD", "{t}converted", "1", "x");
            a.call("SREM", "{t}converted", "x"); // all integers again, still a hashtable as in Redis
            a.call("PEXPIRE", "ints", "60000");
            before = digest(a);
            assertEquals("+OK\r\n", a.call("SAVE"));
        }
        try (EmbeddedEngine b = engine(1, false, 0)) {
            store(false).recover(b.context(), -1, log);
            assertEquals(before, digest(b));
            assertEquals("*3\r\n$2\r\n-3\r\n$1\r\n7\r\n$2\r\n10\r\n", b.call("SMEMBERS", "ints"));
            assertEquals("$6\r\nintset\r\n", b.call("OBJECT", "ENCODING", "ints"));
            assertEquals(":60000\r\n", b.call("PTTL", "ints"));
            assertEquals(":4\r\n", b.call("SCARD", "words"));
            assertEquals(":1\r\n", b.call("SISMEMBER", "words", ""));
            assertEquals("+set\r\n", b.call("TYPE", "words"));
            assertEquals("$9\r\nhashtable\r\n", b.call("OBJECT", "ENCODING", "words"));
            assertEquals("$9\r\nhashtable\r\n", b.call("OBJECT", "ENCODING", "{t}converted"));
        }
    }

    @Test
    void shouldSaveAndLoadSortedSetsKeepingScoresEncodingAndTtl() throws Exception {
        String before;
        try (EmbeddedEngine a = engine(2, false, 0)) {
            a.call("ZADD", "small", "2", "b", "1.1", "a", "-inf", "", "2", "a\u0000");
            for (int i = 0; i < 200; i++) {
                a.call("ZADD", "{t}big", Integer.toString(i % 7), "m" + i);
            }
            a.call("ZADD", "{t}big", "-0", "negzero");
            a.call("ZADD", "long", "3", "x".repeat(65));
            a.call("PEXPIRE", "small", "60000");
            before = digest(a);
            assertEquals("+OK\r\n", a.call("SAVE"));
        }
        try (EmbeddedEngine b = engine(1, false, 0)) {
            store(false).recover(b.context(), -1, log);
            assertEquals(before, digest(b));
            assertEquals("*8\r\n$0\r\n\r\n$4\r\n-inf\r\n$1\r\na\r\n$18\r\n1.1000000000000001\r\n"
                    + "$2\r\na\u0000\r\n$1\r\n2\r\n$1\r\nb\r\n$1\r\n2\r\n",
                    b.call("ZRANGE", "small", "0", "-1", "WITHSCORES"));
            assertEquals("$8\r\nlistpack\r\n", b.call("OBJECT", "ENCODING", "small"));
            assertEquals(":60000\r\n", b.call("PTTL", "small"));
            assertEquals("+zset\r\n", b.call("TYPE", "small"));
            assertEquals("$8\r\nskiplist\r\n", b.call("OBJECT", "ENCODING", "{t}big"));
            assertEquals(":201\r\n", b.call("ZCARD", "{t}big"));
            assertEquals("$2\r\n-0\r\n", b.call("ZSCORE", "{t}big", "negzero"));
            assertEquals(":28\r\n", b.call("ZRANK", "{t}big", "m98"));
            assertEquals("$8\r\nskiplist\r\n", b.call("OBJECT", "ENCODING", "long"));
        }
    }

    @Test
    void shouldSaveAnEmptyKeyspace() throws Exception {
        try (EmbeddedEngine a = engine(2, false, 0)) {
            assertEquals("+OK\r\n", a.call("SAVE"));
        }
        try (EmbeddedEngine b = engine(2, false, 0)) {
            store(false).recover(b.context(), -1, log);
            assertEquals("+" + "0".repeat(40) + "\r\n", b.call("DEBUG", "DIGEST"));
        }
    }

    @Test
    void shouldReportSaveInLastsaveAndInfo() throws Exception {
        try (EmbeddedEngine a = engine(1, false, 0)) {
            a.call("SET", "a", "1");
            a.call("SET", "b", "2");
            a.call("GET", "a");
            assertTrue(a.call("INFO", "persistence").contains("rdb_changes_since_last_save:2\r\n"));
            now.set(T0 + 5000);
            assertEquals("+OK\r\n", a.call("SAVE"));
            assertEquals(":" + (T0 + 5000) / 1000 + "\r\n", a.call("LASTSAVE"));
            String info = a.call("INFO", "persistence");
            assertTrue(info.contains("rdb_changes_since_last_save:0\r\n"), info);
            assertTrue(info.contains("rdb_last_save_time:" + (T0 + 5000) / 1000 + "\r\n"), info);
            assertTrue(info.contains("rdb_last_bgsave_status:ok\r\n"), info);
            assertTrue(info.contains("rdb_saves:1\r\n"), info);
            assertTrue(info.contains("loading:0\r\n"), info);
        }
    }

    @ParameterizedTest
    @CsvSource({"1", "2"})
    void shouldRecoverFromSnapshotPlusLaterJournalRecords(int shards) throws Exception {
        String before;
        long snapSeq;
        try (EmbeddedEngine a = engine(shards, true, 1 << 20)) {
            fill(a);
            assertEquals("+OK\r\n", a.call("SAVE"));
            snapSeq = SnapshotFormat.seqOf(SnapshotFormat.snapshots(dir, PREFIX).get(0), PREFIX);
            a.call("SET", "after", "1");
            a.call("INCR", "int");
            a.call("DEL", "emb");
            a.call("APPEND", "grown", "!");
            now.addAndGet(10);
            a.call("PEXPIRE", "raw", "5000");
            before = digest(a);
        }
        try (EmbeddedEngine b = engine(shards, true, 1 << 20)) {
            JournalScan scan = JournalRecovery.check(dir, JournalFiles.PREFIX, log);
            long first = JournalFormat.firstSeqOf(scan.segments.get(0), JournalFiles.PREFIX);
            assertEquals(snapSeq, store(true).recover(b.context(), first, log));
            assertEquals(5, JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine(), snapSeq));
            assertEquals(before, digest(b));
            assertEquals(":5000\r\n", b.call("PTTL", "raw"));
        }
    }

    @ParameterizedTest
    @CsvSource({"1", "2"})
    void shouldReplayJournaledSpopsAfterASnapshotToTheSameMembers(int shards) throws Exception {
        String before;
        long snapSeq;
        try (EmbeddedEngine a = engine(shards, true, 1 << 20)) {
            for (int i = 0; i < 400; i++) {
                a.call("SADD", "big", "m" + i); // a large table, then a sparse one: reloading builds a smaller one
            }
            for (int i = 40; i < 400; i++) {
                a.call("SREM", "big", "m" + i);
            }
            a.call("SADD", "ints", "1", "2", "3", "4", "5");
            assertEquals("+OK\r\n", a.call("SAVE"));
            snapSeq = SnapshotFormat.seqOf(SnapshotFormat.snapshots(dir, PREFIX).get(0), PREFIX);
            for (int i = 0; i < 5; i++) {
                a.call("SPOP", "big");
            }
            a.call("SPOP", "big", "7");
            a.call("SPOP", "ints");
            a.call("SPOP", "ints", "2");
            before = digest(a);
            assertEquals(":28\r\n", a.call("SCARD", "big"));
        }
        try (EmbeddedEngine b = engine(shards, true, 1 << 20)) {
            JournalScan scan = JournalRecovery.check(dir, JournalFiles.PREFIX, log);
            long first = JournalFormat.firstSeqOf(scan.segments.get(0), JournalFiles.PREFIX);
            assertEquals(snapSeq, store(true).recover(b.context(), first, log));
            assertEquals(8, JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine(), snapSeq));
            assertEquals(before, digest(b), "the replayed SPOPs popped what the live ones did");
        }
    }

    @Test
    void shouldRefuseADamagedSnapshotAndFallBackToTheOlderOne() throws Exception {
        String first;
        try (EmbeddedEngine a = engine(2, false, 0)) {
            a.call("SET", "a", "1");
            first = digest(a);
            a.call("SAVE");
            a.call("SET", "b", "2");
            a.call("SAVE");
        }
        List<Path> files = SnapshotFormat.snapshots(dir, PREFIX);
        assertEquals(2, files.size());
        flipByte(files.get(1), SnapshotFormat.HEADER_BYTES + 20);
        try (EmbeddedEngine b = engine(2, false, 0)) {
            long seq = store(false).recover(b.context(), -1, log);
            assertEquals(SnapshotFormat.seqOf(files.get(0), PREFIX), seq);
            assertEquals(first, digest(b));
        }
        String warning = logBytes.toString();
        assertTrue(warning.contains("WARNING refusing snapshot " + files.get(1) + " is damaged: CRC32C mismatch"), warning);
    }

    @Test
    void shouldIgnoreAndDeleteTheTempFileOfAnUnfinishedSave() throws Exception {
        Path tmp = dir.resolve(PREFIX + "." + String.format("%020d", 99) + SnapshotFormat.TMP_SUFFIX);
        Files.write(tmp, new byte[] {1, 2, 3});
        try (EmbeddedEngine b = engine(1, false, 0)) {
            assertEquals(-1, store(false).recover(b.context(), -1, log));
        }
        assertTrue(Files.notExists(tmp));
    }

    @Test
    void shouldStopWhenNoSnapshotVerifies() throws Exception {
        try (EmbeddedEngine a = engine(1, false, 0)) {
            a.call("SET", "a", "1");
            a.call("SAVE");
        }
        Path file = SnapshotFormat.snapshots(dir, PREFIX).get(0);
        flipByte(file, 10); // inside the header's sequence
        try (EmbeddedEngine b = engine(1, false, 0)) {
            SnapshotCorruptException e = assertThrows(SnapshotCorruptException.class,
                    () -> store(false).recover(b.context(), -1, log));
            assertTrue(e.getMessage().startsWith("no valid snapshot in " + dir + ": snapshot " + file
                    + " is damaged: CRC32C mismatch"), e.getMessage());
            assertEquals(":0\r\n", b.call("DBSIZE"));
        }
        Files.write(file, new byte[] {1, 2, 3});
        SnapshotCorruptException e = assertThrows(SnapshotCorruptException.class, () -> SnapshotReader.verify(file, PREFIX));
        assertTrue(e.getMessage().contains("file is 3 bytes"), e.getMessage());
    }

    @Test
    void shouldKeepTwoSnapshotsAndDeleteJournalSegmentsTheNewestCovers() throws Exception {
        String before;
        try (EmbeddedEngine a = engine(1, true, 4096)) {
            for (int i = 0; i < 300; i++) {
                a.call("SET", "key" + i, "value-" + i);
            }
            int segmentsBefore = JournalFormat.segments(dir, JournalFiles.PREFIX).size();
            assertTrue(segmentsBefore >= 3, "segments: " + segmentsBefore);
            a.call("SAVE");
            a.call("SAVE");
            a.call("SET", "after", "save");
            a.call("SAVE");
            assertEquals(2, SnapshotFormat.snapshots(dir, PREFIX).size());
            List<Path> segs = JournalFormat.segments(dir, JournalFiles.PREFIX);
            assertEquals(1, segs.size(), segs.toString()); // only the one being written
            for (int i = 0; i < 10; i++) {
                a.call("INCR", "counter");
            }
            before = digest(a);
        }
        try (EmbeddedEngine b = engine(1, true, 4096)) {
            JournalScan scan = JournalRecovery.check(dir, JournalFiles.PREFIX, log);
            long first = JournalFormat.firstSeqOf(scan.segments.get(0), JournalFiles.PREFIX);
            long seq = store(true).recover(b.context(), first, log);
            assertEquals(10, JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine(), seq));
            assertEquals(before, digest(b));
        }
    }

    @Test
    void shouldStopWhenTheFallbackSnapshotNoLongerReachesTheJournal() throws Exception {
        try (EmbeddedEngine a = engine(1, true, 4096)) {
            a.call("SET", "a", "1");
            a.call("SAVE");
            for (int i = 0; i < 300; i++) {
                a.call("SET", "key" + i, "value-" + i);
            }
            a.call("SAVE"); // deletes the segments between the two snapshots
        }
        List<Path> files = SnapshotFormat.snapshots(dir, PREFIX);
        flipByte(files.get(1), SnapshotFormat.HEADER_BYTES + 20);
        try (EmbeddedEngine b = engine(1, true, 4096)) {
            JournalScan scan = JournalRecovery.check(dir, JournalFiles.PREFIX, log);
            long first = JournalFormat.firstSeqOf(scan.segments.get(0), JournalFiles.PREFIX);
            SnapshotCorruptException e = assertThrows(SnapshotCorruptException.class,
                    () -> store(true).recover(b.context(), first, log));
            assertTrue(e.getMessage().contains("the writes in between are gone"), e.getMessage());
        }
    }

    @Test
    void checkToolShouldSummariseVerifyAndPointAtTheSnapshotStartUpWouldLoad() throws Exception {
        try (EmbeddedEngine a = engine(2, false, 0)) {
            fill(a);
            a.call("RPUSH", "list", "a", "b");
            assertEquals("+OK\r\n", a.call("SAVE"));
            a.call("SET", "later", "1");
            assertEquals("+OK\r\n", a.call("SAVE"));
        }
        List<Path> files = SnapshotFormat.snapshots(dir, PREFIX);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, CheckSnapshot.run(new String[] {"--keys", files.get(0).toString()}, out));
        String report = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(report.contains(" OK ("), report);
        assertTrue(report.contains("written by 2 shard(s)"), report);
        assertTrue(report.contains("db15: keys=1 expires=0"), report);
        assertTrue(report.contains("list quicklist: 1"), report);
        assertTrue(report.contains("string int: "), report);
        assertTrue(report.contains("\"a\\x00b\"") || report.contains("\"bin\""), report);
        assertTrue(report.contains("db0 string embstr 20"), report); // the key with a deadline
        assertTrue(!report.contains("\"later\""), "the first snapshot predates 'later'");

        flipByte(files.get(1), SnapshotFormat.HEADER_BYTES + 20);
        bytes.reset();
        assertEquals(1, CheckSnapshot.run(new String[] {dir.toString()}, out));
        report = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(report.startsWith("DAMAGED snapshot " + files.get(1)), report);
        assertTrue(report.contains("CRC32C mismatch"), report);
        assertTrue(report.indexOf("start-up would load this snapshot") > report.indexOf(files.get(0).toString()), report);
        bytes.reset();
        assertEquals(2, CheckSnapshot.run(new String[] {"--nope", dir.toString()}, out));
    }

    private static void flipByte(Path file, long offset) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ch.read(b, offset);
            b.put(0, (byte) (b.get(0) ^ 0x40));
            b.rewind();
            ch.write(b, offset);
        }
    }

    @Test
    void shouldSaveAndLoadStreamsWithGroupsAndPendingEntries() throws Exception {
        String before;
        String pending;
        try (EmbeddedEngine a = engine(2, false, 0)) {
            for (int i = 1; i <= 250; i++) {
                a.call("XADD", "s", i + "-1", "f", "v" + i);
            }
            a.call("XDEL", "s", "3-1");
            a.call("XGROUP", "CREATE", "s", "g", "0");
            a.call("XREADGROUP", "GROUP", "g", "alice", "COUNT", "3", "STREAMS", "s", ">");
            a.call("XACK", "s", "g", "1-1");
            a.call("XGROUP", "CREATE", "{t}empty", "g2", "$", "MKSTREAM");
            pending = a.call("XPENDING", "s", "g", "-", "+", "10");
            before = digest(a);
            assertEquals("+OK\r\n", a.call("SAVE"));
        }
        try (EmbeddedEngine b = engine(1, false, 0)) {
            store(false).recover(b.context(), -1, log);
            assertEquals(before, digest(b));
            assertEquals(":249\r\n", b.call("XLEN", "s"));
            assertEquals(pending, b.call("XPENDING", "s", "g", "-", "+", "10"));
            assertEquals("+stream\r\n", b.call("TYPE", "{t}empty"));
            assertEquals(":0\r\n", b.call("XLEN", "{t}empty"));
            // node boundaries survive: '~' drops exactly the first node of 100 entries (one deleted)
            assertEquals(":99\r\n", b.call("XTRIM", "s", "MAXLEN", "~", "100"));
            assertEquals(":150\r\n", b.call("XLEN", "s"));
            assertTrue(b.call("XRANGE", "s", "-", "+", "COUNT", "1").contains("101-1"));
        }
    }
}
