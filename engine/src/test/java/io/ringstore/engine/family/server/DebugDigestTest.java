package io.ringstore.engine.family.server;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DEBUG DIGEST / DIGEST-VALUE: layout- and shard-independent, zeros when empty, Redis's error shapes. */
@Timeout(30)
class DebugDigestTest {
    static final long T0 = 1_700_000_000_000L;
    static final String ZEROS = "+" + "0".repeat(40) + "\r\n";

    static void fill(EmbeddedEngine e, int n, boolean reverse) {
        for (int j = 0; j < n; j++) {
            int i = reverse ? n - 1 - j : j;
            e.call("SET", "k" + i, i % 3 == 0 ? String.valueOf(i) : "value-" + i);
        }
        e.call("SELECT", "3");
        e.call("SET", "other", "x", "PX", "100000");
        e.call("SELECT", "0");
        e.call("APPEND", "k1", "-appended"); // raw with spare capacity
    }

    @Test
    void shouldDigestListContentsAndDigestValueOfAList() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            e.call("RPUSH", "l", "a", "b");
            String d1 = e.call("DEBUG", "DIGEST");
            String v1 = e.call("DEBUG", "DIGEST-VALUE", "l");
            e.call("LSET", "l", "1", "c");
            assertNotEquals(d1, e.call("DEBUG", "DIGEST"), "a changed element changes the digest");
            assertNotEquals(v1, e.call("DEBUG", "DIGEST-VALUE", "l"));
            e.call("LSET", "l", "1", "b");
            assertEquals(d1, e.call("DEBUG", "DIGEST"));
        }
    }

    @Test
    void shouldDigestHashContentsIgnoringHashtableOrder() {
        try (EmbeddedEngine a = new EmbeddedEngine(1, new ManualClock(T0));
             EmbeddedEngine b = new EmbeddedEngine(2, new ManualClock(T0))) {
            for (int i = 0; i < 600; i++) {
                a.call("HSET", "h", "f" + i, "v" + i);
                b.call("HSET", "h", "f" + (599 - i), "v" + (599 - i));
            }
            b.call("HSET", "h", "extra", "x");
            b.call("HDEL", "h", "extra");
            assertEquals("$9\r\nhashtable\r\n", a.call("OBJECT", "ENCODING", "h"));
            assertEquals(a.call("DEBUG", "DIGEST"), b.call("DEBUG", "DIGEST"), "same contents, other table order");
            assertEquals(a.call("DEBUG", "DIGEST-VALUE", "h"), b.call("DEBUG", "DIGEST-VALUE", "h"));
            String d1 = a.call("DEBUG", "DIGEST");
            a.call("HSET", "h", "f7", "changed");
            assertNotEquals(d1, a.call("DEBUG", "DIGEST"), "a changed value changes the digest");
            a.call("HSET", "h", "f7", "v7");
            assertEquals(d1, a.call("DEBUG", "DIGEST"));
            a.call("HSET", "small", "a", "1");
            assertNotEquals(d1, a.call("DEBUG", "DIGEST"), "a small hash counts too");
        }
    }

    @Test
    void shouldDigestSetContentsWhateverTheMemberOrder() {
        String forward;
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            for (int i = 0; i < 100; i++) {
                e.call("SADD", "s", "m" + i);
            }
            forward = e.call("DEBUG", "DIGEST");
            String v = e.call("DEBUG", "DIGEST-VALUE", "s");
            e.call("SREM", "s", "m7");
            assertNotEquals(forward, e.call("DEBUG", "DIGEST"), "a removed member changes the digest");
            assertNotEquals(v, e.call("DEBUG", "DIGEST-VALUE", "s"));
            e.call("SADD", "s", "m7");
            assertEquals(forward, e.call("DEBUG", "DIGEST"));
        }
        try (EmbeddedEngine e = new EmbeddedEngine(2, new ManualClock(T0))) {
            for (int i = 99; i >= 0; i--) {
                e.call("SADD", "s", "m" + i);
            }
            assertEquals(forward, e.call("DEBUG", "DIGEST"), "hashtable order does not count");
        }
    }

    @Test
    void shouldBeAllZerosForAnEmptyKeyspace() {
        try (EmbeddedEngine e = new EmbeddedEngine(2, new ManualClock(T0))) {
            assertEquals(ZEROS, e.call("DEBUG", "DIGEST"));
            e.call("SET", "a", "1");
            e.call("DEL", "a");
            assertEquals(ZEROS, e.call("DEBUG", "DIGEST"));
        }
    }

    @Test
    void shouldNotDependOnShardCountOrInsertionOrder() {
        String one;
        String two;
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            fill(e, 500, false);
            one = e.call("DEBUG", "DIGEST");
        }
        try (EmbeddedEngine e = new EmbeddedEngine(2, new ManualClock(T0))) {
            fill(e, 500, true);
            two = e.call("DEBUG", "DIGEST");
        }
        assertTrue(one.matches("\\+[0-9a-f]{40}\r\n"), one);
        assertNotEquals(ZEROS, one);
        assertEquals(one, two);
    }

    @Test
    void shouldChangeWithValueTtlAndDb() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            e.call("SET", "a", "1");
            String d1 = e.call("DEBUG", "DIGEST");
            e.call("PEXPIRE", "a", "5000");
            String d2 = e.call("DEBUG", "DIGEST");
            e.call("PERSIST", "a");
            assertEquals(d1, e.call("DEBUG", "DIGEST"));
            e.call("MOVE", "a", "1");
            String d3 = e.call("DEBUG", "DIGEST");
            assertNotEquals(d1, d2);
            assertNotEquals(d1, d3);
        }
    }

    @Test
    void shouldDigestValuesByContentNotEncoding() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            e.call("SET", "a", "12");
            e.call("SET", "b", "1");
            e.call("APPEND", "b", "2");
            String r = e.call("DEBUG", "DIGEST-VALUE", "a", "b", "missing");
            String[] lines = r.split("\r\n");
            assertEquals("*3", lines[0]);
            assertEquals(lines[1], lines[2]);
            assertEquals(ZEROS.trim(), lines[3]);
        }
    }

    @Test
    void shouldAnswerUnknownSubcommandsAsRedis() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            assertEquals("-ERR unknown subcommand or wrong number of arguments for 'foo'. Try DEBUG HELP.\r\n",
                    e.call("DEBUG", "foo"));
            assertEquals("-ERR wrong number of arguments for 'debug' command\r\n", e.call("DEBUG"));
        }
    }
}
