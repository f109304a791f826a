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
}
