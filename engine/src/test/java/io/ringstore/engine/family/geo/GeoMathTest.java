package io.ringstore.engine.family.geo;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link GeoMath}: sine, cosine and arcsine rounded as glibc 2.36's libm (what redis-server 7.0.15
 * calls) rounds them. The table holds arguments where fdlibm ({@link StrictMath}) is one ulp off
 * glibc and glibc is correctly rounded (checked at 200 bits); then the edges, and agreement with
 * StrictMath to an ulp over random arguments.
 */
class GeoMathTest {
    private static final String[][] GLIBC = {
            {"cos", "-0x1.82ab45df0fd57p-1", "0x1.74cce08b4e8b2p-1"},
            {"cos", "0x1.c55fff9566192p-1", "0x1.440bfdc826007p-1"},
            {"sin", "-0x1.399bf19233154p-1", "-0x1.265d260de5f8fp-1"},
            {"cos", "0x1.c57f1f9421842p-1", "0x1.43f3e41eb8325p-1"},
            {"asin", "0x1.98f8db05012acp-1", "0x1.d9bae530c7badp-1"},
            {"asin", "0x1.aba3979f15777p-1", "0x1.fa23efe99829fp-1"},
            {"asin", "0x1.ef9b244b9e783p-1", "0x1.512aa4ea438cbp+0"},
            {"sin", "0x1.742076e1d8a38p-1", "0x1.5437f04104eadp-1"},
            {"asin", "0x1.ec1a6c76b7bd3p-1", "0x1.4a857a438fd1dp+0"},
            {"sin", "-0x1.0c7f904f23fb6p+0", "-0x1.bbd1f4fde8f09p-1"},
            {"asin", "0x1.334fb99f530bfp-1", "0x1.499ca328079ebp-1"},
            {"asin", "0x1.dc6fbd6747ccfp-1", "0x1.322580dcb7e45p+0"},
            {"cos", "0x1.d63bc56bcb978p-2", "0x1.caf52fef3a8f9p-1"},
            {"cos", "0x1.93aa456df74bep-1", "0x1.68f27b746699dp-1"},
            {"cos", "0x1.829e1d54afbe2p-1", "0x1.74d5e55db7a89p-1"},
            {"sin", "0x1.ceb77d178f1d8p-2", "0x1.bf213e7f0ce49p-2"},
            {"asin", "0x1.4d96d646e71b5p-1", "0x1.6b529985da895p-1"},
            {"cos", "-0x1.6c6ab2287d308p-2", "0x1.dfeb4117acbc5p-1"},
            {"asin", "0x1.f677f5bac4627p-1", "0x1.60a66fd147dedp+0"},
            {"cos", "-0x1.fb01903f0c09ap-1", "0x1.18d2e2aa5cf1bp-1"},
            {"sin", "-0x1.221507ac29321p+0", "-0x1.cfbdc2ec83577p-1"},
            {"sin", "-0x1.dc5f1e6b97152p-1", "-0x1.9a8e4c43ce9dfp-1"},
            {"sin", "-0x1.1eb31f1f115a4p+0", "-0x1.ccd56f5fbb4bdp-1"},
            {"sin", "-0x1.3f95b3b0ed048p+1", "-0x1.33bf2aeb6195bp-1"}
    };

    private static double call(String f, double x) {
        return switch (f) {
            case "sin" -> GeoMath.sin(x);
            case "cos" -> GeoMath.cos(x);
            default -> GeoMath.asin(x);
        };
    }

    private static double strict(String f, double x) {
        return switch (f) {
            case "sin" -> StrictMath.sin(x);
            case "cos" -> StrictMath.cos(x);
            default -> StrictMath.asin(x);
        };
    }

    @Test
    void shouldRoundAsGlibcWhereFdlibmDoesNot() {
        for (String[] c : GLIBC) {
            double x = Double.parseDouble(c[1]);
            double expected = Double.parseDouble(c[2]);
            assertNotEquals(expected, strict(c[0], x), c[0] + " " + c[1]);
            assertEquals(expected, call(c[0], x), c[0] + " " + c[1]);
        }
    }

    @Test
    void shouldHandleTheEdges() {
        assertEquals(Math.PI / 2, GeoMath.asin(1));
        assertEquals(-Math.PI / 2, GeoMath.asin(-1));
        assertEquals(Double.longBitsToDouble(0x3ff921fb50442d18L), GeoMath.asin(Math.nextDown(1.0)));
        assertEquals(0.5235987755982989, GeoMath.asin(0.5));
        assertEquals(0.0, GeoMath.asin(0.0));
        assertEquals(1e-300, GeoMath.asin(1e-300));
        assertTrue(Double.isNaN(GeoMath.asin(1.0000000000000002)));
        assertEquals(0.0, GeoMath.sin(0.0));
        assertEquals(1.0, GeoMath.cos(0.0));
        assertEquals(1.2246467991473532e-16, GeoMath.sin(Math.PI));
        assertEquals(-1.0, GeoMath.cos(Math.PI));
        assertEquals(6.123233995736766e-17, GeoMath.cos(Math.PI / 2));
        assertEquals(StrictMath.sin(1e6), GeoMath.sin(1e6)); // beyond 10 radians: fdlibm's
    }

    @Test
    void shouldStayWithinAnUlpOfFdlibm() {
        Random rnd = new Random(3);
        for (int i = 0; i < 20000; i++) {
            double x = (rnd.nextDouble() * 2 - 1) * (rnd.nextBoolean() ? 3.2 : 1e-3);
            double y = rnd.nextDouble() * 2 - 1;
            assertTrue(Math.abs(GeoMath.sin(x) - StrictMath.sin(x)) <= Math.ulp(StrictMath.sin(x)), "sin " + x);
            assertTrue(Math.abs(GeoMath.cos(x) - StrictMath.cos(x)) <= Math.ulp(StrictMath.cos(x)), "cos " + x);
            assertTrue(Math.abs(GeoMath.asin(y) - StrictMath.asin(y)) <= Math.ulp(StrictMath.asin(y)), "asin " + y);
        }
    }
}
