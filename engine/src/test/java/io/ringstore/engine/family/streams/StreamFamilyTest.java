package io.ringstore.engine.family.streams;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ringstore.engine.testing.Fixtures.T0;
import static io.ringstore.engine.testing.Fixtures.keyOnShard;
import static io.ringstore.engine.testing.Resp.EMPTY;
import static io.ringstore.engine.testing.Resp.NULL;
import static io.ringstore.engine.testing.Resp.NULL_ARRAY;
import static io.ringstore.engine.testing.Resp.OK;
import static io.ringstore.engine.testing.Resp.SYNTAX;
import static io.ringstore.engine.testing.Resp.WRONGTYPE;
import static io.ringstore.engine.testing.Resp.bulk;
import static io.ringstore.engine.testing.Resp.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stream commands through the engine, on one and two shards, with a manual clock for auto ids
 * and idle times. Expected replies are redis-server 7.0.15's.
 */
@Timeout(30)
class StreamFamilyTest {
    private static EmbeddedEngine engine(int shards, ManualClock clock) {
        return new EmbeddedEngine(shards, clock);
    }

    /** [id, [f, v, ...]] */
    private static String entry(String id, String... fv) {
        StringBuilder sb = new StringBuilder("*2\r\n").append(bulk(id)).append("*").append(fv.length).append("\r\n");
        for (String x : fv) {
            sb.append(bulk(x));
        }
        return sb.toString();
    }

    private static String arr(String... parts) {
        return "*" + parts.length + "\r\n" + String.join("", parts);
    }

