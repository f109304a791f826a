package io.ringstore.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class KeyChooserTest {
    private static final int SAMPLES = 400_000;

    private static long[] histogram(KeyChooser chooser, int keyspace) {
        final SplittableRandom random = new SplittableRandom(42);
        final long[] counts = new long[keyspace];
        for (int i = 0; i < SAMPLES; i++) {
            final long k = chooser.next(random);
            assertTrue(k >= 0 && k < keyspace, "key " + k + " out of 0.." + (keyspace - 1));
            counts[(int) k]++;
        }
        return counts;
    }

    @Test
    void shouldChooseEveryKeyEquallyOftenWhenUniform() {
        final long[] counts = histogram(new UniformKeyChooser(20), 20);
        final double expected = SAMPLES / 20.0;
        for (int k = 0; k < 20; k++) {
            assertEquals(expected, counts[k], expected * 0.03, "key " + k);
        }
    }

    @Test
    void shouldFollowZipfProbabilitiesForSeveralExponents() {
        for (double s : new double[] {0.5, 0.99, 1.0, 1.5}) {
            final int n = 50;
            final long[] counts = histogram(new ZipfKeyChooser(n, s), n);
            double harmonic = 0;
            for (int k = 1; k <= n; k++) {
                harmonic += 1 / Math.pow(k, s);
            }
            for (int k = 0; k < 10; k++) {
                final double expected = SAMPLES / Math.pow(k + 1, s) / harmonic;
                assertEquals(expected, counts[k], expected * 0.05 + 50, "s=" + s + " key " + k);
            }
        }
    }

    @Test
    void shouldStayInRangeForHugeKeyspaceWithoutATable() {
        final KeyChooser chooser = new ZipfKeyChooser(CommandTemplate.MAX_KEYSPACE, 0.99);
        final SplittableRandom random = new SplittableRandom(7);
        long hottest = 0;
        for (int i = 0; i < 100_000; i++) {
            final long k = chooser.next(random);
            assertTrue(k >= 0 && k < CommandTemplate.MAX_KEYSPACE);
            hottest += k == 0 ? 1 : 0;
        }
        assertTrue(hottest > 1_000, "key 0 should be the hottest, seen " + hottest + " times");
    }

    @Test
    void shouldAlwaysChooseTheOnlyKeyOfAKeyspaceOfOne() {
        final SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, new ZipfKeyChooser(1, 1.2).next(random));
            assertEquals(0, new UniformKeyChooser(1).next(random));
        }
    }

    @Test
    void shouldRejectBadSettingsAtConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new ZipfKeyChooser(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ZipfKeyChooser(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new UniformKeyChooser(0));
        assertTrue(KeyChooser.of(10, 0) instanceof UniformKeyChooser);
        assertTrue(KeyChooser.of(10, 0.9) instanceof ZipfKeyChooser);
    }
}
