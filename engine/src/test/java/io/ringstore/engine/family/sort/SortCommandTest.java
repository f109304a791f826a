package io.ringstore.engine.family.sort;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SORT and SORT_RO replies, on one and two shards (two: BY/GET patterns and STORE reach keys of
 * the other shard, at a barrier). Every expected reply was recorded from redis-server 7.0.15.
 */
class SortCommandTest extends SortEngineTest {

    /** Numeric order of lists, sets and sorted sets; LIMIT clamping; option, type and conversion errors. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldSortNumericallyWithLimitsAndErrors(int shards) {
        start(shards);
        // numeric sort of a list, a set (intset and hashtable) and a sorted set
        assertEquals(":8\r\n", call("RPUSH", "l", "3", "1", "2", "10", "-5", "2.5", "1e2", "0x10"));
        assertEquals("*8\r\n$2\r\n-5\r\n$1\r\n1\r\n$1\r\n2\r\n$3\r\n2.5\r\n$1\r\n3\r\n$2\r\n10\r\n$4\r\n0x10\r\n$3\r\n1e2\r\n", call("SORT", "l"));
        assertEquals("*8\r\n$3\r\n1e2\r\n$4\r\n0x10\r\n$2\r\n10\r\n$1\r\n3\r\n$3\r\n2.5\r\n$1\r\n2\r\n$1\r\n1\r\n$2\r\n-5\r\n", call("SORT", "l", "DESC"));
        assertEquals("*8\r\n$2\r\n-5\r\n$1\r\n1\r\n$1\r\n2\r\n$3\r\n2.5\r\n$1\r\n3\r\n$2\r\n10\r\n$4\r\n0x10\r\n$3\r\n1e2\r\n", call("SORT", "l", "ASC"));
        assertEquals("*8\r\n$2\r\n-5\r\n$1\r\n1\r\n$1\r\n2\r\n$3\r\n2.5\r\n$1\r\n3\r\n$2\r\n10\r\n$4\r\n0x10\r\n$3\r\n1e2\r\n", call("SORT_RO", "l"));
        assertEquals("*8\r\n$3\r\n1e2\r\n$4\r\n0x10\r\n$2\r\n10\r\n$1\r\n3\r\n$3\r\n2.5\r\n$1\r\n2\r\n$1\r\n1\r\n$2\r\n-5\r\n", call("SORT_RO", "l", "desc"));
        assertEquals(":5\r\n", call("SADD", "s", "5", "-1", "3", "100", "7"));
        assertEquals("*5\r\n$2\r\n-1\r\n$1\r\n3\r\n$1\r\n5\r\n$1\r\n7\r\n$3\r\n100\r\n", call("SORT", "s"));
        assertEquals("*5\r\n$3\r\n100\r\n$1\r\n7\r\n$1\r\n5\r\n$1\r\n3\r\n$2\r\n-1\r\n", call("SORT", "s", "DESC"));
        assertEquals(":3\r\n", call("SADD", "s2", "1.5", "a1", "2"));
        assertEquals(":1\r\n", call("DEL", "s2"));
        assertEquals(":4\r\n", call("SADD", "s2", "1.5", "3", "-2", "10"));
        assertEquals("*4\r\n$2\r\n-2\r\n$3\r\n1.5\r\n$1\r\n3\r\n$2\r\n10\r\n", call("SORT", "s2"));
        assertEquals(":3\r\n", call("ZADD", "z", "3", "a", "2", "b", "1", "c"));
        assertEquals(":1\r\n", call("DEL", "z"));
        assertEquals(":3\r\n", call("ZADD", "z", "1", "30", "2", "20", "3", "10"));
        assertEquals("*3\r\n$2\r\n10\r\n$2\r\n20\r\n$2\r\n30\r\n", call("SORT", "z"));
        assertEquals("*3\r\n$2\r\n30\r\n$2\r\n20\r\n$2\r\n10\r\n", call("SORT", "z", "DESC"));
        assertEquals("$8\r\nskiplist\r\n", call("OBJECT", "ENCODING", "z"));
        assertEquals("*0\r\n", call("SORT", "missing"));
        assertEquals("*0\r\n", call("SORT", "missing", "DESC", "LIMIT", "0", "10"));
        // equal scores fall back on the elements' bytes
        assertEquals(":7\r\n", call("RPUSH", "eq", "1.0", "1", "01", "1e0", "+1", "0.5", "1.00"));
        assertEquals("*7\r\n$3\r\n0.5\r\n$2\r\n+1\r\n$2\r\n01\r\n$1\r\n1\r\n$3\r\n1.0\r\n$4\r\n1.00\r\n$3\r\n1e0\r\n", call("SORT", "eq"));
        assertEquals("*7\r\n$3\r\n1e0\r\n$4\r\n1.00\r\n$3\r\n1.0\r\n$1\r\n1\r\n$2\r\n01\r\n$2\r\n+1\r\n$3\r\n0.5\r\n", call("SORT", "eq", "DESC"));
        // LIMIT offset count: negative offset, negative count, zero count, offset past the end
        assertEquals("*3\r\n$2\r\n-5\r\n$1\r\n1\r\n$1\r\n2\r\n", call("SORT", "l", "LIMIT", "0", "3"));
        assertEquals("*3\r\n$1\r\n2\r\n$3\r\n2.5\r\n$1\r\n3\r\n", call("SORT", "l", "LIMIT", "2", "3"));
        assertEquals("*3\r\n$2\r\n-5\r\n$1\r\n1\r\n$1\r\n2\r\n", call("SORT", "l", "LIMIT", "-5", "3"));
        assertEquals("*8\r\n$2\r\n-5\r\n$1\r\n1\r\n$1\r\n2\r\n$3\r\n2.5\r\n$1\r\n3\r\n$2\r\n10\r\n$4\r\n0x10\r\n$3\r\n1e2\r\n", call("SORT", "l", "LIMIT", "0", "-1"));
        assertEquals("*8\r\n$2\r\n-5\r\n$1\r\n1\r\n$1\r\n2\r\n$3\r\n2.5\r\n$1\r\n3\r\n$2\r\n10\r\n$4\r\n0x10\r\n$3\r\n1e2\r\n", call("SORT", "l", "LIMIT", "0", "-7"));
        assertEquals("*0\r\n", call("SORT", "l", "LIMIT", "3", "0"));
        assertEquals("*1\r\n$3\r\n1e2\r\n", call("SORT", "l", "LIMIT", "7", "1"));
        assertEquals("*0\r\n", call("SORT", "l", "LIMIT", "8", "1"));
        assertEquals("*0\r\n", call("SORT", "l", "LIMIT", "100", "5"));
        assertEquals("*3\r\n$2\r\n10\r\n$4\r\n0x10\r\n$3\r\n1e2\r\n", call("SORT", "l", "LIMIT", "5", "100"));
        assertEquals("*0\r\n", call("SORT", "l", "LIMIT", "9223372036854775807", "9223372036854775807"));
        assertEquals("*2\r\n$2\r\n-5\r\n$1\r\n1\r\n", call("SORT", "l", "LIMIT", "-9223372036854775808", "2"));
        assertEquals("*2\r\n$4\r\n0x10\r\n$2\r\n10\r\n", call("SORT", "l", "DESC", "LIMIT", "1", "2"));
        assertEquals("*0\r\n", call("SORT", "missing", "LIMIT", "1", "2"));
        // errors: options before the key, conversion, types
        assertEquals("-ERR value is not an integer or out of range\r\n", call("SORT", "l", "LIMIT", "a", "1"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("SORT", "l", "LIMIT", "1", "b"));
        assertEquals("-ERR syntax error\r\n", call("SORT", "l", "LIMIT", "1"));
        assertEquals("-ERR syntax error\r\n", call("SORT", "l", "LIMIT", "1", "2", "3"));
        assertEquals("-ERR syntax error\r\n", call("SORT", "l", "FOO"));
        assertEquals("-ERR syntax error\r\n", call("SORT", "l", "STORE"));
        assertEquals("-ERR syntax error\r\n", call("SORT", "l", "BY"));
        assertEquals("-ERR syntax error\r\n", call("SORT", "l", "GET"));
        assertEquals("-ERR syntax error\r\n", call("SORT_RO", "l", "STORE", "dst"));
        assertEquals("-ERR syntax error\r\n", call("SORT_RO", "l", "store"));
        assertEquals("+OK\r\n", call("SET", "str", "x"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("SORT", "str"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("SORT", "str", "LIMIT", "x", "1"));
        assertEquals("-ERR syntax error\r\n", call("SORT", "str", "FOO"));
        assertEquals(":1\r\n", call("HSET", "h", "f", "v"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("SORT", "h"));
        assertEquals(":3\r\n", call("RPUSH", "bad", "1", "x", "2"));
        assertEquals("-ERR One or more scores can't be converted into double\r\n", call("SORT", "bad"));
        assertEquals("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\nx\r\n", call("SORT", "bad", "ALPHA"));
        assertEquals("-ERR One or more scores can't be converted into double\r\n", call("SORT", "bad", "LIMIT", "0", "1"));
        assertEquals("-ERR One or more scores can't be converted into double\r\n", call("SORT", "bad", "STORE", "dst"));
        assertEquals(":0\r\n", call("EXISTS", "dst"));
        assertEquals(":5\r\n", bcall("RPUSH", "odd", "5", "", " 7", "1\u0000x", "-3"));
        assertEquals("*5\r\n$2\r\n-3\r\n$0\r\n\r\n$3\r\n1\u0000x\r\n$1\r\n5\r\n$2\r\n 7\r\n", call("SORT", "odd"));
        assertEquals(":6\r\n", call("RPUSH", "odd", "1 "));
        assertEquals("-ERR One or more scores can't be converted into double\r\n", call("SORT", "odd"));
        assertEquals(":1\r\n", call("DEL", "odd"));
        assertEquals(":5\r\n", call("RPUSH", "odd", "5", "inf", "-inf", "1e308", "3"));
        assertEquals("*5\r\n$4\r\n-inf\r\n$1\r\n3\r\n$1\r\n5\r\n$5\r\n1e308\r\n$3\r\ninf\r\n", call("SORT", "odd"));
        assertEquals(":1\r\n", call("DEL", "odd"));
        assertEquals(":2\r\n", call("RPUSH", "odd", "5", "nan"));
        assertEquals("-ERR One or more scores can't be converted into double\r\n", call("SORT", "odd"));
        // strtod's ERANGE (overflow, underflow) fails too
        assertEquals(":1\r\n", call("DEL", "odd"));
        assertEquals(":2\r\n", call("RPUSH", "odd", "5", "1e500"));
        assertEquals("-ERR One or more scores can't be converted into double\r\n", call("SORT", "odd"));
        assertEquals("+OK\r\n", call("SET", "f", "1"));
        assertEquals("$1\r\n2\r\n", call("INCRBYFLOAT", "f", "1"));
        assertEquals(":1\r\n", call("DEL", "odd"));
        assertEquals(":2\r\n", call("RPUSH", "odd", "5", "1e-400"));
        assertEquals("-ERR One or more scores can't be converted into double\r\n", call("SORT", "odd"));
        assertEquals("$1\r\n3\r\n", call("INCRBYFLOAT", "f", "1"));
    }

    /** ALPHA: strcmp collation when replying (ties in input order), byte order when storing. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldSortAlphaByCollationOrBytesWhenStoring(int shards) {
        start(shards);
        // ALPHA: strcoll in the C locale (strcmp: unsigned bytes up to a NUL) when replying, ties keep their order
        assertEquals(":11\r\n", bcall("RPUSH", "l", "b\u00ff", "b\u0080", "a\u00c3\u00a9", "a\u0000c", "a\u0000b", "a", "ab", "B", "a\u0000a", "10", "9"));
        assertEquals("*11\r\n$2\r\n10\r\n$1\r\n9\r\n$1\r\nB\r\n$3\r\na\u0000c\r\n$3\r\na\u0000b\r\n$1\r\na\r\n$3\r\na\u0000a\r\n$2\r\nab\r\n$3\r\na\u00c3\u00a9\r\n$2\r\nb\u0080\r\n$2\r\nb\u00ff\r\n", call("SORT", "l", "ALPHA"));
        assertEquals("*11\r\n$2\r\nb\u00ff\r\n$2\r\nb\u0080\r\n$3\r\na\u00c3\u00a9\r\n$2\r\nab\r\n$3\r\na\u0000c\r\n$3\r\na\u0000b\r\n$1\r\na\r\n$3\r\na\u0000a\r\n$1\r\nB\r\n$1\r\n9\r\n$2\r\n10\r\n", call("SORT", "l", "ALPHA", "DESC"));
        assertEquals("*4\r\n$1\r\nB\r\n$3\r\na\u0000c\r\n$3\r\na\u0000b\r\n$1\r\na\r\n", call("SORT", "l", "ALPHA", "LIMIT", "2", "4"));
        assertEquals("*3\r\n$2\r\nb\u00ff\r\n$2\r\nb\u0080\r\n$3\r\na\u00c3\u00a9\r\n", call("SORT", "l", "ALPHA", "DESC", "LIMIT", "0", "3"));
        assertEquals("*11\r\n$2\r\n10\r\n$1\r\n9\r\n$1\r\nB\r\n$3\r\na\u0000c\r\n$3\r\na\u0000b\r\n$1\r\na\r\n$3\r\na\u0000a\r\n$2\r\nab\r\n$3\r\na\u00c3\u00a9\r\n$2\r\nb\u0080\r\n$2\r\nb\u00ff\r\n", call("SORT_RO", "l", "ALPHA"));
        // storing compares bytes, then lengths (compareStringObjects)
        assertEquals(":11\r\n", call("SORT", "l", "ALPHA", "STORE", "d"));
        assertEquals("*11\r\n$2\r\n10\r\n$1\r\n9\r\n$1\r\nB\r\n$1\r\na\r\n$3\r\na\u0000a\r\n$3\r\na\u0000b\r\n$3\r\na\u0000c\r\n$2\r\nab\r\n$3\r\na\u00c3\u00a9\r\n$2\r\nb\u0080\r\n$2\r\nb\u00ff\r\n", call("LRANGE", "d", "0", "-1"));
        assertEquals(":11\r\n", call("SORT", "l", "ALPHA", "DESC", "STORE", "d"));
        assertEquals("*11\r\n$2\r\nb\u00ff\r\n$2\r\nb\u0080\r\n$3\r\na\u00c3\u00a9\r\n$2\r\nab\r\n$3\r\na\u0000c\r\n$3\r\na\u0000b\r\n$3\r\na\u0000a\r\n$1\r\na\r\n$1\r\nB\r\n$1\r\n9\r\n$2\r\n10\r\n", call("LRANGE", "d", "0", "-1"));
        assertEquals("$9\r\nquicklist\r\n", call("OBJECT", "ENCODING", "d"));
        assertEquals(":5\r\n", call("SADD", "s", "banana", "apple", "cherry", "10", "9"));
        assertEquals("*5\r\n$2\r\n10\r\n$1\r\n9\r\n$5\r\napple\r\n$6\r\nbanana\r\n$6\r\ncherry\r\n", call("SORT", "s", "ALPHA"));
        assertEquals("*2\r\n$6\r\nbanana\r\n$5\r\napple\r\n", call("SORT", "s", "ALPHA", "DESC", "LIMIT", "1", "2"));
        assertEquals(":3\r\n", call("SADD", "is", "30", "4", "200"));
        assertEquals("*3\r\n$3\r\n200\r\n$2\r\n30\r\n$1\r\n4\r\n", call("SORT", "is", "ALPHA"));
        assertEquals(":3\r\n", call("ZADD", "z", "1", "b", "2", "a", "3", "c"));
        assertEquals("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", call("SORT", "z", "ALPHA"));
        assertEquals("*3\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n", call("SORT", "z", "ALPHA", "DESC"));
        assertEquals("$8\r\nskiplist\r\n", call("OBJECT", "ENCODING", "z"));
    }

    /** BY string and hash-field weights, missing weights, BY without a star (nosort) on lists, sorted sets and sets. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldSortByPatternsAndKeepNativeOrderForNosort(int shards) {
        start(shards);
        // BY pattern: weights from strings and hash fields, missing weights count as 0
        assertEquals(":5\r\n", call("RPUSH", "l", "a", "b", "c", "d", "e"));
        assertEquals("+OK\r\n", call("MSET", "w_a", "5", "w_b", "3", "w_c", "10", "w_e", "-1"));
        assertEquals("*5\r\n$1\r\ne\r\n$1\r\nd\r\n$1\r\nb\r\n$1\r\na\r\n$1\r\nc\r\n", call("SORT", "l", "BY", "w_*"));
        assertEquals("*5\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nd\r\n$1\r\ne\r\n", call("SORT", "l", "BY", "w_*", "DESC"));
        assertEquals("*2\r\n$1\r\nd\r\n$1\r\nb\r\n", call("SORT", "l", "BY", "w_*", "LIMIT", "1", "2"));
        assertEquals("*2\r\n$1\r\nc\r\n$1\r\na\r\n", call("SORT", "l", "BY", "w_*", "DESC", "LIMIT", "0", "2"));
        assertEquals(":2\r\n", call("HSET", "h_a", "f", "2", "g", "x"));
        assertEquals(":1\r\n", call("HSET", "h_b", "f", "1"));
        assertEquals(":1\r\n", call("HSET", "h_c", "f", "3"));
        assertEquals(":1\r\n", call("HSET", "h_d", "g", "1"));
        assertEquals("*5\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\nb\r\n$1\r\na\r\n$1\r\nc\r\n", call("SORT", "l", "BY", "h_*->f"));
        assertEquals("*5\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\ne\r\n$1\r\nd\r\n", call("SORT", "l", "BY", "h_*->f", "DESC"));
        assertEquals("*5\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\ne\r\n$1\r\nd\r\n$1\r\na\r\n", call("SORT", "l", "BY", "h_*->g", "ALPHA"));
        assertEquals("-ERR One or more scores can't be converted into double\r\n", call("SORT", "l", "BY", "h_*->g"));
        assertEquals("*5\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n", call("SORT", "l", "BY", "h_*->"));
        assertEquals("*5\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n", call("SORT", "l", "BY", "*->", "ALPHA"));
        assertEquals("*5\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n", call("SORT", "l", "BY", "pre*post"));
        assertEquals("+OK\r\n", call("SET", "pre_a_post", "2"));
        assertEquals("+OK\r\n", call("SET", "pre_b_post", "1"));
        assertEquals("*5\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\nb\r\n$1\r\na\r\n", call("SORT", "l", "BY", "pre_*_post"));
        assertEquals("*5\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n", call("SORT", "l", "BY", "w_*", "ALPHA"));
        assertEquals("*5\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n", call("SORT", "l", "BY", "h_*"));
        assertEquals(":1\r\n", call("RPUSH", "wl", "x"));
        assertEquals("+OK\r\n", call("SET", "w_d", "wl"));
        assertEquals("-ERR One or more scores can't be converted into double\r\n", call("SORT", "l", "BY", "w_*"));
        assertEquals("+OK\r\n", call("SET", "w_d", "2.5"));
        // ALPHA with BY: missing values first, equal values keep their order (qsort), pqsort with LIMIT
        assertEquals("*5\r\n$1\r\na\r\n$1\r\nd\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\ne\r\n", call("SORT", "l", "BY", "h_*->g", "ALPHA", "DESC"));
        assertEquals("*5\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n", call("SORT", "l", "BY", "nothere_*", "ALPHA"));
        assertEquals("*5\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n", call("SORT", "l", "BY", "nothere_*", "ALPHA", "DESC"));
        assertEquals("*3\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n", call("SORT", "l", "BY", "nothere_*", "ALPHA", "LIMIT", "1", "3"));
        assertEquals("*3\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n", call("SORT", "l", "BY", "nothere_*", "LIMIT", "1", "3"));
        // BY without '*': the key's own order (nosort), LIMIT taken directly
        assertEquals("*5\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n", call("SORT", "l", "BY", "nosort"));
        assertEquals("*5\r\n$1\r\ne\r\n$1\r\nd\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n", call("SORT", "l", "BY", "nosort", "DESC"));
        assertEquals("*2\r\n$1\r\nb\r\n$1\r\nc\r\n", call("SORT", "l", "BY", "nosort", "LIMIT", "1", "2"));
        assertEquals("*2\r\n$1\r\nd\r\n$1\r\nc\r\n", call("SORT", "l", "BY", "nosort", "DESC", "LIMIT", "1", "2"));
        assertEquals("*1\r\n$1\r\ne\r\n", call("SORT", "l", "BY", "nosort", "LIMIT", "4", "10"));
        assertEquals("*0\r\n", call("SORT", "l", "BY", "nosort", "LIMIT", "5", "1"));
        assertEquals("*2\r\n$1\r\ne\r\n$1\r\nd\r\n", call("SORT", "l", "BY", "nosort", "DESC", "LIMIT", "-3", "2"));
        assertEquals("*0\r\n", call("SORT", "l", "BY", "nosort", "LIMIT", "0", "0"));
        assertEquals("*5\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n", call("SORT", "l", "BY", "w_*", "BY", "nosort"));
        assertEquals("*5\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n", call("SORT", "l", "BY", "nosort", "BY", "w_*"));
        assertEquals(":5\r\n", call("ZADD", "z", "3", "a", "1", "b", "2", "c", "5", "d", "4", "e"));
        assertEquals("*5\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\ne\r\n$1\r\nd\r\n", call("SORT", "z", "BY", "nosort"));
        assertEquals("*5\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\na\r\n$1\r\nc\r\n$1\r\nb\r\n", call("SORT", "z", "BY", "nosort", "DESC"));
        assertEquals("*3\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\ne\r\n", call("SORT", "z", "BY", "nosort", "LIMIT", "1", "3"));
        assertEquals("*3\r\n$1\r\ne\r\n$1\r\na\r\n$1\r\nc\r\n", call("SORT", "z", "BY", "nosort", "DESC", "LIMIT", "1", "3"));
        assertEquals("*1\r\n$1\r\nb\r\n", call("SORT", "z", "BY", "nosort", "DESC", "LIMIT", "4", "3"));
        assertEquals("*0\r\n", call("SORT", "z", "BY", "nosort", "LIMIT", "5", "1"));
        assertEquals("*5\r\n$1\r\ne\r\n$1\r\nd\r\n$1\r\nb\r\n$1\r\na\r\n$1\r\nc\r\n", call("SORT", "z", "BY", "w_*"));
        assertEquals("*0\r\n", call("SORT", "missing", "BY", "nosort"));
        assertEquals("*0\r\n", call("SORT", "missing", "BY", "nosort", "DESC", "LIMIT", "1", "1"));
        assertEquals(":3\r\n", call("SADD", "si", "3", "1", "2"));
        assertEquals("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", call("SORT", "si", "BY", "nosort"));
        assertEquals(":3\r\n", call("SORT", "si", "BY", "nosort", "STORE", "d"));
        assertEquals("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", call("LRANGE", "d", "0", "-1"));
        assertEquals(":5\r\n", call("SADD", "ss", "c", "a", "b", "10", "9"));
        assertEquals(":5\r\n", call("SORT", "ss", "BY", "nosort", "STORE", "d"));
        assertEquals("*5\r\n$2\r\n10\r\n$1\r\n9\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", call("LRANGE", "d", "0", "-1"));
        assertEquals(":2\r\n", call("SORT", "ss", "BY", "nosort", "DESC", "LIMIT", "1", "2", "STORE", "d"));
        assertEquals("*2\r\n$1\r\nb\r\n$1\r\na\r\n", call("LRANGE", "d", "0", "-1"));
    }

    /** GET patterns (#, strings, hash fields, nil) and STORE (a quicklist list, TTL dropped, empty result deletes). */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldGetPatternsAndStoreLists(int shards) {
        start(shards);
        // GET: '#' for the element, strings, hash fields, a missing key or field or another type as nil
        assertEquals(":3\r\n", call("RPUSH", "l", "3", "1", "2"));
        assertEquals("+OK\r\n", call("MSET", "o_1", "one", "o_2", "two"));
        assertEquals(":2\r\n", call("HSET", "h_1", "name", "n1", "age", "10"));
        assertEquals(":1\r\n", call("HSET", "h_3", "name", "n3"));
        assertEquals("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", call("SORT", "l", "GET", "#"));
        assertEquals("*3\r\n$3\r\none\r\n$3\r\ntwo\r\n$-1\r\n", call("SORT", "l", "GET", "o_*"));
        assertEquals("*12\r\n$3\r\none\r\n$1\r\n1\r\n$2\r\nn1\r\n$2\r\n10\r\n$3\r\ntwo\r\n$1\r\n2\r\n$-1\r\n$-1\r\n$-1\r\n$1\r\n3\r\n$2\r\nn3\r\n$-1\r\n", call("SORT", "l", "GET", "o_*", "GET", "#", "GET", "h_*->name", "GET", "h_*->age"));
        assertEquals("*2\r\n$2\r\nn3\r\n$-1\r\n", call("SORT", "l", "DESC", "GET", "h_*->name", "LIMIT", "0", "2"));
        assertEquals("*3\r\n$-1\r\n$-1\r\n$-1\r\n", call("SORT", "l", "GET", "nostar"));
        assertEquals("*3\r\n$-1\r\n$-1\r\n$-1\r\n", call("SORT", "l", "GET", "h_*"));
        assertEquals("*3\r\n$-1\r\n$-1\r\n$-1\r\n", call("SORT", "l", "GET", "#x"));
        assertEquals("*3\r\n$-1\r\n$-1\r\n$-1\r\n", call("SORT", "l", "GET", "o_*->"));
        assertEquals("*3\r\n$1\r\n3\r\n$1\r\n1\r\n$1\r\n2\r\n", call("SORT", "l", "BY", "o_*", "ALPHA", "GET", "#"));
        assertEquals("*6\r\n$-1\r\n$1\r\n3\r\n$3\r\none\r\n$1\r\n1\r\n$3\r\ntwo\r\n$1\r\n2\r\n", call("SORT", "l", "BY", "nosort", "GET", "o_*", "GET", "#"));
        assertEquals("*3\r\n$3\r\ntwo\r\n$3\r\none\r\n$-1\r\n", call("SORT", "l", "BY", "nosort", "DESC", "GET", "o_*"));
        assertEquals("*6\r\n$3\r\none\r\n$1\r\n1\r\n$3\r\ntwo\r\n$1\r\n2\r\n$-1\r\n$1\r\n3\r\n", call("SORT_RO", "l", "GET", "o_*", "GET", "#"));
        assertEquals("*0\r\n", call("SORT", "l", "LIMIT", "0", "0", "GET", "o_*"));
        assertEquals("*0\r\n", call("SORT", "missing", "GET", "o_*"));
        // GET with the hash field after the '*' only: a "->" before it is part of the key
        assertEquals("+OK\r\n", call("SET", "a->1", "x"));
        assertEquals("*3\r\n$1\r\nx\r\n$-1\r\n$-1\r\n", call("SORT", "l", "GET", "a->*"));
        assertEquals("+OK\r\n", call("SET", "k_1->f", "y"));
        assertEquals("*3\r\n$-1\r\n$-1\r\n$-1\r\n", call("SORT", "l", "GET", "k_*->f"));
        assertEquals("*3\r\n$-1\r\n$-1\r\n$-1\r\n", call("SORT", "l", "GET", "k_*->f->g"));
        assertEquals(":1\r\n", call("HSET", "k_2", "f->g", "z"));
        assertEquals("*3\r\n$-1\r\n$1\r\nz\r\n$-1\r\n", call("SORT", "l", "GET", "k_*->f->g"));
        // STORE: the count, a list, GET values and empty strings for missing ones
        assertEquals(":6\r\n", call("SORT", "l", "GET", "o_*", "GET", "#", "STORE", "dst"));
        assertEquals("*6\r\n$3\r\none\r\n$1\r\n1\r\n$3\r\ntwo\r\n$1\r\n2\r\n$0\r\n\r\n$1\r\n3\r\n", call("LRANGE", "dst", "0", "-1"));
        assertEquals("$9\r\nquicklist\r\n", call("OBJECT", "ENCODING", "dst"));
        assertEquals("+list\r\n", call("TYPE", "dst"));
        assertEquals(":3\r\n", call("SORT", "l", "DESC", "STORE", "dst"));
        assertEquals("*3\r\n$1\r\n3\r\n$1\r\n2\r\n$1\r\n1\r\n", call("LRANGE", "dst", "0", "-1"));
        assertEquals("+OK\r\n", call("SET", "dst2", "x", "EX", "100"));
        assertEquals(":3\r\n", call("SORT", "l", "STORE", "dst2"));
        assertEquals(":-1\r\n", call("TTL", "dst2"));
        assertEquals("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", call("LRANGE", "dst2", "0", "-1"));
        assertEquals(":0\r\n", call("SORT", "l", "LIMIT", "0", "0", "STORE", "dst2"));
        assertEquals(":0\r\n", call("EXISTS", "dst2"));
        assertEquals(":0\r\n", call("SORT", "l", "LIMIT", "0", "0", "STORE", "dst2"));
        assertEquals(":0\r\n", call("SORT", "missing", "STORE", "dst"));
        assertEquals(":0\r\n", call("EXISTS", "dst"));
        assertEquals(":3\r\n", call("SORT", "l", "STORE", "l"));
        assertEquals("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n", call("LRANGE", "l", "0", "-1"));
        assertEquals(":3\r\n", call("SORT", "l", "STORE", "dst", "STORE", "dst3"));
        assertEquals(":1\r\n", call("EXISTS", "dst", "dst3"));
        assertEquals(":3\r\n", call("SORT", "l", "STORE", "dst3", "DESC", "STORE", "dst"));
        assertEquals("*3\r\n$1\r\n3\r\n$1\r\n2\r\n$1\r\n1\r\n", call("LRANGE", "dst", "0", "-1"));
        assertEquals(":1\r\n", call("EXISTS", "dst3"));
        assertEquals(":2\r\n", call("SADD", "s", "2", "1"));
        assertEquals(":2\r\n", call("SORT", "s", "STORE", "ss"));
        assertEquals(":2\r\n", call("SORT", "s", "BY", "nosort", "GET", "#", "STORE", "ss"));
        assertEquals("*2\r\n$1\r\n1\r\n$1\r\n2\r\n", call("LRANGE", "ss", "0", "-1"));
    }

