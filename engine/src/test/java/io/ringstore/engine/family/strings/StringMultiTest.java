package io.ringstore.engine.family.strings;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * MGET, MSET and MSETNX on one shard and on two, where the keys below are chosen to live on
 * different shards so the commands run at a barrier.
 */
class StringMultiTest extends StringEngineTest {
    private String a;
    private String b;
    private String c;

    private void startWithKeys(int shards) {
        start(shards);
        a = keyOnShard("a", 0);
        b = keyOnShard("b", shards - 1);
        c = keyOnShard("c", 0);
        if (shards > 1) {
            byte[] ka = a.getBytes();
            byte[] kb = b.getBytes();
            assertNotEquals(e.context().shardOfKey(ka, 0, ka.length), e.context().shardOfKey(kb, 0, kb.length));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldGetEveryKeyWithNullsForMissingAndOtherTypes(int shards) {
        startWithKeys(shards);
        assertEquals(array(NULL, NULL, NULL), call("MGET", a, b, c));
        call("SET", a, "1");
        call("SET", b, "two");
        putForeign(c);
        assertEquals(array(bulk("1"), bulk("two"), NULL, NULL, bulk("1")), call("MGET", a, b, c, "nope", a));
        call("HELLO", "3");
        assertEquals("*3\r\n$1\r\n1\r\n_\r\n_\r\n", call("MGET", a, c, "nope"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldSetAllPairsAndClearTheirTtls(int shards) {
        startWithKeys(shards);
        call("SET", b, "old", "EX", "100");
        putForeign(c);
        assertEquals(OK, call("MSET", a, "1", b, "x".repeat(50), c, "text"));
        assertEquals(array(bulk("1"), bulk("x".repeat(50)), bulk("text")), call("MGET", a, b, c));
        assertEquals("int", encoding(a));
        assertEquals("raw", encoding(b));
        assertEquals("embstr", encoding(c));
        assertEquals(-1, pttl(b));
        assertEquals(OK, call("MSET", a, "first", a, "last"));
        assertEquals(bulk("last"), call("GET", a));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRejectUnpairedArguments(int shards) {
        startWithKeys(shards);
        assertEquals(error("ERR wrong number of arguments for 'mset' command"), call("MSET", a));
        assertEquals(error("ERR wrong number of arguments for 'mset' command"), call("MSET", a, "1", b));
        assertEquals(error("ERR wrong number of arguments for 'msetnx' command"), call("MSETNX", a, "1", b));
        assertEquals(array(NULL, NULL), call("MGET", a, b));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldSetAllOrNothingWithMsetnx(int shards) {
        startWithKeys(shards);
        call("SET", b, "exists");
        assertEquals(":0\r\n", call("MSETNX", a, "1", b, "2"));
        assertEquals(array(NULL, bulk("exists")), call("MGET", a, b));
        assertEquals(":1\r\n", call("MSETNX", a, "1", c, "3"));
        assertEquals(array(bulk("1"), bulk("exists"), bulk("3")), call("MGET", a, b, c));
        putForeign("f");
        assertEquals(":0\r\n", call("MSETNX", "f", "1", "fresh", "2"));
        assertEquals(NULL, call("GET", "fresh"));
        assertEquals(":1\r\n", call("MSETNX", "x", "1", "x", "2"));
        assertEquals(bulk("2"), call("GET", "x"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldTreatExpiredKeysAsMissingInMsetnx(int shards) {
        startWithKeys(shards);
        call("SET", b, "soon", "PX", "10");
        clock.advance(11); // strictly past the deadline
        assertEquals(":1\r\n", call("MSETNX", a, "1", b, "2"));
        assertEquals(array(bulk("1"), bulk("2")), call("MGET", a, b));
        assertEquals(-1, pttl(b));
    }
}
