package io.ringstore.engine.family.sets;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.testing.Resp;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static io.ringstore.engine.testing.Fixtures.T0;
import static io.ringstore.engine.testing.Fixtures.keyOnShard;
import static io.ringstore.engine.testing.Resp.EMPTY;
import static io.ringstore.engine.testing.Resp.NOT_INT;
import static io.ringstore.engine.testing.Resp.NULL;
import static io.ringstore.engine.testing.Resp.OK;
import static io.ringstore.engine.testing.Resp.SYNTAX;
import static io.ringstore.engine.testing.Resp.WRONGTYPE;
import static io.ringstore.engine.testing.Resp.arr;
import static io.ringstore.engine.testing.Resp.bulk;
import static io.ringstore.engine.testing.Resp.ints;
import static io.ringstore.engine.testing.Resp.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every set command through the engine, on one and two shards; with two shards SMOVE and the
 * SINTER/SUNION/SDIFF family get keys on different shards, so they run at a barrier. Expected
 * replies are redis-server 7.0.15's (intset members reply in ascending order, as there).
 */
@Timeout(30)
class SetFamilyTest {
    private static EmbeddedEngine engine(int shards) {
        return new EmbeddedEngine(shards, new ManualClock(T0));
    }

    /** The bulk strings of a flat array reply, sorted: for hashtable sets, whose order is not Redis's. */
    private static String sortedItems(String reply) {
        Resp.Reply r = Resp.parse(reply);
        java.util.List<String> items = r.strings();
        items.sort(null);
        return r.type() + "" + r.size() + " " + items;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldAddRemoveAndCountMembers(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            assertEquals(num(3), e.call("SADD", "s", "3", "1", "2"));
            assertEquals(num(1), e.call("SADD", "s", "2", "5"));
            assertEquals(bulk("intset"), e.call("OBJECT", "ENCODING", "s"));
            assertEquals("+set\r\n", e.call("TYPE", "s"));
            assertEquals(arr("1", "2", "3", "5"), e.call("SMEMBERS", "s"));
            assertEquals(num(4), e.call("SCARD", "s"));
            assertEquals(num(1), e.call("SISMEMBER", "s", "3"));
            assertEquals(num(0), e.call("SISMEMBER", "s", "x"));
            assertEquals(ints(1, 0, 0), e.call("SMISMEMBER", "s", "1", "9", "a"));
            assertEquals(num(2), e.call("SREM", "s", "1", "9", "5"));
            assertEquals(num(1), e.call("SADD", "s", "a"));
            assertEquals(bulk("hashtable"), e.call("OBJECT", "ENCODING", "s"));
            assertEquals(num(1), e.call("SREM", "s", "a"));
            assertEquals(bulk("hashtable"), e.call("OBJECT", "ENCODING", "s"), "never back to intset");
            assertEquals(num(2), e.call("SREM", "s", "2", "3"));
            assertEquals(num(0), e.call("EXISTS", "s"), "an emptied set is deleted");
            assertEquals(num(0), e.call("SCARD", "nokey"));
            assertEquals(num(0), e.call("SREM", "nokey", "a"));
            assertEquals(EMPTY, e.call("SMEMBERS", "nokey"));
            assertEquals(ints(0), e.call("SMISMEMBER", "nokey", "a"));
            assertEquals(num(4), e.call("SADD", "w", "7", "-70000", "9223372036854775807", "-9223372036854775808"));
            assertEquals(bulk("intset"), e.call("OBJECT", "ENCODING", "w"), "widened to 8 bytes, still an intset");
            assertEquals(arr("-9223372036854775808", "-70000", "7", "9223372036854775807"), e.call("SMEMBERS", "w"));
            assertEquals(arr("-9223372036854775808", "-70000", "7", "9223372036854775807"), e.call("SINTER", "w", "w"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldConvertPastSetMaxIntsetEntries(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            assertEquals(OK, e.call("CONFIG", "SET", "set-max-intset-entries", "3"));
            assertEquals(num(3), e.call("SADD", "s", "1", "2", "3"));
            assertEquals(bulk("intset"), e.call("OBJECT", "ENCODING", "s"));
            assertEquals(num(1), e.call("SADD", "s", "4"));
            assertEquals(bulk("hashtable"), e.call("OBJECT", "ENCODING", "s"));
            assertEquals(num(1), e.call("SADD", "w", "word"));
            assertEquals(bulk("hashtable"), e.call("OBJECT", "ENCODING", "w"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldAnswerWrongTypeEverywhere(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            e.call("SET", "str", "v");
            e.call("SADD", "s", "1");
            for (String[] cmd : new String[][] {
                {"SADD", "str", "a"}, {"SREM", "str", "a"}, {"SCARD", "str"}, {"SISMEMBER", "str", "a"},
                {"SMISMEMBER", "str", "a"}, {"SMEMBERS", "str"}, {"SRANDMEMBER", "str"}, {"SPOP", "str"},
                {"SPOP", "str", "2"}, {"SRANDMEMBER", "str", "2"}, {"SMOVE", "str", "s", "1"},
                {"SMOVE", "s", "str", "1"}, {"SINTER", "nokey", "str"}, {"SINTERCARD", "2", "nokey", "str"},
                {"SINTERSTORE", "d", "nokey", "str"}, {"SUNION", "s", "str"}, {"SDIFF", "nokey", "str"},
                {"SUNIONSTORE", "d", "str"}, {"SDIFFSTORE", "d", "s", "str"}, {"SSCAN", "str", "0"}}) {
                assertEquals(WRONGTYPE, e.call(cmd), Arrays.toString(cmd));
            }
            assertEquals(num(0), e.call("SMOVE", "nokey", "str", "1"), "missing source before type checks");
            assertEquals(bulk("v"), e.call("GET", "str"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldMoveAcrossShards(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            String src = keyOnShard(e, "src", 0);
            String dst = keyOnShard(e, "dst", 1);
            e.call("SADD", src, "1", "2");
            assertEquals(num(1), e.call("SMOVE", src, dst, "1"));
            assertEquals(num(0), e.call("SMOVE", src, dst, "9"));
            assertEquals(bulk("intset"), e.call("OBJECT", "ENCODING", dst));
            assertEquals(num(1), e.call("SMOVE", src, dst, "2"));
            assertEquals(num(0), e.call("EXISTS", src), "emptied source deleted");
            assertEquals(arr("1", "2"), e.call("SMEMBERS", dst));
            assertEquals(num(1), e.call("SMOVE", dst, dst, "1"), "same key: membership only");
            assertEquals(num(0), e.call("SMOVE", dst, dst, "7"));
            e.call("SADD", src, "x");
            assertEquals(num(1), e.call("SMOVE", src, dst, "x"));
            assertEquals(bulk("hashtable"), e.call("OBJECT", "ENCODING", dst));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldIntersectUniteAndSubtractAcrossShards(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            String a = keyOnShard(e, "a", 0);
            String b = keyOnShard(e, "b", 1);
            String d = keyOnShard(e, "d", 1);
            e.call("SADD", a, "1", "2", "3", "4");
            e.call("SADD", b, "3", "4", "5");
            assertEquals(arr("3", "4"), e.call("SINTER", a, b));
            assertEquals(EMPTY, e.call("SINTER", a, "nokey"));
            assertEquals(num(2), e.call("SINTERCARD", "2", a, b));
            assertEquals(num(1), e.call("SINTERCARD", "2", a, b, "LIMIT", "1"));
            assertEquals(num(0), e.call("SINTERCARD", "2", a, "nokey"));
            assertEquals(arr("1", "2", "3", "4", "5"), e.call("SUNION", a, b, "nokey"));
            assertEquals(arr("1", "2"), e.call("SDIFF", a, b));
            assertEquals(EMPTY, e.call("SDIFF", "nokey", a));

            e.call("SET", d, "string");
            e.call("EXPIRE", d, "100");
            assertEquals(num(2), e.call("SINTERSTORE", d, a, b));
            assertEquals(num(-1), e.call("TTL", d), "STORE replaces the key and its TTL");
            assertEquals(arr("3", "4"), e.call("SMEMBERS", d));
            assertEquals(bulk("intset"), e.call("OBJECT", "ENCODING", d));
            assertEquals(num(5), e.call("SUNIONSTORE", d, a, b));
            assertEquals(num(2), e.call("SDIFFSTORE", d, a, b));
            assertEquals(arr("1", "2"), e.call("SMEMBERS", d));
            assertEquals(num(0), e.call("SINTERSTORE", d, a, "nokey"));
            assertEquals(num(0), e.call("EXISTS", d), "empty result deletes the destination");
            e.call("SADD", d, "1");
            assertEquals(num(0), e.call("SDIFFSTORE", d, a, a));
            assertEquals(num(0), e.call("EXISTS", d));
            assertEquals(num(4), e.call("SUNIONSTORE", a, a), "destination among the sources");
            assertEquals(num(2), e.call("SDIFFSTORE", a, a, b));
            assertEquals(arr("1", "2"), e.call("SMEMBERS", a));

            e.call("SADD", b, "x", "y");
            assertEquals("*5 [3, 4, 5, x, y]", sortedItems(e.call("SUNION", b)));
            assertEquals(num(5), e.call("SUNIONSTORE", d, b));
            assertEquals(bulk("hashtable"), e.call("OBJECT", "ENCODING", d));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldReplyRedisErrorsForMalformedArguments(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            e.call("SADD", "s", "1", "2");
            assertEquals("-ERR numkeys should be greater than 0\r\n", e.call("SINTERCARD", "0", "s"));
            assertEquals("-ERR numkeys should be greater than 0\r\n", e.call("SINTERCARD", "x", "s"));
            assertEquals("-ERR Number of keys can't be greater than number of args\r\n",
                    e.call("SINTERCARD", "2", "s"));
            assertEquals("-ERR LIMIT can't be negative\r\n", e.call("SINTERCARD", "1", "s", "LIMIT", "-1"));
            assertEquals(SYNTAX, e.call("SINTERCARD", "1", "s", "foo"));
            assertEquals(SYNTAX, e.call("SINTERCARD", "1", "s", "LIMIT"));
            assertEquals(NOT_INT, e.call("SRANDMEMBER", "s", "-0"));
            assertEquals("-ERR value is out of range, value must between -9223372036854775807 and "
                    + "9223372036854775807\r\n", e.call("SRANDMEMBER", "s", "-9223372036854775808"));
            assertEquals("-ERR value is out of range, must be positive\r\n", e.call("SPOP", "s", "-1"));
            assertEquals("-ERR value is out of range, must be positive\r\n", e.call("SPOP", "s", "abc"));
            assertEquals(SYNTAX, e.call("SPOP", "s", "1", "2"));
            assertEquals(SYNTAX, e.call("SRANDMEMBER", "s", "1", "2"));
            assertEquals("-ERR invalid cursor\r\n", e.call("SSCAN", "s", "abc"));
            assertEquals(SYNTAX, e.call("SSCAN", "s", "0", "TYPE", "set"));
            assertEquals(SYNTAX, e.call("SSCAN", "s", "0", "COUNT", "0"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldPopAndPickRandomMembers(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            e.call("SADD", "s", "1", "2", "3", "4", "5");
            assertEquals(NULL, e.call("SRANDMEMBER", "nokey"));
            assertEquals(EMPTY, e.call("SRANDMEMBER", "nokey", "3"));
            assertEquals(EMPTY, e.call("SRANDMEMBER", "s", "0"));
            assertEquals(arr("1", "2", "3", "4", "5"), e.call("SRANDMEMBER", "s", "10"));
            String three = e.call("SRANDMEMBER", "s", "3");
            assertTrue(three.startsWith("*3\r\n"));
            assertEquals(3, new java.util.HashSet<>(Arrays.asList(three.split("\r\n"))).size() - 2,
                    "positive count: distinct members " + three);
            assertTrue(e.call("SRANDMEMBER", "s", "-8").startsWith("*8\r\n"));
            assertEquals(num(5), e.call("SCARD", "s"), "SRANDMEMBER does not remove");

            String one = e.call("SPOP", "s");
            assertEquals(num(4), e.call("SCARD", "s"));
            assertEquals(num(0), e.call("SISMEMBER", "s", one.split("\r\n")[1]));
            assertTrue(e.call("SPOP", "s", "2").startsWith("*2\r\n"));
            assertEquals(num(2), e.call("SCARD", "s"));
            assertEquals(EMPTY, e.call("SPOP", "s", "0"));
            assertTrue(e.call("SPOP", "s", "10").startsWith("*2\r\n"));
            assertEquals(num(0), e.call("EXISTS", "s"), "popping everything deletes the key");
            assertEquals(NULL, e.call("SPOP", "s"));
            assertEquals(EMPTY, e.call("SPOP", "s", "3"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldScanIntsetAtOnceAndHashtableByCursor(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            e.call("SADD", "i", "10", "2", "3");
            assertEquals("*2\r\n" + bulk("0") + arr("2", "3", "10"), e.call("SSCAN", "i", "0", "COUNT", "1"));
            assertEquals("*2\r\n" + bulk("0") + arr("2"), e.call("SSCAN", "i", "0", "MATCH", "2"));
            assertEquals("*2\r\n" + bulk("0") + EMPTY, e.call("SSCAN", "nokey", "0"));
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int k = 0; k < 300; k++) {
                e.call("SADD", "h", "m" + k);
            }
            String cursor = "0";
            int calls = 0;
            do {
                String[] lines = e.call("SSCAN", "h", cursor, "COUNT", "20").split("\r\n");
                cursor = lines[2];
                for (int i = 5; i < lines.length; i += 2) {
                    seen.add(lines[i]);
                }
                calls++;
            } while (!cursor.equals("0"));
            assertEquals(300, seen.size());
            assertTrue(calls > 1, "a large hashtable takes several calls");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldReplyResp3Sets(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            e.call("HELLO", "3");
            e.call("SADD", "s", "2", "1");
            assertEquals("~2\r\n" + bulk("1") + bulk("2"), e.call("SMEMBERS", "s"));
            assertEquals("~0\r\n", e.call("SINTER", "nokey"));
            assertEquals("~0\r\n", e.call("SPOP", "nokey", "2"));
            assertEquals("_\r\n", e.call("SPOP", "nokey"));
            assertEquals("*0\r\n", e.call("SRANDMEMBER", "nokey", "2"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldCopyDeeply(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            e.call("SADD", "s", "1", "x");
            assertEquals(num(1), e.call("COPY", "s", "c"));
            e.call("SREM", "s", "x");
            assertEquals("*2 [1, x]", sortedItems(e.call("SMEMBERS", "c")));
            assertEquals(bulk("hashtable"), e.call("OBJECT", "ENCODING", "c"));
        }
    }
}
