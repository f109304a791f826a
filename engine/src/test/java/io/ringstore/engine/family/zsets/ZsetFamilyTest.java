package io.ringstore.engine.family.zsets;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ringstore.engine.testing.Fixtures.T0;
import static io.ringstore.engine.testing.Fixtures.keyOnShard;
import static io.ringstore.engine.testing.Resp.EMPTY;
import static io.ringstore.engine.testing.Resp.NOT_INT;
import static io.ringstore.engine.testing.Resp.NULL;
import static io.ringstore.engine.testing.Resp.NULL_ARRAY;
import static io.ringstore.engine.testing.Resp.SYNTAX;
import static io.ringstore.engine.testing.Resp.WRONGTYPE;
import static io.ringstore.engine.testing.Resp.arr;
import static io.ringstore.engine.testing.Resp.bulk;
import static io.ringstore.engine.testing.Resp.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every sorted set command through the engine, on one and two shards (with two, ZRANGESTORE and
 * the Z*STORE algebra get keys on different shards and run at a barrier). Expected replies are
 * redis-server 7.0.15's, error texts included.
 */
@Timeout(30)
class ZsetFamilyTest {
    private static EmbeddedEngine engine(int shards) {
        return new EmbeddedEngine(shards, new ManualClock(T0));
    }

    private static String err(String s) {
        return "-" + s + "\r\n";
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldAddScoreRankAndCount(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            assertEquals(num(3), e.call("ZADD", "z", "1", "a", "2", "b", "1.1", "c"));
            assertEquals(num(0), e.call("ZADD", "z", "3", "a"));
            assertEquals("+zset\r\n", e.call("TYPE", "z"));
            assertEquals(bulk("listpack"), e.call("OBJECT", "ENCODING", "z"));
            assertEquals(arr("c", "1.1000000000000001", "b", "2", "a", "3"), e.call("ZRANGE", "z", "0", "-1", "WITHSCORES"));
            assertEquals(bulk("3"), e.call("ZSCORE", "z", "a"));
            assertEquals(NULL, e.call("ZSCORE", "z", "x"));
            assertEquals("*3\r\n$1\r\n3\r\n$-1\r\n$1\r\n2\r\n", e.call("ZMSCORE", "z", "a", "x", "b"));
            assertEquals(num(2), e.call("ZRANK", "z", "a"));
            assertEquals(num(0), e.call("ZREVRANK", "z", "a"));
            assertEquals(NULL, e.call("ZRANK", "z", "x"));
            assertEquals(num(3), e.call("ZCARD", "z"));
            assertEquals(num(2), e.call("ZCOUNT", "z", "(1.1", "+inf"));
            assertEquals(num(1), e.call("ZREM", "z", "a", "x"));
            assertEquals(num(2), e.call("ZREM", "z", "b", "c"));
            assertEquals(num(0), e.call("EXISTS", "z"), "an emptied sorted set is deleted");
        }
    }

    @Test
    void shouldApplyZaddOptionsAsRedis() {
        try (EmbeddedEngine e = engine(1)) {
            assertEquals(num(0), e.call("ZADD", "z", "XX", "1", "a"));
            assertEquals(num(0), e.call("EXISTS", "z"), "XX on a missing key creates nothing");
            assertEquals(NULL, e.call("ZADD", "z", "XX", "INCR", "1", "a"));
            assertEquals(num(2), e.call("ZADD", "z", "NX", "1", "a", "2", "b"));
            assertEquals(num(0), e.call("ZADD", "z", "NX", "5", "a"));
            assertEquals(num(1), e.call("ZADD", "z", "GT", "CH", "5", "a", "0", "b"));
            assertEquals(num(1), e.call("ZADD", "z", "LT", "CH", "9", "a", "0", "b"));
            assertEquals(bulk("6"), e.call("ZADD", "z", "INCR", "1", "a"));
            assertEquals(NULL, e.call("ZADD", "z", "INCR", "GT", "-1", "a"));
            assertEquals(bulk("-0"), e.call("ZADD", "n", "INCR", "-0", "m"), "the reply keeps the sign");
            assertEquals(bulk("0"), e.call("ZSCORE", "n", "m"), "a listpack prints -0 as 0");
            assertEquals(err("ERR XX and NX options at the same time are not compatible"), e.call("ZADD", "z", "NX", "XX", "1", "a"));
            assertEquals(err("ERR GT, LT, and/or NX options at the same time are not compatible"),
                    e.call("ZADD", "z", "GT", "LT", "1", "a"));
            assertEquals(err("ERR INCR option supports a single increment-element pair"),
                    e.call("ZADD", "z", "INCR", "1", "a", "2", "b"));
            assertEquals(SYNTAX, e.call("ZADD", "z", "1", "a", "2"));
            assertEquals(err("ERR value is not a valid float"), e.call("ZADD", "z", "1", "a", "nan", "b"));
            assertEquals(err("ERR value is not a valid float"), e.call("ZADD", "z", "1e400", "a"));
            assertEquals(err("ERR value is not a valid float"), e.call("ZADD", "z", "1d", "a"));
            assertEquals(bulk("6"), e.call("ZSCORE", "z", "a"), "a bad score changes nothing");
            assertEquals(bulk("inf"), e.call("ZINCRBY", "z", "inf", "a"));
            assertEquals(err("ERR resulting score is not a number (NaN)"), e.call("ZINCRBY", "z", "-inf", "a"));
            e.call("SET", "s", "x");
            assertEquals(WRONGTYPE, e.call("ZADD", "s", "1", "a"));
            assertEquals(WRONGTYPE, e.call("ZSCORE", "s", "a"));
        }
    }

