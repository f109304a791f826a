package io.ringstore.engine.family.hyperloglog;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Values that are not HLLs or are corrupt, set by hand: which checks answer "-WRONGTYPE Key is not
 * a valid HyperLogLog string value." (header, magic, encoding, dense length, int encoding), which
 * "-INVALIDOBJ Corrupted HLL object detected" (sparse opcodes not covering 16384 registers), what
 * PFADD still does to such a value, a valid cache trusted as it is, registers above 32, arity.
 * Expected replies from redis-server 7.0.15 for the same commands; on one and two shards.
 */
class HyperLogLogInvalidTest extends HyperLogLogEngineTest {
    private static final String DENSE_HEADER = "HYLL\u0000\u0000\u0000\u0000" + "\u0000".repeat(7) + "\u0080";
    private static final String DENSE_EMPTY = DENSE_HEADER + "\u0000".repeat(12288);
    private static final String DENSE_REGISTER_0_AT_40 = DENSE_HEADER + "(" + "\u0000".repeat(12287);
    private static final String DENSE_TOO_SHORT = DENSE_HEADER + "\u0000".repeat(100);

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRejectInvalidAndCorruptValuesAsRedis(int shards) {
        start(shards);
        assertEquals("+OK\r\n", call("SET", "short", "HYLL\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0080@c"));
        assertEquals("-INVALIDOBJ Corrupted HLL object detected\r\n", call("PFCOUNT", "short"));
        assertEquals("-INVALIDOBJ Corrupted HLL object detected\r\n", call("PFADD", "short", "a"));
        assertEquals("-INVALIDOBJ Corrupted HLL object detected\r\n", call("PFADD", "short", "foo"));
        assertEquals("$18\r\nHYLL\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0080@c\r\n", call("GET", "short"));
        assertEquals("-INVALIDOBJ Corrupted HLL object detected\r\n", call("PFMERGE", "d", "short"));
        assertEquals(":0\r\n", call("EXISTS", "d"));
        assertEquals("-INVALIDOBJ Corrupted HLL object detected\r\n", call("PFCOUNT", "short", "x"));
        assertEquals("-INVALIDOBJ Corrupted HLL object detected\r\n", call("PFDEBUG", "GETREG", "short"));
        assertEquals("-INVALIDOBJ Corrupted HLL object detected\r\n", call("PFDEBUG", "TODENSE", "short"));
        assertEquals("$5\r\nZ:100\r\n", call("PFDEBUG", "DECODE", "short"));
        assertEquals("+OK\r\n", call("SET", "longer", "HYLL\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0080\u007f\u00ff\u0080"));
        assertEquals("-INVALIDOBJ Corrupted HLL object detected\r\n", call("PFCOUNT", "longer"));
        assertEquals(":1\r\n", call("PFADD", "longer", "a"));
        assertEquals("-INVALIDOBJ Corrupted HLL object detected\r\n", call("PFCOUNT", "longer", "x"));
        assertEquals("$26\r\nZ:12711 v:2,1 Z:3672 v:1,1\r\n", call("PFDEBUG", "DECODE", "longer"));
        assertEquals("+OK\r\n", call("SET", "empty", "HYLL\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0080"));
        assertEquals("-INVALIDOBJ Corrupted HLL object detected\r\n", call("PFCOUNT", "empty"));
        assertEquals("-INVALIDOBJ Corrupted HLL object detected\r\n", call("PFADD", "empty", "a"));
        assertEquals(":0\r\n", call("PFADD", "empty"));
        assertEquals("$16\r\nHYLL\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0080\r\n", call("GET", "empty"));
        assertEquals("$0\r\n\r\n", call("PFDEBUG", "DECODE", "empty"));
        assertEquals("+OK\r\n", call("SET", "cached", "HYLL\u0001\u0000\u0000\u000090\u0000\u0000\u0000\u0000\u0000\u0000\u007f\u00ff"));
        assertEquals("$6\r\nembstr\r\n", call("OBJECT", "ENCODING", "cached"));
        assertEquals(":12345\r\n", call("PFCOUNT", "cached"));
        assertEquals("$3\r\nraw\r\n", call("OBJECT", "ENCODING", "cached"));
        assertEquals(":0\r\n", call("PFCOUNT", "cached", "x"));
        assertEquals(":1\r\n", call("PFADD", "cached", "a"));
        assertEquals(":1\r\n", call("PFCOUNT", "cached"));
        assertEquals("+OK\r\n", call("SET", "bad", "HYLL\u0002\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0080\u007f\u00ff"));
        assertEquals("-WRONGTYPE Key is not a valid HyperLogLog string value.\r\n", call("PFCOUNT", "bad"));
        assertEquals("-WRONGTYPE Key is not a valid HyperLogLog string value.\r\n", call("PFADD", "bad", "a"));
        assertEquals("+OK\r\n", call("SET", "trunc", "HYLL\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000"));
        assertEquals("-WRONGTYPE Key is not a valid HyperLogLog string value.\r\n", call("PFCOUNT", "trunc"));
        assertEquals("+OK\r\n", call("SET", "magic", "HYLX\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u007f\u00ff"));
        assertEquals("-WRONGTYPE Key is not a valid HyperLogLog string value.\r\n", call("PFCOUNT", "magic"));
        assertEquals("+OK\r\n", call("SET", "dshort", DENSE_TOO_SHORT));
        assertEquals("-WRONGTYPE Key is not a valid HyperLogLog string value.\r\n", call("PFCOUNT", "dshort"));
        assertEquals("+OK\r\n", call("SET", "dense", DENSE_EMPTY));
        assertEquals(":0\r\n", call("PFCOUNT", "dense"));
        assertEquals(":1\r\n", call("PFADD", "dense", "a", "b"));
        assertEquals(":2\r\n", call("PFCOUNT", "dense"));
        assertEquals("+dense\r\n", call("PFDEBUG", "ENCODING", "dense"));
        assertEquals("-ERR HLL encoding is not sparse\r\n", call("PFDEBUG", "DECODE", "dense"));
        assertEquals(":0\r\n", call("PFDEBUG", "TODENSE", "dense"));
        assertEquals("+OK\r\n", call("SET", "hi", DENSE_REGISTER_0_AT_40));
        assertEquals(":1\r\n", call("PFCOUNT", "hi"));
        assertEquals(":1\r\n", call("PFCOUNT", "hi", "x"));
        assertEquals("+OK\r\n", call("PFMERGE", "hm", "hi"));
        assertEquals(":1\r\n", call("PFCOUNT", "hm"));
        assertEquals("+dense\r\n", call("PFDEBUG", "ENCODING", "hm"));
        assertEquals("+OK\r\n", call("SET", "n", "12345678901234567"));
        assertEquals("-WRONGTYPE Key is not a valid HyperLogLog string value.\r\n", call("PFCOUNT", "n"));
        assertEquals("-WRONGTYPE Key is not a valid HyperLogLog string value.\r\n", call("PFADD", "n", "x"));
        assertEquals("+OK\r\n", call("SET", "sh", "HYLL"));
        assertEquals("-WRONGTYPE Key is not a valid HyperLogLog string value.\r\n", call("PFADD", "sh", "x"));
        assertEquals(":1\r\n", call("LPUSH", "l", "x"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("PFADD", "l", "x"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("PFCOUNT", "l"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("PFCOUNT", "x", "l"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("PFMERGE", "l", "x"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("PFMERGE", "x", "l"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("PFDEBUG", "GETREG", "l"));
        assertEquals("-ERR wrong number of arguments for 'pfadd' command\r\n", call("PFADD"));
        assertEquals("-ERR wrong number of arguments for 'pfcount' command\r\n", call("PFCOUNT"));
        assertEquals("-ERR wrong number of arguments for 'pfmerge' command\r\n", call("PFMERGE"));
        assertEquals("-ERR wrong number of arguments for 'pfdebug' command\r\n", call("PFDEBUG", "GETREG"));
        assertEquals("-ERR wrong number of arguments for 'pfdebug' command\r\n", call("PFDEBUG", "GETREG", "a", "b"));
        assertEquals("-ERR wrong number of arguments for 'pfselftest' command\r\n", call("PFSELFTEST", "x"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldFailOnRunsPastTheLastRegisterAsRedis7015(int shards) {
        start(shards);
        // a VAL run past register 16383 is corrupt even when the runs before it add up to 16384
        assertEquals("+OK\r\n", call("SET", "a", "HYLL\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0080\u007f\u00ff\u0080"));
        assertEquals("-INVALIDOBJ Corrupted HLL object detected\r\n", call("PFDEBUG", "TODENSE", "a"));
        assertEquals("-INVALIDOBJ Corrupted HLL object detected\r\n", call("PFDEBUG", "GETREG", "a"));
        assertEquals("-INVALIDOBJ Corrupted HLL object detected\r\n", call("PFCOUNT", "a", "x"));
        assertEquals("-INVALIDOBJ Corrupted HLL object detected\r\n", call("PFMERGE", "a"));
        assertEquals("-INVALIDOBJ Corrupted HLL object detected\r\n", call("PFCOUNT", "a"));
        assertEquals("+OK\r\n", call("SET", "b", "HYLL\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0080\u007f\u00ff\u0000"));
        assertEquals("-INVALIDOBJ Corrupted HLL object detected\r\n", call("PFDEBUG", "TODENSE", "b"));
        assertEquals("-INVALIDOBJ Corrupted HLL object detected\r\n", call("PFCOUNT", "b", "x"));
        assertEquals(":1\r\n", call("PFADD", "b", "x"));
        assertEquals("+OK\r\n", call("SET", "c", "HYLL\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0080\u007f\u00fe\u0084"));
        assertEquals(":1\r\n", call("PFCOUNT", "c", "x"));
        assertEquals(":1\r\n", call("PFDEBUG", "TODENSE", "c"));
        assertEquals(":1\r\n", call("PFCOUNT", "c"));
        assertEquals("+dense\r\n", call("PFDEBUG", "ENCODING", "c"));
        assertEquals("+OK\r\n", call("SET", "c", "HYLL\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0080\u007f\u00fe\u0084"));
        assertEquals(":1\r\n", call("PFCOUNT", "c"));
        assertEquals(":1\r\n", call("PFADD", "c", "a", "b", "c"));
        assertEquals("$28\r\nHYLL\u0001\u0000\u0000\u0000\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0080`\u00f3\u0080P\u00b1\u0084K\u00fb\u0080BY\u0084\r\n", call("GET", "c"));
        assertEquals("963c1759b13adee6", sha16(call("PFDEBUG", "GETREG", "c")));
        assertEquals(12304, value("c").length());
        assertEquals("ccfd329342d6b802", sha16(value("c")));
    }
}
