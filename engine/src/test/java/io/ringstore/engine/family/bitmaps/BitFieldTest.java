package io.ringstore.engine.family.bitmaps;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** BITFIELD and BITFIELD_RO: types, # offsets, OVERFLOW WRAP/SAT/FAIL, errors before anything runs. Expected replies from redis-server 7.0.15; on one and two shards. */
class BitFieldTest extends BitmapEngineTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRunSubcommandsInOrderWithRedisOverflowAndErrors(int shards) {
        start(shards);
        // GET on missing and short strings reads zeros; no key is created
        assertEquals("*3\r\n:0\r\n:0\r\n:0\r\n", call("BITFIELD", "missing", "GET", "u8", "0", "GET", "i64", "100", "GET", "u63", "7"));
        assertEquals(":0\r\n", call("EXISTS", "missing"));
        assertEquals("*0\r\n", call("BITFIELD", "missing"));
        assertEquals("*1\r\n:0\r\n", call("BITFIELD_RO", "missing", "GET", "u8", "0"));
        assertEquals("+OK\r\n", call("SET", "s", "foobar"));
        assertEquals("*10\r\n:102\r\n:102\r\n:6\r\n:6\r\n:28514\r\n:0\r\n:32\r\n:7381240782615871488\r\n:3690620391307935744\r\n:-1\r\n", call("BITFIELD", "s", "GET", "u8", "0", "GET", "i8", "0", "GET", "u4", "4", "GET", "i4", "4", "GET", "u16", "#1", "GET", "u1", "47", "GET", "u8", "44", "GET", "i64", "0", "GET", "u63", "0", "GET", "i1", "1"));
        assertEquals("-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.\r\n", call("BITFIELD_RO", "s", "GET", "u8", "0", "GET", "i3", "#3", "get", "U8", "0"));
        assertEquals("$6\r\nembstr\r\n", call("OBJECT", "ENCODING", "s"));
        // SET replies the old value, INCRBY the new one
        assertEquals("*6\r\n:0\r\n:200\r\n:-56\r\n:255\r\n:1\r\n:3\r\n", call("BITFIELD", "k", "SET", "u8", "0", "200", "GET", "u8", "0", "SET", "i8", "0", "-1", "GET", "u8", "0", "INCRBY", "u8", "0", "2", "INCRBY", "i8", "0", "2"));
        assertEquals("$1\r\n\u0003\r\n", call("GET", "k"));
        assertEquals("$3\r\nraw\r\n", call("OBJECT", "ENCODING", "k"));
        assertEquals("*4\r\n:3\r\n:15\r\n:0\r\n:3968\r\n", call("BITFIELD", "k", "SET", "u4", "#1", "15", "GET", "u8", "0", "SET", "i5", "8", "-16", "GET", "u16", "0"));
        assertEquals("*1\r\n:0\r\n", call("BITFIELD", "k", "SET", "u8", "#10", "1"));
        assertEquals(":11\r\n", call("STRLEN", "k"));
        assertEquals("*3\r\n:1116892707587883008\r\n:-9223372036854775808\r\n:4611686018427387904\r\n", call("BITFIELD", "k", "SET", "i64", "0", "-9223372036854775808", "GET", "i64", "0", "GET", "u63", "0"));
        assertEquals("*3\r\n:-9223372036854775808\r\n:-9223372036854775808\r\n:9223372036854775807\r\n", call("BITFIELD", "k", "SET", "i64", "0", "9223372036854775807", "INCRBY", "i64", "0", "1", "INCRBY", "i64", "0", "-1"));
        assertEquals("*3\r\n:4611686018427387903\r\n:0\r\n:9223372036854775807\r\n", call("BITFIELD", "k", "SET", "u63", "0", "9223372036854775807", "INCRBY", "u63", "0", "1", "INCRBY", "u63", "0", "-1"));
        // OVERFLOW WRAP (default), SAT and FAIL, unsigned and signed; OVERFLOW applies to what follows
        assertEquals("*5\r\n:0\r\n:9\r\n:245\r\n:245\r\n:0\r\n", call("BITFIELD", "w", "SET", "u8", "0", "255", "INCRBY", "u8", "0", "10", "INCRBY", "u8", "0", "-20", "SET", "u8", "0", "256", "SET", "u8", "0", "-1"));
        assertEquals("*5\r\n:255\r\n:255\r\n:0\r\n:0\r\n:255\r\n", call("BITFIELD", "w", "OVERFLOW", "SAT", "SET", "u8", "0", "250", "INCRBY", "u8", "0", "10", "INCRBY", "u8", "0", "-300", "SET", "u8", "0", "300", "SET", "u8", "0", "-5"));
        assertEquals("*5\r\n:255\r\n$-1\r\n$-1\r\n$-1\r\n:250\r\n", call("BITFIELD", "w", "OVERFLOW", "FAIL", "SET", "u8", "0", "250", "INCRBY", "u8", "0", "10", "INCRBY", "u8", "0", "-300", "SET", "u8", "0", "300", "GET", "u8", "0"));
        assertEquals("*5\r\n:-6\r\n:-128\r\n:127\r\n:127\r\n:-128\r\n", call("BITFIELD", "w", "OVERFLOW", "WRAP", "SET", "i8", "0", "127", "INCRBY", "i8", "0", "1", "INCRBY", "i8", "0", "-1", "SET", "i8", "0", "128", "SET", "i8", "0", "-129"));
        assertEquals("*5\r\n:127\r\n:127\r\n:-128\r\n:-128\r\n:127\r\n", call("BITFIELD", "w", "OVERFLOW", "SAT", "SET", "i8", "0", "100", "INCRBY", "i8", "0", "100", "INCRBY", "i8", "0", "-300", "SET", "i8", "0", "200", "SET", "i8", "0", "-200"));
        assertEquals("*6\r\n:-128\r\n$-1\r\n$-1\r\n$-1\r\n$-1\r\n:100\r\n", call("BITFIELD", "w", "OVERFLOW", "FAIL", "SET", "i8", "0", "100", "INCRBY", "i8", "0", "100", "INCRBY", "i8", "0", "-300", "SET", "i8", "0", "200", "SET", "i8", "0", "-200", "GET", "i8", "0"));
        assertEquals("*4\r\n:1\r\n:1\r\n:1\r\n:2\r\n", call("BITFIELD", "w", "INCRBY", "u2", "100", "1", "OVERFLOW", "SAT", "INCRBY", "u2", "102", "1", "OVERFLOW", "FAIL", "INCRBY", "u2", "104", "1", "OVERFLOW", "wrap", "INCRBY", "u2", "100", "1"));
        assertEquals("*4\r\n:9223372036854775807\r\n:9223372036854775807\r\n:-1\r\n:-9223372036854775808\r\n", call("BITFIELD", "w", "OVERFLOW", "SAT", "INCRBY", "i64", "0", "9223372036854775807", "INCRBY", "i64", "0", "9223372036854775807", "INCRBY", "i64", "0", "-9223372036854775808", "INCRBY", "i64", "0", "-9223372036854775808"));
        assertEquals("*3\r\n:-9223372036854775808\r\n:-9223372036854775808\r\n:9223372036854775807\r\n", call("BITFIELD", "w", "OVERFLOW", "WRAP", "SET", "i64", "0", "9223372036854775807", "INCRBY", "i64", "0", "1", "INCRBY", "i64", "0", "-1"));
        assertEquals("*5\r\n:0\r\n:0\r\n:-1\r\n:1\r\n:1\r\n", call("BITFIELD", "w", "OVERFLOW", "SAT", "SET", "i1", "0", "1", "SET", "i1", "0", "-1", "INCRBY", "i1", "0", "-1", "SET", "u1", "0", "2", "INCRBY", "u1", "0", "1"));
        assertEquals("*3\r\n:-1\r\n:-2\r\n:4\r\n", call("BITFIELD", "w", "OVERFLOW", "WRAP", "SET", "i1", "0", "1", "INCRBY", "i2", "0", "3", "INCRBY", "u3", "0", "-9"));
        // FAIL still creates the key, with no event
        assertEquals("*1\r\n$-1\r\n", call("BITFIELD", "f", "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "100"));
        assertEquals("$1\r\n\u0000\r\n", call("GET", "f"));
        // errors: the whole line is parsed before anything runs
        assertEquals("-ERR syntax error\r\n", call("BITFIELD", "s", "GET", "u8"));
        assertEquals("-ERR syntax error\r\n", call("BITFIELD", "s", "GET", "u8", "0", "SET", "u8", "0"));
        assertEquals("-ERR syntax error\r\n", call("BITFIELD", "s", "FOO", "u8", "0"));
        assertEquals("-ERR syntax error\r\n", call("BITFIELD", "s", "OVERFLOW"));
        assertEquals("-ERR Invalid OVERFLOW type specified\r\n", call("BITFIELD", "s", "OVERFLOW", "X", "GET", "u8", "0"));
        assertEquals("-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.\r\n", call("BITFIELD", "s", "GET", "u64", "0"));
        assertEquals("-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.\r\n", call("BITFIELD", "s", "GET", "i65", "0"));
        assertEquals("-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.\r\n", call("BITFIELD", "s", "GET", "i0", "0"));
        assertEquals("-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.\r\n", call("BITFIELD", "s", "GET", "U8", "0"));
        assertEquals("-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.\r\n", call("BITFIELD", "s", "GET", "u", "0"));
        assertEquals("-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.\r\n", call("BITFIELD", "s", "GET", "8", "0"));
        assertEquals("-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.\r\n", call("BITFIELD", "s", "GET", "u08", "0"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("BITFIELD", "s", "GET", "u8", "-1"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("BITFIELD", "s", "GET", "u8", "#-1"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("BITFIELD", "s", "GET", "u8", "#"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("BITFIELD", "s", "GET", "u8", "##1"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("BITFIELD", "s", "GET", "u8", "4294967296"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("BITFIELD", "s", "GET", "u8", "#536870912"));
        assertEquals("*1\r\n:0\r\n", call("BITFIELD", "s", "GET", "u8", "#536870911"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("BITFIELD", "s", "SET", "u8", "0", "x"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("BITFIELD", "s", "SET", "u8", "0", "1.5"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("BITFIELD", "s", "INCRBY", "u8", "0", "9223372036854775808"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("BITFIELD", "s", "SET", "u8", "0", "1", "GET", "u8", "x"));
        assertEquals("-ERR BITFIELD_RO only supports the GET subcommand\r\n", call("BITFIELD_RO", "s", "SET", "u8", "0", "1"));
        assertEquals("-ERR BITFIELD_RO only supports the GET subcommand\r\n", call("BITFIELD_RO", "s", "INCRBY", "u8", "0", "1"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("BITFIELD_RO", "s", "GET", "u8", "0", "SET", "u8", "0", "x"));
        assertEquals("*1\r\n:102\r\n", call("BITFIELD_RO", "s", "OVERFLOW", "SAT", "GET", "u8", "0"));
        assertEquals("$6\r\nfoobar\r\n", call("GET", "s"));
        assertEquals(":1\r\n", call("LPUSH", "l", "x"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("BITFIELD", "l", "GET", "u8", "0"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("BITFIELD", "l", "SET", "u8", "0", "1"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("BITFIELD_RO", "l", "GET", "u8", "0"));
        assertEquals("-ERR bit offset is not an integer or out of range\r\n", call("BITFIELD", "l", "GET", "u8", "x"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("BITFIELD", "l"));
        assertEquals("+OK\r\n", call("SET", "n", "12"));
        assertEquals("*1\r\n:12594\r\n", call("BITFIELD", "n", "GET", "u16", "0"));
        assertEquals("$3\r\nint\r\n", call("OBJECT", "ENCODING", "n"));
        assertEquals("*1\r\n:49\r\n", call("BITFIELD", "n", "SET", "u8", "0", "51"));
        assertEquals("$2\r\n32\r\n", call("GET", "n"));
        assertEquals("$3\r\nraw\r\n", call("OBJECT", "ENCODING", "n"));
    }
}
