package io.ringstore.engine.family.bitmaps;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** BITCOUNT and BITPOS: byte and BIT ranges, negative and inverted ranges, empty and missing keys. Expected replies from redis-server 7.0.15; on one and two shards. */
class BitCountsTest extends BitmapEngineTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldCountBitsInByteAndBitRanges(int shards) {
        start(shards);
        // BITCOUNT: whole string, byte ranges, negative and inverted ranges
        assertEquals("+OK\r\n", call("SET", "s", "foobar"));
        assertEquals(":26\r\n", call("BITCOUNT", "s"));
        assertEquals(":4\r\n", call("BITCOUNT", "s", "0", "0"));
        assertEquals(":6\r\n", call("BITCOUNT", "s", "1", "1"));
        assertEquals(":22\r\n", call("BITCOUNT", "s", "1", "-1"));
        assertEquals(":7\r\n", call("BITCOUNT", "s", "-2", "-1"));
        assertEquals(":0\r\n", call("BITCOUNT", "s", "-1", "-2"));
        assertEquals(":0\r\n", call("BITCOUNT", "s", "-100", "-200"));
        assertEquals(":4\r\n", call("BITCOUNT", "s", "-200", "-100"));
        assertEquals(":0\r\n", call("BITCOUNT", "s", "100", "200"));
        assertEquals(":26\r\n", call("BITCOUNT", "s", "0", "100"));
        assertEquals(":26\r\n", call("BITCOUNT", "s", "-100", "100"));
        assertEquals(":0\r\n", call("BITCOUNT", "s", "3", "2"));
        assertEquals(":4\r\n", call("BITCOUNT", "s", "0", "-100"));
        assertEquals(":0\r\n", call("BITCOUNT", "s", "9223372036854775807", "-9223372036854775808"));
        assertEquals(":26\r\n", call("BITCOUNT", "s", "-9223372036854775808", "9223372036854775807"));
        // BIT mode, and the BYTE|BIT word
        assertEquals(":17\r\n", call("BITCOUNT", "s", "5", "30", "BIT"));
        assertEquals(":17\r\n", call("BITCOUNT", "s", "5", "30", "bit"));
        assertEquals(":4\r\n", call("BITCOUNT", "s", "0", "0", "BYTE"));
        assertEquals(":1\r\n", call("BITCOUNT", "s", "1", "1", "BIT"));
        assertEquals(":4\r\n", call("BITCOUNT", "s", "1", "6", "BIT"));
        assertEquals(":0\r\n", call("BITCOUNT", "s", "7", "7", "BIT"));
        assertEquals(":0\r\n", call("BITCOUNT", "s", "-1", "-1", "BIT"));
        assertEquals(":1\r\n", call("BITCOUNT", "s", "-3", "-1", "BIT"));
        assertEquals(":26\r\n", call("BITCOUNT", "s", "-100", "-1", "BIT"));
        assertEquals(":26\r\n", call("BITCOUNT", "s", "0", "1000", "BIT"));
        assertEquals(":0\r\n", call("BITCOUNT", "s", "47", "47", "BIT"));
        assertEquals(":0\r\n", call("BITCOUNT", "s", "48", "48", "BIT"));
        assertEquals(":0\r\n", call("BITCOUNT", "s", "9", "8", "BIT"));
        assertEquals("-ERR syntax error\r\n", call("BITCOUNT", "s", "0", "0", "WORD"));
        assertEquals(":0\r\n", call("BITCOUNT", "s", "-1", "-5", "WORD"));
        assertEquals("-ERR syntax error\r\n", call("BITCOUNT", "s", "0"));
        assertEquals("-ERR syntax error\r\n", call("BITCOUNT", "s", "0", "1", "BIT", "x"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("BITCOUNT", "s", "x", "1"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("BITCOUNT", "s", "0", "x"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("BITCOUNT", "s", "x", "1", "WORD"));
        // missing, empty, int, wrong type: the key is looked up before the range is parsed
        assertEquals(":0\r\n", call("BITCOUNT", "missing"));
        assertEquals(":0\r\n", call("BITCOUNT", "missing", "x", "y"));
        assertEquals(":0\r\n", call("BITCOUNT", "missing", "0"));
        assertEquals("+OK\r\n", call("SET", "e", ""));
        assertEquals(":0\r\n", call("BITCOUNT", "e"));
        assertEquals(":0\r\n", call("BITCOUNT", "e", "0", "-1"));
        assertEquals(":0\r\n", call("BITCOUNT", "e", "0", "-1", "BIT"));
        assertEquals("+OK\r\n", call("SET", "n", "255"));
        assertEquals(":11\r\n", call("BITCOUNT", "n"));
        assertEquals(":4\r\n", call("BITCOUNT", "n", "1", "1"));
        assertEquals(":1\r\n", call("LPUSH", "l", "a"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("BITCOUNT", "l"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("BITCOUNT", "l", "x", "y"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldFindBitsWithAndWithoutAnEnd(int shards) {
        start(shards);
        // BITPOS: the bit argument first, then the key
        assertEquals(":-1\r\n", call("BITPOS", "missing", "1"));
        assertEquals(":0\r\n", call("BITPOS", "missing", "0"));
        assertEquals(":0\r\n", call("BITPOS", "missing", "0", "x"));
        assertEquals("-ERR The bit argument must be 1 or 0.\r\n", call("BITPOS", "missing", "2"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("BITPOS", "missing", "x"));
        assertEquals("-ERR The bit argument must be 1 or 0.\r\n", call("BITPOS", "missing", "-1"));
        assertEquals("+OK\r\n", call("SET", "z", ""));
        assertEquals(":-1\r\n", call("BITPOS", "z", "0"));
        assertEquals(":-1\r\n", call("BITPOS", "z", "1"));
        assertEquals(":-1\r\n", call("BITPOS", "z", "0", "0"));
        assertEquals(":-1\r\n", call("BITPOS", "z", "0", "0", "-1"));
        // all ones: a clear bit is found past the end unless an end is given
        assertEquals(":2\r\n", call("SETRANGE", "f", "0", "~~"));
        assertEquals(":0\r\n", call("SETBIT", "f", "0", "1"));
        assertEquals(":0\r\n", call("SETBIT", "f", "7", "1"));
        assertEquals(":0\r\n", call("SETBIT", "f", "8", "1"));
        assertEquals(":0\r\n", call("SETBIT", "f", "15", "1"));
        assertEquals("$2\r\n\u00ff\u00ff\r\n", call("GET", "f"));
        assertEquals(":16\r\n", call("BITPOS", "f", "0"));
        assertEquals(":0\r\n", call("BITPOS", "f", "1"));
        assertEquals(":16\r\n", call("BITPOS", "f", "0", "0"));
        assertEquals(":16\r\n", call("BITPOS", "f", "0", "1"));
        assertEquals(":-1\r\n", call("BITPOS", "f", "0", "0", "-1"));
        assertEquals(":-1\r\n", call("BITPOS", "f", "0", "2"));
        assertEquals(":-1\r\n", call("BITPOS", "f", "0", "5"));
        assertEquals(":16\r\n", call("BITPOS", "f", "0", "-1"));
        assertEquals(":-1\r\n", call("BITPOS", "f", "0", "0", "-1", "BIT"));
        assertEquals(":-1\r\n", call("BITPOS", "f", "0", "0", "15", "BIT"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("BITPOS", "f", "0", "3", "BIT"));
        assertEquals(":-1\r\n", call("BITPOS", "f", "0", "1", "15", "BIT"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("BITPOS", "f", "0", "16", "BIT"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("BITPOS", "f", "0", "-100", "BIT"));
        assertEquals(":-1\r\n", call("BITPOS", "f", "0", "7", "7", "BIT"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("BITPOS", "f", "0", "7", "BIT"));
        // zeros: no set bit is -1 whatever the range
        assertEquals(":0\r\n", call("SETBIT", "zz", "23", "0"));
        assertEquals(":-1\r\n", call("BITPOS", "zz", "1"));
        assertEquals(":-1\r\n", call("BITPOS", "zz", "1", "1"));
        assertEquals(":-1\r\n", call("BITPOS", "zz", "1", "0", "-1", "BIT"));
        assertEquals(":0\r\n", call("BITPOS", "zz", "0"));
        assertEquals(":8\r\n", call("BITPOS", "zz", "0", "1"));
        assertEquals(":23\r\n", call("BITPOS", "zz", "0", "-1", "-1", "BIT"));
        assertEquals(":23\r\n", call("BITPOS", "zz", "0", "23", "23", "BIT"));
        // ranges
        assertEquals("+OK\r\n", call("SET", "s", "foobar"));
        assertEquals(":1\r\n", call("BITPOS", "s", "1"));
        assertEquals(":0\r\n", call("BITPOS", "s", "0"));
        assertEquals(":17\r\n", call("BITPOS", "s", "1", "2"));
        assertEquals(":41\r\n", call("BITPOS", "s", "1", "-1"));
        assertEquals(":1\r\n", call("BITPOS", "s", "1", "-100"));
        assertEquals(":-1\r\n", call("BITPOS", "s", "1", "100"));
        assertEquals(":-1\r\n", call("BITPOS", "s", "0", "100"));
        assertEquals(":17\r\n", call("BITPOS", "s", "1", "2", "-1"));
        assertEquals(":-1\r\n", call("BITPOS", "s", "1", "-1", "-2"));
        assertEquals(":1\r\n", call("BITPOS", "s", "1", "-200", "-100"));
        assertEquals(":-1\r\n", call("BITPOS", "s", "1", "3", "2"));
        assertEquals(":9\r\n", call("BITPOS", "s", "1", "7", "15", "BIT"));
        assertEquals(":10\r\n", call("BITPOS", "s", "1", "10", "10", "BIT"));
        assertEquals(":-1\r\n", call("BITPOS", "s", "0", "10", "10", "BIT"));
        assertEquals(":-1\r\n", call("BITPOS", "s", "1", "11", "11", "BIT"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("BITPOS", "s", "1", "12", "BIT"));
        assertEquals(":7\r\n", call("BITPOS", "s", "0", "5", "40", "BIT"));
        assertEquals(":43\r\n", call("BITPOS", "s", "1", "-5", "-1", "BIT"));
        assertEquals(":44\r\n", call("BITPOS", "s", "0", "-5", "-1", "BIT"));
        assertEquals(":1\r\n", call("BITPOS", "s", "1", "0", "0", "BYTE"));
        assertEquals(":17\r\n", call("BITPOS", "s", "1", "2", "2", "byte"));
        assertEquals("-ERR syntax error\r\n", call("BITPOS", "s", "1", "0", "0", "WORD"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("BITPOS", "s", "1", "x", "0", "WORD"));
        assertEquals("-ERR syntax error\r\n", call("BITPOS", "s", "1", "0", "x", "WORD"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("BITPOS", "s", "1", "0", "x"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("BITPOS", "s", "1", "x"));
        assertEquals("-ERR syntax error\r\n", call("BITPOS", "s", "1", "0", "1", "BIT", "x"));
        assertEquals("+OK\r\n", call("SET", "n", "10"));
        assertEquals(":2\r\n", call("BITPOS", "n", "1"));
        assertEquals(":0\r\n", call("BITPOS", "n", "0"));
        assertEquals(":10\r\n", call("BITPOS", "n", "1", "1"));
        assertEquals(":1\r\n", call("LPUSH", "l", "a"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("BITPOS", "l", "1"));
        assertEquals("-ERR The bit argument must be 1 or 0.\r\n", call("BITPOS", "l", "2"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("BITPOS", "l", "1", "x"));
    }
}
