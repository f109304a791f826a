package io.ringstore.engine.family.geo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * GEOSEARCH, GEORADIUS and GEORADIUSBYMEMBER replies: shapes, units, sorting, COUNT and ANY, radius
 * 0, huge radius and box, the errors in georadiusGeneric's order. Expected replies from
 * redis-server 7.0.15; on one and two shards.
 */
class GeoSearchTest extends GeoEngineTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldSearchAndFailAsRedis(int shards) {
        start(shards);
        assertEquals("+OK\r\n", call("FLUSHALL"));
        assertEquals(":4\r\n", call("GEOADD", "Sicily", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania", "12.758489", "38.788135", "edge1", "17.241510", "38.788135", "edge2"));
        // the classic examples
        assertEquals("*2\r\n*2\r\n$7\r\nPalermo\r\n$8\r\n190.4424\r\n*2\r\n$7\r\nCatania\r\n$7\r\n56.4413\r\n", call("GEORADIUS", "Sicily", "15", "37", "200", "km", "WITHDIST"));
        assertEquals("*2\r\n*2\r\n$7\r\nPalermo\r\n*2\r\n$20\r\n13.36138933897018433\r\n$20\r\n38.11555639549629859\r\n*2\r\n$7\r\nCatania\r\n*2\r\n$20\r\n15.08726745843887329\r\n$20\r\n37.50266842333162032\r\n", call("GEORADIUS", "Sicily", "15", "37", "200", "km", "WITHCOORD"));
        assertEquals("*2\r\n*3\r\n$7\r\nPalermo\r\n$8\r\n190.4424\r\n*2\r\n$20\r\n13.36138933897018433\r\n$20\r\n38.11555639549629859\r\n*3\r\n$7\r\nCatania\r\n$7\r\n56.4413\r\n*2\r\n$20\r\n15.08726745843887329\r\n$20\r\n37.50266842333162032\r\n", call("GEORADIUS", "Sicily", "15", "37", "200", "km", "WITHDIST", "WITHCOORD"));
        assertEquals("*3\r\n$7\r\nPalermo\r\n$5\r\nedge1\r\n$7\r\nCatania\r\n", call("GEORADIUSBYMEMBER", "Sicily", "Palermo", "200", "km"));
        assertEquals("*2\r\n$7\r\nCatania\r\n$7\r\nPalermo\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC"));
        assertEquals("*4\r\n*3\r\n$7\r\nCatania\r\n$7\r\n56.4413\r\n*2\r\n$20\r\n15.08726745843887329\r\n$20\r\n37.50266842333162032\r\n*3\r\n$7\r\nPalermo\r\n$8\r\n190.4424\r\n*2\r\n$20\r\n13.36138933897018433\r\n$20\r\n38.11555639549629859\r\n*3\r\n$5\r\nedge2\r\n$8\r\n279.7403\r\n*2\r\n$20\r\n17.24151045083999634\r\n$20\r\n38.78813451624225195\r\n*3\r\n$5\r\nedge1\r\n$8\r\n279.7405\r\n*2\r\n$19\r\n12.7584877610206604\r\n$20\r\n38.78813451624225195\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "400", "400", "km", "ASC", "WITHCOORD", "WITHDIST"));
        assertEquals("*3\r\n*2\r\n$7\r\nCatania\r\n:3479447370796909\r\n*2\r\n$5\r\nedge1\r\n:3479273021651468\r\n*2\r\n$7\r\nPalermo\r\n:3479099956230698\r\n", call("GEOSEARCH", "Sicily", "FROMMEMBER", "Palermo", "BYBOX", "400", "400", "km", "DESC", "WITHHASH"));
        assertEquals("*2\r\n*2\r\n$5\r\nedge1\r\n$8\r\n279.7405\r\n*2\r\n$5\r\nedge2\r\n$8\r\n279.7403\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "1000", "km", "DESC", "COUNT", "2", "WITHDIST"));
        assertEquals("*2\r\n$7\r\nCatania\r\n$7\r\nPalermo\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "1000", "km", "COUNT", "2"));
        assertEquals("*2\r\n$7\r\nPalermo\r\n$5\r\nedge1\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "1000", "km", "COUNT", "2", "ANY"));
        assertEquals("*3\r\n$5\r\nedge1\r\n$7\r\nPalermo\r\n$7\r\nCatania\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "1000", "km", "COUNT", "3", "ANY", "DESC"));
        assertEquals("*4\r\n*2\r\n$7\r\nCatania\r\n$7\r\n35.0711\r\n*2\r\n$7\r\nPalermo\r\n$8\r\n118.3357\r\n*2\r\n$5\r\nedge2\r\n$8\r\n173.8230\r\n*2\r\n$5\r\nedge1\r\n$8\r\n173.8231\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "1000", "mi", "COUNT", "10", "WITHDIST"));
        assertEquals("*4\r\n*2\r\n$7\r\nPalermo\r\n$11\r\n624811.1215\r\n*2\r\n$5\r\nedge1\r\n$11\r\n917783.6356\r\n*2\r\n$7\r\nCatania\r\n$11\r\n185174.7305\r\n*2\r\n$5\r\nedge2\r\n$11\r\n917783.2736\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "1000000", "ft", "WITHDIST"));
        assertEquals("*1\r\n*2\r\n$7\r\nPalermo\r\n$6\r\n0.0000\r\n", call("GEOSEARCH", "Sicily", "FROMMEMBER", "Palermo", "BYRADIUS", "0", "m", "WITHDIST"));
        assertEquals("*0\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "13.361389", "38.115556", "BYRADIUS", "0", "km", "WITHDIST"));
        assertEquals("*4\r\n*2\r\n$7\r\nCatania\r\n$9\r\n4449.6961\r\n*2\r\n$7\r\nPalermo\r\n$9\r\n4454.7332\r\n*2\r\n$5\r\nedge1\r\n$9\r\n4506.4666\r\n*2\r\n$5\r\nedge2\r\n$9\r\n4659.1422\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "0", "0", "BYRADIUS", "30000", "km", "ASC", "WITHDIST"));
        assertEquals("*4\r\n$5\r\nedge2\r\n$5\r\nedge1\r\n$7\r\nPalermo\r\n$7\r\nCatania\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "-165", "-80", "BYBOX", "40000", "40000", "km", "DESC"));
        assertEquals("*0\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "m"));
        assertEquals("*0\r\n", call("GEOSEARCH", "missing", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "m"));
        assertEquals("*0\r\n", call("GEORADIUSBYMEMBER", "missing", "a", "1", "m"));
        // errors, in georadiusGeneric's order
        assertEquals("-ERR COUNT must be > 0\r\n", call("GEOSEARCH", "Sicily", "BYRADIUS", "200", "km", "FROMLONLAT", "15", "37", "COUNT", "0"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "COUNT", "x"));
        assertEquals("-ERR the ANY argument requires COUNT argument\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ANY"));
        assertEquals("-ERR syntax error\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "COUNT"));
        assertEquals("-ERR syntax error\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "STORE", "x"));
        assertEquals("-ERR syntax error\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "STOREDIST"));
        assertEquals("-ERR syntax error\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "FROMMEMBER", "Palermo", "BYRADIUS", "200", "km"));
        assertEquals("-ERR syntax error\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "BYBOX", "1", "1", "km"));
        assertEquals("-ERR syntax error\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "1", "1"));
        assertEquals("-ERR unsupported unit provided. please use M, KM, FT, MI\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "1", "1", "parsec", "WITHDIST"));
        assertEquals("-ERR need numeric width\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "x", "1", "km"));
        assertEquals("-ERR need numeric height\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "1", "x", "km"));
        assertEquals("-ERR height or width cannot be negative\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "-1", "1", "km"));
        assertEquals("-ERR need numeric radius\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "x", "km"));
        assertEquals("-ERR radius cannot be negative\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "-1", "km"));
        assertEquals("-ERR invalid longitude,latitude pair 15.000000,95.000000\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "95", "BYRADIUS", "1", "km"));
        assertEquals("-ERR could not decode requested zset member\r\n", call("GEOSEARCH", "Sicily", "FROMMEMBER", "nope", "BYRADIUS", "1", "km"));
        assertEquals("*0\r\n", call("GEOSEARCH", "missing", "FROMMEMBER", "nope", "BYRADIUS", "1", "km"));
        assertEquals("-ERR wrong number of arguments for 'geosearch' command\r\n", call("GEOSEARCH", "Sicily", "WITHDIST", "WITHHASH", "FROMMEMBER", "Palermo"));
        assertEquals("-ERR wrong number of arguments for 'geosearch' command\r\n", call("GeoSearch", "Sicily", "FROMMEMBER", "Palermo", "WITHDIST"));
        assertEquals("-ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for GEOSEARCH\r\n", call("GEOSEARCH", "Sicily", "BYBOX", "1", "1", "km", "WITHDIST"));
        assertEquals("-ERR GEOSEARCHSTORE is not compatible with WITHDIST, WITHHASH and WITHCOORD options\r\n", call("GEOSEARCHSTORE", "d", "Sicily", "FROMMEMBER", "Palermo", "BYRADIUS", "1", "km", "WITHDIST"));
        assertEquals("-ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORD options\r\n", call("GEORADIUS", "Sicily", "15", "37", "200", "km", "WITHDIST", "STORE", "d"));
        assertEquals("-ERR syntax error\r\n", call("GEORADIUS", "Sicily", "15", "37", "200", "km", "STORE"));
        assertEquals("-ERR syntax error\r\n", call("GEORADIUS_RO", "Sicily", "15", "37", "200", "km", "STORE", "d"));
        assertEquals("-ERR syntax error\r\n", call("GEORADIUSBYMEMBER_RO", "Sicily", "Palermo", "200", "km", "STOREDIST", "d"));
        assertEquals("-ERR could not decode requested zset member\r\n", call("GEORADIUSBYMEMBER", "Sicily", "nope", "200", "km"));
        assertEquals("-ERR syntax error\r\n", call("GEORADIUS", "Sicily", "15", "37", "200", "km", "FROMLONLAT", "1", "1"));
        assertEquals("-ERR invalid longitude,latitude pair 181.000000,37.000000\r\n", call("GEORADIUS", "Sicily", "181", "37", "200", "km"));
        assertEquals("-ERR unsupported unit provided. please use M, KM, FT, MI\r\n", call("GEORADIUS", "Sicily", "15", "37", "200", "parsec"));
    }
}
