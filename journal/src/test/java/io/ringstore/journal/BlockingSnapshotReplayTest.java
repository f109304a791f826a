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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients blocked across a snapshot's cut: the snapshot carries them, so recovery from it plus
 * the journal after it serves, times out and closes them as the live server did. Without that a
 * pop served after the cut comes back as data after a crash (a duplicate delivery). Also: the
 * waiters a restart drops stay dropped when the same journal is replayed again later.
 */
@Timeout(60)
class BlockingSnapshotReplayTest {
    private static final String PREFIX = "dump.rss";
    private static final long T0 = 1_700_000_000_000L;
    private final AtomicLong now = new AtomicLong(T0);
    private final PrintStream log = new PrintStream(new ByteArrayOutputStream(), true);
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("blocking-snapshot");
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
        e.context().snapshots = new SnapshotStore(dir, PREFIX, JournalFiles.PREFIX);
        return e;
    }

    /** Loads the newest snapshot and replays the journal after it, as start-up does. */
    private EmbeddedEngine recover(int shards) throws Exception {
        EmbeddedEngine b = engine(shards);
        JournalScan scan = JournalRecovery.check(dir, JournalFiles.PREFIX, log);
        long first = JournalFormat.firstSeqOf(scan.segments.get(0), JournalFiles.PREFIX);
        long snapSeq = new SnapshotStore(dir, PREFIX, JournalFiles.PREFIX).recover(b.context(), first, log);
        assertTrue(snapSeq > 0, "a snapshot was loaded");
        JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine(), snapSeq);
        return b;
    }

    private static String state(EmbeddedEngine e) {
        StringBuilder sb = new StringBuilder();
        for (String k : new String[] {"q", "t", "z", "w", "wd", "{c}a", "g", "m"}) {
            sb.append(k).append('=').append(e.call("TYPE", k).trim()).append(' ')
              .append(e.call("LRANGE", k, "0", "-1").replace("\r\n", " "))
              .append(e.call("ZRANGE", k, "0", "-1").replace("\r\n", " ")).append('\n');
        }
        sb.append("s=").append(e.call("XLEN", "s").trim())
          .append(' ').append(e.call("XPENDING", "gs", "grp").replace("\r\n", " ")).append('\n');
        return sb.toString();
    }

    private static void awaitSaved(EmbeddedEngine e) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String info = e.call("INFO", "persistence");
            if (info.contains("rdb_bgsave_in_progress:0\r\n")) {
                assertTrue(info.contains("rdb_last_bgsave_status:ok\r\n"), info);
                return;
            }
            assertTrue(System.nanoTime() < deadline, info);
            Thread.sleep(5);
        }
    }

    /** Written with one shard count, recovered with the same or the other; SAVE and BGSAVE cuts. */
    @ParameterizedTest
    @CsvSource({"1, 1, SAVE", "2, 2, SAVE", "2, 1, BGSAVE", "1, 2, BGSAVE", "2, 2, BGSAVE"})
    void shouldServeClientsBlockedAtTheCutAfterRecovery(int shards, int recoverShards, String save) throws Exception {
        String before;
        try (EmbeddedEngine a = engine(shards)) {
            a.call("XGROUP", "CREATE", "gs", "grp", "$", "MKSTREAM");
            ClientSession pop = a.newSession();
            assertEquals("", a.call(pop, "BLPOP", "q", "0"));
            ClientSession second = a.newSession(); // FIFO behind pop on the same key
            assertEquals("", a.call(second, "BRPOP", "q", "0"));
            ClientSession timed = a.newSession();
            assertEquals("", a.call(timed, "BLPOP", "t", "5"));
            ClientSession zpop = a.newSession();
            assertEquals("", a.call(zpop, "BZPOPMIN", "z", "0"));
            ClientSession cross = a.newSession(); // two slots: served on a tick
            assertEquals("", a.call(cross, "BLPOP", "{c}a", "q2", "0"));
            ClientSession reader = a.newSession();
            assertEquals("", a.call(reader, "XREAD", "BLOCK", "0", "STREAMS", "s", "$"));
            ClientSession consumer = a.newSession();
            assertEquals("", a.call(consumer, "XREADGROUP", "GROUP", "grp", "c1", "BLOCK", "0", "STREAMS", "gs", ">"));
            ClientSession closes = a.newSession();
            assertEquals("", a.call(closes, "BLPOP", "g", "0"));
            ClientSession unblocked = a.newSession();
            assertEquals("", a.call(unblocked, "BLPOP", "m", "0"));
            ClientSession forever = a.newSession(); // still blocked when the server stops
            assertEquals("", a.call(forever, "BLMOVE", "w", "wd", "LEFT", "LEFT", "0"));

            if (save.equals("SAVE")) {
                assertEquals("+OK\r\n", a.call("SAVE"));
            } else {
                assertEquals("+Background saving started\r\n", a.call("BGSAVE"));
                awaitSaved(a);
            }
            assertTrue(a.call("INFO", "clients").contains("blocked_clients:10\r\n"));

            // After the cut: each of these is served, timed out or dropped live.
            a.call("RPUSH", "q", "one", "two", "three");
            assertEquals("*2\r\n$1\r\nq\r\n$3\r\none\r\n", a.deferredReply(pop, 2000));
            assertEquals("*2\r\n$1\r\nq\r\n$5\r\nthree\r\n", a.deferredReply(second, 2000));
            a.call("ZADD", "z", "1", "m1", "2", "m2");
            assertTrue(a.deferredReply(zpop, 2000).contains("m1"));
            a.call("XADD", "s", "5-1", "f", "v");
            assertTrue(a.deferredReply(reader, 2000).contains("5-1"));
            a.call("XADD", "gs", "6-1", "f", "v");
            assertTrue(a.deferredReply(consumer, 2000).contains("6-1"));
            a.disconnect(closes);
            a.call("RPUSH", "g", "after-close");
            a.call("CLIENT", "UNBLOCK", Long.toString(unblocked.id));
            a.call("RPUSH", "m", "after-unblock");
            now.addAndGet(5001);
            a.tick();
            assertEquals("*-1\r\n", a.deferredReply(timed, 2000));
            a.call("RPUSH", "t", "after-timeout");
            a.call("RPUSH", "{c}a", "y");
            a.tick();
            assertEquals("*2\r\n$4\r\n{c}a\r\n$1\r\ny\r\n", a.deferredReply(cross, 2000));
            before = state(a);
        }
        assertTrue(before.contains("q=+list *1 $3 two"), before);
        assertTrue(before.contains("z=+zset -WRONGTYPE Operation against a key holding the wrong kind of value *1 $2 m2"), before);
        assertTrue(before.contains("t=+list *1 $13 after-timeout"), before);

        String afterRestart;
        try (EmbeddedEngine b = recover(recoverShards)) {
            assertEquals(before, state(b));
            assertTrue(b.call("INFO", "clients").contains("blocked_clients:0\r\n"));
            b.call("RPUSH", "w", "nobody-waits"); // the BLMOVE waiter did not survive the restart
            assertEquals(":1\r\n", b.call("LLEN", "w"));
            afterRestart = state(b);
        }
        // Replaying again: the waiter the first restart dropped must not take the element pushed
        // after it (the restart's drop is in the journal).
        try (EmbeddedEngine c = recover(recoverShards)) {
            assertEquals(afterRestart, state(c));
            assertEquals(":0\r\n", c.call("EXISTS", "wd"));
        }
    }

    /** Without a journal a snapshot's waiters would wait for clients that are gone: not loaded. */
    @Test
    void shouldNotLoadWaitersWithoutAJournal() throws Exception {
        try (EmbeddedEngine a = engine(1)) {
            assertEquals("", a.call(a.newSession(), "BLPOP", "q", "0"));
            assertEquals("+OK\r\n", a.call("SAVE"));
        }
        try (EmbeddedEngine b = new EmbeddedEngine(1, now::get, new Config(), (ev, s, e) -> { }, false)) {
            SnapshotStore store = new SnapshotStore(dir, PREFIX, null);
            assertTrue(store.recover(b.context(), -1, log) > 0);
            assertTrue(b.call("INFO", "clients").contains("blocked_clients:0\r\n"));
            b.call("RPUSH", "q", "x");
            assertEquals(":1\r\n", b.call("LLEN", "q"));
        }
    }
}
