package io.ringstore.engine.family.lists;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ringstore.engine.testing.Fixtures.T0;
import static io.ringstore.engine.testing.Fixtures.keyOnShard;
import static io.ringstore.engine.testing.Resp.EMPTY;
import static io.ringstore.engine.testing.Resp.NOT_INT;
import static io.ringstore.engine.testing.Resp.NULL;
import static io.ringstore.engine.testing.Resp.NULL_ARRAY;
import static io.ringstore.engine.testing.Resp.OK;
import static io.ringstore.engine.testing.Resp.SYNTAX;
import static io.ringstore.engine.testing.Resp.WRONGTYPE;
import static io.ringstore.engine.testing.Resp.arr;
import static io.ringstore.engine.testing.Resp.bulk;
import static io.ringstore.engine.testing.Resp.ints;
import static io.ringstore.engine.testing.Resp.num;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every list command through the engine, on one and two shards; with two shards LMOVE, RPOPLPUSH
 * and LMPOP get keys on different shards, so they run at a barrier. Expected replies are
 * redis-server 7.0.15's.
 */
@Timeout(30)
class ListFamilyTest {
    private static EmbeddedEngine engine(int shards) {
        return new EmbeddedEngine(shards, new ManualClock(T0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldPushAndPopAtBothEnds(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            assertEquals(num(3), e.call("RPUSH", "l", "a", "b", "c"));
            assertEquals(num(5), e.call("LPUSH", "l", "x", "y"));
            assertEquals(arr("y", "x", "a", "b", "c"), e.call("LRANGE", "l", "0", "-1"));
            assertEquals(num(0), e.call("LPUSHX", "nokey", "a"));
            assertEquals(num(0), e.call("RPUSHX", "nokey", "a"));
            assertEquals(num(0), e.call("EXISTS", "nokey"));
            assertEquals(num(6), e.call("RPUSHX", "l", "z"));
            assertEquals(num(7), e.call("LPUSHX", "l", "w"));
            assertEquals(bulk("w"), e.call("LPOP", "l"));
            assertEquals(bulk("z"), e.call("RPOP", "l"));
            assertEquals(arr("y", "x"), e.call("LPOP", "l", "2"));
            assertEquals(EMPTY, e.call("LPOP", "l", "0"));
            assertEquals(arr("c", "b", "a"), e.call("RPOP", "l", "10"));
            assertEquals(num(0), e.call("EXISTS", "l"));
            assertEquals(NULL, e.call("LPOP", "l"));
            assertEquals(NULL_ARRAY, e.call("LPOP", "l", "2"));
            assertEquals(NULL_ARRAY, e.call("RPOP", "l", "0"));
            assertEquals("-ERR value is out of range, must be positive\r\n", e.call("LPOP", "l", "-1"));
            assertEquals("-ERR value is out of range, must be positive\r\n", e.call("RPOP", "l", "x"));
            assertEquals("-ERR wrong number of arguments for 'lpop' command\r\n", e.call("LPOP", "l", "1", "2"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldAnswerNullsInResp3Shapes(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            e.call("HELLO", "3");
            assertEquals("_\r\n", e.call("LPOP", "l"));
            assertEquals("_\r\n", e.call("RPOP", "l", "3"));
            assertEquals("_\r\n", e.call("LINDEX", "l", "0"));
            assertEquals("_\r\n", e.call("LPOS", "l", "a"));
            assertEquals("_\r\n", e.call("LMPOP", "1", "l", "LEFT"));
            assertEquals("_\r\n", e.call("RPOPLPUSH", "l", "m"));
            assertEquals(EMPTY, e.call("LPOS", "l", "a", "COUNT", "0"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldReadByRangeAndIndex(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            e.call("RPUSH", "l", "a", "b", "c", "d");
            assertEquals(num(4), e.call("LLEN", "l"));
            assertEquals(num(0), e.call("LLEN", "nokey"));
            assertEquals(arr("b", "c"), e.call("LRANGE", "l", "1", "2"));
            assertEquals(arr("c", "d"), e.call("LRANGE", "l", "-2", "100"));
            assertEquals(arr("a", "b", "c", "d"), e.call("LRANGE", "l", "-100", "-1"));
            assertEquals(EMPTY, e.call("LRANGE", "l", "3", "1"));
            assertEquals(EMPTY, e.call("LRANGE", "l", "4", "10"));
            assertEquals(EMPTY, e.call("LRANGE", "nokey", "0", "-1"));
            assertEquals(NOT_INT, e.call("LRANGE", "nokey", "a", "1"));
            assertEquals(bulk("a"), e.call("LINDEX", "l", "0"));
            assertEquals(bulk("d"), e.call("LINDEX", "l", "-1"));
            assertEquals(NULL, e.call("LINDEX", "l", "4"));
            assertEquals(NULL, e.call("LINDEX", "l", "-5"));
            assertEquals(NULL, e.call("LINDEX", "nokey", "abc")); // the key is looked up first
            assertEquals(NOT_INT, e.call("LINDEX", "l", "abc"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldEditInPlace(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            e.call("RPUSH", "l", "a", "b", "c", "b", "a");
            assertEquals(OK, e.call("LSET", "l", "-1", "z"));
            assertEquals("-ERR index out of range\r\n", e.call("LSET", "l", "5", "z"));
            assertEquals("-ERR no such key\r\n", e.call("LSET", "nokey", "abc", "z"));
            assertEquals(NOT_INT, e.call("LSET", "l", "abc", "z"));
            assertEquals(num(6), e.call("LINSERT", "l", "BEFORE", "b", "x"));
            assertEquals(num(7), e.call("LINSERT", "l", "after", "z", "y"));
            assertEquals(num(-1), e.call("LINSERT", "l", "AFTER", "nosuch", "y"));
            assertEquals(num(0), e.call("LINSERT", "nokey", "AFTER", "a", "y"));
            assertEquals(SYNTAX, e.call("LINSERT", "nokey", "middle", "a", "y"));
            assertEquals(arr("a", "x", "b", "c", "b", "z", "y"), e.call("LRANGE", "l", "0", "-1"));
            assertEquals(num(1), e.call("LREM", "l", "-1", "b"));
            assertEquals(arr("a", "x", "b", "c", "z", "y"), e.call("LRANGE", "l", "0", "-1"));
            e.call("RPUSH", "l", "a", "a");
            assertEquals(num(2), e.call("LREM", "l", "2", "a"));
            assertEquals(arr("x", "b", "c", "z", "y", "a"), e.call("LRANGE", "l", "0", "-1"));
            assertEquals(num(0), e.call("LREM", "nokey", "0", "a"));
            assertEquals(NOT_INT, e.call("LREM", "nokey", "x", "a"));
            assertEquals(OK, e.call("LTRIM", "l", "1", "-2"));
            assertEquals(arr("b", "c", "z", "y"), e.call("LRANGE", "l", "0", "-1"));
            assertEquals(OK, e.call("LTRIM", "nokey", "0", "1"));
            assertEquals(OK, e.call("LTRIM", "l", "5", "10"));
            assertEquals(num(0), e.call("EXISTS", "l"));
            e.call("RPUSH", "m", "a", "a", "a");
            assertEquals(num(3), e.call("LREM", "m", "0", "a"));
            assertEquals(num(0), e.call("EXISTS", "m"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldFindPositions(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            e.call("RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c");
            assertEquals(num(2), e.call("LPOS", "l", "c"));
            assertEquals(num(6), e.call("LPOS", "l", "c", "RANK", "2"));
            assertEquals(num(7), e.call("LPOS", "l", "c", "RANK", "-1"));
            assertEquals(ints(2, 6), e.call("LPOS", "l", "c", "COUNT", "2"));
            assertEquals(ints(2, 6, 7), e.call("LPOS", "l", "c", "COUNT", "0"));
            assertEquals(ints(7, 6), e.call("LPOS", "l", "c", "RANK", "-1", "COUNT", "2"));
            assertEquals(ints(2), e.call("LPOS", "l", "c", "COUNT", "0", "MAXLEN", "4"));
            assertEquals(NULL, e.call("LPOS", "l", "c", "MAXLEN", "2"));
            assertEquals(NULL, e.call("LPOS", "l", "zz"));
            assertEquals(EMPTY, e.call("LPOS", "l", "zz", "COUNT", "1"));
            // 7.0.15: RANK LLONG_MIN negates to itself; it reports every match from the tail
            assertEquals(ints(7, 6, 2), e.call("LPOS", "l", "c", "RANK", "-9223372036854775808", "COUNT", "1"));
            assertEquals("-" + Errors.LPOS_RANK_ZERO + "\r\n", e.call("LPOS", "l", "c", "RANK", "0"));
            assertEquals("-ERR COUNT can't be negative\r\n", e.call("LPOS", "l", "c", "COUNT", "abc"));
            assertEquals("-ERR MAXLEN can't be negative\r\n", e.call("LPOS", "l", "c", "MAXLEN", "-1"));
            assertEquals(NOT_INT, e.call("LPOS", "l", "c", "RANK", "x"));
            assertEquals(SYNTAX, e.call("LPOS", "l", "c", "RANK"));
            assertEquals(SYNTAX, e.call("LPOS", "nokey", "c", "BOGUS", "1"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldMoveBetweenListsOnAnyShards(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            String src = keyOnShard(e, "src", 0);
            String dst = keyOnShard(e, "dst", 1);
            e.call("RPUSH", src, "a", "b", "c");
            assertEquals(bulk("c"), e.call("RPOPLPUSH", src, dst));
            assertEquals(bulk("a"), e.call("LMOVE", src, dst, "LEFT", "RIGHT"));
            assertEquals(arr("c", "a"), e.call("LRANGE", dst, "0", "-1"));
            assertEquals(bulk("b"), e.call("LMOVE", src, dst, "right", "left"));
            assertEquals(num(0), e.call("EXISTS", src));
            assertEquals(arr("b", "c", "a"), e.call("LRANGE", dst, "0", "-1"));
            assertEquals(NULL, e.call("LMOVE", src, dst, "LEFT", "LEFT"));
            assertEquals(SYNTAX, e.call("LMOVE", src, dst, "LEFT", "UP"));
            // same key: rotation, the TTL stays
            e.call("EXPIRE", dst, "1000");
            assertEquals(bulk("b"), e.call("LMOVE", dst, dst, "LEFT", "RIGHT"));
            assertEquals(arr("c", "a", "b"), e.call("LRANGE", dst, "0", "-1"));
            assertEquals(num(1000), e.call("TTL", dst));
            // a destination of another type: nothing is popped
            e.call("SET", src, "x");
            assertEquals(WRONGTYPE, e.call("LMOVE", dst, src, "LEFT", "RIGHT"));
            assertEquals(WRONGTYPE, e.call("RPOPLPUSH", src, dst));
            assertEquals(num(3), e.call("LLEN", dst));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldPopFromTheFirstNonEmptyListWithLmpop(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            String a = keyOnShard(e, "a", 0);
            String b = keyOnShard(e, "b", 1);
            e.call("RPUSH", b, "1", "2", "3");
            assertEquals("*2\r\n" + bulk(b) + arr("1"), e.call("LMPOP", "2", a, b, "LEFT"));
            assertEquals("*2\r\n" + bulk(b) + arr("3", "2"), e.call("LMPOP", "2", a, b, "RIGHT", "COUNT", "5"));
            assertEquals(num(0), e.call("EXISTS", b));
            assertEquals(NULL_ARRAY, e.call("LMPOP", "2", a, b, "LEFT"));
            e.call("SET", a, "x");
            assertEquals(WRONGTYPE, e.call("LMPOP", "2", a, b, "LEFT"));
            assertEquals("-ERR numkeys should be greater than 0\r\n", e.call("LMPOP", "0", a, "LEFT"));
            assertEquals("-ERR numkeys should be greater than 0\r\n", e.call("LMPOP", "abc", a, "LEFT"));
            assertEquals(SYNTAX, e.call("LMPOP", "5", a, "LEFT"));
            assertEquals(SYNTAX, e.call("LMPOP", "1", a, "UP"));
            assertEquals(SYNTAX, e.call("LMPOP", "1", a, "LEFT", "COUNT", "1", "COUNT", "2"));
            assertEquals("-ERR count should be greater than 0\r\n", e.call("LMPOP", "1", a, "LEFT", "COUNT", "0"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldReportTypeEncodingAndWrongType(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            e.call("RPUSH", "l", "a");
            e.call("SET", "s", "x");
            assertEquals("+list\r\n", e.call("TYPE", "l"));
            assertEquals(bulk("quicklist"), e.call("OBJECT", "ENCODING", "l"));
            for (String[] cmd : new String[][] {
                {"LPUSH", "s", "a"}, {"RPUSHX", "s", "a"}, {"LPOP", "s"}, {"RPOP", "s", "2"}, {"LLEN", "s"},
                {"LRANGE", "s", "0", "1"}, {"LINDEX", "s", "0"}, {"LSET", "s", "0", "a"},
                {"LINSERT", "s", "BEFORE", "a", "b"}, {"LREM", "s", "0", "a"}, {"LTRIM", "s", "0", "1"},
                {"LPOS", "s", "a"}, {"LMOVE", "s", "l", "LEFT", "LEFT"}, {"RPOPLPUSH", "s", "l"},
                {"LMPOP", "1", "s", "LEFT"}, {"GET", "l"}}) {
                assertEquals(WRONGTYPE, e.call(cmd), String.join(" ", cmd));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldCopyListsDeeply(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            String a = keyOnShard(e, "a", 0);
            String b = keyOnShard(e, "b", 1);
            e.call("RPUSH", a, "1", "2");
            assertEquals(num(1), e.call("COPY", a, b));
            assertEquals(OK, e.call("LSET", b, "0", "x"));
            e.call("RPUSH", b, "3");
            assertEquals(arr("1", "2"), e.call("LRANGE", a, "0", "-1"));
            assertEquals(arr("x", "2", "3"), e.call("LRANGE", b, "0", "-1"));
            assertEquals(OK, e.call("RENAME", b, "c"));
            assertEquals(arr("x", "2", "3"), e.call("LRANGE", "c", "0", "-1"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldKeepLargeListsInOrder(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            for (int i = 0; i < 1000; i++) {
                e.send(i % 2 == 0 ? "RPUSH" : "LPUSH", "big", Integer.toString(i));
            }
            assertEquals(num(1000), e.call("LLEN", "big"));
            assertEquals(bulk("999"), e.call("LINDEX", "big", "0"));
            assertEquals(bulk("998"), e.call("LINDEX", "big", "-1"));
            assertEquals(bulk("quicklist"), e.call("OBJECT", "ENCODING", "big"));
        }
    }
}