    private static String err(String s) {
        return "-" + s + "\r\n";
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldGenerateIdsFromTheClockAndTheLastId(int shards) {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = engine(shards, clock)) {
            assertEquals(bulk(T0 + "-0"), e.call("XADD", "s", "*", "f", "1"));
            assertEquals(bulk(T0 + "-1"), e.call("XADD", "s", "*", "f", "2"));
            clock.set(T0 - 5000); // the clock going back never makes an id go back
            assertEquals(bulk(T0 + "-2"), e.call("XADD", "s", "*", "f", "3"));
            clock.set(T0 + 7);
            assertEquals(bulk((T0 + 7) + "-0"), e.call("XADD", "s", "*", "f", "4"));
            assertEquals(bulk((T0 + 7) + "-1"), e.call("XADD", "s", (T0 + 7) + "-*", "f", "5"));
            assertEquals(bulk((T0 + 9) + "-0"), e.call("XADD", "s", (T0 + 9) + "-*", "f", "6"));
            assertEquals(err("ERR The ID specified in XADD is equal or smaller than the target stream top item"),
                    e.call("XADD", "s", "5-1", "f", "x"));
            assertEquals(err("ERR The ID specified in XADD must be greater than 0-0"),
                    e.call("XADD", "t", "0-0", "f", "x"));
            assertEquals(num(0), e.call("EXISTS", "t"));
            assertEquals(bulk("0-1"), e.call("XADD", "t", "0-*", "f", "x"));
            assertEquals(bulk("1-18446744073709551615"), e.call("XADD", "u", "1-18446744073709551615", "a", "b"));
            assertEquals(err("ERR Elements are too large to be stored"), e.call("XADD", "u", "1-*", "a", "b"));
            assertEquals(bulk((T0 + 7) + "-0"), e.call("XADD", "u", "*", "a", "b"));
            assertEquals(bulk((T0 + 100) + "-18446744073709551615"),
                    e.call("XADD", "u", (T0 + 100) + "-18446744073709551615", "a", "b"));
            assertEquals(bulk((T0 + 101) + "-0"), e.call("XADD", "u", "*", "a", "b"), "seq overflow moves to the next ms");
            assertEquals(err("ERR Invalid stream ID specified as stream command argument"),
                    e.call("XADD", "u", "abc", "a", "b"));
            assertEquals(err("ERR wrong number of arguments for 'xadd' command"), e.call("XADD", "u", "*", "a"));
            assertEquals(NULL, e.call("XADD", "none", "NOMKSTREAM", "*", "a", "b"));
            assertEquals(num(0), e.call("EXISTS", "none"));
            assertEquals(num(6), e.call("XLEN", "s"));
            assertEquals(num(4), e.call("XLEN", "u"));
            assertEquals(num(0), e.call("XLEN", "none"));
            assertEquals("+stream\r\n", e.call("TYPE", "s"));
            assertEquals(bulk("stream"), e.call("OBJECT", "ENCODING", "s"));
            e.call("SET", "str", "x");
            for (String[] call : new String[][] {{"XADD", "str", "*", "a", "b"}, {"XLEN", "str"},
                {"XRANGE", "str", "-", "+"}, {"XDEL", "str", "1-1"}, {"XTRIM", "str", "MAXLEN", "1"},
                {"XREAD", "STREAMS", "str", "0"}, {"XGROUP", "CREATE", "str", "g", "$"},
                {"XINFO", "STREAM", "str"}, {"XACK", "str", "g", "1-1"}, {"XPENDING", "str", "g"}}) {
                assertEquals(WRONGTYPE, e.call(call), String.join(" ", call));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldReadRangesForwardBackwardAndExclusive(int shards) {
        try (EmbeddedEngine e = engine(shards, new ManualClock(T0))) {
            for (int i = 1; i <= 5; i++) {
                e.call("XADD", "s", i + "-1", "f", "v" + i);
            }
            assertEquals(arr(entry("2-1", "f", "v2"), entry("3-1", "f", "v3")), e.call("XRANGE", "s", "2", "3"));
            assertEquals(arr(entry("3-1", "f", "v3")), e.call("XRANGE", "s", "(2-1", "(4-1"));
            assertEquals(arr(entry("5-1", "f", "v5"), entry("4-1", "f", "v4")),
                    e.call("XREVRANGE", "s", "+", "-", "COUNT", "2"));
            assertEquals(NULL_ARRAY, e.call("XRANGE", "s", "-", "+", "COUNT", "0"));
            assertEquals(EMPTY, e.call("XRANGE", "nokey", "-", "+", "COUNT", "0"));
            assertEquals(err("ERR invalid start ID for the interval"),
                    e.call("XRANGE", "s", "(18446744073709551615-18446744073709551615", "+"));
            assertEquals(err("ERR invalid end ID for the interval"), e.call("XRANGE", "s", "-", "(0-0"));
            assertEquals(err("ERR Invalid stream ID specified as stream command argument"),
                    e.call("XRANGE", "s", "(-", "+"));
            assertEquals(SYNTAX, e.call("XRANGE", "s", "-", "+", "LIMIT", "2"));
            assertEquals(num(2), e.call("XDEL", "s", "1-1", "3-1", "9-9"));
            assertEquals(arr(entry("2-1", "f", "v2"), entry("4-1", "f", "v4"), entry("5-1", "f", "v5")),
                    e.call("XRANGE", "s", "-", "+"));
            assertEquals(num(3), e.call("XDEL", "s", "2-1", "4-1", "5-1"));
            assertEquals(num(1), e.call("EXISTS", "s"), "an emptied stream is kept");
            assertEquals(EMPTY, e.call("XRANGE", "s", "-", "+"));
        }
    }

    @Test
    void shouldTrimWholeNodesWithTildeAndExactlyWithEquals() {
        try (EmbeddedEngine e = engine(1, new ManualClock(T0))) {
            for (int i = 1; i <= 250; i++) {
                e.call("XADD", "s", i + "-0", "f", "v");
            }
            // nodes of 100 entries: keeping at least 120 can only drop the first node
            assertEquals(num(100), e.call("XTRIM", "s", "MAXLEN", "~", "120"));
            assertEquals(num(150), e.call("XLEN", "s"));
            assertEquals(num(0), e.call("XTRIM", "s", "MAXLEN", "~", "100"), "dropping a node would go below 100");
            assertEquals(num(30), e.call("XTRIM", "s", "MAXLEN", "=", "120"));
            assertEquals(num(120), e.call("XLEN", "s"));
            assertEquals(num(0), e.call("XTRIM", "s", "MINID", "~", "200", "LIMIT", "10"));
            assertEquals(num(70), e.call("XTRIM", "s", "MINID", "~", "250", "LIMIT", "0"));
            assertEquals(num(50), e.call("XLEN", "s"));
            assertEquals(err("ERR syntax error, LIMIT cannot be used without the special ~ option"),
                    e.call("XTRIM", "s", "MAXLEN", "1", "LIMIT", "5"));
            assertEquals(err("ERR syntax error, XTRIM must be called with a trimming strategy"),
                    e.call("XTRIM", "s", "LIMIT", "0"));
            assertEquals(err("ERR The MAXLEN argument must be >= 0."), e.call("XTRIM", "s", "MAXLEN", "-1"));
            assertEquals(bulk("300-0"), e.call("XADD", "s", "MAXLEN", "2", "300-0", "f", "v"));
            assertEquals(num(2), e.call("XLEN", "s"));
        }
    }

    @Test
    void shouldReadSeveralStreamsAcrossShards() {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = engine(2, clock)) {
            String a = keyOnShard(e, "a", 0);
            String b = keyOnShard(e, "b", 1);
            e.call("XADD", a, "1-1", "f", "a1");
            e.call("XADD", b, "2-1", "f", "b1");
            e.call("XADD", b, "3-1", "f", "b2");
            assertEquals(arr(arr(bulk(a), arr(entry("1-1", "f", "a1"))), arr(bulk(b), arr(entry("3-1", "f", "b2")))),
                    e.call("XREAD", "STREAMS", a, b, "0", "2-1"));
            assertEquals(NULL_ARRAY, e.call("XREAD", "STREAMS", a, b, "$", "$"));
            io.ringstore.engine.ClientSession w = e.newSession(); // nothing to serve: it blocks, then times out
            assertEquals("", e.call(w, "XREAD", "BLOCK", "100", "STREAMS", a, "$"));
            clock.advance(101);
            e.tick();
            assertEquals(NULL_ARRAY, e.deferredReply(w, 2000));
            assertEquals(err("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be"
                    + " specified."), e.call("XREAD", "STREAMS", a, b, "0"));
            assertEquals(err("ERR timeout is negative"), e.call("XREAD", "BLOCK", "-1", "STREAMS", a, "0"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRunAConsumerGroupLifecycle(int shards) {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = engine(shards, clock)) {
            assertEquals(err("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may"
                    + " want to use the MKSTREAM option to create an empty stream automatically."),
                    e.call("XGROUP", "CREATE", "s", "g", "$"));
            assertEquals(OK, e.call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"));
            assertEquals(err("BUSYGROUP Consumer Group name already exists"), e.call("XGROUP", "CREATE", "s", "g", "0"));
            assertEquals(NULL_ARRAY, e.call("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">"));
            e.call("XADD", "s", "1-1", "f", "1");
            e.call("XADD", "s", "2-1", "f", "2");
            e.call("XADD", "s", "3-1", "f", "3");
            assertEquals(arr(arr(bulk("s"), arr(entry("1-1", "f", "1"), entry("2-1", "f", "2")))),
                    e.call("XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">"));
            clock.advance(1000);
            assertEquals(arr(arr(bulk("s"), arr(entry("3-1", "f", "3")))),
                    e.call("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", ">"));
            assertEquals(arr(num(3), bulk("1-1"), bulk("3-1"), arr(arr(bulk("alice"), bulk("2")),
                    arr(bulk("bob"), bulk("1")))), e.call("XPENDING", "s", "g"));
            clock.advance(500);
            assertEquals(arr(arr(bulk("1-1"), bulk("alice"), num(1500), num(1)),
                    arr(bulk("2-1"), bulk("alice"), num(1500), num(1))),
                    e.call("XPENDING", "s", "g", "IDLE", "1000", "-", "+", "10"));
            // alice died: bob claims what waited over a second
            assertEquals(arr(entry("1-1", "f", "1"), entry("2-1", "f", "2")),
                    e.call("XCLAIM", "s", "g", "bob", "1000", "1-1", "2-1", "3-1"));
            assertEquals(arr(arr(bulk("1-1"), bulk("bob"), num(0), num(2))),
                    e.call("XPENDING", "s", "g", "-", "+", "1", "bob"));
            assertEquals(num(2), e.call("XACK", "s", "g", "1-1", "2-1", "9-9"));
            assertEquals(arr(arr(bulk("s"), arr(entry("3-1", "f", "3")))),
                    e.call("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", "0"));
            e.call("XDEL", "s", "3-1");
            assertEquals(arr(bulk("0-0"), EMPTY, arr(bulk("3-1"))),
                    e.call("XAUTOCLAIM", "s", "g", "carol", "0", "0"));
            assertEquals(arr(num(0), NULL, NULL, NULL_ARRAY), e.call("XPENDING", "s", "g"));
            assertEquals(num(1), e.call("XGROUP", "CREATECONSUMER", "s", "g", "dave"));
            assertEquals(num(0), e.call("XGROUP", "DELCONSUMER", "s", "g", "alice"));
            assertEquals(err("NOGROUP No such key 's' or consumer group 'x' in XREADGROUP with GROUP option"),
                    e.call("XREADGROUP", "GROUP", "x", "c", "STREAMS", "s", ">"));
            assertEquals(err("NOGROUP No such consumer group 'x' for key name 's'"),
                    e.call("XGROUP", "SETID", "s", "x", "0"));
            String groups = e.call("XINFO", "GROUPS", "s");
            assertTrue(groups.contains(bulk("last-delivered-id") + bulk("3-1")), groups);
            assertTrue(groups.contains(bulk("entries-read") + num(3) + bulk("lag") + num(0)), groups);
            assertEquals(num(1), e.call("XGROUP", "DESTROY", "s", "g"));
            assertEquals(num(0), e.call("XGROUP", "DESTROY", "s", "g"));
        }
    }

    @Test
    void shouldDescribeAStreamWithXinfo() {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = engine(1, clock)) {
            e.call("XADD", "s", "1-1", "a", "1");
            e.call("XADD", "s", "2-1", "a", "2");
            e.call("XDEL", "s", "2-1");
            assertEquals(arr(bulk("length"), num(1), bulk("radix-tree-keys"), num(1), bulk("radix-tree-nodes"), num(2),
                    bulk("last-generated-id"), bulk("2-1"), bulk("max-deleted-entry-id"), bulk("2-1"),
                    bulk("entries-added"), num(2), bulk("recorded-first-entry-id"), bulk("1-1"), bulk("groups"),
                    num(0), bulk("first-entry"), entry("1-1", "a", "1"), bulk("last-entry"), entry("1-1", "a", "1")),
                    e.call("XINFO", "STREAM", "s"));
            e.call("XGROUP", "CREATE", "s", "g", "0");
            e.call("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">");
            clock.advance(42);
            assertEquals(arr(arr(bulk("name"), bulk("c"), bulk("pending"), num(1), bulk("idle"), num(42))),
                    e.call("XINFO", "CONSUMERS", "s", "g"));
            String full = e.call("XINFO", "STREAM", "s", "FULL", "COUNT", "1");
            assertTrue(full.contains(bulk("seen-time") + num(T0)), full);
            assertEquals(err("ERR unknown subcommand or wrong number of arguments for 'STREAM'. Try XINFO HELP."),
                    e.call("XINFO", "STREAM", "s", "FULL", "COUNT"));
            assertEquals(err("ERR no such key"), e.call("XINFO", "STREAM", "none"));
            assertEquals(OK, e.call("XSETID", "s", "5-0", "ENTRIESADDED", "9", "MAXDELETEDID", "4-0"));
            assertEquals(err("ERR The ID specified in XSETID is smaller than current max_deleted_entry_id"),
                    e.call("XSETID", "s", "3-0"));
            assertEquals(bulk("5-1"), e.call("XADD", "s", "5-*", "a", "3"));
            assertEquals(num(1), e.call("COPY", "s", "t"));
            assertEquals(num(1), e.call("XACK", "s", "g", "1-1"));
            assertTrue(e.call("XPENDING", "t", "g").startsWith("*4\r\n:1\r\n"), "COPY copies groups and PELs");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldWorkWithGenericKeyCommands(int shards) {
        try (EmbeddedEngine e = engine(shards, new ManualClock(T0))) {
            e.call("XADD", "{k}s", "1-1", "f", "v");
            e.call("SET", "{k}str", "x");
            assertEquals(arr(bulk("0"), arr(bulk("{k}s"))), e.call("SCAN", "0", "TYPE", "stream", "COUNT", "1000"));
            String digest = e.call("DEBUG", "DIGEST");
            e.call("XGROUP", "CREATE", "{k}s", "g", "0");
            assertTrue(!digest.equals(e.call("DEBUG", "DIGEST")), "groups are part of the digest");
            assertEquals(OK, e.call("RENAME", "{k}s", "{k}t"));
            assertEquals(num(1), e.call("XLEN", "{k}t"));
            assertEquals(num(1), e.call("PEXPIRE", "{k}t", "100000"));
            assertEquals(num(1), e.call("MOVE", "{k}t", "1"));
            e.call("SELECT", "1");
            assertEquals("+stream\r\n", e.call("TYPE", "{k}t"));
            assertEquals(num(1), e.call("DEL", "{k}t"));
            assertEquals(num(0), e.call("EXISTS", "{k}t"));
        }
    }
}
