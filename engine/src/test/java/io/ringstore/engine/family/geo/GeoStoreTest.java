package io.ringstore.engine.family.geo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * GEOSEARCHSTORE and GEORADIUS[BYMEMBER] STORE/STOREDIST: the stored sorted set (hashes or
 * distances), its encoding, the dropped TTL, the deleted destination of an empty result, the last
 * STORE option winning, a wrong-typed destination replaced. Keys of several shards run at a
 * barrier on two shards. Expected replies from redis-server 7.0.15.
 */
class GeoStoreTest extends GeoEngineTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldStoreResultsAsRedis(int shards) {
        start(shards);
        assertEquals("+OK\r\n", call("FLUSHALL"));
        assertEquals(":2\r\n", call("GEOADD", "{g}src", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania"));
        assertEquals(":2\r\n", call("GEOSEARCHSTORE", "{g}dst", "{g}src", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km"));
        assertEquals("*4\r\n$7\r\nPalermo\r\n$16\r\n3479099956230698\r\n$7\r\nCatania\r\n$16\r\n3479447370796909\r\n", call("ZRANGE", "{g}dst", "0", "-1", "WITHSCORES"));
        assertEquals("$8\r\nlistpack\r\n", call("OBJECT", "ENCODING", "{g}dst"));
        assertEquals(":1\r\n", call("GEOSEARCHSTORE", "{g}dst", "{g}src", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "STOREDIST", "COUNT", "1"));
        assertEquals("*2\r\n$7\r\nCatania\r\n$18\r\n56.441257870158204\r\n", call("ZRANGE", "{g}dst", "0", "-1", "WITHSCORES"));
        assertEquals(":2\r\n", call("GEOSEARCHSTORE", "{g}dst", "{g}src", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "mi", "STOREDIST", "DESC"));
        assertEquals("*4\r\n$7\r\nCatania\r\n$18\r\n35.071058862737644\r\n$7\r\nPalermo\r\n$18\r\n118.33573380874013\r\n", call("ZRANGE", "{g}dst", "0", "-1", "WITHSCORES"));
        assertEquals(":1\r\n", call("GEOSEARCHSTORE", "{g}src", "{g}src", "FROMLONLAT", "15", "37", "BYRADIUS", "100", "km"));
        assertEquals("*2\r\n$7\r\nCatania\r\n$16\r\n3479447370796909\r\n", call("ZRANGE", "{g}src", "0", "-1", "WITHSCORES"));
        assertEquals(":2\r\n", call("GEOADD", "src", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania"));
        assertEquals("+OK\r\n", call("SET", "other", "x", "EX", "100"));
        assertEquals(":2\r\n", call("GEORADIUS", "src", "15", "37", "200", "km", "STORE", "other"));
        assertEquals(":-1\r\n", call("TTL", "other"));
        assertEquals("*4\r\n$7\r\nPalermo\r\n$16\r\n3479099956230698\r\n$7\r\nCatania\r\n$16\r\n3479447370796909\r\n", call("ZRANGE", "other", "0", "-1", "WITHSCORES"));
        assertEquals(":2\r\n", call("GEORADIUS", "src", "15", "37", "200", "km", "STOREDIST", "other", "ASC"));
        assertEquals("*4\r\n$7\r\nCatania\r\n$18\r\n56.441257870158204\r\n$7\r\nPalermo\r\n$18\r\n190.44242984775784\r\n", call("ZRANGE", "other", "0", "-1", "WITHSCORES"));
        assertEquals(":2\r\n", call("GEORADIUS", "src", "15", "37", "200", "km", "STOREDIST", "other", "STORE", "other2"));
        assertEquals(":1\r\n", call("EXISTS", "other2"));
        assertEquals("*4\r\n$7\r\nPalermo\r\n$16\r\n3479099956230698\r\n$7\r\nCatania\r\n$16\r\n3479447370796909\r\n", call("ZRANGE", "other2", "0", "-1", "WITHSCORES"));
        assertEquals(":1\r\n", call("GEORADIUSBYMEMBER", "src", "Palermo", "100", "km", "STOREDIST", "other"));
        assertEquals("*2\r\n$7\r\nPalermo\r\n$1\r\n0\r\n", call("ZRANGE", "other", "0", "-1", "WITHSCORES"));
        assertEquals(":0\r\n", call("GEORADIUS", "src", "0", "0", "1", "km", "STORE", "other"));
        assertEquals(":0\r\n", call("EXISTS", "other"));
        assertEquals(":1\r\n", call("GEORADIUSBYMEMBER", "src", "Palermo", "100", "km", "STOREDIST", "other3", "COUNT", "1", "ANY"));
        assertEquals("*2\r\n$7\r\nPalermo\r\n$1\r\n0\r\n", call("ZRANGE", "other3", "0", "-1", "WITHSCORES"));
        assertEquals(":0\r\n", call("GEOSEARCHSTORE", "other4", "missing", "FROMMEMBER", "nope", "BYRADIUS", "1", "km"));
        assertEquals(":0\r\n", call("GEOSEARCHSTORE", "other3", "missing", "FROMMEMBER", "nope", "BYRADIUS", "1", "km"));
        assertEquals(":0\r\n", call("EXISTS", "other3"));
        assertEquals("+OK\r\n", call("SET", "str", "v"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("GEOSEARCHSTORE", "other3", "str", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "km"));
        assertEquals(":2\r\n", call("GEOSEARCHSTORE", "str", "src", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km"));
        assertEquals("+zset\r\n", call("TYPE", "str"));
    }
}
