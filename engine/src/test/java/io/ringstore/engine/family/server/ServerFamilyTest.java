package io.ringstore.engine.family.server;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** DBSIZE, FLUSHDB, FLUSHALL and TIME across two shards. */
@Timeout(30)
class ServerFamilyTest {
    private ManualClock clock;
    private EmbeddedEngine e;

    @BeforeEach
    void start() {
        clock = new ManualClock(1_700_000_123_456L);
        e = new EmbeddedEngine(2, clock);
    }

    @AfterEach
    void stop() {
        e.close();
    }

    private void fill(int db, int n) {
        e.call("SELECT", Integer.toString(db));
        for (int i = 0; i < n; i++) {
            e.call("SET", "key:" + i, "v");
        }
    }

    @Test
    void shouldCountKeysOfTheSelectedDatabaseOnEveryShard() {
        fill(0, 50);
        fill(1, 7);
        assertEquals(":7\r\n", e.call("DBSIZE"));
        e.call("SELECT", "0");
        assertEquals(":50\r\n", e.call("DBSIZE"));
        assertEquals("-ERR wrong number of arguments for 'dbsize' command\r\n", e.call("DBSIZE", "x"));
    }

    @Test
    void shouldFlushOnlyTheSelectedDatabase() {
        fill(0, 30);
        fill(1, 30);
        assertEquals("+OK\r\n", e.call("FLUSHDB", "sync"));
        assertEquals(":0\r\n", e.call("DBSIZE"));
        e.call("SELECT", "0");
        assertEquals(":30\r\n", e.call("DBSIZE"));
    }

    @Test
    void shouldFlushEveryDatabase() {
        fill(0, 30);
        fill(2, 30);
        assertEquals("+OK\r\n", e.call("FLUSHALL", "ASYNC"));
        assertEquals(":0\r\n", e.call("DBSIZE"));
        e.call("SELECT", "0");
        assertEquals(":0\r\n", e.call("DBSIZE"));
        assertEquals("$-1\r\n", e.call("GET", "key:1"));
    }

    @Test
    void shouldRejectUnknownFlushModes() {
        fill(0, 3);
        assertEquals("-ERR syntax error\r\n", e.call("FLUSHALL", "foo"));
        assertEquals("-ERR syntax error\r\n", e.call("FLUSHALL", "SYNC", "ASYNC"));
        assertEquals("-ERR syntax error\r\n", e.call("FLUSHDB", "x", "y"));
        assertEquals(":3\r\n", e.call("DBSIZE"), "a rejected flush removes nothing");
    }

    @Test
    void shouldTellTheIngressTime() {
        assertEquals("*2\r\n$10\r\n1700000123\r\n$6\r\n456000\r\n", e.call("TIME"));
        clock.advance(1000);
        assertEquals("*2\r\n$10\r\n1700000124\r\n$6\r\n456000\r\n", e.call("TIME"));
        assertEquals("-ERR wrong number of arguments for 'time' command\r\n", e.call("TIME", "x"));
    }
}
