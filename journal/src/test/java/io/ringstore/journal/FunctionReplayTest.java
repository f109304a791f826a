package io.ringstore.journal;

import io.ringstore.engine.ClientSession;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Functions are data: FUNCTION LOAD/DELETE/FLUSH/RESTORE are journaled writes replayed at the same
 * point of the ring order, FCALL replays its writes (math.random included), and snapshots carry
 * every library ('F' records) so a restart from snapshot + journal tail has them before the tail's
 * FCALLs run. Each test compares the libraries (FUNCTION LIST WITHCODE, FUNCTION DUMP) and DEBUG
 * DIGEST of the live engine with the recovered one, across shard counts.
 */
@Timeout(90)
class FunctionReplayTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final String SNAPSHOTS = TxFixtures.SNAPSHOTS;
    private final AtomicLong now = new AtomicLong(T0);
    private final PrintStream log = new PrintStream(new ByteArrayOutputStream(), true);
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("fn-replay");
    }

    @AfterEach
    void tearDown() throws Exception {
        JournalFiles.deleteTree(dir);
    }

    private EmbeddedEngine engine(int shards, boolean journal) throws Exception {
        EmbeddedEngine e;
        if (journal) {
            Journal j = JournalFiles.open(dir, 1 << 20, "always");
            JournalStage stage = new JournalStage(j, () -> {
                throw new IllegalStateException("journal failed under appendfsync always");
            });
            e = new EmbeddedEngine(shards, now::get, new Config(), stage, false);
            e.context().sequenceBase = j.nextSeq();
        } else {
            e = new EmbeddedEngine(shards, now::get, new Config(), (ev, s, b) -> { }, false);
        }
        e.context().snapshots = new SnapshotStore(dir, SNAPSHOTS, journal ? JournalFiles.PREFIX : null);
        return e;
    }

    private EmbeddedEngine replay(int shards) throws Exception {
        EmbeddedEngine b = engine(shards, true);
        JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine());
        return b;
    }

    private EmbeddedEngine recover(int shards) throws Exception {
        EmbeddedEngine b = engine(shards, true);
        JournalScan scan = JournalRecovery.check(dir, JournalFiles.PREFIX, log);
        long first = JournalFormat.firstSeqOf(scan.segments.get(0), JournalFiles.PREFIX);
        long snapSeq = new SnapshotStore(dir, SNAPSHOTS, JournalFiles.PREFIX).recover(b.context(), first, log);
        assertTrue(snapSeq > 0, "a snapshot was loaded");
        JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine(), snapSeq);
        return b;
    }

    /** What must come back: the keyspace's digest, every library with its code, and the DUMP payload. */
    private static String state(EmbeddedEngine e) {
        return e.call("DEBUG", "DIGEST") + e.call("FUNCTION", "LIST", "WITHCODE") + e.call("FUNCTION", "DUMP")
                + e.call("FUNCTION", "STATS");
    }

    private static String lib(String name, String body) {
        return "#!lua name=" + name + "\n" + body;
    }

    private static final String COUNTER = lib("counter",
            "redis.register_function('bump', function(keys, args) return redis.call('incrby', keys[1], args[1]) end)\n"
            + "redis.register_function('roll', function(keys) for i = 1, 5 do redis.call('rpush', keys[1], math.random(1000000)) end"
            + " return redis.call('llen', keys[1]) end)\n"
            + "redis.register_function{function_name='peek', callback=function(keys) return redis.call('get', keys[1]) end,"
            + " flags={'no-writes'}, description='reads'}");

    private static byte[] payloadOf(EmbeddedEngine e) {
        byte[] reply = e.callBytes(e.session(), words("FUNCTION", "DUMP"));
        int crlf = 0;
        while (reply[crlf] != '\r') {
            crlf++;
        }
        int n = Integer.parseInt(new String(reply, 1, crlf - 1, StandardCharsets.US_ASCII));
        return java.util.Arrays.copyOfRange(reply, crlf + 2, crlf + 2 + n);
    }

    private static String restore(EmbeddedEngine e, byte[] payload, String policy) {
        return new String(e.callBytes(e.session(), new byte[][] {b("FUNCTION"), b("RESTORE"), payload, b(policy)}),
                StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 2", "2, 1", "1, 2"})
    void shouldReplayLoadsDeletesRestoresAndCalls(int shards, int replayShards) throws Exception {
        String live;
        try (EmbeddedEngine a = engine(shards, true)) {
            ClientSession s = a.newSession();
            assertEquals("$7\r\ncounter\r\n", a.call(s, "FUNCTION", "LOAD", COUNTER));
            assertEquals(":5\r\n", a.call(s, "FCALL", "bump", "1", "n", "5"));
            assertEquals(":5\r\n", a.call(s, "FCALL", "roll", "1", "{r}l"));
            assertEquals("$1\r\n5\r\n", a.call(s, "FCALL_RO", "peek", "1", "n"));
            // A refused LOAD is journaled too, and refused again on replay.
            assertTrue(a.call(s, "FUNCTION", "LOAD", COUNTER).startsWith("-ERR Library 'counter' already exists"));
            assertEquals("$5\r\nextra\r\n", a.call(s, "FUNCTION", "LOAD",
                    lib("extra", "redis.register_function('twice', function(keys) return redis.call('incrby', keys[1], 2) end)")));
            byte[] both = payloadOf(a);
            assertEquals("+OK\r\n", a.call(s, "FUNCTION", "DELETE", "extra"));
            assertEquals(":7\r\n", a.call(s, "FCALL", "bump", "1", "n", "2"));
            assertEquals("+OK\r\n", a.call(s, "FUNCTION", "FLUSH"));
            assertEquals("-ERR Function not found\r\n", a.call(s, "FCALL", "bump", "1", "n", "2"));
            assertEquals("+OK\r\n", restore(a, both, "APPEND"));
            assertEquals(":9\r\n", a.call(s, "FCALL", "twice", "1", "n"));
            assertEquals("-ERR Library counter already exists\r\n", restore(a, both, "APPEND"));
            assertEquals("$7\r\ncounter\r\n", a.call(s, "FUNCTION", "LOAD", "REPLACE",
                    lib("counter", "redis.register_function('bump', function(keys, args) return redis.call('decrby', keys[1], args[1]) end)")));
            assertEquals(":6\r\n", a.call(s, "FCALL", "bump", "1", "n", "3"));
            assertEquals("+OK\r\n", restore(a, both, "REPLACE"));
            assertEquals(":5\r\n", a.call(s, "FCALL", "roll", "1", "{r}l2"));
            // Functions inside a transaction: one record, replayed whole.
            assertEquals("+OK\r\n", a.call(s, "MULTI"));
            a.call(s, "FUNCTION", "LOAD", lib("tx", "redis.register_function('txf', function(keys) return redis.call('set', keys[1], 'tx') end)"));
            a.call(s, "FCALL", "txf", "1", "t");
            a.call(s, "FUNCTION", "DELETE", "extra");
            assertEquals("*3\r\n$2\r\ntx\r\n+OK\r\n+OK\r\n", a.call(s, "EXEC"));
            live = state(a);
            assertTrue(live.contains("txf") && !live.contains("twice"), live);
        }
        try (EmbeddedEngine b = replay(replayShards)) {
            assertEquals(live, state(b));
            assertEquals(":6\r\n", b.call("FCALL", "bump", "1", "n", "0"));
        }
    }

    /**
     * A LOAD that timed out live (journaled before it ran) times out on replay as well, after the
     * same 500 ms, instead of hanging or loading.
     */
    @Test
    void shouldTimeOutOnReplayWhatTimedOutLive() throws Exception {
        String live;
        try (EmbeddedEngine a = engine(1, true)) {
            assertEquals("-ERR Error registering functions: ERR FUNCTION LOAD timeout\r\n",
                    a.call("FUNCTION", "LOAD", lib("slow", "while true do end")));
            a.call("FUNCTION", "LOAD", COUNTER);
            live = state(a);
        }
        try (EmbeddedEngine b = replay(1)) {
            assertEquals(live, state(b));
            assertTrue(b.call("FUNCTION", "LIST", "LIBRARYNAME", "slow").equals("*0\r\n"));
        }
    }

    /**
     * Snapshots hold the libraries of their cut: recovery loads them (FUNCTION LOAD of each), then
     * replays the tail, whose FCALLs need them and whose changes come on top.
     */
    @ParameterizedTest
    @CsvSource({"SAVE, 1, 1", "SAVE, 2, 1", "BGSAVE, 1, 2", "BGSAVE, 2, 2"})
    void shouldRecoverLibrariesFromSnapshotAndJournalTail(String save, int shards, int recoverShards) throws Exception {
        String live;
        try (EmbeddedEngine a = engine(shards, true)) {
            a.call("FUNCTION", "LOAD", COUNTER);
            a.call("FUNCTION", "LOAD", lib("gone", "redis.register_function('g', function() return 1 end)"));
            a.call("FCALL", "bump", "1", "n", "10");
            TxFixtures.save(a, save);
            assertEquals(List.of("counter", "gone"), libraryRecords(dir));
            a.call("FCALL", "bump", "1", "n", "1");
            a.call("FCALL", "roll", "1", "l");
            a.call("FUNCTION", "DELETE", "gone");
            a.call("FUNCTION", "LOAD", lib("after", "redis.register_function('af', function(keys) return redis.call('set', keys[1], 'af') end)"));
            a.call("FCALL", "af", "1", "k");
            live = state(a);
        }
        try (EmbeddedEngine b = recover(recoverShards)) {
            assertEquals(live, state(b));
            assertEquals("$2\r\n11\r\n", b.call("GET", "n"));
        }
    }

    /** Without a journal the snapshot alone brings the libraries back (FUNCTION FLUSH'd ones stay gone). */
    @Test
    void shouldLoadLibrariesFromASnapshotWithoutJournal() throws Exception {
        String live;
        try (EmbeddedEngine a = engine(2, false)) {
            a.call("FUNCTION", "LOAD", lib("old", "redis.register_function('o', function() return 1 end)"));
            a.call("FUNCTION", "FLUSH");
            a.call("FUNCTION", "LOAD", COUNTER);
            a.call("FCALL", "bump", "1", "n", "3");
            assertEquals("+OK\r\n", a.call("SAVE"));
            live = state(a);
        }
        try (EmbeddedEngine b = engine(1, false)) {
            assertTrue(new SnapshotStore(dir, SNAPSHOTS, null).recover(b.context(), -1, log) > 0);
            assertEquals(live, state(b));
            assertEquals(":4\r\n", b.call("FCALL", "bump", "1", "n", "1"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<Path> files = SnapshotFormat.snapshots(dir, SNAPSHOTS);
            assertEquals(0, CheckSnapshot.run(new String[] {"--keys", files.get(files.size() - 1).toString()},
                    new PrintStream(out, true)));
            String report = out.toString(StandardCharsets.UTF_8);
            assertTrue(report.contains("function libraries: 1") && report.contains("function library \"#!lua name=counter\""),
                    report);
        }
    }

    /** The library names of the 'F' records of the newest snapshot, in file order. */
    private static List<String> libraryRecords(Path dir) throws Exception {
        List<Path> all = SnapshotFormat.snapshots(dir, SNAPSHOTS);
        SnapshotReader.Header h = SnapshotReader.verify(all.get(all.size() - 1), SNAPSHOTS);
        List<String> names = new ArrayList<>();
        SnapshotReader.scan(h, new SnapshotReader.EntryVisitor() {
            @Override
            public void entry(int shard, int db, int type, int encoding, long deadlineMs, byte[] key, byte[] value) {
            }

            @Override
            public void library(byte[] code) {
                String first = new String(code, StandardCharsets.ISO_8859_1).split("\n", 2)[0];
                names.add(first.substring(first.indexOf("name=") + 5));
            }
        });
        return names;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] words(String... w) {
        byte[][] out = new byte[w.length][];
        for (int i = 0; i < w.length; i++) {
            out[i] = b(w[i]);
        }
        return out;
    }
}
