package io.ringstore.engine.family.bitmaps;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** BITOP AND/OR/XOR/NOT: padding, missing sources, the destination replaced or deleted. Expected replies from redis-server 7.0.15; on one and two shards. */
class BitOpTest extends BitmapEngineTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldCombineStringsAndStoreTheResultRaw(int shards) {
        start(shards);
        // BITOP: operations, padding of shorter and missing sources, the result's encoding
        assertEquals("+OK\r\n", call("SET", "a", "foobar"));
        assertEquals("+OK\r\n", call("SET", "b", "abcdef"));
        assertEquals("+OK\r\n", call("SET", "c", "ab"));
        assertEquals(":6\r\n", call("BITOP", "AND", "d", "a", "b"));
        assertEquals("$6\r\n`bc`ab\r\n", call("GET", "d"));
        assertEquals("$3\r\nraw\r\n", call("OBJECT", "ENCODING", "d"));
        assertEquals(":6\r\n", call("BITOP", "OR", "d", "a", "b", "c"));
        assertEquals("$6\r\ngoofev\r\n", call("GET", "d"));
        assertEquals(":6\r\n", call("BITOP", "XOR", "d", "a", "b", "c", "missing"));
        assertEquals("$6\r\nfo\u000c\u0006\u0004\u0014\r\n", call("GET", "d"));
        assertEquals(":6\r\n", call("BITOP", "AND", "d", "a", "c"));
        assertEquals("$6\r\n`b\u0000\u0000\u0000\u0000\r\n", call("GET", "d"));
        assertEquals(":6\r\n", call("BITOP", "AND", "d", "a", "missing"));
        assertEquals("$6\r\n\u0000\u0000\u0000\u0000\u0000\u0000\r\n", call("GET", "d"));
        assertEquals(":2\r\n", call("BITOP", "NOT", "d", "c"));
        assertEquals("$2\r\n\u009e\u009d\r\n", call("GET", "d"));
        assertEquals(":6\r\n", call("BITOP", "not", "d", "a"));
        assertEquals("$6\r\n\u0099\u0090\u0090\u009d\u009e\u008d\r\n", call("GET", "d"));
        assertEquals(":2\r\n", call("BITOP", "Or", "d", "c"));
        assertEquals("$2\r\nab\r\n", call("GET", "d"));
        assertEquals("$3\r\nraw\r\n", call("OBJECT", "ENCODING", "d"));
        // errors: the operation, NOT's single key, then the sources' types
        assertEquals("-ERR BITOP NOT must be called with a single source key.\r\n", call("BITOP", "NOT", "d", "a", "b"));
        assertEquals("-ERR BITOP NOT must be called with a single source key.\r\n", call("BITOP", "NOT", "d", "missing1", "missing2"));
        assertEquals("-ERR syntax error\r\n", call("BITOP", "NAND", "d", "a", "b"));
        assertEquals("-ERR syntax error\r\n", call("BITOP", "ANDX", "d", "a"));
        assertEquals(":1\r\n", call("LPUSH", "l", "x"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("BITOP", "AND", "d", "a", "l"));
        assertEquals("-ERR syntax error\r\n", call("BITOP", "NAND", "d", "a", "l"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("BITOP", "NOT", "d", "l"));
        assertEquals("$2\r\nab\r\n", call("GET", "d"));
        // the destination: any type replaced, TTL dropped, deleted when every source is empty
        assertEquals(":6\r\n", call("BITOP", "AND", "l", "a", "b"));
        assertEquals("+string\r\n", call("TYPE", "l"));
        assertEquals("$6\r\n`bc`ab\r\n", call("GET", "l"));
        assertEquals("+OK\r\n", call("SET", "t", "v", "EX", "100"));
        assertEquals(":6\r\n", call("BITOP", "OR", "t", "a"));
        assertEquals(":-1\r\n", call("TTL", "t"));
        assertEquals("+OK\r\n", call("SET", "e", ""));
        assertEquals(":0\r\n", call("BITOP", "OR", "d", "e", "missing"));
        assertEquals(":0\r\n", call("EXISTS", "d"));
        assertEquals(":0\r\n", call("BITOP", "OR", "d", "e", "missing"));
        assertEquals("+OK\r\n", call("SET", "n", "12"));
        assertEquals(":2\r\n", call("BITOP", "OR", "d", "n"));
        assertEquals("$2\r\n12\r\n", call("GET", "d"));
        assertEquals("$3\r\nraw\r\n", call("OBJECT", "ENCODING", "d"));
        assertEquals(":6\r\n", call("BITOP", "AND", "a", "a"));
        assertEquals("$6\r\nfoobar\r\n", call("GET", "a"));
        assertEquals(":6\r\n", call("BITOP", "XOR", "a", "a"));
        assertEquals("$6\r\nfoobar\r\n", call("GET", "a"));
        assertEquals(":6\r\n", call("STRLEN", "a"));
    }
}
