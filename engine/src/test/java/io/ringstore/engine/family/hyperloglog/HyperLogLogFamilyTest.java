package io.ringstore.engine.family.hyperloglog;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** PFADD and single-key PFCOUNT: the sparse bytes GET shows, the cached cardinality and its invalidation bit. Expected replies from redis-server 7.0.15; on one and two shards. */
class HyperLogLogFamilyTest extends HyperLogLogEngineTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldAddToSparseValuesWithRedisBytesAndCache(int shards) {
        start(shards);
        // PFADD: a new sparse HLL, raw, its cache invalidated (bit 7 of byte 15); PFCOUNT caches the count
        assertEquals(":1\r\n", call("PFADD", "h", "a", "b", "c"));
        assertEquals("$27\r\nHYLL\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0080`\u00f3\u0080P\u00b1\u0084K\u00fb\u0080BZ\r\n", call("GET", "h"));
        assertEquals("$3\r\nraw\r\n", call("OBJECT", "ENCODING", "h"));
        assertEquals(":3\r\n", call("PFCOUNT", "h"));
        assertEquals("$27\r\nHYLL\u0001\u0000\u0000\u0000\u0003\u0000\u0000\u0000\u0000\u0000\u0000\u0000`\u00f3\u0080P\u00b1\u0084K\u00fb\u0080BZ\r\n", call("GET", "h"));
        assertEquals(":0\r\n", call("PFADD", "h", "a"));
        assertEquals(":0\r\n", call("PFADD", "h"));
        assertEquals("$27\r\nHYLL\u0001\u0000\u0000\u0000\u0003\u0000\u0000\u0000\u0000\u0000\u0000\u0000`\u00f3\u0080P\u00b1\u0084K\u00fb\u0080BZ\r\n", call("GET", "h"));
        assertEquals(":1\r\n", call("PFADD", "h", "d"));
        assertEquals("$30\r\nHYLL\u0001\u0000\u0000\u0000\u0003\u0000\u0000\u0000\u0000\u0000\u0000\u0080\\{\u0080Dv\u0080P\u00b1\u0084K\u00fb\u0080BZ\r\n", call("GET", "h"));
        assertEquals(":4\r\n", call("PFCOUNT", "h"));
        assertEquals(":4\r\n", call("PFCOUNT", "h"));
        assertEquals("$30\r\nHYLL\u0001\u0000\u0000\u0000\u0004\u0000\u0000\u0000\u0000\u0000\u0000\u0000\\{\u0080Dv\u0080P\u00b1\u0084K\u00fb\u0080BZ\r\n", call("GET", "h"));
        assertEquals("$57\r\nZ:7292 v:1,1 Z:1143 v:1,1 Z:4274 v:2,1 Z:3068 v:1,1 Z:603\r\n", call("PFDEBUG", "DECODE", "h"));
        assertEquals("+sparse\r\n", call("PFDEBUG", "ENCODING", "h"));
        assertEquals(":1\r\n", call("PFADD", "n"));
        assertEquals("$18\r\nHYLL\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0080\u007f\u00ff\r\n", call("GET", "n"));
        assertEquals(":0\r\n", call("PFCOUNT", "n"));
        assertEquals("$18\r\nHYLL\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u007f\u00ff\r\n", call("GET", "n"));
        assertEquals(":0\r\n", call("PFADD", "n"));
        assertEquals(":0\r\n", call("PFCOUNT", "missing"));
        assertEquals(":0\r\n", call("EXISTS", "missing"));
        assertEquals(":1\r\n", call("PFADD", "big", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "", "\u00c3\u00a9", "12345678", "1234567"));
        assertEquals("$33\r\nHYLL\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0080W1\u0084Q#\u0088@\u00fa\u0088J\u00d4\u0080G\u008d\u0080DF\r\n", call("GET", "big"));
        assertEquals(":5\r\n", call("PFCOUNT", "big"));
    }
}