    @Test
    void shouldConvertToSkiplistPastTheThresholdsAndKeepAnsweringTheSame() {
        try (EmbeddedEngine e = engine(1)) {
            for (int i = 0; i < 128; i++) {
                e.call("ZADD", "z", Integer.toString(i), String.format("m%03d", i));
            }
            assertEquals(bulk("listpack"), e.call("OBJECT", "ENCODING", "z"));
            e.call("ZADD", "z", "128", "m128");
            assertEquals(bulk("skiplist"), e.call("OBJECT", "ENCODING", "z"));
            assertEquals(num(100), e.call("ZRANK", "z", "m100"));
            assertEquals(arr("m010", "m011"), e.call("ZRANGEBYSCORE", "z", "(9", "11"));
            assertEquals(arr("m127", "m126"), e.call("ZREVRANGEBYLEX", "z", "[m127", "-", "LIMIT", "0", "2"));
            assertEquals(num(10), e.call("ZREMRANGEBYRANK", "z", "0", "9"));
            assertEquals(arr("m010", "10"), e.call("ZPOPMIN", "z"));
            e.call("ZADD", "w", "1", "x".repeat(65));
            assertEquals(bulk("skiplist"), e.call("OBJECT", "ENCODING", "w"));
            assertEquals(OK(), e.call("CONFIG", "SET", "zset-max-ziplist-entries", "2"));
            e.call("ZADD", "v", "1", "a", "2", "b", "3", "c");
            assertEquals(bulk("skiplist"), e.call("OBJECT", "ENCODING", "v"));
        }
    }

    private static String OK() {
        return "+OK\r\n";
    }

    @Test
    void shouldParseRangesAndOptionsAsRedis() {
        try (EmbeddedEngine e = engine(1)) {
            e.call("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d");
            assertEquals(arr("d", "c"), e.call("ZRANGE", "z", "+inf", "(2", "BYSCORE", "REV"));
            assertEquals(arr("b", "c"), e.call("ZRANGE", "z", "1", "+inf", "BYSCORE", "LIMIT", "1", "2"));
            assertEquals(EMPTY, e.call("ZRANGE", "z", "1", "+inf", "BYSCORE", "LIMIT", "-1", "2"));
            assertEquals(arr("b", "c", "d"), e.call("ZRANGE", "z", "1", "+inf", "BYSCORE", "LIMIT", "1", "-5"));
            assertEquals(arr("a", "b"), e.call("ZRANGEBYSCORE", "z", " 1", "2"));
            assertEquals(EMPTY, e.call("ZRANGEBYSCORE", "z", "", "("));
            assertEquals(err("ERR min or max is not a float"), e.call("ZRANGEBYSCORE", "z", "1", "2 "));
            assertEquals(err("ERR min or max not valid string range item"), e.call("ZRANGEBYLEX", "z", "a", "+"));
            assertEquals(arr("b", "c"), e.call("ZRANGEBYLEX", "z", "(a", "[c"));
            assertEquals(num(4), e.call("ZLEXCOUNT", "z", "-", "+"));
            assertEquals(err("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX"),
                    e.call("ZRANGE", "z", "0", "1", "LIMIT", "0", "1"));
            assertEquals(err("ERR syntax error, WITHSCORES not supported in combination with BYLEX"),
                    e.call("ZRANGE", "z", "-", "+", "BYLEX", "WITHSCORES"));
            assertEquals(SYNTAX, e.call("ZREVRANGE", "z", "0", "1", "REV"));
            assertEquals(NOT_INT, e.call("ZRANGE", "z", "0", "x"));
            assertEquals(arr("d", "c"), e.call("ZREVRANGE", "z", "0", "1"));
            assertEquals(num(2), e.call("ZREMRANGEBYSCORE", "z", "(1", "3"));
            assertEquals(num(1), e.call("ZREMRANGEBYLEX", "z", "[d", "+"));
            assertEquals(arr("a"), e.call("ZRANGE", "z", "0", "-1"));
        }
    }

