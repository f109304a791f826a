package io.ringstore.journal;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.command.Args;
import io.ringstore.engine.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A script stopped by SCRIPT KILL stays stopped through the journal: the kill writes a marker
 * record naming the script, recovery collects it and replay skips the script instead of running
 * it forever; the check tool lists the marker, and its --skip-script appends one by hand for a
 * runaway script the server lost before anyone killed it. Each replay would hang (the test's
 * timeout) if the script ran again.
 */
@Timeout(60)
class ScriptKillReplayTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final String RUNAWAY = "redis.call('GET', KEYS[1]) local i = 0 while true do i = i + 1 end";
    private final AtomicLong now = new AtomicLong(T0);
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("kill-replay");
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
        Config config = new Config();
        config.setAtStartup("busy-reply-threshold", "50"); // SCRIPT KILL acts once a script is past it, as in Redis
        EmbeddedEngine e = new EmbeddedEngine(shards, now::get, config, stage, false);
        e.context().sequenceBase = j.nextSeq();
        return e;
    }

    private static void awaitScript(EmbeddedEngine e) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (e.context().busyScripts.busyNanos() < TimeUnit.MILLISECONDS.toNanos(100)) {
            assertTrue(System.nanoTime() < deadline, "the script never started");
            Thread.sleep(2);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldSkipOnReplayAScriptScriptKillStopped(int shards) throws Exception {
        String digest;
        try (EmbeddedEngine a = engine(shards)) {
            ClientSession other = a.newSession();
            a.call("SET", "k", "v");
            a.send("EVAL", RUNAWAY, "1", "k");
            awaitScript(a);
            assertEquals("+OK\r\n", a.call(other, "SCRIPT", "KILL"));
            a.call("MULTI");
            a.call("SET", "x", "1");
            a.call("EVAL", RUNAWAY, "1", "x");
            a.send("EXEC");
            awaitScript(a);
            assertEquals("+OK\r\n", a.call(other, "SCRIPT", "KILL"));
            a.call("SET", "after", "1");
            digest = a.call("DEBUG", "DIGEST");
        }
        JournalScan scan = JournalScan.scan(dir, JournalFiles.PREFIX, null);
        assertEquals(2, scan.killedScripts.size(), scan.killedScripts.toString());
        assertTrue(scan.killedScripts.stream().anyMatch(k -> k.endsWith(":-1"))
                        && scan.killedScripts.stream().anyMatch(k -> k.endsWith(":1")),
                "EVAL on its own is named with index -1, inside EXEC with its place (SET x is 0, EVAL 1): "
                        + scan.killedScripts);
        try (EmbeddedEngine b = engine(shards)) {
            JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine());
            assertEquals(digest, b.call("DEBUG", "DIGEST"));
            assertEquals("$1\r\n1\r\n", b.call("GET", "x"), "the rest of the transaction replays");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, CheckJournal.run(new String[] {"--list", dir.toString()}, new PrintStream(out, true, "UTF-8")));
        assertTrue(out.toString("UTF-8").contains(" script killed: the script of record "), out.toString("UTF-8"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldSkipARunawayScriptTheCheckToolMarked(int shards) throws Exception {
        long evalSeq;
        try (EmbeddedEngine a = engine(shards)) {
            a.call("SET", "before", "1");
        }
        // A runaway script the server journaled and then lost (kill -9) before anyone killed it.
        JournalScan scan = JournalRecovery.check(dir, JournalFiles.PREFIX, System.err);
        evalSeq = scan.lastSeq + 1;
        Journal j = new Journal(dir, JournalFiles.PREFIX, 1 << 20, "always", scan, new io.ringstore.engine.JournalStatus(),
                e -> { });
        Args eval = new Args();
        eval.add(b("EVAL"));
        eval.add(b("redis.call('SET', 'partial', '1') while true do end"));
        eval.add(b("0"));
        j.append(evalSeq, T0, 0, 7, JournalFormat.KIND_COMMAND, eval);
        j.endOfBatch();
        j.close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = CheckJournal.run(new String[] {"--skip-script", Long.toString(evalSeq), dir.toString()},
                new PrintStream(out, true, "UTF-8"));
        assertEquals(0, rc, out.toString("UTF-8"));
        assertTrue(out.toString("UTF-8").contains("replay skips the script of record " + evalSeq), out.toString("UTF-8"));
        try (EmbeddedEngine b = engine(shards)) {
            JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine());
            assertEquals("$1\r\n1\r\n", b.call("GET", "before"));
            assertEquals("$-1\r\n", b.call("GET", "partial"));
        }
        out.reset();
        assertEquals(2, CheckJournal.run(new String[] {"--skip-script", "x", dir.toString()},
                new PrintStream(out, true, "UTF-8")), "a bad sequence is a usage error");
    }

    /** Replay never answers -BUSY: records replayed behind a script longer than the threshold still run. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldReplayEveryRecordBehindALongScript(int shards) throws Exception {
        String digest;
        try (EmbeddedEngine a = engine(shards)) {
            a.call("EVAL", "local i = 0 while i < 3000000 do i = i + 1 end return redis.call('SET', KEYS[1], i)", "1", "long");
            for (int i = 0; i < 50; i++) {
                a.send("SET", "after" + i, "v");
            }
            assertEquals("$1\r\nv\r\n", a.call("GET", "after49"));
            digest = a.call("DEBUG", "DIGEST");
        }
        try (EmbeddedEngine b = engine(shards)) {
            JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine());
            assertEquals(digest, b.call("DEBUG", "DIGEST"));
            assertEquals("$7\r\n3000000\r\n", b.call("GET", "long"));
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
