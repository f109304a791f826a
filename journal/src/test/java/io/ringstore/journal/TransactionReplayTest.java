package io.ringstore.journal;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.util.Sha1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MULTI/EXEC through the journal: a transaction is one record, so replay applies it whole, a
 * torn tail drops it whole, and WATCH state is rebuilt so replay aborts exactly the EXECs that
 * aborted live. Each test compares DEBUG DIGEST of the live engine with the recovered one and
 * checks the keys that tell a committed EXEC from an aborted one.
 */
@Timeout(60)
class TransactionReplayTest {
    private static final long T0 = 1_700_000_000_000L;
    private final AtomicLong now = new AtomicLong(T0);
    private final PrintStream log = new PrintStream(new ByteArrayOutputStream(), true);
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("tx-replay");
    }

    @AfterEach
    void tearDown() throws Exception {
        JournalFiles.deleteTree(dir);
    }

    private EmbeddedEngine engine(int shards) throws Exception {
        Journal j = JournalFiles.open(dir, 1 << 20, "always");
        JournalStage stage = new JournalStage(j, () -> {
            throw new IllegalStateException("journal failed under appendfsync always");
        });
        EmbeddedEngine e = new EmbeddedEngine(shards, now::get, new Config(), stage, false);
        e.context().sequenceBase = j.nextSeq();
        e.context().snapshots = new SnapshotStore(dir, TxFixtures.SNAPSHOTS, JournalFiles.PREFIX);
        return e;
    }

    /** Start-up recovery without a snapshot: check (truncating a torn tail), then replay it all. */
    private EmbeddedEngine replay(int shards) throws Exception {
        EmbeddedEngine b = engine(shards);
        JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine());
        return b;
    }

    /** Loads the newest snapshot and replays the journal after it, as start-up does. */
    private EmbeddedEngine recover(int shards) throws Exception {
        EmbeddedEngine b = engine(shards);
        JournalScan scan = JournalRecovery.check(dir, JournalFiles.PREFIX, log);
        long first = JournalFormat.firstSeqOf(scan.segments.get(0), JournalFiles.PREFIX);
        long snapSeq = new SnapshotStore(dir, TxFixtures.SNAPSHOTS, JournalFiles.PREFIX).recover(b.context(), first, log);
        assertTrue(snapSeq > 0, "a snapshot was loaded");
        JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine(), snapSeq);
        return b;
    }

    private static String digest(EmbeddedEngine e) {
        return e.call("DEBUG", "DIGEST");
    }

    private static String exec(EmbeddedEngine e, ClientSession s, String[]... cmds) {
        assertEquals("+OK\r\n", e.call(s, "MULTI"));
        for (String[] c : cmds) {
            String r = e.call(s, c);
            assertTrue(r.equals("+QUEUED\r\n") || r.startsWith("-"), r);
        }
        return e.call(s, "EXEC");
    }

    private static String[] c(String... words) {
        return words;
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 2", "2, 1", "1, 2"})
    void shouldReplayTransactionsToTheSameDigest(int shards, int replayShards) throws Exception {
        String live;
        try (EmbeddedEngine a = engine(shards)) {
            ClientSession s = a.newSession();
            assertEquals("*3\r\n+OK\r\n:2\r\n:2\r\n",
                    exec(a, s, c("SET", "n", "1"), c("INCR", "n"), c("RPUSH", "l", "x", "y")));
            // SELECT inside MULTI: the commands after it run in db 3, and so does the client afterwards.
            assertEquals("*4\r\n+OK\r\n+OK\r\n:1\r\n+OK\r\n",
                    exec(a, s, c("SET", "d0", "zero"), c("SELECT", "3"), c("HSET", "h", "f", "v"), c("SET", "d3", "three")));
            a.call(s, "SET", "after-select", "in-3");
            assertEquals("+OK\r\n", a.call(s, "SELECT", "0"));
            // MSET across shards (a barrier on two shards), with a TTL relative to EXEC's time.
            assertEquals("*2\r\n+OK\r\n:1\r\n",
                    exec(a, s, c("MSET", "m1", "a", "m2", "b", "m3", "c", "m4", "d"), c("PEXPIRE", "m2", "100")));
            // A runtime error inside the queue: the other commands still apply.
            a.call(s, "SET", "str", "not-a-number");
            String mixed = exec(a, s, c("INCR", "str"), c("SET", "after-error", "1"), c("LPUSH", "str", "x"));
            assertTrue(mixed.startsWith("*3\r\n-ERR value is not an integer or out of range\r\n+OK\r\n-WRONGTYPE"), mixed);
            // EXECABORT (a command rejected while queueing): nothing of it applies.
            assertEquals("+OK\r\n", a.call(s, "MULTI"));
            assertEquals("+QUEUED\r\n", a.call(s, "SET", "aborted", "1"));
            assertTrue(a.call(s, "NOSUCHCOMMAND").startsWith("-ERR unknown command"));
            assertTrue(a.call(s, "EXEC").startsWith("-EXECABORT"));
            now.addAndGet(50);
            assertEquals("*2\r\n:1\r\n:0\r\n", exec(a, s, c("INCR", "late"), c("EXISTS", "n2")));
            // Randomness inside a queue: each command draws from EXEC's sequence and its place.
            a.call(s, "SADD", "{r}s", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
            exec(a, s, c("SPOP", "{r}s"), c("SPOP", "{r}s", "3"), c("SPOP", "{r}s"));
            assertEquals(":7\r\n", a.call(s, "SCARD", "{r}s"));
            now.addAndGet(100); // m2 has expired now
            live = digest(a);
            assertEquals(":3\r\n", a.call("EXISTS", "m1", "m2", "m3", "m4"));
        }
        try (EmbeddedEngine b = replay(replayShards)) {
            assertEquals(live, digest(b));
            assertEquals("$1\r\n2\r\n", b.call("GET", "n"));
            assertEquals(":3\r\n", b.call("EXISTS", "m1", "m2", "m3", "m4"));
            assertEquals(":0\r\n", b.call("EXISTS", "d3", "h", "aborted"));
            assertEquals("$1\r\n1\r\n", b.call("GET", "after-error"));
            ClientSession s = b.newSession();
            b.call(s, "SELECT", "3");
            assertEquals(":3\r\n", b.call(s, "EXISTS", "d3", "h", "after-select"));
        }
    }

    /**
     * Scripts replay to the same state: EVALSHA is journaled as EVAL with its body (replay needs
     * no script cache), and a script's math.random is seeded from its sequence, so writes that
     * depend on it come back the same; EVAL inside MULTI replays inside its transaction record.
     */
    @ParameterizedTest
    @CsvSource({"1,1", "2,2", "2,1"})
    void shouldReplayScriptsToTheSameDigest(int shards, int replayShards) throws Exception {
        String live;
        try (EmbeddedEngine a = engine(shards)) {
            ClientSession s = a.newSession();
            String sha = a.call(s, "SCRIPT", "LOAD", "return redis.call('incrby', KEYS[1], ARGV[1])");
            assertTrue(sha.startsWith("$40\r\n"), sha);
            String hex = sha.substring(5, 45);
            assertEquals(":5\r\n", a.call(s, "EVALSHA", hex, "1", "x", "5"));
            assertEquals(":10\r\n", a.call(s, "EVALSHA", hex.toUpperCase(), "1", "x", "5"));
            assertEquals(":10\r\n", a.call(s, "EVAL",
                    "for i=1,10 do redis.call('rpush', KEYS[1], math.random(1000000)) end return redis.call('llen', KEYS[1])",
                    "1", "rl"));
            assertEquals(":2\r\n", a.call(s, "EVAL", "redis.call('set', 'a{1}', 1) redis.call('set', 'b{2}', 2) return 2", "0"));
            assertEquals("+OK\r\n", a.call(s, "MULTI"));
            assertEquals("+QUEUED\r\n", a.call(s, "EVALSHA", hex, "1", "x", "1"));
            assertEquals("*1\r\n:11\r\n", a.call(s, "EXEC"));
            assertEquals("+OK\r\n", a.call(s, "SCRIPT", "FLUSH"));
            // EVAL then EVALSHA of the same uncached body in one transaction (node-redis's multi())
            String push = "return redis.call('rpush', KEYS[1], ARGV[1])";
            assertEquals("+OK\r\n", a.call(s, "MULTI"));
            assertEquals("+QUEUED\r\n", a.call(s, "EVAL", push, "1", "tl", "a"));
            assertEquals("+QUEUED\r\n", a.call(s, "EVALSHA", Sha1.hex(push.getBytes(), 0, push.length()), "1", "tl", "b"));
            assertEquals("*2\r\n:1\r\n:2\r\n", a.call(s, "EXEC"));
            assertEquals("+OK\r\n", a.call(s, "SCRIPT", "FLUSH"));
            live = digest(a);
        }
        try (EmbeddedEngine b = replay(replayShards)) {
            assertEquals(live, digest(b));
            assertEquals("$2\r\n11\r\n", b.call("GET", "x"));
            assertEquals("*2\r\n$1\r\na\r\n$1\r\nb\r\n", b.call("LRANGE", "tl", "0", "-1"));
        }
    }

    /**
     * A torn tail inside the transaction record drops the whole transaction (its record is the
     * last of the file); the transaction before it survives whole. Cut at several points: in the
     * length field, in the fixed header, in the middle of the queued commands, one byte short.
     */
    @ParameterizedTest
    @CsvSource({"1", "2"})
    void shouldDropATransactionWhoseRecordIsTorn(int shards) throws Exception {
        String committedDigest;
        try (EmbeddedEngine a = engine(shards)) {
            ClientSession s = a.newSession();
            exec(a, s, c("SET", "first", "1"), c("RPUSH", "{t}l", "a"), c("INCR", "{t}n"), c("SET", "other", "x"));
            committedDigest = digest(a);
            exec(a, s, c("SET", "second", "1"), c("RPUSH", "{t}l", "b"), c("INCR", "{t}n"), c("DEL", "first"),
                    c("MSET", "k1", "1", "k2", "2", "k3", "3"));
            assertNotEquals(committedDigest, digest(a));
        }
        Path seg = TxFixtures.lastSegment(dir);
        long[] last = TxFixtures.lastRecord(seg);
        assertEquals(JournalFormat.KIND_EXEC, last[2], "the last record is the transaction");
        long start = last[0];
        long end = last[1];
        byte[] whole = Files.readAllBytes(seg);
        for (long cut : new long[] {start + 2, start + 20, start + (end - start) / 2, end - 1}) {
            Files.write(seg, java.util.Arrays.copyOf(whole, (int) cut));
            try (EmbeddedEngine b = replay(shards)) {
                assertEquals(committedDigest, digest(b), "cut at " + cut);
                assertEquals(":0\r\n", b.call("EXISTS", "second", "k1", "k2", "k3"));
                assertEquals("*1\r\n$1\r\na\r\n", b.call("LRANGE", "{t}l", "0", "-1"));
                assertEquals("$1\r\n1\r\n", b.call("GET", "{t}n"));
                assertEquals("$1\r\n1\r\n", b.call("GET", "first"));
            }
            JournalScan after = JournalScan.scan(dir, JournalFiles.PREFIX, null);
            assertNull(after.damage, "the torn tail was truncated");
            Files.write(seg, whole); // the next cut starts from the full file again
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 2", "2, 1"})
    void shouldAbortOnReplayExactlyTheExecsWatchAbortedLive(int shards, int replayShards) throws Exception {
        String live;
        try (EmbeddedEngine a = engine(shards)) {
            ClientSession w = a.newSession();
            ClientSession other = a.newSession();
            a.call("SET", "k", "0");
            // Aborted: another client writes the watched key between WATCH and EXEC.
            assertEquals("+OK\r\n", a.call(w, "WATCH", "k", "k2"));
            a.call(other, "INCR", "k");
            assertEquals("*-1\r\n", exec(a, w, c("SET", "r1", "aborted"), c("INCR", "k")));
            // The same client again: this EXEC commits.
            assertEquals("+OK\r\n", a.call(w, "WATCH", "k"));
            assertEquals("*1\r\n+OK\r\n", exec(a, w, c("SET", "r2", "committed")));
            // UNWATCH: a later write of the key no longer aborts the EXEC.
            a.call(w, "WATCH", "k");
            a.call(w, "UNWATCH");
            a.call(other, "INCR", "k");
            assertEquals("*1\r\n+OK\r\n", exec(a, w, c("SET", "r3", "after-unwatch")));
            // DISCARD unwatches too.
            a.call(w, "WATCH", "k");
            a.call(w, "MULTI");
            a.call(w, "SET", "r4", "discarded");
            assertEquals("+OK\r\n", a.call(w, "DISCARD"));
            a.call(other, "INCR", "k");
            assertEquals("*1\r\n+OK\r\n", exec(a, w, c("SET", "r5", "after-discard")));
            // A watching client that closes: its watch goes with it, before and after being dirtied.
            ClientSession closes = a.newSession();
            a.call(closes, "WATCH", "k", "r2");
            a.call(other, "INCR", "k");
            a.disconnect(closes);
            ClientSession closesClean = a.newSession();
            a.call(closesClean, "WATCH", "k");
            a.disconnect(closesClean);
            a.call(other, "INCR", "k");
            // RESET of a watching client forgets the watch.
            a.call(w, "WATCH", "k");
            assertEquals("+RESET\r\n", a.call(w, "RESET"));
            a.call(other, "INCR", "k");
            assertEquals("*1\r\n+OK\r\n", exec(a, w, c("SET", "r6", "after-reset")));
            // Watched keys on both shards (a barrier EXEC), one of them touched: aborted.
            a.call(w, "WATCH", "a1", "b2", "c3", "d4");
            a.call(other, "SET", "c3", "x");
            assertEquals("*-1\r\n", exec(a, w, c("SET", "r7", "aborted"), c("SET", "a1", "y")));
            // A watch the client's own EXEC does not touch, then a key touched by the client itself.
            a.call(w, "WATCH", "k");
            a.call(w, "INCR", "k");
            assertEquals("*-1\r\n", exec(a, w, c("SET", "r8", "aborted")));
            live = digest(a);
            assertEquals(":0\r\n", a.call("EXISTS", "r1", "r4", "r7", "r8", "a1"));
            assertEquals(":4\r\n", a.call("EXISTS", "r2", "r3", "r5", "r6"));
            assertEquals(0, TxFixtures.watchedKeys(a), "no watches are left");
        }
        try (EmbeddedEngine b = replay(replayShards)) {
            assertEquals(live, digest(b));
            assertEquals(":0\r\n", b.call("EXISTS", "r1", "r4", "r7", "r8", "a1"));
            assertEquals(":4\r\n", b.call("EXISTS", "r2", "r3", "r5", "r6"));
            assertEquals(0, TxFixtures.watchedKeys(b), "replay leaves no watches");
            assertEquals("+OK\r\n", b.call("SAVE"));
            assertEquals(0, TxFixtures.watchRecords(dir), "the snapshot after replay holds no watches");
        }
    }

    /**
     * WATCH before a snapshot's cut, EXEC after it: recovery from the snapshot plus the journal
     * tail aborts and commits the same EXECs. Cases: the watched key written before the cut (the
     * client is dirty at the cut), written after it, untouched; a key already expired when watched,
     * left alone (commits) or written after the cut (aborts: it came back to life).
     */
    @ParameterizedTest
    @CsvSource({"1, 1, SAVE", "2, 2, SAVE", "2, 1, BGSAVE", "1, 2, BGSAVE", "2, 2, BGSAVE"})
    void shouldAbortTheSameExecsAcrossASnapshotCut(int shards, int recoverShards, String save) throws Exception {
        String live;
        ClientSession lingering;
        try (EmbeddedEngine a = engine(shards)) {
            ClientSession other = a.newSession();
            a.call("SET", "gone1", "v", "PX", "10");
            a.call("SET", "gone2", "v", "PX", "10");
            now.addAndGet(20); // expired, still present: WATCH flags them
            ClientSession dirtyBefore = a.newSession();
            a.call(dirtyBefore, "WATCH", "k1");
            a.call(other, "SET", "k1", "before-cut");
            ClientSession dirtyAfter = a.newSession();
            a.call(dirtyAfter, "WATCH", "k2", "x9");
            ClientSession clean = a.newSession();
            a.call(clean, "WATCH", "k3", "k4");
            ClientSession expiredKept = a.newSession();
            a.call(expiredKept, "WATCH", "gone1");
            ClientSession expiredWritten = a.newSession();
            a.call(expiredWritten, "WATCH", "gone2");
            ClientSession closes = a.newSession();
            a.call(closes, "WATCH", "k3");
            ClientSession inDb2 = a.newSession();
            a.call(inDb2, "SELECT", "2");
            a.call(inDb2, "WATCH", "k2");
            lingering = a.newSession(); // still watching when the server stops
            a.call(lingering, "WATCH", "k5");

            TxFixtures.save(a, save);
            assertEquals(10, TxFixtures.watchRecords(dir), "one 'X' record per watched key and client");

            a.call(other, "SET", "k2", "after-cut");
            a.call(other, "SET", "gone2", "back");
            a.call(other, "SET", "k5", "dirties-lingering");
            a.disconnect(closes);
            assertEquals("*-1\r\n", exec(a, dirtyBefore, c("SET", "ra", "1")));
            assertEquals("*-1\r\n", exec(a, dirtyAfter, c("SET", "rb", "1")));
            assertEquals("*1\r\n+OK\r\n", exec(a, clean, c("SET", "rc", "1")));
            assertEquals("*1\r\n+OK\r\n", exec(a, expiredKept, c("SET", "rd", "1")));
            assertEquals("*-1\r\n", exec(a, expiredWritten, c("SET", "re", "1")));
            assertEquals("*1\r\n+OK\r\n", exec(a, inDb2, c("SET", "rf", "1")), "k2 of db 0 was written, not db 2's");
            live = digest(a);
        }
        try (EmbeddedEngine b = recover(recoverShards)) {
            assertEquals(live, digest(b));
            assertEquals(":0\r\n", b.call("EXISTS", "ra", "rb", "re"));
            assertEquals(":2\r\n", b.call("EXISTS", "rc", "rd"));
            assertEquals(0, TxFixtures.watchedKeys(b), "replay leaves no watches");
            // Client ids start again after a restart: a new client with the id of the one still
            // watching at the stop must not inherit its (dirty) watch, live or on the next replay.
            ClientSession reused = b.newSession();
            while (reused.id < lingering.id) {
                reused = b.newSession();
            }
            assertEquals(lingering.id, reused.id);
            b.call("SET", "k5", "again");
            assertEquals("*1\r\n+OK\r\n", exec(b, reused, c("SET", "rg", "1")));
            b.call(reused, "WATCH", "k6");
            assertEquals("*1\r\n+OK\r\n", exec(b, reused, c("SET", "rh", "1")));
            live = digest(b);
        }
        try (EmbeddedEngine c = recover(recoverShards)) {
            assertEquals(live, digest(c));
            assertEquals(":2\r\n", c.call("EXISTS", "rg", "rh"));
        }
    }


    @Test
    void shouldListTransactionsInTheCheckTool() throws Exception {
        try (EmbeddedEngine a = engine(1)) {
            ClientSession s = a.newSession();
            exec(a, s, c("SET", "a", "1"), c("SELECT", "4"), c("RPUSH", "l", "x y"));
            a.call(s, "WATCH", "a");
            a.call(s, "MULTI");
            a.call(s, "GET", "a");
            a.call(s, "NOSUCHCOMMAND");
            a.call(s, "EXEC");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = CheckJournal.run(new String[] {"--list", dir.toString()}, new PrintStream(out, true, "UTF-8"));
        String text = out.toString("UTF-8");
        assertEquals(0, rc, text);
        assertTrue(text.contains(" EXEC transaction of 3 commands\n"), text);
        assertTrue(text.contains("\n    db 0: SET a 1\n    db 4: SELECT 4\n    db 4: RPUSH l \"x y\"\n"), text);
        assertTrue(text.contains(" command WATCH a\n"), text);
        assertTrue(text.contains(" EXEC transaction of 1 command (EXECABORT)\n    db 4: GET a\n"), text);
        assertTrue(text.contains("journal OK"), text);
    }

    /** Version 2 segments (no transactions) are read; a transaction record inside one is damage. */
    @Test
    void shouldReadVersion2SegmentsAndRejectTransactionsInThem() throws Exception {
        Path v2 = dir.resolve("v2");
        Files.createDirectories(v2);
        byte[] cmd = TxFixtures.record(5, 1005, 1, 7, JournalFormat.KIND_COMMAND, TxFixtures.words("SET", "k", "v"));
        byte[] tick = TxFixtures.record(6, 1006, 0, 0, JournalFormat.KIND_TICK);
        byte[] closed = TxFixtures.record(7, 1007, 0, 7, JournalFormat.KIND_CLIENT_CLOSED);
        byte[] tx = TxFixtures.record(8, 1008, 0, 7, JournalFormat.KIND_EXEC, TxFixtures.txArgs());
        Path seg = JournalFormat.segmentPath(v2, JournalFiles.PREFIX, 5);
        Files.write(seg, TxFixtures.concat(TxFixtures.header(2, 5), cmd, tick, closed));
        try (SegmentReader r = new SegmentReader(seg)) {
            assertEquals(SegmentReader.HEADER_OK, r.readHeader());
            assertEquals(2, r.version);
            assertEquals(SegmentReader.RECORD, r.next(true));
            assertEquals(7, r.client);
            assertEquals("SET", new String(r.args[0]));
            assertEquals(SegmentReader.RECORD, r.next(true));
            assertEquals(JournalFormat.KIND_TICK, r.kind);
            assertEquals(SegmentReader.RECORD, r.next(true));
            assertEquals(JournalFormat.KIND_CLIENT_CLOSED, r.kind);
            assertEquals(SegmentReader.END, r.next(true));
        }
        Files.write(seg, TxFixtures.concat(TxFixtures.header(2, 5), cmd, tx));
        try (SegmentReader r = new SegmentReader(seg)) {
            r.readHeader();
            assertEquals(SegmentReader.RECORD, r.next(true));
            assertEquals(SegmentReader.BAD_BODY, r.next(true));
        }
        JournalScan scan = JournalScan.scan(v2, JournalFiles.PREFIX, null);
        assertEquals(1, scan.records);
        assertTrue(scan.damage != null && !scan.damage.torn, "corruption, not a torn tail: " + scan.damage);
        // The same record in a version 3 segment is a transaction.
        Files.write(seg, TxFixtures.concat(TxFixtures.header(3, 5), cmd, tx));
        try (SegmentReader r = new SegmentReader(seg)) {
            r.readHeader();
            assertEquals(SegmentReader.RECORD, r.next(true));
            assertEquals(SegmentReader.RECORD, r.next(true));
            assertEquals(JournalFormat.KIND_EXEC, r.kind);
        }
        assertNull(JournalScan.scan(v2, JournalFiles.PREFIX, null).damage);
        // A version 2 newest segment is read, then appending continues in a version 3 one.
        Files.write(seg, TxFixtures.concat(TxFixtures.header(2, 5), cmd, tick, closed));
        try (Journal j = JournalFiles.open(v2, 1 << 20, "always")) {
            j.append(9, 1009, 0, 7, JournalFormat.KIND_EXEC, TxFixtures.argsOf(TxFixtures.txArgs()));
            j.endOfBatch();
        }
        List<Path> segs = JournalFormat.segments(v2, JournalFiles.PREFIX);
        assertEquals(2, segs.size());
        try (SegmentReader r = new SegmentReader(segs.get(1))) {
            r.readHeader();
            assertEquals(JournalFormat.VERSION, r.version);
            assertEquals(SegmentReader.RECORD, r.next(true));
            assertEquals(JournalFormat.KIND_EXEC, r.kind);
        }
        assertEquals(4, JournalScan.scan(v2, JournalFiles.PREFIX, null).records);
    }
}
