package io.ringstore.journal;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Blocked clients are part of the replayed state machine: a pop served to a waiter must not come
 * back after a restart from the journal, and an element pushed after a waiter timed out (tick),
 * was unblocked (CLIENT UNBLOCK) or disconnected must still be there. Waiters themselves do not
 * survive the restart.
 */
@Timeout(30)
class BlockingReplayTest {
    private static final long T0 = 1_700_000_000_000L;
    private Path dir;
    private final AtomicLong now = new AtomicLong(T0);

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("blocking-replay");
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
        return new EmbeddedEngine(shards, now::get, new Config(), stage, false);
    }

    private static String state(EmbeddedEngine e) {
        StringBuilder sb = new StringBuilder();
        for (String k : new String[] {"q", "t", "z", "g", "w", "wd", "{c}a", "{c}b"}) {
            sb.append(k).append('=').append(e.call("TYPE", k).trim()).append(' ')
              .append(e.call("LRANGE", k, "0", "-1").replace("\r\n", " "))
              .append(e.call("ZRANGE", k, "0", "-1").replace("\r\n", " ")).append('\n');
        }
        return sb.toString();
    }

    /** Written with one shard count, replayed with the same or the other (restarts allow both). */
    @ParameterizedTest
    @CsvSource({"1, 1", "2, 2", "2, 1", "1, 2"})
    void shouldReplayServedTimedOutUnblockedAndClosedWaiters(int shards, int replayShards) throws Exception {
        String before;
        try (EmbeddedEngine a = engine(shards)) {
            ClientSession served = a.newSession();
            assertEquals("", a.call(served, "BLPOP", "q", "0"));
            a.call("RPUSH", "q", "served", "kept");
            assertEquals("*2\r\n$1\r\nq\r\n$6\r\nserved\r\n", a.deferredReply(served, 2000));

            ClientSession timedOut = a.newSession();
            assertEquals("", a.call(timedOut, "BLPOP", "t", "1"));
            now.addAndGet(1001);
            a.tick();
            assertEquals("*-1\r\n", a.deferredReply(timedOut, 2000));
            now.addAndGet(5);
            a.call("RPUSH", "t", "after-timeout"); // the waiter is gone: stays in the list

            ClientSession unblocked = a.newSession();
            assertEquals("", a.call(unblocked, "BZPOPMIN", "z", "0"));
            a.call("CLIENT", "UNBLOCK", Long.toString(unblocked.id), "ERROR");
            a.call("ZADD", "z", "1", "m");

            ClientSession closed = a.newSession();
            assertEquals("", a.call(closed, "BLPOP", "g", "0"));
            a.disconnect(closed);
            a.call("RPUSH", "g", "after-close");

            ClientSession cross = a.newSession(); // keys of two slots: served on the next tick
            assertEquals("", a.call(cross, "BLPOP", "{c}a", "q2", "0"));
            a.call("RPUSH", "q2", "x");
            a.call("LPOP", "q2"); // before the tick: the waiter does not get it
            a.call("RPUSH", "{c}a", "y");
            a.tick();
            assertEquals("*2\r\n$4\r\n{c}a\r\n$1\r\ny\r\n", a.deferredReply(cross, 2000));
            a.call("RPUSH", "{c}a", "after-cross");

            ClientSession stillBlocked = a.newSession();
            assertEquals("", a.call(stillBlocked, "BLMOVE", "w", "wd", "LEFT", "LEFT", "0"));
            before = state(a);
        }
        assertTrue(before.contains("q=+list *1 $4 kept"), before);
        assertTrue(before.contains("t=+list *1 $13 after-timeout"), before);

        try (EmbeddedEngine b = engine(replayShards)) {
            JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine());
            assertEquals(before, state(b));
            assertEquals(":0\r\n", b.call("EXISTS", "q2"));
            assertTrue(b.call("INFO", "clients").contains("blocked_clients:0\r\n"));
            b.call("RPUSH", "w", "nobody-waits"); // the BLMOVE waiter did not survive the restart
            assertEquals(":1\r\n", b.call("LLEN", "w"));
            assertEquals(":0\r\n", b.call("EXISTS", "wd"));
        }
    }
}
