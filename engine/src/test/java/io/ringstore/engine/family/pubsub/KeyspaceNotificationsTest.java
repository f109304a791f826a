package io.ringstore.engine.family.pubsub;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.ringstore.engine.testing.Fixtures.T0;
import static io.ringstore.engine.testing.Fixtures.keyOnShard;
import static io.ringstore.engine.testing.Resp.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keyspace notifications beyond the command table (KeyspaceEventTableTest): the option's
 * CONFIG GET/SET texts and errors, lazy and active expiry, blocked clients served by a push, a
 * client subscribed to its own keys (RESP3), and no allocation when nobody listens. Expected
 * events and bytes are redis-server 7.0.15's for the same commands.
 */
@Timeout(60)
class KeyspaceNotificationsTest {
    private static EmbeddedEngine engine(int shards, ManualClock clock) {
        // No ticker: active expiry runs only where a test calls tick().
        return new EmbeddedEngine(shards, clock, new Config(), (ev, s, b) -> { }, false);
    }

    /** A subscriber of every notification channel, RESP2. */
    private static ClientSession listener(EmbeddedEngine e) {
        ClientSession sub = e.newSession();
        e.call(sub, "PSUBSCRIBE", "__key*__:*");
        return sub;
    }

    /** What the listener received so far, as "channel message". */
    private static List<String> events(EmbeddedEngine e, ClientSession sub) {
        List<String> out = new ArrayList<>();
        for (String m = e.deferredReply(sub, 0); m != null; m = e.deferredReply(sub, 0)) {
            List<String> parts = KeyspaceEventTableTest.bulks(m);
            out.add(parts.get(2) + " " + parts.get(3));
        }
        return out;
    }

    private static String configGet(EmbeddedEngine e) {
        return e.call("CONFIG", "GET", "notify-keyspace-events");
    }

    private static String value(String v) {
        return "*2\r\n$22\r\nnotify-keyspace-events\r\n$" + v.length() + "\r\n" + v + "\r\n";
    }

