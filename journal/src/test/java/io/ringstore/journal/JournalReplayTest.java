package io.ringstore.journal;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.ringstore.engine.testing.Resp.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Engine-level round trip: run commands on an engine with a journal, replay the journal into a
 * fresh engine through the same ring and command code, and compare every key, value and TTL.
 */
@Timeout(30)
class JournalReplayTest {
    private static final long T0 = 1_700_000_000_000L;
    private Path dir;
    private final AtomicLong now = new AtomicLong(T0);

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("journal-replay");
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

    /** Every key of dbs 0..3 with its value and PTTL, in a stable order. */
    private static List<String> dump(EmbeddedEngine e) {
        List<String> out = new ArrayList<>();
        for (int db = 0; db < 4; db++) {
            e.call("SELECT", Integer.toString(db));
            List<String> keys = strings(e.call("KEYS", "*"));
            Collections.sort(keys);
            for (String k : keys) {
                out.add(db + " " + k + " = " + e.call("GET", k).trim() + " pttl " + e.call("PTTL", k).trim());
            }
        }
        e.call("SELECT", "0");
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldReplayToTheSameKeysValuesAndDeadlines(int shards) throws Exception {
        List<String> before;
        try (EmbeddedEngine a = engine(shards)) {
            a.call("SET", "s", "hello");
            a.call("APPEND", "s", " world");
            a.call("SET", "ex", "v", "EX", "100");
            now.addAndGet(1234);
            a.call("SETEX", "se", "50", "v");
            a.call("PSETEX", "pse", "7000", "v");
            a.call("SET", "e2", "v");
            a.call("EXPIRE", "e2", "200");
            a.call("SET", "pe", "v");
            a.call("PEXPIRE", "pe", "90000");
            a.call("SET", "g", "v");
            a.call("GETEX", "g", "PX", "60000");
            for (int i = 0; i < 3; i++) {
                a.call("INCR", "n");
                a.call("INCRBYFLOAT", "f", "1.1");
                now.addAndGet(7);
            }
            a.call("SET", "short", "41", "PX", "10");
            now.addAndGet(100);
            a.call("INCR", "short"); // the old value expired at this event's time: 1, no TTL
            a.call("INCR", "s"); // an error reply: journaled, replays to the same error
            a.call("SET", "only-one-arg"); // rejected at ingress: not journaled
            a.call("MSET", "m1", "1", "m2", "2", "{m}3", "3");
            a.call("RENAME", "m1", "renamed");
            a.call("DEL", "m2");
            a.call("SELECT", "2");
            a.call("SET", "in2", "x", "EX", "1000");
            a.call("SELECT", "0");
            a.call("SWAPDB", "2", "3");
            a.call("RANDOMKEY");
            a.call("GET", "s");
            before = dump(a);
        }
        assertTrue(before.contains("0 short = $1\r\n1 pttl :-1"), before.toString());
        assertTrue(before.contains("3 in2 = $1\r\nx pttl :1000000"), before.toString());

        now.set(T0 + 1234 + 21 + 100); // the same instant as the dump above
        try (EmbeddedEngine b = engine(shards)) {
            long records = JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine());
            b.startTicker();
            assertEquals(25, records);
            assertEquals(before, dump(b));
            b.call("SET", "after", "restart");
        }
        List<String> all = JournalFiles.read(dir);
        assertEquals(26, all.size());
        assertTrue(all.get(25).endsWith("SET after restart"), all.get(25));
        long prev = -1;
        for (String r : all) {
            long seq = Long.parseLong(r.substring(0, r.indexOf(' ')));
            assertTrue(seq > prev, all.toString());
            prev = seq;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldReplayBitmapWritesToTheSameBytes(int shards) throws Exception {
        List<String> before;
        try (EmbeddedEngine a = engine(shards)) {
            a.call("SETBIT", "b1", "7", "1");
            a.call("SETBIT", "b1", "100", "1");
            a.call("SET", "b2", "foobar", "EX", "100");
            a.call("SETBIT", "b2", "3", "1"); // keeps the TTL
            a.call("BITFIELD", "b3", "SET", "i8", "#2", "-5", "OVERFLOW", "SAT", "INCRBY", "u4", "0", "99");
            a.call("BITOP", "XOR", "dest", "b1", "b2", "b3"); // across shards on two
            a.call("BITOP", "NOT", "b4", "b2");
            a.call("BITOP", "AND", "b4", "missing"); // deletes b4
            a.call("SETBIT", "b1", "x", "1"); // an error reply: replays to the same error
            before = dump(a);
        }
        assertTrue(before.contains("0 b2 = $6\r\nvoobar pttl :100000"), before.toString());
        assertTrue(before.stream().noneMatch(l -> l.startsWith("0 b4 ")), before.toString());
        try (EmbeddedEngine b = engine(shards)) {
            long records = JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine());
            assertEquals(9, records);
            assertEquals(before, dump(b));
        }
    }

    /** Every key of db 0 with its DUMP payload and deadline, and the idle time of key "idle". */
    private static List<String> payloads(EmbeddedEngine e) {
        List<String> out = new ArrayList<>();
        List<String> keys = strings(e.call("KEYS", "*"));
        Collections.sort(keys);
        for (String k : keys) {
            // reads are not journaled, so only a key no read touched keeps its idle time in a replay
            // (OBJECT IDLETIME first: DUMP touches the key)
            String idle = k.equals("idle") ? e.call("OBJECT", "IDLETIME", k).trim() : "-";
            out.add(k + " = " + e.call("DUMP", k) + " at " + e.call("PEXPIRETIME", k).trim() + " idle " + idle);
        }
        return out;
    }

    /** Every geo key's members, scores (hashes or distances, to the bit), encoding and TTL. */
    private static List<String> geoDump(EmbeddedEngine e, String... keys) {
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            out.add(k + " = " + e.call("ZRANGE", k, "0", "-1", "WITHSCORES") + e.call("OBJECT", "ENCODING", k)
                    + " pttl " + e.call("PTTL", k).trim());
        }
        return out;
    }

