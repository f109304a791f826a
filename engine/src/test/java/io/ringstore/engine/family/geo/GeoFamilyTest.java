package io.ringstore.engine.family.geo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** GEOADD, GEOPOS, GEOHASH, GEODIST. Expected replies from redis-server 7.0.15; on one and two shards. */
class GeoFamilyTest extends GeoEngineTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldAddAndReadPalermoAndCatania(int shards) {
        start(shards);
        assertEquals(":2\r\n", call("GEOADD", "Sicily", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania"));
        assertEquals("$11\r\n166274.1516\r\n", call("GEODIST", "Sicily", "Palermo", "Catania"));
        assertEquals("$8\r\n166.2742\r\n", call("GEODIST", "Sicily", "Palermo", "Catania", "KM"));
        assertEquals("*3\r\n*2\r\n$20\r\n13.36138933897018433\r\n$20\r\n38.11555639549629859\r\n"
                + "*2\r\n$20\r\n15.08726745843887329\r\n$20\r\n37.50266842333162032\r\n*-1\r\n",
                call("GEOPOS", "Sicily", "Palermo", "Catania", "nope"));
        assertEquals("*3\r\n$11\r\nsqc8b49rny0\r\n$11\r\nsqdtr74hyu0\r\n$-1\r\n",
                call("GEOHASH", "Sicily", "Palermo", "Catania", "nope"));
        assertEquals("*2\r\n*4\r\n$7\r\nCatania\r\n$7\r\n56.4413\r\n:3479447370796909\r\n"
                + "*2\r\n$20\r\n15.08726745843887329\r\n$20\r\n37.50266842333162032\r\n"
                + "*4\r\n$7\r\nPalermo\r\n$8\r\n190.4424\r\n:3479099956230698\r\n"
                + "*2\r\n$20\r\n13.36138933897018433\r\n$20\r\n38.11555639549629859\r\n",
                call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC",
                        "WITHCOORD", "WITHDIST", "WITHHASH"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldAddLikeZaddAndDecodeEdgesAsRedis(int shards) {
        start(shards);
        assertEquals("+OK\r\n", call("FLUSHALL"));
        // options, validation before the key, ZADD's replies and encodings
        assertEquals("-ERR syntax error\r\n", call("GEOADD", "k", "ch", "ch", "ch"));
        assertEquals("-ERR syntax error\r\n", call("GEOADD", "k", "NX", "XX", "1", "1", "a"));
        assertEquals("-ERR syntax error\r\n", call("GEOADD", "k", "GT", "1", "1", "a"));
        assertEquals("-ERR syntax error\r\n", call("GEOADD", "k", "1", "1", "a", "2"));
        assertEquals("-ERR value is not a valid float\r\n", call("GEOADD", "k", "abc", "1", "a"));
        assertEquals("-ERR value is not a valid float\r\n", call("GEOADD", "k", "1", "abc", "a"));
        assertEquals("-ERR invalid longitude,latitude pair 181.000000,0.000000\r\n", call("GEOADD", "k", "181", "0", "a"));
        assertEquals("-ERR invalid longitude,latitude pair -180.000001,0.000000\r\n", call("GEOADD", "k", "-180.000001", "0", "a"));
        assertEquals("-ERR invalid longitude,latitude pair 0.000000,85.060000\r\n", call("GEOADD", "k", "0", "85.06", "a"));
        assertEquals("-ERR invalid longitude,latitude pair 0.000000,-85.060000\r\n", call("GEOADD", "k", "0", "-85.06", "a"));
        assertEquals("-ERR invalid longitude,latitude pair 181.000000,0.000000\r\n", call("GEOADD", "k", "1", "1", "a", "181", "0", "b"));
        assertEquals(":0\r\n", call("EXISTS", "k"));
        assertEquals(":0\r\n", call("GEOADD", "k", "XX", "1", "1", "a"));
        assertEquals(":0\r\n", call("EXISTS", "k"));
        assertEquals(":2\r\n", call("GEOADD", "k", "1", "1", "a", "2", "2", "b"));
        assertEquals(":1\r\n", call("GEOADD", "k", "NX", "3", "3", "a", "4", "4", "c"));
        assertEquals(":2\r\n", call("GEOADD", "k", "CH", "3", "3", "a", "4", "4", "c", "5", "5", "d"));
        assertEquals(":1\r\n", call("GEOADD", "k", "XX", "CH", "6", "6", "a", "7", "7", "e"));
        assertEquals("*8\r\n$1\r\nb\r\n$16\r\n3378191666521995\r\n$1\r\nc\r\n$16\r\n3379667504504364\r\n$1\r\nd\r\n$16\r\n3379881761160527\r\n$1\r\na\r\n$16\r\n3384374155690770\r\n", call("ZRANGE", "k", "0", "-1", "WITHSCORES"));
        assertEquals("$8\r\nlistpack\r\n", call("OBJECT", "ENCODING", "k"));
        assertEquals("+OK\r\n", call("SET", "s", "v"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("GEOADD", "s", "1", "1", "a"));
        assertEquals("-ERR invalid longitude,latitude pair 181.000000,1.000000\r\n", call("GEOADD", "s", "181", "1", "a"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("GEOPOS", "s", "a"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("GEOHASH", "s", "a"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("GEODIST", "s", "a", "b"));
        assertEquals("-ERR unsupported unit provided. please use M, KM, FT, MI\r\n", call("GEODIST", "s", "a", "b", "parsec"));
        // poles, antimeridian, the score of the edges
        assertEquals(":5\r\n", call("GEOADD", "e", "180", "85.05112878", "ne", "-180", "-85.05112878", "sw", "0", "0", "z", "179.9999", "0", "am", "-179.9999", "0", "am2"));
        assertEquals("*10\r\n$2\r\nsw\r\n$1\r\n0\r\n$3\r\nam2\r\n$16\r\n1125899906843144\r\n$1\r\nz\r\n$16\r\n3377699720527872\r\n$2\r\nam\r\n$16\r\n4128299658422434\r\n$2\r\nne\r\n$17\r\n13510798882111488\r\n", call("ZRANGE", "e", "0", "-1", "WITHSCORES"));
        assertEquals("*5\r\n*2\r\n$3\r\n180\r\n$19\r\n85.0511287799999991\r\n*2\r\n$22\r\n-179.99999731779098511\r\n$21\r\n-85.05112751263942528\r\n*2\r\n$19\r\n0.00000268220901489\r\n$19\r\n0.00000126736058093\r\n*2\r\n$21\r\n179.99990075826644897\r\n$19\r\n0.00000126736058093\r\n*2\r\n$22\r\n-179.99990075826644897\r\n$19\r\n0.00000126736058093\r\n", call("GEOPOS", "e", "ne", "sw", "z", "am", "am2"));
        assertEquals("*5\r\n$11\r\nbp05b5048p0\r\n$11\r\n00bh0hbj200\r\n$11\r\ns0000000000\r\n$11\r\nxbpbpbpbj80\r\n$11\r\n80000000420\r\n", call("GEOHASH", "e", "ne", "sw", "z", "am", "am2"));
        assertEquals("$7\r\n22.0766\r\n", call("GEODIST", "e", "am", "am2"));
        assertEquals("$6\r\n0.0221\r\n", call("GEODIST", "e", "am", "am2", "km"));
        assertEquals("$10\r\n11756.2756\r\n", call("GEODIST", "e", "ne", "sw", "mi"));
        assertEquals("$6\r\n0.0000\r\n", call("GEODIST", "e", "z", "z", "ft"));
        assertEquals("$-1\r\n", call("GEODIST", "e", "z", "nope"));
        assertEquals("$-1\r\n", call("GEODIST", "missing", "a", "b"));
        assertEquals("-ERR syntax error\r\n", call("GEODIST", "e", "a", "b", "c", "d"));
        // scores no GEOADD writes decode as Redis's uint64 conversion does
        assertEquals(":5\r\n", call("ZADD", "e", "1e18", "big", "-1", "neg", "4503599627370496", "b52", "inf", "infm", "0.5", "half"));
        assertEquals("*5\r\n*2\r\n$3\r\n180\r\n$19\r\n85.0511287799999991\r\n*2\r\n$3\r\n180\r\n$19\r\n85.0511287799999991\r\n*2\r\n$22\r\n-179.99999731779098511\r\n$19\r\n85.0511287799999991\r\n*2\r\n$22\r\n-179.99999731779098511\r\n$21\r\n-85.05112751263942528\r\n*2\r\n$22\r\n-179.99999731779098511\r\n$21\r\n-85.05112751263942528\r\n", call("GEOPOS", "e", "big", "neg", "b52", "infm", "half"));
        assertEquals("*5\r\n$11\r\nbp05b5048p0\r\n$11\r\nbp05b5048p0\r\n$11\r\nbp05b5048p0\r\n$11\r\n00bh0hbj200\r\n$11\r\n00bh0hbj200\r\n", call("GEOHASH", "e", "big", "neg", "b52", "infm", "half"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldReplyCoordinatesAsRespThreeDoubles(int shards) {
        start(shards);
        assertEquals("+OK\r\n", call("FLUSHALL"));
        assertEquals(":2\r\n", call("GEOADD", "Sicily", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania"));
        e.call("HELLO", "3");
        assertEquals("*2\r\n*2\r\n,13.36138933897018433\r\n,38.11555639549629859\r\n_\r\n", call("GEOPOS", "Sicily", "Palermo", "nope"));
        assertEquals("*2\r\n$11\r\nsqc8b49rny0\r\n_\r\n", call("GEOHASH", "Sicily", "Palermo", "nope"));
        assertEquals("_\r\n", call("GEODIST", "Sicily", "Palermo", "nope"));
        assertEquals("$11\r\n166274.1516\r\n", call("GEODIST", "Sicily", "Palermo", "Catania"));
        assertEquals("*2\r\n*4\r\n$7\r\nCatania\r\n$7\r\n56.4413\r\n:3479447370796909\r\n*2\r\n,15.08726745843887329\r\n,37.50266842333162032\r\n*4\r\n$7\r\nPalermo\r\n$8\r\n190.4424\r\n:3479099956230698\r\n*2\r\n,13.36138933897018433\r\n,38.11555639549629859\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC", "WITHCOORD", "WITHDIST", "WITHHASH"));
        assertEquals("*0\r\n", call("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "km"));
        assertEquals("*0\r\n", call("GEOSEARCH", "missing", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "km"));
        e.call("HELLO", "2");
    }
}