    /** Ties under BY: a stable order without LIMIT, the placement of pqsort with one. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldPlaceTiesAsPqsortAndQsortDo(int shards) {
        start(shards);
        // pqsort (BY with a LIMIT that cuts the vector): how ties are placed, on 60 elements with 4 weights
        assertEquals(":60\r\n", call("RPUSH", "big", "e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9", "e10", "e11", "e12", "e13", "e14", "e15", "e16", "e17", "e18", "e19", "e20", "e21", "e22", "e23", "e24", "e25", "e26", "e27", "e28", "e29", "e30", "e31", "e32", "e33", "e34", "e35", "e36", "e37", "e38", "e39", "e40", "e41", "e42", "e43", "e44", "e45", "e46", "e47", "e48", "e49", "e50", "e51", "e52", "e53", "e54", "e55", "e56", "e57", "e58", "e59"));
        assertEquals("+OK\r\n", call("MSET", "w_e0", "b", "w_e1", "a", "w_e2", "2", "w_e3", "2", "w_e4", "2", "w_e5", "a", "w_e6", "a", "w_e7", "2", "w_e8", "2", "w_e9", "b", "w_e10", "2", "w_e12", "1", "w_e13", "b", "w_e14", "b", "w_e15", "b", "w_e16", "2", "w_e17", "b", "w_e18", "2", "w_e19", "c", "w_e20", "a", "w_e21", "2", "w_e22", "2", "w_e23", "c", "w_e24", "1", "w_e25", "b", "w_e26", "b", "w_e27", "c", "w_e28", "c", "w_e29", "c", "w_e30", "a", "w_e31", "1", "w_e32", "c", "w_e33", "1", "w_e34", "a", "w_e35", "2", "w_e36", "c", "w_e37", "c", "w_e38", "2", "w_e39", "a", "w_e42", "a", "w_e43", "c", "w_e44", "1", "w_e45", "1", "w_e47", "1", "w_e48", "2", "w_e49", "a", "w_e50", "c", "w_e51", "b", "w_e52", "1", "w_e53", "1", "w_e54", "c", "w_e58", "1"));
        assertEquals("*10\r\n$3\r\ne56\r\n$3\r\ne41\r\n$3\r\ne57\r\n$3\r\ne11\r\n$3\r\ne46\r\n$3\r\ne59\r\n$3\r\ne55\r\n$3\r\ne40\r\n$3\r\ne31\r\n$3\r\ne53\r\n", call("SORT", "big", "BY", "w_*", "ALPHA", "LIMIT", "0", "10"));
        assertEquals("*20\r\n$3\r\ne59\r\n$3\r\ne55\r\n$3\r\ne40\r\n$3\r\ne31\r\n$3\r\ne53\r\n$3\r\ne33\r\n$3\r\ne47\r\n$3\r\ne52\r\n$3\r\ne12\r\n$3\r\ne44\r\n$3\r\ne58\r\n$3\r\ne24\r\n$3\r\ne45\r\n$3\r\ne48\r\n$2\r\ne2\r\n$3\r\ne10\r\n$3\r\ne21\r\n$3\r\ne22\r\n$3\r\ne38\r\n$2\r\ne8\r\n", call("SORT", "big", "BY", "w_*", "ALPHA", "LIMIT", "5", "20"));
        assertEquals("*15\r\n$3\r\ne23\r\n$2\r\ne0\r\n$2\r\ne9\r\n$3\r\ne13\r\n$3\r\ne14\r\n$3\r\ne15\r\n$3\r\ne17\r\n$3\r\ne25\r\n$3\r\ne26\r\n$3\r\ne51\r\n$2\r\ne1\r\n$3\r\ne49\r\n$3\r\ne30\r\n$3\r\ne20\r\n$2\r\ne6\r\n", call("SORT", "big", "BY", "w_*", "ALPHA", "DESC", "LIMIT", "10", "15"));
        assertEquals("*10\r\n$3\r\ne50\r\n$3\r\ne19\r\n$3\r\ne36\r\n$3\r\ne32\r\n$3\r\ne54\r\n$3\r\ne29\r\n$3\r\ne28\r\n$3\r\ne27\r\n$3\r\ne23\r\n$3\r\ne37\r\n", call("SORT", "big", "BY", "w_*", "ALPHA", "LIMIT", "50", "20"));
        assertEquals("*60\r\n$3\r\ne11\r\n$3\r\ne40\r\n$3\r\ne41\r\n$3\r\ne46\r\n$3\r\ne55\r\n$3\r\ne56\r\n$3\r\ne57\r\n$3\r\ne59\r\n$3\r\ne12\r\n$3\r\ne24\r\n$3\r\ne31\r\n$3\r\ne33\r\n$3\r\ne44\r\n$3\r\ne45\r\n$3\r\ne47\r\n$3\r\ne52\r\n$3\r\ne53\r\n$3\r\ne58\r\n$2\r\ne2\r\n$2\r\ne3\r\n$2\r\ne4\r\n$2\r\ne7\r\n$2\r\ne8\r\n$3\r\ne10\r\n$3\r\ne16\r\n$3\r\ne18\r\n$3\r\ne21\r\n$3\r\ne22\r\n$3\r\ne35\r\n$3\r\ne38\r\n$3\r\ne48\r\n$2\r\ne1\r\n$2\r\ne5\r\n$2\r\ne6\r\n$3\r\ne20\r\n$3\r\ne30\r\n$3\r\ne34\r\n$3\r\ne39\r\n$3\r\ne42\r\n$3\r\ne49\r\n$2\r\ne0\r\n$2\r\ne9\r\n$3\r\ne13\r\n$3\r\ne14\r\n$3\r\ne15\r\n$3\r\ne17\r\n$3\r\ne25\r\n$3\r\ne26\r\n$3\r\ne51\r\n$3\r\ne19\r\n$3\r\ne23\r\n$3\r\ne27\r\n$3\r\ne28\r\n$3\r\ne29\r\n$3\r\ne32\r\n$3\r\ne36\r\n$3\r\ne37\r\n$3\r\ne43\r\n$3\r\ne50\r\n$3\r\ne54\r\n", call("SORT", "big", "BY", "w_*", "ALPHA"));
        assertEquals("*60\r\n$3\r\ne19\r\n$3\r\ne23\r\n$3\r\ne27\r\n$3\r\ne28\r\n$3\r\ne29\r\n$3\r\ne32\r\n$3\r\ne36\r\n$3\r\ne37\r\n$3\r\ne43\r\n$3\r\ne50\r\n$3\r\ne54\r\n$2\r\ne0\r\n$2\r\ne9\r\n$3\r\ne13\r\n$3\r\ne14\r\n$3\r\ne15\r\n$3\r\ne17\r\n$3\r\ne25\r\n$3\r\ne26\r\n$3\r\ne51\r\n$2\r\ne1\r\n$2\r\ne5\r\n$2\r\ne6\r\n$3\r\ne20\r\n$3\r\ne30\r\n$3\r\ne34\r\n$3\r\ne39\r\n$3\r\ne42\r\n$3\r\ne49\r\n$2\r\ne2\r\n$2\r\ne3\r\n$2\r\ne4\r\n$2\r\ne7\r\n$2\r\ne8\r\n$3\r\ne10\r\n$3\r\ne16\r\n$3\r\ne18\r\n$3\r\ne21\r\n$3\r\ne22\r\n$3\r\ne35\r\n$3\r\ne38\r\n$3\r\ne48\r\n$3\r\ne12\r\n$3\r\ne24\r\n$3\r\ne31\r\n$3\r\ne33\r\n$3\r\ne44\r\n$3\r\ne45\r\n$3\r\ne47\r\n$3\r\ne52\r\n$3\r\ne53\r\n$3\r\ne58\r\n$3\r\ne11\r\n$3\r\ne40\r\n$3\r\ne41\r\n$3\r\ne46\r\n$3\r\ne55\r\n$3\r\ne56\r\n$3\r\ne57\r\n$3\r\ne59\r\n", call("SORT", "big", "BY", "w_*", "ALPHA", "DESC"));
        assertEquals(":30\r\n", call("SORT", "big", "BY", "w_*", "LIMIT", "3", "30", "ALPHA", "STORE", "dst"));
        assertEquals("*30\r\n$3\r\ne11\r\n$3\r\ne46\r\n$3\r\ne59\r\n$3\r\ne55\r\n$3\r\ne40\r\n$3\r\ne31\r\n$3\r\ne53\r\n$3\r\ne33\r\n$3\r\ne47\r\n$3\r\ne52\r\n$3\r\ne12\r\n$3\r\ne44\r\n$3\r\ne58\r\n$3\r\ne24\r\n$3\r\ne45\r\n$3\r\ne48\r\n$2\r\ne2\r\n$3\r\ne10\r\n$3\r\ne21\r\n$3\r\ne22\r\n$3\r\ne38\r\n$2\r\ne8\r\n$3\r\ne35\r\n$2\r\ne7\r\n$2\r\ne3\r\n$2\r\ne4\r\n$3\r\ne16\r\n$3\r\ne18\r\n$3\r\ne39\r\n$3\r\ne42\r\n", call("LRANGE", "dst", "0", "-1"));
        // numeric weights with ties: equal scores fall back on the elements
        assertEquals("+OK\r\n", call("MSET", "n_e0", "3", "n_e1", "2", "n_e2", "1", "n_e3", "1", "n_e4", "1", "n_e5", "1", "n_e6", "1", "n_e7", "1", "n_e8", "3", "n_e9", "1", "n_e10", "1", "n_e11", "2", "n_e12", "3", "n_e13", "1", "n_e14", "2", "n_e15", "2", "n_e16", "1", "n_e17", "1", "n_e18", "2", "n_e19", "3", "n_e20", "2", "n_e21", "3", "n_e22", "3", "n_e23", "2", "n_e24", "1", "n_e25", "3", "n_e26", "3", "n_e27", "3", "n_e28", "3", "n_e29", "3", "n_e30", "3", "n_e31", "1", "n_e32", "2", "n_e33", "3", "n_e34", "3", "n_e35", "2", "n_e36", "2", "n_e37", "2", "n_e38", "2", "n_e39", "1", "n_e40", "2", "n_e41", "3", "n_e42", "2", "n_e43", "1", "n_e44", "1", "n_e45", "1", "n_e46", "1", "n_e47", "2", "n_e48", "1", "n_e49", "1", "n_e50", "2", "n_e51", "3", "n_e52", "1", "n_e53", "1", "n_e54", "1", "n_e55", "3", "n_e56", "1", "n_e57", "3", "n_e58", "1", "n_e59", "2"));
        assertEquals("*10\r\n$3\r\ne10\r\n$3\r\ne13\r\n$3\r\ne16\r\n$3\r\ne17\r\n$2\r\ne2\r\n$3\r\ne24\r\n$2\r\ne3\r\n$3\r\ne31\r\n$3\r\ne39\r\n$2\r\ne4\r\n", call("SORT", "big", "BY", "n_*", "LIMIT", "0", "10"));
        assertEquals("*10\r\n$3\r\ne47\r\n$3\r\ne42\r\n$3\r\ne40\r\n$3\r\ne38\r\n$3\r\ne37\r\n$3\r\ne36\r\n$3\r\ne35\r\n$3\r\ne32\r\n$3\r\ne23\r\n$3\r\ne20\r\n", call("SORT", "big", "BY", "n_*", "DESC", "LIMIT", "20", "10"));
        assertEquals("*60\r\n$3\r\ne10\r\n$3\r\ne13\r\n$3\r\ne16\r\n$3\r\ne17\r\n$2\r\ne2\r\n$3\r\ne24\r\n$2\r\ne3\r\n$3\r\ne31\r\n$3\r\ne39\r\n$2\r\ne4\r\n$3\r\ne43\r\n$3\r\ne44\r\n$3\r\ne45\r\n$3\r\ne46\r\n$3\r\ne48\r\n$3\r\ne49\r\n$2\r\ne5\r\n$3\r\ne52\r\n$3\r\ne53\r\n$3\r\ne54\r\n$3\r\ne56\r\n$3\r\ne58\r\n$2\r\ne6\r\n$2\r\ne7\r\n$2\r\ne9\r\n$2\r\ne1\r\n$3\r\ne11\r\n$3\r\ne14\r\n$3\r\ne15\r\n$3\r\ne18\r\n$3\r\ne20\r\n$3\r\ne23\r\n$3\r\ne32\r\n$3\r\ne35\r\n$3\r\ne36\r\n$3\r\ne37\r\n$3\r\ne38\r\n$3\r\ne40\r\n$3\r\ne42\r\n$3\r\ne47\r\n$3\r\ne50\r\n$3\r\ne59\r\n$2\r\ne0\r\n$3\r\ne12\r\n$3\r\ne19\r\n$3\r\ne21\r\n$3\r\ne22\r\n$3\r\ne25\r\n$3\r\ne26\r\n$3\r\ne27\r\n$3\r\ne28\r\n$3\r\ne29\r\n$3\r\ne30\r\n$3\r\ne33\r\n$3\r\ne34\r\n$3\r\ne41\r\n$3\r\ne51\r\n$3\r\ne55\r\n$3\r\ne57\r\n$2\r\ne8\r\n", call("SORT", "big", "BY", "n_*"));
        // a small vector (insertion sort) with ties
        assertEquals(":5\r\n", call("RPUSH", "small", "x1", "x2", "x3", "x4", "x5"));
        assertEquals("+OK\r\n", call("MSET", "w_x1", "b", "w_x2", "a", "w_x3", "b", "w_x5", "a"));
        assertEquals("*2\r\n$2\r\nx4\r\n$2\r\nx2\r\n", call("SORT", "small", "BY", "w_*", "ALPHA", "LIMIT", "0", "2"));
        assertEquals("*3\r\n$2\r\nx3\r\n$2\r\nx2\r\n$2\r\nx5\r\n", call("SORT", "small", "BY", "w_*", "ALPHA", "DESC", "LIMIT", "1", "3"));
        assertEquals("*1\r\n$2\r\nx2\r\n", call("SORT", "small", "BY", "w_*", "ALPHA", "LIMIT", "1", "1"));
        assertEquals(":20\r\n", call("RPUSH", "mid", "m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12", "m13", "m14", "m15", "m16", "m17", "m18", "m19"));
        assertEquals("+OK\r\n", call("MSET", "w_m0", "b", "w_m1", "a", "w_m2", "a", "w_m3", "b", "w_m4", "a", "w_m5", "a", "w_m6", "b", "w_m7", "a", "w_m8", "a", "w_m9", "b", "w_m10", "a", "w_m11", "a", "w_m12", "b", "w_m13", "a", "w_m14", "a", "w_m15", "b", "w_m16", "a", "w_m17", "a", "w_m18", "b", "w_m19", "a"));
        assertEquals("*5\r\n$3\r\nm19\r\n$2\r\nm1\r\n$2\r\nm2\r\n$2\r\nm8\r\n$3\r\nm10\r\n", call("SORT", "mid", "BY", "w_*", "ALPHA", "LIMIT", "0", "5"));
        assertEquals("*9\r\n$3\r\nm15\r\n$2\r\nm9\r\n$3\r\nm12\r\n$3\r\nm18\r\n$2\r\nm0\r\n$3\r\nm10\r\n$3\r\nm11\r\n$3\r\nm13\r\n$3\r\nm14\r\n", call("SORT", "mid", "BY", "w_*", "ALPHA", "DESC", "LIMIT", "2", "9"));
        assertEquals("*5\r\n$3\r\nm15\r\n$2\r\nm3\r\n$3\r\nm12\r\n$3\r\nm18\r\n$2\r\nm9\r\n", call("SORT", "mid", "BY", "w_*", "ALPHA", "LIMIT", "15", "5"));
    }
}
