package io.ringstore.engine.family.geo;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link GeoFormat} against glibc's printf: "%.4f" and LD_STR_HUMAN ("%.17Lf", trailing zeros and
 * point dropped, "-0" as "0") both round the exact binary value half to even. Fixed cases were
 * printed by redis-server 7.0.15 or by C's printf (through Python's "%.4f"); random ones are checked against BigDecimal.
 */
class GeoFormatTest {
    private final GeoFormat f = new GeoFormat();

    private String human(double d) {
        f.human(d);
        return new String(f.buf, 0, f.len, StandardCharsets.US_ASCII);
    }

    private String distance(double d) {
        f.distance(d);
        return new String(f.buf, 0, f.len, StandardCharsets.US_ASCII);
    }

    @Test
    void shouldPrintCoordinatesAsRedis() {
        assertEquals("13.36138933897018433", human(13.361389338970184));
        assertEquals("85.0511287799999991", human(85.05112878));
        assertEquals("-179.99999731779098511", human(-179.99999731779099));
        assertEquals("0.00000268220901489", human(2.682209014892578e-06));
        assertEquals("180", human(180));
        assertEquals("0", human(0.0));
        assertEquals("0", human(-0.0));
        assertEquals("0", human(-1e-20));
        assertEquals("0.5", human(0.5));
        assertEquals("-0.00000000000000001", human(-1e-17));
    }

    @Test
    void shouldPrintDistancesWithFourDecimals() {
        assertEquals("166274.1516", distance(166274.15156960033));
        assertEquals("0.0000", distance(0));
        assertEquals("56.4413", distance(56.441257870158204));
        assertEquals("0.0001", distance(0.00005000000000000001));
        assertEquals("0.0001", distance(0.00005)); // 0.00005 is a little above the half in binary
        assertEquals("0.0001", distance(0.00015)); // and 0.00015 a little below
        assertEquals("0.0003", distance(0.00025));
    }

    @Test
    void shouldRoundTheExactValueHalfToEven() {
        Random rnd = new Random(11);
        for (int i = 0; i < 40_000; i++) {
            double c = (rnd.nextDouble() * 2 - 1) * (rnd.nextBoolean() ? 180 : Math.pow(10, -rnd.nextInt(12)));
            BigDecimal h = new BigDecimal(c).setScale(17, RoundingMode.HALF_EVEN);
            String expected = h.signum() == 0 ? "0" : h.stripTrailingZeros().toPlainString();
            assertEquals(expected, human(c), Double.toString(c));
            double d = rnd.nextDouble() * (rnd.nextBoolean() ? 7e7 : 10);
            if (rnd.nextInt(10) == 0) {
                d = Math.rint(d * 20000) / 20000; // near the half of a fourth decimal
            }
            assertEquals(new BigDecimal(d).setScale(4, RoundingMode.HALF_EVEN).toPlainString(), distance(d),
                    Double.toString(d));
        }
    }
}
