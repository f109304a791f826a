package io.ringstore.engine;

import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(30)
class EmbeddedEngineTest {
    @Test
    void shouldRunCommandsOnOneAndTwoShards() {
        for (int shards = 1; shards <= 2; shards++) {
            try (EmbeddedEngine e = new EmbeddedEngine(shards, new ManualClock(1_000_000))) {
                assertEquals("+OK\r\n", e.call("SET", "a", "1"));
                assertEquals("+OK\r\n", e.call("SET", "b", "2"));
                assertEquals("$1\r\n1\r\n", e.call("GET", "a"));
                assertEquals(":2\r\n", e.call("DEL", "a", "b", "c"));
                assertEquals(":0\r\n", e.call("DBSIZE"));
            }
        }
    }

    @Test
    void shouldExpireLazilyByTheInjectedClock() {
        ManualClock clock = new ManualClock(1_000_000);
        try (EmbeddedEngine e = new EmbeddedEngine(1, clock)) {
            assertEquals("+OK\r\n", e.call("SET", "k", "v", "PX", "100"));
            clock.advance(100);
            assertEquals("$1\r\nv\r\n", e.call("GET", "k")); // at the deadline: still there (now > when expires)
            clock.advance(1);
            assertEquals("$-1\r\n", e.call("GET", "k"));
        }
    }

    @Test
    void shouldExpireActivelyOnTicks() {
        ManualClock clock = new ManualClock(1_000_000);
        try (EmbeddedEngine e = new EmbeddedEngine(2, clock)) {
            for (int i = 0; i < 500; i++) {
                e.call("SET", "t" + i, "v", "PX", "50");
            }
            e.call("SET", "keep", "v");
            clock.advance(60);
            for (int i = 0; i < 40; i++) {
                e.tick();
            }
            assertEquals(":1\r\n", e.call("DBSIZE"));
        }
    }
}