    private static byte[] payload(EmbeddedEngine e, io.ringstore.engine.ClientSession s, String key) {
        String r = new String(e.callBytes(s, new byte[][] {"DUMP".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            key.getBytes(java.nio.charset.StandardCharsets.US_ASCII)}), java.nio.charset.StandardCharsets.ISO_8859_1);
        int eol = r.indexOf("\r\n");
        return r.substring(eol + 2, r.length() - 2).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String restore(EmbeddedEngine e, io.ringstore.engine.ClientSession s, String key, String ttl,
                                  byte[] payload, String... options) {
        byte[][] args = new byte[4 + options.length][];
        args[0] = "RESTORE".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        args[1] = key.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        args[2] = ttl.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        args[3] = payload;
        for (int i = 0; i < options.length; i++) {
            args[4 + i] = options[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return new String(e.callBytes(s, args), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldReplayRestoresToTheSameValuesDeadlinesAndIdleTimes(int shards) throws Exception {
        List<String> before;
        try (EmbeddedEngine a = engine(shards)) {
            io.ringstore.engine.ClientSession s = a.newSession();
            a.call("SET", "s", "x".repeat(100));
            a.call("RPUSH", "l", "a", "b", "1");
            for (int i = 0; i < 300; i++) {
                a.call("HSET", "h", "f" + i, "v" + i);
                a.call("ZADD", "z", Integer.toString(i), "m" + i);
            }
            a.call("XADD", "x", "1-1", "f", "v");
            a.call("XGROUP", "CREATE", "x", "g", "0");
            a.call("XREADGROUP", "GROUP", "g", "c", "STREAMS", "x", ">");
            for (String k : new String[] {"s", "l", "h", "z", "x"}) {
                assertEquals("+OK\r\n", restore(a, s, k + "1", "5000", payload(a, s, k))); // relative to the event time
            }
            now.addAndGet(1500);
            byte[] p = payload(a, s, "h");
            assertEquals("+OK\r\n", restore(a, s, "abs", Long.toString(now.get() + 9000), p, "ABSTTL"));
            assertEquals("+OK\r\n", restore(a, s, "idle", "0", p, "IDLETIME", "77"));
            assertEquals("+OK\r\n", restore(a, s, "s", "0", payload(a, s, "l"), "REPLACE"));
            assertEquals("+OK\r\n", restore(a, s, "z", "1", p, "ABSTTL", "REPLACE")); // deletes z
            assertEquals("-ERR DUMP payload version or checksum are wrong\r\n", restore(a, s, "bad", "0", new byte[] {7, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
            before = payloads(a);
        }
        assertTrue(before.stream().noneMatch(l -> l.startsWith("z ")), before.toString());
        assertTrue(before.stream().anyMatch(l -> l.startsWith("idle ") && l.endsWith("idle :77")), before.toString());
        try (EmbeddedEngine b = engine(shards)) {
            JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine());
            assertEquals(before, payloads(b));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldReplayHyperLogLogWritesAndCachedCountsToTheSameBytes(int shards) throws Exception {
        List<String> before;
        String h1;
        String h3;
        String[] many = new String[2002];
        many[0] = "PFADD";
        many[1] = "h2";
        for (int i = 0; i < 2000; i++) {
            many[i + 2] = "e" + i;
        }
        try (EmbeddedEngine a = engine(shards)) {
            a.call("PFADD", "h1", "a", "b", "c");
            a.call("PFCOUNT", "h1"); // read-only, yet writes the cached count: journaled
            a.call(many); // promoted to dense
            a.call("PFADD", "h3");
            a.call("EXPIRE", "h3", "100");
            a.call("PFMERGE", "h3", "h1", "h2"); // across shards on two; keeps the TTL
            a.call("PFDEBUG", "TODENSE", "h1");
            a.call("PFCOUNT", "h1", "h2"); // several keys: writes nothing
            a.call("SET", "s", "abc");
            a.call("PFADD", "s", "x"); // an error reply: replays to the same error
            before = dump(a);
            h1 = a.call("GET", "h1");
            h3 = a.call("GET", "h3");
        }
        // dense now, the cached count 3 valid (byte 15's bit 7 clear)
        assertTrue(h1.startsWith("$12304\r\nHYLL\u0000\u0000\u0000\u0000\u0003" + "\u0000".repeat(7)), h1);
        assertTrue(before.stream().anyMatch(l -> l.startsWith("0 h3 = $12304\r\n") && l.endsWith(" pttl :100000")),
                before.toString());
        try (EmbeddedEngine b = engine(shards)) {
            long records = JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine());
            assertEquals(10, records);
            assertEquals(before, dump(b));
            assertEquals(h1, b.call("GET", "h1"));
            assertEquals(h3, b.call("GET", "h3"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldReplayGeoWritesToTheSameHashesAndDistances(int shards) throws Exception {
        List<String> before;
        String[] keys = {"Sicily", "near", "far", "box", "gone"};
        try (EmbeddedEngine a = engine(shards)) {
            a.call("GEOADD", "Sicily", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania");
            a.call("GEOADD", "Sicily", "CH", "XX", "13.5", "38.1", "Palermo", "1", "1", "nope");
            a.call("GEOADD", "Sicily", "181", "0", "bad"); // an error reply: replays to the same error
            a.call("SET", "far", "x", "EX", "100");
            a.call("GEORADIUS", "Sicily", "15", "37", "200", "km", "STOREDIST", "near"); // across shards on two
            a.call("GEORADIUSBYMEMBER", "Sicily", "Palermo", "300", "mi", "DESC", "COUNT", "1", "STORE", "far");
            a.call("GEOSEARCHSTORE", "box", "Sicily", "FROMMEMBER", "Catania", "BYBOX", "400", "400", "km", "STOREDIST");
            a.call("SET", "gone", "x");
            a.call("GEOSEARCHSTORE", "gone", "Sicily", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "m"); // deletes gone
            before = geoDump(a, keys);
        }
        assertTrue(before.get(1).startsWith("near = *4\r\n$7\r\nCatania\r\n$18\r\n56.441257870158204\r\n"
                + "$7\r\nPalermo\r\n$18\r\n180.17715473684564\r\n"),
                before.toString());
        assertTrue(before.get(2).endsWith("pttl :-1"), before.toString());
        assertTrue(before.get(4).startsWith("gone = *0"), before.toString());
        try (EmbeddedEngine b = engine(shards)) {
            long records = JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine());
            assertEquals(9, records);
            assertEquals(before, geoDump(b, keys));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldReplaySortStoresAcrossShardsToTheSameLists(int shards) throws Exception {
        List<String> before;
        try (EmbeddedEngine a = engine(shards)) {
            a.call("RPUSH", "sl", "3", "1", "2", "10");
            a.call("MSET", "w_1", "9", "w_2", "5", "w_3", "7", "o_1", "one", "o_10", "ten");
            a.call("HSET", "h_2", "f", "two");
            // BY and GET patterns read keys of both shards and the destination is on either: a barrier
            a.call("SORT", "sl", "BY", "w_*", "GET", "o_*", "GET", "h_*->f", "GET", "#", "STORE", "dest");
            a.call("SORT", "sl", "ALPHA", "DESC", "LIMIT", "1", "2", "STORE", "dest2");
            a.call("SET", "dest3", "x", "EX", "100");
            a.call("SORT", "sl", "BY", "nosort", "STORE", "dest3"); // replaces the string and drops its TTL
            a.call("SORT", "sl", "LIMIT", "0", "0", "STORE", "dest2"); // an empty result deletes dest2
            a.call("ZADD", "sz", "1", "b", "2", "a");
            a.call("SORT", "sz", "ALPHA"); // no store, yet a write row: journaled, converts sz as Redis does
            a.call("SORT", "sl", "BY", "o_*"); // an error reply: replays to the same error
            before = dump(a);
        }
        assertTrue(before.stream().anyMatch(l -> l.startsWith("0 dest = ")), before.toString());
        assertTrue(before.stream().noneMatch(l -> l.startsWith("0 dest2 ")), before.toString());
        try (EmbeddedEngine b = engine(shards)) {
            long records = JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine());
            assertEquals(11, records);
            assertEquals(before, dump(b));
            assertEquals("$8\r\nskiplist\r\n", b.call("OBJECT", "ENCODING", "sz"));
            assertEquals("*12\r\n$3\r\nten\r\n$0\r\n\r\n$2\r\n10\r\n$0\r\n\r\n$3\r\ntwo\r\n$1\r\n2\r\n"
                    + "$0\r\n\r\n$0\r\n\r\n$1\r\n3\r\n$3\r\none\r\n$0\r\n\r\n$1\r\n1\r\n",
                    b.call("LRANGE", "dest", "0", "-1"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldReplayStreamsToTheSameIdsPendingEntriesAndIdleTimes(int shards) throws Exception {
        String before;
        String[] reads = {"XRANGE", "XINFO STREAM FULL", "XPENDING"};
        List<String> snapshot = new ArrayList<>();
        try (EmbeddedEngine a = engine(shards)) {
            for (int i = 0; i < 30; i++) {
                a.call("XADD", "s", "MAXLEN", "~", "20", "*", "n", Integer.toString(i));
                if (i % 4 == 0) {
                    now.addAndGet(3); // several ids per millisecond, then the next millisecond
                }
            }
            now.addAndGet(-50); // the clock going back must replay to the same ids too
            a.call("XADD", "s", "*", "n", "late");
            a.call("XGROUP", "CREATE", "s", "g", "0");
            a.call("XREADGROUP", "GROUP", "g", "alice", "COUNT", "5", "STREAMS", "s", ">");
            now.addAndGet(1000);
            a.call("XCLAIM", "s", "g", "bob", "500", a.call("XRANGE", "s", "-", "+", "COUNT", "1").split("\r\n")[3]);
            a.call("XADD", "{s}other", "*", "x", "y");
            a.call("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">");
            now.addAndGet(10);
            snapshot.add(a.call("XRANGE", "s", "-", "+"));
            snapshot.add(a.call("XINFO", "STREAM", "s", "FULL"));
            snapshot.add(a.call("XPENDING", "s", "g", "-", "+", "100"));
            before = a.call("DEBUG", "DIGEST");
        }
        try (EmbeddedEngine b = engine(shards)) {
            JournalReplay.replay(dir, JournalFiles.PREFIX, b.engine());
            assertEquals(before, b.call("DEBUG", "DIGEST"));
            assertEquals(snapshot.get(0), b.call("XRANGE", "s", "-", "+"), reads[0]);
            assertEquals(snapshot.get(1), b.call("XINFO", "STREAM", "s", "FULL"), reads[1]);
            assertEquals(snapshot.get(2), b.call("XPENDING", "s", "g", "-", "+", "100"), reads[2]);
        }
    }
}