    @Test
    void shouldShowTheCanonicalFlagsAndRefuseUnknownLetters() {
        try (EmbeddedEngine e = engine(1, new ManualClock(T0))) {
            assertEquals(value(""), configGet(e), "off by default");
            String[][] cases = { // as redis-server 7.0.15 reads them back
                {"KEA", "AKE"}, {"g$lshzxetdKEnm", "AKEm"}, {"AKEn", "AKE"}, {"Kn", "nK"}, {"Elg", "glE"},
                {"x$E", "$xE"}, {"mK", "Km"}, {"AAK", "AK"}, {"", ""},
            };
            for (String[] c : cases) {
                assertEquals(OK, e.call("CONFIG", "SET", "notify-keyspace-events", c[0]));
                assertEquals(value(c[1]), configGet(e), "CONFIG SET " + c[0]);
            }
            assertEquals("-ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event"
                    + " class character. Use 'Ag$lshzxeKEtmdn'.\r\n", e.call("CONFIG", "SET", "notify-keyspace-events", "Kx1"));
            assertEquals(value(""), configGet(e), "a refused value changes nothing");
        }
        Config fromFile = new Config();
        assertNull(fromFile.setAtStartup("notify-keyspace-events", "Ex"));
        assertEquals("xE", fromFile.get("notify-keyspace-events"));
        assertEquals("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.", fromFile.setAtStartup("notify-keyspace-events", "?"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldPublishOnlyTheChannelsAndClassesSwitchedOn(int shards) {
        try (EmbeddedEngine e = engine(shards, new ManualClock(T0))) {
            ClientSession sub = listener(e);
            e.call("SET", "k", "1");
            assertEquals(List.of(), events(e, sub), "off by default");
            e.call("CONFIG", "SET", "notify-keyspace-events", "K$");
            e.call("SET", "k", "2");
            e.call("LPUSH", "l", "x");
            assertEquals(List.of("__keyspace@0__:k set"), events(e, sub), "K: keyspace channel only; $: strings only");
            e.call("CONFIG", "SET", "notify-keyspace-events", "El");
            e.call("SET", "k", "3");
            e.call("LPUSH", "l", "x");
            assertEquals(List.of("__keyevent@0__:lpush l"), events(e, sub), "E: keyevent channel only; l: lists only");
            e.call("CONFIG", "SET", "notify-keyspace-events", "A");
            e.call("SET", "k", "4");
            assertEquals(List.of(), events(e, sub), "classes without K or E publish nothing");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRaiseExpiredWhenALookupFindsAKeyPastItsDeadline(int shards) {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = engine(shards, clock)) {
            e.call("CONFIG", "SET", "notify-keyspace-events", "KEAm");
            ClientSession sub = listener(e);
            e.call("SET", "k", "v", "PX", "50");
            e.call("SET", "k2", "v", "PX", "50");
            e.call("RPUSH", "l", "a");
            e.call("PEXPIRE", "l", "50");
            events(e, sub);
            clock.advance(200);
            // Each as redis-server 7.0.15 with active expiry off (DEBUG SET-ACTIVE-EXPIRE 0).
            assertEquals("$-1\r\n", e.call("GET", "k"));
            assertEquals(List.of("__keyspace@0__:k expired", "__keyevent@0__:expired k",
                    "__keyspace@0__:k keymiss", "__keyevent@0__:keymiss k"), events(e, sub));
            e.call("SET", "k2", "x");
            assertEquals(List.of("__keyspace@0__:k2 expired", "__keyevent@0__:expired k2",
                    "__keyspace@0__:k2 set", "__keyevent@0__:set k2"), events(e, sub));
            e.call("LPUSH", "l", "b");
            assertEquals(List.of("__keyspace@0__:l expired", "__keyevent@0__:expired l",
                    "__keyspace@0__:l lpush", "__keyevent@0__:lpush l"), events(e, sub));
            // SCAN and RANDOMKEY expire what they meet, as Redis's expireIfNeeded (SCAN's order is
            // the table's, so compared as a set).
            e.call("FLUSHALL");
            e.call("SET", "a", "v", "PX", "50");
            e.call("SET", "b", "v", "PX", "50");
            e.call("SET", "keep", "v");
            events(e, sub);
            clock.advance(100);
            e.call("SCAN", "0", "COUNT", "100");
            List<String> got = events(e, sub);
            Collections.sort(got);
            assertEquals(List.of("__keyevent@0__:expired a", "__keyevent@0__:expired b",
                    "__keyspace@0__:a expired", "__keyspace@0__:b expired"), got);
            e.call("SET", "c", "v", "PX", "50");
            e.call("DEL", "keep");
            events(e, sub);
            clock.advance(100);
            assertEquals("$-1\r\n", e.call("RANDOMKEY"));
            assertEquals(List.of("__keyspace@0__:c expired", "__keyevent@0__:expired c"), events(e, sub));
            // A database moved by SWAPDB names its new number.
            e.call("SELECT", "2");
            e.call("SET", "d", "v", "PX", "50");
            e.call("SWAPDB", "2", "5");
            e.call("SELECT", "5");
            events(e, sub);
            clock.advance(100);
            assertEquals(":0\r\n", e.call("EXISTS", "d"));
            assertEquals(List.of("__keyspace@5__:d expired", "__keyevent@5__:expired d",
                    "__keyspace@5__:d keymiss", "__keyevent@5__:keymiss d"), events(e, sub));
            e.call("SELECT", "0");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRaiseExpiredFromActiveExpiryOnEveryShard(int shards) {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = engine(shards, clock)) {
            e.call("CONFIG", "SET", "notify-keyspace-events", "Ex");
            ClientSession sub = listener(e);
            List<String> expected = new ArrayList<>();
            for (int shard = 0; shard < shards; shard++) {
                for (int i = 0; i < 3; i++) {
                    String k = keyOnShard(e, "k" + i + "-", shard);
                    e.call("SET", k, "v", "PX", "100");
                    expected.add("__keyevent@0__:expired " + k);
                }
            }
            e.call("SELECT", "3");
            e.call("SET", "other-db", "v", "PX", "100");
            expected.add("__keyevent@3__:expired other-db");
            e.call("SET", "lasting", "v");
            clock.advance(50);
            e.tick();
            assertEquals(List.of(), events(e, sub), "nothing is past its deadline yet");
            clock.advance(100);
            e.tick();
            List<String> got = events(e, sub);
            Collections.sort(got); // shards expire concurrently on one tick: each shard's events in order
            Collections.sort(expected);
            assertEquals(expected, got);
            assertEquals(":1\r\n", e.call("DBSIZE"), "only the key without a deadline is left in db 3");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRaiseTheServedPopAfterThePushThatServedIt(int shards) {
        try (EmbeddedEngine e = engine(shards, new ManualClock(T0))) {
            e.call("CONFIG", "SET", "notify-keyspace-events", "KEAn");
            ClientSession sub = listener(e);
            ClientSession blocked = e.newSession();
            e.call(blocked, "BLPOP", "l", "0");
            e.call("RPUSH", "l", "a", "b");
            assertEquals("*2\r\n$1\r\nl\r\n$1\r\na\r\n", e.deferredReply(blocked, 2000));
            // redis-server 7.0.15 for the same commands (BLPOP l 0 blocked, then RPUSH l a b).
            assertEquals(List.of("__keyspace@0__:l new", "__keyevent@0__:new l", "__keyspace@0__:l rpush",
                    "__keyevent@0__:rpush l", "__keyspace@0__:l lpop", "__keyevent@0__:lpop l"), events(e, sub));
            e.call("DEL", "l");
            events(e, sub);
            e.call(blocked, "BLMOVE", "l", "d", "LEFT", "RIGHT", "0");
            e.call("RPUSH", "l", "x");
            assertEquals("$1\r\nx\r\n", e.deferredReply(blocked, 2000));
            assertEquals(List.of("__keyspace@0__:l new", "__keyevent@0__:new l", "__keyspace@0__:l rpush",
                    "__keyevent@0__:rpush l", "__keyspace@0__:d new", "__keyevent@0__:new d", "__keyspace@0__:d rpush",
                    "__keyevent@0__:rpush d", "__keyspace@0__:l lpop", "__keyevent@0__:lpop l", "__keyspace@0__:l del",
                    "__keyevent@0__:del l"), events(e, sub));
            e.call(blocked, "BZPOPMIN", "z", "0");
            e.call("ZADD", "z", "1", "a");
            e.deferredReply(blocked, 2000);
            assertEquals(List.of("__keyspace@0__:z new", "__keyevent@0__:new z", "__keyspace@0__:z zadd",
                    "__keyevent@0__:zadd z", "__keyspace@0__:z zpopmin", "__keyevent@0__:zpopmin z",
                    "__keyspace@0__:z del", "__keyevent@0__:del z"), events(e, sub));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldWriteAClientsOwnNotificationWhereRedisWritesIt(int shards) {
        try (EmbeddedEngine e = engine(shards, new ManualClock(T0))) {
            e.call("CONFIG", "SET", "notify-keyspace-events", "KEA");
            ClientSession c = e.newSession();
            e.call(c, "HELLO", "3");
            e.call(c, "SUBSCRIBE", "__keyspace@0__:k");
            String set = ">3\r\n$7\r\nmessage\r\n$16\r\n__keyspace@0__:k\r\n$3\r\nset\r\n";
            String del = ">3\r\n$7\r\nmessage\r\n$16\r\n__keyspace@0__:k\r\n$3\r\ndel\r\n";
            // Byte for byte as redis-server 7.0.15: the push ahead of the reply, inside EXEC's array.
            assertEquals(set + "+OK\r\n", e.call(c, "SET", "k", "1"));
            e.call(c, "MULTI");
            e.call(c, "SET", "k", "2");
            e.call(c, "DEL", "k");
            assertEquals("*2\r\n" + set + "+OK\r\n" + del + ":1\r\n", e.call(c, "EXEC"));
            // From a script the push goes ahead of the script's reply, as redis-server writes it.
            assertEquals(set + ":7\r\n", e.call(c, "EVAL", "redis.call('set','k','3'); return 7", "0"));
            assertNull(e.deferredReply(c, 0), "not twice");
            assertEquals(":1\r\n", e.call(c, "HSET", "k2", "a", "1"), "another key's channel");
            assertNull(e.deferredReply(c, 0));
            ClientSession other = e.newSession();
            assertEquals(":1\r\n", e.call(other, "DEL", "k"));
            assertEquals(del, e.deferredReply(c, 2000), "another client's write reaches it after that write's reply");
            // A miss inside MGET's array: 7.0.15 writes the push between the array's elements, so do we.
            e.call("CONFIG", "SET", "notify-keyspace-events", "KEAm");
            e.call(c, "SUBSCRIBE", "__keyspace@0__:b");
            e.call("SET", "a", "1");
            assertEquals("*2\r\n$1\r\n1\r\n>3\r\n$7\r\nmessage\r\n$16\r\n__keyspace@0__:b\r\n$7\r\nkeymiss\r\n_\r\n",
                    e.call(c, "MGET", "a", "b"));
        }
    }

    @Test
    void shouldNotAllocateWhenNobodySubscribesToTheKeyspace() {
        try (EmbeddedEngine e = engine(1, new ManualClock(T0))) {
            e.call("CONFIG", "SET", "notify-keyspace-events", "KEAnm");
            ClientSession sub = e.newSession();
            e.call(sub, "SUBSCRIBE", "unrelated"); // the registry is not empty: the channels are looked up
            e.call("SET", "counter", "1");
            String[][] cmds = {{"INCR", "counter"}, {"EXPIRE", "counter", "1000"}, {"PERSIST", "counter"}, {"GET", "missing"}};
            run(e, cmds, 10_000);
            long bytes = run(e, cmds, 10_000);
            assertTrue(bytes / 10_000.0 < 1.0, "bytes allocated per command: " + bytes / 10_000.0);
            assertNull(e.deferredReply(sub, 0));
        }
    }

    private static long run(EmbeddedEngine e, String[][] cmds, int n) {
        e.call("GET", "counter");
        long before = pipelineAllocated();
        for (int i = 0; i < n; i++) {
            e.send(cmds[i % cmds.length]);
        }
        e.call("GET", "counter");
        return pipelineAllocated() - before;
    }

    private static long pipelineAllocated() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("embedded-pipeline")) {
                sum += mx.getThreadAllocatedBytes(t.getId());
            }
        }
        return sum;
    }
}