    @Test
    void shouldReplyResp3DoublesAndPairs() {
        try (EmbeddedEngine e = engine(1)) {
            e.call("HELLO", "3");
            e.call("ZADD", "z", "1.5", "a", "2", "b");
            assertEquals(",1.5\r\n", e.call("ZSCORE", "z", "a"));
            assertEquals("*2\r\n*2\r\n$1\r\na\r\n,1.5\r\n*2\r\n$1\r\nb\r\n,2\r\n",
                    e.call("ZRANGE", "z", "0", "-1", "WITHSCORES"));
            assertEquals("*2\r\n$1\r\na\r\n,1.5\r\n", e.call("ZPOPMIN", "z"));
            assertEquals("*1\r\n*2\r\n$1\r\nb\r\n,2\r\n", e.call("ZPOPMAX", "z", "5"));
            assertEquals("_\r\n", e.call("ZMPOP", "1", "z", "MIN"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldPopAndMpop(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            e.call("ZADD", "z", "1", "a", "2", "b", "3", "c");
            assertEquals(arr("c", "3", "b", "2"), e.call("ZPOPMAX", "z", "2"));
            assertEquals(err("ERR value is out of range, must be positive"), e.call("ZPOPMIN", "z", "-1"));
            assertEquals(EMPTY, e.call("ZPOPMIN", "z", "0"));
            assertEquals(EMPTY, e.call("ZPOPMIN", "missing"));
            assertEquals("*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*", e.call("ZMPOP", "2", "missing", "z", "MIN", "COUNT", "9") + "*");
            assertEquals(NULL_ARRAY, e.call("ZMPOP", "1", "z", "MIN"));
            assertEquals(err("ERR numkeys should be greater than 0"), e.call("ZMPOP", "0", "z", "MIN"));
            assertEquals(err("ERR count should be greater than 0"), e.call("ZMPOP", "1", "z", "MIN", "COUNT", "0"));
            assertEquals(SYNTAX, e.call("ZMPOP", "1", "z", "LEFT"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldComputeUnionInterDiffAcrossShards(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            String a = keyOnShard(e, "a", 0);
            String b = keyOnShard(e, "b", shards - 1);
            String d = keyOnShard(e, "d", shards - 1);
            e.call("ZADD", a, "1", "x", "2", "y", "inf", "z");
            e.call("ZADD", b, "10", "y", "-inf", "z");
            e.call("SADD", "{" + a + "}set", "x");
            assertEquals(arr("z", "0", "x", "1", "y", "12"), e.call("ZUNION", "2", a, b, "WITHSCORES"), "inf + -inf sums to 0");
            assertEquals(arr("z", "-inf", "y", "2"), e.call("ZINTER", "2", a, b, "AGGREGATE", "MIN", "WITHSCORES"));
            assertEquals(arr("z", "0", "y", "24"), e.call("ZINTER", "2", a, b, "WEIGHTS", "2", "2", "WITHSCORES"));
            assertEquals(arr("x"), e.call("ZDIFF", "2", a, b));
            assertEquals(num(3), e.call("ZUNIONSTORE", d, "2", a, b));
            assertEquals(bulk("listpack"), e.call("OBJECT", "ENCODING", d));
            assertEquals(num(0), e.call("ZINTERSTORE", d, "2", a, "nosuchkey"));
            assertEquals(num(0), e.call("EXISTS", d));
            assertEquals(num(2), e.call("ZINTERCARD", "2", a, b));
            assertEquals(num(1), e.call("ZINTERCARD", "2", a, b, "LIMIT", "1"));
            assertEquals(err("ERR LIMIT can't be negative"), e.call("ZINTERCARD", "1", a, "LIMIT", "-1"));
            assertEquals(err("ERR at least 1 input key is needed for 'zunionstore' command"), e.call("ZUNIONSTORE", d, "0", a));
            assertEquals(err("ERR weight value is not a float"), e.call("ZUNION", "1", a, "WEIGHTS", "x"));
            assertEquals(SYNTAX, e.call("ZUNION", "1", a, "AGGREGATE", "avg"));
            assertEquals(SYNTAX, e.call("ZDIFF", "1", a, "WEIGHTS", "1"));
            assertEquals(num(2), e.call("ZRANGESTORE", d, a, "0", "1"));
            assertEquals(arr("x", "y"), e.call("ZRANGE", d, "0", "-1"));
            assertEquals(num(0), e.call("ZRANGESTORE", d, "nosuchkey", "0", "1"));
            assertEquals(num(0), e.call("EXISTS", d));
            e.call("SET", d, "str");
            assertEquals(WRONGTYPE, e.call("ZUNION", "2", a, d));
        }
    }

    @Test
    void shouldCountRandomMembersAsRedisShapesThem() {
        try (EmbeddedEngine e = engine(1)) {
            e.call("ZADD", "z", "1", "a", "2", "b", "3", "c");
            assertTrue(e.call("ZRANDMEMBER", "z").matches("\\$1\r\n[abc]\r\n"));
            assertTrue(e.call("ZRANDMEMBER", "z", "-5").startsWith("*5\r\n"));
            assertTrue(e.call("ZRANDMEMBER", "z", "5", "WITHSCORES").startsWith("*6\r\n"));
            String two = e.call("ZRANDMEMBER", "z", "2");
            String[] lines = two.split("\r\n");
            assertEquals("*2", lines[0]);
            assertTrue(!lines[2].equals(lines[4]), "distinct members: " + two);
            assertEquals(err("ERR value is out of range"), e.call("ZRANDMEMBER", "z", "-4611686018427387904", "WITHSCORES"));
            assertEquals(NULL, e.call("ZRANDMEMBER", "missing"));
            assertEquals(EMPTY, e.call("ZRANDMEMBER", "missing", "3"));
        }
    }

    @Test
    void shouldScanAListpackWholeAndASkiplistByCursor() {
        try (EmbeddedEngine e = engine(1)) {
            e.call("ZADD", "z", "1", "a", "2.5", "b");
            assertEquals("*2\r\n$1\r\n0\r\n*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$3\r\n2.5\r\n", e.call("ZSCAN", "z", "0"));
            assertEquals("*2\r\n$1\r\n0\r\n*2\r\n$1\r\nb\r\n$3\r\n2.5\r\n", e.call("ZSCAN", "z", "0", "MATCH", "b"));
            assertEquals(err("ERR invalid cursor"), e.call("ZSCAN", "z", "x"));
            for (int i = 0; i < 200; i++) {
                e.call("ZADD", "big", Integer.toString(i), "m" + i);
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            String cursor = "0";
            do {
                String[] lines = e.call("ZSCAN", "big", cursor, "COUNT", "20").split("\r\n");
                cursor = lines[2];
                for (int k = 5; k < lines.length; k += 4) {
                    seen.add(lines[k] + "=" + lines[k + 2]);
                }
            } while (!cursor.equals("0"));
            assertEquals(200, seen.size());
            assertTrue(seen.contains("m7=7"));
        }
    }

    @Test
    void shouldCopyRenameAndExpireSortedSets() {
        try (EmbeddedEngine e = engine(2)) {
            e.call("ZADD", "z", "1", "a");
            assertEquals(num(1), e.call("COPY", "z", "c"));
            e.call("ZADD", "z", "2", "b");
            assertEquals(num(1), e.call("ZCARD", "c"), "COPY is deep");
            assertEquals(OK(), e.call("RENAME", "c", "r"));
            assertEquals(bulk("1"), e.call("ZSCORE", "r", "a"));
            assertEquals("*2\r\n$1\r\n0\r\n" + arr("r"), e.call("SCAN", "0", "TYPE", "zset", "MATCH", "r", "COUNT", "1000"));
        }
    }

    @Test
    void shouldReplyRangesOfASmallSortedSetWithoutAllocating() {
        // members straight from the packed listpack, integral scores written as digits: the
        // pipeline threads allocate (next to) nothing per ZRANGE WITHSCORES / ZRANGEBYSCORE / ZREVRANGE
        try (EmbeddedEngine e = engine(1)) {
            for (int i = 0; i < 10; i++) {
                e.call("ZADD", "z", Integer.toString(i), "m:00000000" + i);
            }
            assertEquals(bulk("listpack"), e.call("OBJECT", "ENCODING", "z"));
            String[][] commands = {
                {"ZRANGE", "z", "0", "-1", "WITHSCORES"},
                {"ZRANGEBYSCORE", "z", "2", "(8", "WITHSCORES", "LIMIT", "1", "5"},
                {"ZREVRANGE", "z", "0", "-1"},
            };
            com.sun.management.ThreadMXBean mx =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long[] ids = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("embedded-pipeline")).mapToLong(Thread::getId).toArray();
            assertTrue(ids.length > 0);
            long perCall = Long.MAX_VALUE;
            for (int round = 0; round < 5 && perCall > 8; round++) { // early rounds warm the JIT up
                long before = java.util.Arrays.stream(mx.getThreadAllocatedBytes(ids)).sum();
                for (int k = 0; k < 3000; k++) {
                    e.send(commands[k % commands.length]);
                }
                e.call("PING");
                long after = java.util.Arrays.stream(mx.getThreadAllocatedBytes(ids)).sum();
                perCall = (after - before) / 3001;
            }
            assertTrue(perCall <= 8, "bytes allocated per range command: " + perCall);
        }
    }
}
