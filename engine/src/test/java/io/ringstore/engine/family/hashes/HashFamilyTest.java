package io.ringstore.engine.family.hashes;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ringstore.engine.testing.Fixtures.T0;
import static io.ringstore.engine.testing.Resp.EMPTY;
import static io.ringstore.engine.testing.Resp.NOT_INT;
import static io.ringstore.engine.testing.Resp.NULL;
import static io.ringstore.engine.testing.Resp.OK;
import static io.ringstore.engine.testing.Resp.SYNTAX;
import static io.ringstore.engine.testing.Resp.WRONGTYPE;
import static io.ringstore.engine.testing.Resp.arr;
import static io.ringstore.engine.testing.Resp.bulk;
import static io.ringstore.engine.testing.Resp.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every hash command through the engine, on one and two shards. Expected replies are
 * redis-server 7.0.15's.
 */
@Timeout(30)
class HashFamilyTest {
    private static EmbeddedEngine engine(int shards) {
        return new EmbeddedEngine(shards, new ManualClock(T0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldSetGetAndDeleteFields(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            assertEquals(num(2), e.call("HSET", "h", "a", "1", "b", "2"));
            assertEquals(num(1), e.call("HSET", "h", "a", "10", "c", "3"));
            assertEquals(OK, e.call("HMSET", "h", "d", "4"));
            assertEquals("-ERR wrong number of arguments for 'hset' command\r\n", e.call("HSET", "h", "a", "1", "b"));
            assertEquals("-ERR wrong number of arguments for 'hmset' command\r\n", e.call("HMSET", "h", "a"));
            assertEquals(num(0), e.call("HSETNX", "h", "a", "x"));
            assertEquals(num(1), e.call("HSETNX", "h", "e", "5"));
            assertEquals(bulk("10"), e.call("HGET", "h", "a"));
            assertEquals(NULL, e.call("HGET", "h", "zz"));
            assertEquals(NULL, e.call("HGET", "nokey", "a"));
            assertEquals("*3\r\n" + bulk("10") + NULL + bulk("2"), e.call("HMGET", "h", "a", "zz", "b"));
            assertEquals("*2\r\n" + NULL + NULL, e.call("HMGET", "nokey", "a", "b"));
            assertEquals(num(5), e.call("HLEN", "h"));
            assertEquals(num(0), e.call("HLEN", "nokey"));
            assertEquals(num(2), e.call("HSTRLEN", "h", "a"));
            assertEquals(num(0), e.call("HSTRLEN", "h", "zz"));
            assertEquals(num(1), e.call("HEXISTS", "h", "a"));
            assertEquals(num(0), e.call("HEXISTS", "h", "zz"));
            assertEquals(arr("a", "b", "c", "d", "e"), e.call("HKEYS", "h"));
            assertEquals(arr("10", "2", "3", "4", "5"), e.call("HVALS", "h"));
            assertEquals(arr("a", "10", "b", "2", "c", "3", "d", "4", "e", "5"), e.call("HGETALL", "h"));
            assertEquals(num(2), e.call("HDEL", "h", "a", "zz", "c"));
            assertEquals(arr("b", "2", "d", "4", "e", "5"), e.call("HGETALL", "h"));
            assertEquals(num(0), e.call("HDEL", "nokey", "a"));
            assertEquals(num(3), e.call("HDEL", "h", "b", "d", "e", "b"));
            assertEquals(num(0), e.call("EXISTS", "h"));
            assertEquals(EMPTY, e.call("HGETALL", "nokey"));
            assertEquals(EMPTY, e.call("HKEYS", "nokey"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldReplyWrongTypeEverywhere(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            e.call("SET", "s", "x");
            String[][] calls = {{"HSET", "s", "a", "1"}, {"HMSET", "s", "a", "1"}, {"HSETNX", "s", "a", "1"},
                {"HGET", "s", "a"}, {"HMGET", "s", "a"}, {"HDEL", "s", "a"}, {"HLEN", "s"}, {"HSTRLEN", "s", "a"},
                {"HEXISTS", "s", "a"}, {"HKEYS", "s"}, {"HVALS", "s"}, {"HGETALL", "s"},
                {"HINCRBY", "s", "a", "1"}, {"HINCRBYFLOAT", "s", "a", "1"}, {"HRANDFIELD", "s"},
                {"HRANDFIELD", "s", "2"}, {"HSCAN", "s", "0"}};
            for (String[] call : calls) {
                assertEquals(WRONGTYPE, e.call(call), String.join(" ", call));
            }
            e.call("HSET", "h", "a", "1");
            assertEquals(bulk("hash"), "$4\r\nhash\r\n");
            assertEquals("+hash\r\n", e.call("TYPE", "h"));
            assertEquals(WRONGTYPE, e.call("GET", "h"));
            assertEquals(WRONGTYPE, e.call("LPUSH", "h", "x"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldIncrementFieldsAsRedis(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            assertEquals(num(5), e.call("HINCRBY", "h", "n", "5"));
            assertEquals(num(2), e.call("HINCRBY", "h", "n", "-3"));
            assertEquals(NOT_INT, e.call("HINCRBY", "h", "n", "x"));
            assertEquals(NOT_INT, e.call("HINCRBY", "s", "n", "x"));
            e.call("HSET", "h", "t", "abc", "big", "9223372036854775807", "sp", " 1");
            assertEquals("-ERR hash value is not an integer\r\n", e.call("HINCRBY", "h", "t", "1"));
            assertEquals("-ERR hash value is not an integer\r\n", e.call("HINCRBY", "h", "sp", "1"));
            assertEquals("-ERR increment or decrement would overflow\r\n", e.call("HINCRBY", "h", "big", "1"));
            assertEquals(bulk("3.5"), e.call("HINCRBYFLOAT", "h", "n", "1.5"));
            assertEquals(bulk("3.5"), e.call("HGET", "h", "n"));
            assertEquals(bulk("1.5"), e.call("HINCRBYFLOAT", "h2", "f", "1.5"));
            assertEquals("-ERR hash value is not a float\r\n", e.call("HINCRBYFLOAT", "h", "t", "1"));
            assertEquals("-ERR hash value is not a float\r\n", e.call("HINCRBYFLOAT", "h", "sp", "1"));
            assertEquals("-ERR value is not a valid float\r\n", e.call("HINCRBYFLOAT", "h", "n", "x"));
            assertEquals("-ERR value is NaN or Infinity\r\n", e.call("HINCRBYFLOAT", "h", "n", "inf"));
            assertEquals(bulk("10000000000000000000"), e.call("HINCRBYFLOAT", "h3", "f", "1e19"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldReportListpackThenHashtableEncoding(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            e.call("HSET", "h", "a", "1");
            assertEquals(bulk("listpack"), e.call("OBJECT", "ENCODING", "h"));
            e.call("HSET", "h", "b", "x".repeat(65));
            assertEquals(bulk("hashtable"), e.call("OBJECT", "ENCODING", "h"));
            e.call("HDEL", "h", "b");
            assertEquals(bulk("hashtable"), e.call("OBJECT", "ENCODING", "h"));
            assertEquals(OK, e.call("CONFIG", "SET", "hash-max-listpack-entries", "3"));
            e.call("HSET", "g", "a", "1", "b", "2", "c", "3");
            assertEquals(bulk("listpack"), e.call("OBJECT", "ENCODING", "g"));
            e.call("HSETNX", "g", "d", "4");
            assertEquals(bulk("hashtable"), e.call("OBJECT", "ENCODING", "g"));
            e.call("CONFIG", "SET", "hash-max-listpack-value", "3");
            e.call("HSET", "i", "a", "1");
            e.call("HINCRBYFLOAT", "i", "a", "1000.5");
            assertEquals(bulk("hashtable"), e.call("OBJECT", "ENCODING", "i"));
            assertEquals(num(1), e.call("COPY", "g", "g2"));
            assertEquals(bulk("hashtable"), e.call("OBJECT", "ENCODING", "g2"));
            e.call("HSET", "g2", "a", "changed");
            assertEquals(bulk("1"), e.call("HGET", "g", "a"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldPickRandomFieldsWithRedisShapes(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            assertEquals(NULL, e.call("HRANDFIELD", "nokey"));
            assertEquals(EMPTY, e.call("HRANDFIELD", "nokey", "3"));
            assertEquals(NOT_INT, e.call("HRANDFIELD", "nokey", "x"));
            assertEquals(SYNTAX, e.call("HRANDFIELD", "nokey", "1", "x"));
            assertEquals(SYNTAX, e.call("HRANDFIELD", "nokey", "1", "withvalues", "x"));
            assertEquals("-ERR value is out of range, value must between -9223372036854775807 and "
                    + "9223372036854775807\r\n", e.call("HRANDFIELD", "nokey", "-9223372036854775808"));
            assertEquals("-ERR value is out of range\r\n",
                    e.call("HRANDFIELD", "nokey", "-4611686018427387904", "WITHVALUES"));
            assertEquals("-ERR value is out of range\r\n",
                    e.call("HRANDFIELD", "nokey", "4611686018427387904", "withvalues"));
            assertEquals(SYNTAX, e.call("HRANDFIELD", "nokey", "4611686018427387904", "withvalues", "x"));
            e.call("HSET", "h", "a", "1", "b", "2", "c", "3");
            assertTrue(e.call("HRANDFIELD", "h").matches("\\$1\r\n[abc]\r\n"));
            assertEquals(EMPTY, e.call("HRANDFIELD", "h", "0"));
            assertEquals(arr("a", "b", "c"), e.call("HRANDFIELD", "h", "5"));
            assertEquals(arr("a", "1", "b", "2", "c", "3"), e.call("HRANDFIELD", "h", "3", "WITHVALUES"));
            assertTrue(e.call("HRANDFIELD", "h", "-5").startsWith("*5\r\n"));
            assertTrue(e.call("HRANDFIELD", "h", "-2", "withvalues").startsWith("*4\r\n"));
            String two = e.call("HRANDFIELD", "h", "2");
            assertTrue(two.startsWith("*2\r\n") && !two.substring(4, 11).equals(two.substring(11)), two);
            e.call("HELLO", "3");
            assertTrue(e.call("HRANDFIELD", "h", "-2", "withvalues").startsWith("*2\r\n*2\r\n"));
            assertEquals("%3\r\n" + bulk("a") + bulk("1") + bulk("b") + bulk("2") + bulk("c") + bulk("3"),
                    e.call("HGETALL", "h"), "a map in RESP3");
            assertEquals("%0\r\n", e.call("HGETALL", "nokey"));
            assertEquals("*3\r\n*2\r\n" + bulk("a") + bulk("1") + "*2\r\n" + bulk("b") + bulk("2") + "*2\r\n"
                    + bulk("c") + bulk("3"), e.call("HRANDFIELD", "h", "3", "WITHVALUES"), "pairs nest in RESP3");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldPickDistinctFieldsInListpackOrderAndFromAHashtable(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            java.util.List<String> order = new java.util.ArrayList<>();
            for (int i = 9; i >= 0; i--) {
                e.call("HSET", "h", "f" + i, "v" + i);
                order.add("f" + i);
            }
            for (int i = 0; i < 600; i++) {
                e.call("HSET", "big", "f" + i, "v" + i);
            }
            assertEquals(bulk("hashtable"), e.call("OBJECT", "ENCODING", "big"));
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int round = 0; round < 50; round++) {
                for (String key : new String[] {"h", "big"}) {
                    String[] lines = e.call("HRANDFIELD", key, "4", "WITHVALUES").split("\r\n");
                    assertEquals("*8", lines[0]);
                    java.util.List<String> picked = new java.util.ArrayList<>();
                    for (int i = 2; i < lines.length; i += 4) {
                        picked.add(lines[i]);
                        assertEquals("v" + lines[i].substring(1), lines[i + 2]);
                    }
                    assertEquals(4, new java.util.HashSet<>(picked).size(), "distinct: " + picked);
                    if (key.equals("h")) {
                        java.util.List<String> sorted = new java.util.ArrayList<>(picked);
                        sorted.sort(java.util.Comparator.comparingInt(order::indexOf));
                        assertEquals(sorted, picked, "a listpack's picks come in listpack order");
                        seen.addAll(picked);
                    }
                }
            }
            assertEquals(10, seen.size(), "every field gets picked");
            for (String count : new String[] {"-7", "-20000"}) { // walked, then indexed
                String[] lines = e.call("HRANDFIELD", "h", count).split("\r\n");
                assertEquals("*" + count.substring(1), lines[0]);
                java.util.Set<String> fields = new java.util.HashSet<>();
                for (int i = 2; i < lines.length; i += 2) {
                    fields.add(lines[i]);
                }
                assertTrue(order.containsAll(fields), fields.toString());
                if (count.equals("-20000")) {
                    assertEquals(10, fields.size(), "every field comes up");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldScanListpackInOneCallAndHashtableByCursor(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", e.call("HSCAN", "nokey", "0", "bogus"));
            assertEquals("-ERR invalid cursor\r\n", e.call("HSCAN", "nokey", "x"));
            e.call("HSET", "h", "a1", "1", "b1", "2", "a2", "3");
            assertEquals("*2\r\n$1\r\n0\r\n" + arr("a1", "1", "b1", "2", "a2", "3"), e.call("HSCAN", "h", "0"));
            assertEquals("*2\r\n$1\r\n0\r\n" + arr("a1", "1", "a2", "3"),
                    e.call("HSCAN", "h", "0", "MATCH", "a*", "COUNT", "1"));
            assertEquals(SYNTAX, e.call("HSCAN", "h", "0", "COUNT", "0"));
            assertEquals(SYNTAX, e.call("HSCAN", "h", "0", "TYPE", "hash"));
            assertEquals(NOT_INT, e.call("HSCAN", "h", "0", "COUNT", "x"));
            for (int i = 0; i < 600; i++) {
                e.call("HSET", "big", "f" + i, "v");
            }
            assertEquals(bulk("hashtable"), e.call("OBJECT", "ENCODING", "big"));
            java.util.Set<String> seen = new java.util.HashSet<>();
            String cursor = "0";
            do {
                String r = e.call("HSCAN", "big", cursor, "COUNT", "50");
                String[] lines = r.split("\r\n");
                cursor = lines[2];
                for (int i = 5; i < lines.length; i += 4) {
                    seen.add(lines[i]);
                }
            } while (!cursor.equals("0"));
            assertEquals(600, seen.size());
        }
    }
}
