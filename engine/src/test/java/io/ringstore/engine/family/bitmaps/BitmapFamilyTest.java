package io.ringstore.engine.family.bitmaps;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SETBIT and GETBIT. Expected replies from redis-server 7.0.15; on one and two shards. */
class BitmapFamilyTest extends BitmapEngineTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldSetAndGetBitsOfNewKeysWithRedisErrors(int shards) {
        start(shards);
        // a new key: an exact raw string, bit 0 the first byte's high bit
        assertEquals(":0\r\n", call("SETBIT", "k", "7", "1"));
        assertEquals("$1\r\n\u0001\r\n", call("GET", "k"));
        assertEquals("$3\r\nraw\r\n", call("OBJECT", "ENCODING", "k"));
        assertEquals(":1\r\n", call("SETBIT", "k", "7", "1"));
        assertEquals(":1\r\n", call("SETBIT", "k", "7", "0"));
        assertEquals(":0\r\n", call("SETBIT", "k", "15", "1"));
        assertEquals("$2\r\n\u0000\u0001\r\n", call("GET", "k"));
        assertEquals(":2\r\n", call("STRLEN", "k"));
        assertEquals(":1\r\n", call("GETBIT", "k", "15"));
        assertEquals(":0\r\n", call("GETBIT", "k", "14"));
        assertEquals(":0\r\n", call("GETBIT", "k", "16"));
        assertEquals(":0\r\n", call("GETBIT", "k", "4294967295"));
        assertEquals(":0\r\n", call("GETBIT", "missing", "0"));
        assertEquals(":0\r\n", call("GETBIT", "missing", "100"));
        // offsets and values: parsed before the key, offset first
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("SETBIT", "k", "4294967296", "1"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("SETBIT", "k", "-1", "1"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("SETBIT", "k", "1.5", "1"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("SETBIT", "k", "+1", "1"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("SETBIT", "k", "01", "1"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("SETBIT", "k", "", "1"));
        assertEquals("-ERR bit is not an integer or out of range\r\n", call("SETBIT", "k", "0", "2"));
        assertEquals("-ERR bit is not an integer or out of range\r\n", call("SETBIT", "k", "0", "-1"));
        assertEquals("-ERR bit is not an integer or out of range\r\n", call("SETBIT", "k", "0", "x"));
        assertEquals("-ERR bit is not an integer or out of range\r\n", call("SETBIT", "k", "0", "01"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("SETBIT", "k", "x", "x"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("GETBIT", "k", "-1"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("GETBIT", "k", "4294967296"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("GETBIT", "k", "abc"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("GETBIT", "k", "18446744073709551616"));
        // other types
        assertEquals(":1\r\n", call("LPUSH", "l", "a"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("SETBIT", "l", "0", "1"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("SETBIT", "l", "x", "1"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("GETBIT", "l", "0"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("GETBIT", "l", "x"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldEditStringsOfEveryEncodingAsRawKeepingTheTtl(int shards) {
        start(shards);
        // strings that are not raw: int digits, embstr
        assertEquals("+OK\r\n", call("SET", "n", "12"));
        assertEquals(":1\r\n", call("GETBIT", "n", "2"));
        assertEquals(":1\r\n", call("GETBIT", "n", "3"));
        assertEquals(":1\r\n", call("GETBIT", "n", "7"));
        assertEquals(":0\r\n", call("GETBIT", "n", "15"));
        assertEquals(":0\r\n", call("GETBIT", "n", "16"));
        assertEquals("$3\r\nint\r\n", call("OBJECT", "ENCODING", "n"));
        assertEquals(":0\r\n", call("SETBIT", "n", "16", "1"));
        assertEquals("$3\r\nraw\r\n", call("OBJECT", "ENCODING", "n"));
        assertEquals("$3\r\n12\u0080\r\n", call("GET", "n"));
        assertEquals("+OK\r\n", call("SET", "e", "ab"));
        assertEquals(":1\r\n", call("SETBIT", "e", "1", "1"));
        assertEquals("$3\r\nraw\r\n", call("OBJECT", "ENCODING", "e"));
        assertEquals("$2\r\nab\r\n", call("GET", "e"));
        assertEquals("+OK\r\n", call("SET", "e2", "ab"));
        assertEquals(":0\r\n", call("SETBIT", "e2", "100", "0"));
        assertEquals(":13\r\n", call("STRLEN", "e2"));
        assertEquals("$13\r\nab\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\r\n", call("GET", "e2"));
        assertEquals("+OK\r\n", call("SET", "t", "v", "EX", "100"));
        assertEquals(":1\r\n", call("SETBIT", "t", "1", "0"));
        assertEquals(":100\r\n", call("TTL", "t"));
        assertEquals("+OK\r\n", call("SET", "e3", ""));
        assertEquals(":0\r\n", call("GETBIT", "e3", "0"));
        assertEquals(":0\r\n", call("SETBIT", "e3", "0", "0"));
        assertEquals("$1\r\n\u0000\r\n", call("GET", "e3"));
    }

    /** Offsets are bounded by proto-max-bulk-len (in bytes); a BITFIELD write may reach past it by its width. */
    @ParameterizedTest
    @ValueSource(ints = {1})
    void shouldBoundOffsetsByProtoMaxBulkLen(int shards) {
        start(shards);
        assertEquals("+OK\r\n", call("CONFIG", "SET", "proto-max-bulk-len", "1mb"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("SETBIT", "k", "8388608", "1"));
        assertEquals(":0\r\n", call("SETBIT", "k", "8388607", "1"));
        assertEquals(":1048576\r\n", call("STRLEN", "k"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("GETBIT", "k", "8388608"));
        assertEquals(":1\r\n", call("GETBIT", "k", "8388607"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("BITFIELD", "k", "GET", "u8", "#1048576"));
        assertEquals("*2\r\n:1\r\n:65280\r\n", call("BITFIELD", "k", "SET", "u8", "#1048575", "255", "GET", "u16", "8388600"));
        assertEquals("*1\r\n:32768\r\n", call("BITFIELD", "k", "SET", "u16", "8388607", "65535"));
        assertEquals(":1048578\r\n", call("STRLEN", "k"));
        assertEquals(":23\r\n", call("BITCOUNT", "k"));
        assertEquals(":8388608\r\n", call("BITPOS", "k", "1", "-2"));
    }
}
