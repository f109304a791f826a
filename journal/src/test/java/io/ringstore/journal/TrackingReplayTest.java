package io.ringstore.journal;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Client-side caching is connection state: replay tracks nothing, even when a journaled EXEC
 * carries a CLIENT TRACKING and reads of the client that ran it.
 */
@Timeout(60)
class TrackingReplayTest {
    private static final long T0 = 1_700_000_000_000L;
    private final AtomicLong now = new AtomicLong(T0);
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("tracking-replay");
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
        return e;
    }

    private static String info(EmbeddedEngine e, String field) {
        for (String line : e.call("INFO").split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        throw new AssertionError("no " + field);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldTrackNothingWhileReplaying(int shards) throws Exception {
        try (EmbeddedEngine a = engine(shards)) {
            ClientSession s = a.newSession();
            a.call(s, "MULTI");
            a.call(s, "CLIENT", "TRACKING", "on");
            a.call(s, "SET", "{t}x", "1");
            a.call(s, "GET", "{t}y");
            assertEquals("*3\r\n+OK\r\n+OK\r\n$-1\r\n", a.call(s, "EXEC"));
            a.call(s, "GET", "{t}x");
            assertEquals("1", info(a, "tracking_clients"));
            assertEquals("2", info(a, "tracking_total_keys"));
        }
        try (EmbeddedEngine b = engine(shards)) {
            JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine());
            assertEquals("$1\r\n1\r\n", b.call("GET", "{t}x"));
            assertEquals("0", info(b, "tracking_clients"));
            assertEquals("0", info(b, "tracking_total_keys"));
        }
    }
}
