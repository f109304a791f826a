package io.ringstore.engine.family.geo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The geo rows as Redis 7.0.15's command table has them: COMMAND GETKEYS (GEORADIUS and
 * GEORADIUSBYMEMBER find their STORE/STOREDIST keys as Redis's key specs do), and the
 * movablekeys flag of the two commands that store. Expected replies from redis-server 7.0.15.
 */
class GeoCommandTableTest extends GeoEngineTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldFindKeysAsRedisKeySpecsDo(int shards) {
        start(shards);
        assertEquals("*3\r\n$3\r\nsrc\r\n$1\r\na\r\n$1\r\nb\r\n", call("COMMAND", "GETKEYS", "GEORADIUS", "src", "0", "0", "1", "km", "STORE", "a", "STOREDIST", "b"));
        assertEquals("*3\r\n$3\r\nsrc\r\n$1\r\na\r\n$1\r\nb\r\n", call("COMMAND", "GETKEYS", "GEORADIUS", "src", "0", "0", "1", "km", "STOREDIST", "b", "STORE", "a"));
        assertEquals("*1\r\n$3\r\nsrc\r\n", call("COMMAND", "GETKEYS", "GEORADIUS", "src", "0", "0", "1", "km", "STORE"));
        assertEquals("*1\r\n$3\r\nsrc\r\n", call("COMMAND", "GETKEYS", "GEORADIUS", "src", "0", "0", "1", "km"));
        assertEquals("*2\r\n$3\r\nsrc\r\n$1\r\na\r\n", call("COMMAND", "GETKEYS", "GEORADIUSBYMEMBER", "src", "m", "1", "km", "STORE", "a"));
        assertEquals("*1\r\n$3\r\nsrc\r\n", call("COMMAND", "GETKEYS", "GEORADIUSBYMEMBER", "src", "store", "1", "km", "COUNT", "1"));
        assertEquals("*1\r\n$3\r\nsrc\r\n", call("COMMAND", "GETKEYS", "GEORADIUS_RO", "src", "0", "0", "1", "km", "STORE", "a"));
        assertEquals("*2\r\n$3\r\ndst\r\n$3\r\nsrc\r\n", call("COMMAND", "GETKEYS", "GEOSEARCHSTORE", "dst", "src", "FROMMEMBER", "m", "BYRADIUS", "1", "km"));
        assertEquals("*1\r\n$3\r\nsrc\r\n", call("COMMAND", "GETKEYS", "GEOSEARCH", "src", "FROMMEMBER", "m", "BYRADIUS", "1", "km"));
        assertEquals("*1\r\n$1\r\nk\r\n", call("COMMAND", "GETKEYS", "GEOADD", "k", "1", "1", "a"));
        // deliberate: with STORE given twice Redis's key spec finds the first key, the command writes
        // the second; both are reported here so that routing reaches the key written
        assertEquals("*3\r\n$3\r\nsrc\r\n$1\r\na\r\n$1\r\nb\r\n",
                call("COMMAND", "GETKEYS", "GEORADIUS", "src", "0", "0", "1", "km", "STORE", "a", "STORE", "b"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldFlagTheStoringSearchesMovable(int shards) {
        start(shards);
        assertTrue(call("COMMAND", "INFO", "GEORADIUS").startsWith(
                "*1\r\n*10\r\n$9\r\ngeoradius\r\n:-6\r\n*3\r\n+write\r\n+denyoom\r\n+movablekeys\r\n:1\r\n:1\r\n:1\r\n"));
        assertTrue(call("COMMAND", "INFO", "GEORADIUSBYMEMBER").startsWith(
                "*1\r\n*10\r\n$17\r\ngeoradiusbymember\r\n:-5\r\n*3\r\n+write\r\n+denyoom\r\n+movablekeys\r\n:1\r\n:1\r\n:1\r\n"));
        assertTrue(call("COMMAND", "INFO", "GEOSEARCHSTORE").startsWith(
                "*1\r\n*10\r\n$14\r\ngeosearchstore\r\n:-8\r\n*2\r\n+write\r\n+denyoom\r\n:1\r\n:2\r\n:1\r\n"));
        assertTrue(call("COMMAND", "INFO", "GEORADIUS_RO").startsWith(
                "*1\r\n*10\r\n$12\r\ngeoradius_ro\r\n:-6\r\n*1\r\n+readonly\r\n:1\r\n:1\r\n:1\r\n"));
    }

    @ParameterizedTest
    @ValueSource(ints = {2})
    void shouldStoreIntoAKeyOfAnotherShard(int shards) {
        start(shards);
        assertEquals(":2\r\n", call("GEOADD", "src", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania"));
        for (String dst : new String[] {"a", "b", "c", "d", "e", "f"}) {
            assertEquals(":2\r\n", call("GEORADIUS", "src", "15", "37", "200", "km", "STORE", "x", "STORE", dst));
            assertEquals(":1\r\n", call("GEOSEARCHSTORE", dst + "2", "src", "FROMMEMBER", "Palermo", "BYRADIUS", "1", "km"));
            assertEquals("*2\r\n$7\r\nPalermo\r\n$7\r\nCatania\r\n", call("ZRANGE", dst, "0", "-1"));
            assertEquals("*1\r\n$7\r\nPalermo\r\n", call("ZRANGE", dst + "2", "0", "-1"));
        }
        assertEquals(":0\r\n", call("EXISTS", "x"));
    }
}
