package io.ringstore.engine.family.keyspace;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.testing.Resp;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.ringstore.engine.testing.Fixtures.T0;
import static io.ringstore.engine.testing.Fixtures.keyOnShard;
import static io.ringstore.engine.testing.Resp.bulk;
import static io.ringstore.engine.testing.Resp.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** KEYS, SCAN and RANDOMKEY across shards, with expiry and resizes, on one and two shards. */
@Timeout(60)
class KeyScanTest {

    /** A parsed SCAN reply. */
    record Page(String cursor, List<String> keys) {
    }

    /** Parses "*2 $cursor *n $key..." (and a flat array of bulks when {@code cursorless}). */
    static Page parse(String resp, boolean cursorless) {
        Resp.Reply r = Resp.parse(resp);
        if (cursorless) {
            return new Page(null, r.strings());
        }
        assertEquals(2, r.size(), resp);
        return new Page(r.get(0).text(), r.get(1).strings());
    }

    static Page scan(EmbeddedEngine e, String cursor, String... options) {
        String[] args = new String[2 + options.length];
        args[0] = "SCAN";
        args[1] = cursor;
        System.arraycopy(options, 0, args, 2, options.length);
        return parse(e.call(args), false);
    }

    /** A full iteration; returns every key seen (duplicates kept) and checks it ends at cursor 0. */
    static List<String> scanAll(EmbeddedEngine e, String... options) {
        List<String> all = new ArrayList<>();
        String cursor = "0";
        int calls = 0;
        do {
            Page p = scan(e, cursor, options);
            all.addAll(p.keys());
            cursor = p.cursor();
            assertTrue(++calls < 100_000, "scan does not terminate");
        } while (!cursor.equals("0"));
        return all;
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldListKeysMatchingAPatternOnEveryShard(int shards) {
        try (EmbeddedEngine e = new EmbeddedEngine(shards, new ManualClock(T0))) {
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < 100; i++) {
                e.call("SET", "user:" + i, "v");
                e.call("SET", "other:" + i, "v");
                expected.add("user:" + i);
            }
            assertEquals(expected, new HashSet<>(parse(e.call("KEYS", "user:*"), true).keys()));
            assertEquals(200, parse(e.call("KEYS", "*"), true).keys().size());
            assertEquals(List.of("user:42"), parse(e.call("KEYS", "user:4[2]"), true).keys());
            assertEquals("*0\r\n", e.call("KEYS", "nothing*"));
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldSkipExpiredKeysInKeysWithoutDeletingThem(int shards) {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = new EmbeddedEngine(shards, clock)) {
            e.call("SET", "live", "v");
            e.call("SET", "dead", "v", "PX", "5");
            clock.advance(6);
            assertEquals("*1\r\n" + bulk("live"), e.call("KEYS", "*"));
            assertEquals(num(2), e.call("DBSIZE"), "KEYS only checks expiry");
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldReturnEveryKeyExactlyOnceInAFullScan(int shards) {
        try (EmbeddedEngine e = new EmbeddedEngine(shards, new ManualClock(T0))) {
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                e.call("SET", "k" + i, "v");
                expected.add("k" + i);
            }
            for (String count : new String[] {"1", "7", "10", "100000"}) {
                List<String> all = scanAll(e, "COUNT", count);
                assertEquals(expected, new HashSet<>(all), "COUNT " + count);
                assertEquals(300, all.size(), "a stable table returns no duplicates, COUNT " + count);
            }
        }
    }

    @Test
    void shouldEncodeTheShardInTheCursor() {
        try (EmbeddedEngine e = new EmbeddedEngine(2, new ManualClock(T0))) {
            String a = keyOnShard(e, "a", 0);
            String b = keyOnShard(e, "b", 1);
            e.call("SET", a, "v");
            e.call("SET", b, "v");
            // Cursor 1 = shard 1, dict cursor 0: only shard 1's keys, then the iteration ends.
            Page p = scan(e, "1", "COUNT", "1000");
            assertEquals(List.of(b), p.keys());
            assertEquals("0", p.cursor());
            // From 0, a small COUNT stops inside shard 0 and hands back an even cursor (shard 0).
            for (int i = 0; i < 100; i++) {
                e.call("SET", keyOnShard(e, "x" + i + "_", 0), "v");
            }
            Page first = scan(e, "0", "COUNT", "1");
            assertNotEquals("0", first.cursor());
            assertEquals(0, Long.parseUnsignedLong(first.cursor()) % 2);
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldFilterByMatchAndType(int shards) {
        try (EmbeddedEngine e = new EmbeddedEngine(shards, new ManualClock(T0))) {
            for (int i = 0; i < 50; i++) {
                e.call("SET", "a" + i, "v");
                e.call("SET", "b" + i, Integer.toString(i));
            }
            Set<String> as = new HashSet<>(scanAll(e, "MATCH", "a*", "COUNT", "20"));
            assertEquals(50, as.size());
            assertTrue(as.stream().allMatch(k -> k.startsWith("a")));
            assertEquals(100, new HashSet<>(scanAll(e, "TYPE", "STRING")).size());
            assertEquals(100, new HashSet<>(scanAll(e, "MATCH", "*", "TYPE", "string")).size());
            assertEquals(0, scanAll(e, "TYPE", "hash").size());
            assertEquals(0, scanAll(e, "TYPE", "nosuchtype").size(), "7.0: unknown type matches nothing");
            assertEquals(Set.of("b7"), new HashSet<>(scanAll(e, "MATCH", "b7", "MATCH", "b7", "COUNT", "5")));
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldDropAndDeleteExpiredKeysWhileScanning(int shards) {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = new EmbeddedEngine(shards, clock)) {
            for (int i = 0; i < 20; i++) {
                e.call("SET", "live" + i, "v");
                e.call("SET", "dead" + i, "v", "PX", "10");
            }
            clock.advance(11);
            List<String> all = scanAll(e);
            assertEquals(20, all.size());
            assertTrue(all.stream().allMatch(k -> k.startsWith("live")));
            assertEquals(num(20), e.call("DBSIZE"), "SCAN expires what it finds stale");
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldReturnEveryKeyPresentThroughoutWhileKeysComeAndGo(int shards) {
        try (EmbeddedEngine e = new EmbeddedEngine(shards, new ManualClock(T0))) {
            for (int i = 0; i < 200; i++) {
                e.call("SET", "stable" + i, "v");
            }
            int capacityBefore = e.context().shards[0].db(0).dict().capacity();
            Set<String> seen = new HashSet<>();
            String cursor = "0";
            int calls = 0;
            do {
                Page p = scan(e, cursor, "COUNT", "5");
                seen.addAll(p.keys());
                cursor = p.cursor();
                calls++;
                // Grow through several resizes, then delete everything that is not stable.
                if (calls < 40) {
                    for (int i = 0; i < 60; i++) {
                        e.call("SET", "churn" + calls + "_" + i, "v");
                    }
                } else if (calls % 3 == 0) {
                    e.call("DEL", "churn" + (calls - 39) + "_1", "churn" + (calls - 39) + "_2");
                    e.tick();
                }
            } while (!cursor.equals("0"));
            assertTrue(e.context().shards[0].db(0).dict().capacity() > capacityBefore, "the table should grow");
            for (int i = 0; i < 200; i++) {
                assertTrue(seen.contains("stable" + i), "missed stable" + i);
            }
        }
    }

    @Test
    void shouldParseCursorsAsRedisDoes() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            e.call("SET", "k", "v");
            String all = "*2\r\n$1\r\n0\r\n*1\r\n$1\r\nk\r\n";
            String none = "*2\r\n$1\r\n0\r\n*0\r\n";
            String invalid = "-ERR invalid cursor\r\n";
            assertEquals(all, e.call("SCAN", "0"));
            assertEquals(all, e.call("SCAN", ""), "strtoul of nothing is 0");
            assertEquals(all, e.call("SCAN", "+0"));
            assertEquals(all, e.call("SCAN", "-0"));
            assertEquals(all, e.call("SCAN", "00"));
            assertEquals(none, e.call("SCAN", "-1"), "wraps to 2^64-1");
            assertEquals(none, e.call("SCAN", "18446744073709551615"));
            assertEquals(invalid, e.call("SCAN", "18446744073709551616"));
            assertEquals(invalid, e.call("SCAN", " 1"));
            assertEquals(invalid, e.call("SCAN", "1 "));
            assertEquals(invalid, e.call("SCAN", "1x"));
            assertEquals(invalid, e.call("SCAN", "-"));
            assertEquals(invalid, e.call("SCAN", "+"));
            assertEquals(invalid, e.call("SCAN", "0x10"));
            assertEquals(invalid, e.call("SCAN", "abc", "COUNT", "0"), "the cursor is checked first");
        }
    }

    @Test
    void shouldRejectBadScanOptions() {
        try (EmbeddedEngine e = new EmbeddedEngine(2, new ManualClock(T0))) {
            String syntax = "-ERR syntax error\r\n";
            assertEquals(syntax, e.call("SCAN", "0", "COUNT", "0"));
            assertEquals(syntax, e.call("SCAN", "0", "COUNT", "-1"));
            assertEquals("-ERR value is not an integer or out of range\r\n", e.call("SCAN", "0", "COUNT", "abc"));
            assertEquals(syntax, e.call("SCAN", "0", "MATCH"));
            assertEquals(syntax, e.call("SCAN", "0", "TYPE"));
            assertEquals(syntax, e.call("SCAN", "0", "foo", "bar"));
            assertEquals(syntax, e.call("SCAN", "0", "COUNT", "1", "junk"));
            assertEquals("-ERR wrong number of arguments for 'scan' command\r\n", e.call("SCAN"));
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldScanAndListTheSelectedDatabase(int shards) {
        try (EmbeddedEngine e = new EmbeddedEngine(shards, new ManualClock(T0))) {
            e.call("SET", "in0", "v");
            e.call("SELECT", "3");
            e.call("SET", "in3", "v");
            assertEquals(List.of("in3"), scanAll(e));
            assertEquals("*1\r\n" + bulk("in3"), e.call("KEYS", "*"));
            assertEquals(bulk("in3"), e.call("RANDOMKEY"));
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldPickRandomKeysFromEveryShard(int shards) {
        try (EmbeddedEngine e = new EmbeddedEngine(shards, new ManualClock(T0))) {
            assertEquals("$-1\r\n", e.call("RANDOMKEY"));
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                e.call("SET", "r" + i, "v");
                keys.add("r" + i);
            }
            Set<String> picked = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                String r = e.call("RANDOMKEY");
                String key = r.split("\r\n")[1];
                assertTrue(keys.contains(key), r);
                picked.add(key);
            }
            assertTrue(picked.size() >= 15, "random picks should cover the keys, got " + picked);
            for (int s = 0; s < shards; s++) {
                int shard = s;
                assertTrue(picked.stream().anyMatch(k -> shardOf(e, k) == shard), "no pick from shard " + s);
            }
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldSkipAndDeleteExpiredKeysInRandomkey(int shards) {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = new EmbeddedEngine(shards, clock)) {
            for (int i = 0; i < 50; i++) {
                e.call("SET", "dead" + i, "v", "PX", "10");
            }
            e.call("SET", "live", "v");
            clock.advance(11);
            assertEquals(bulk("live"), e.call("RANDOMKEY"));
            clock.advance(10);
            e.call("PEXPIRE", "live", "1");
            clock.advance(2);
            assertEquals("$-1\r\n", e.call("RANDOMKEY"));
            assertEquals(num(0), e.call("DBSIZE"));
        }
    }

    @Test
    void shouldAnswerRandomkeyAsNullInResp3() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            e.call("HELLO", "3");
            assertEquals("_\r\n", e.call("RANDOMKEY"));
        }
    }

    static int shardOf(EmbeddedEngine e, String k) {
        byte[] b = k.getBytes();
        return e.context().shardOfKey(b, 0, b.length);
    }

    @Test
    void shouldNotReturnDuplicatesAcrossTheShardBoundary() {
        try (EmbeddedEngine e = new EmbeddedEngine(2, new ManualClock(T0))) {
            for (int i = 0; i < 300; i++) {
                e.call("SET", "d" + i, "v");
            }
            List<String> all = scanAll(e, "COUNT", "3");
            assertEquals(300, all.size());
            assertEquals(300, new HashSet<>(all).size());
            assertFalse(all.contains("missing"));
        }
    }
}
