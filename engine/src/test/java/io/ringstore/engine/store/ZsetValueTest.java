package io.ringstore.engine.store;

import io.ringstore.engine.util.Strtod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ZsetValue against a reference model (a TreeSet of (score, member) plus a HashMap) under random
 * adds, updates, removes and rank-range removals, across the listpack to skiplist conversion:
 * order, rank, access by rank in both directions, score and lex ranges, size.
 */
class ZsetValueTest {
    private record Entry(double score, byte[] member) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            if (score != o.score) {
                return score < o.score ? -1 : 1;
            }
            return Arrays.compareUnsigned(member, o.member);
        }
    }

    /** The cursor's member as its (array, offset, length) names it. */
    private static byte[] member(ZsetValue z) {
        return Arrays.copyOfRange(z.memberArray(), z.memberOffset(), z.memberOffset() + z.memberLength());
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void shouldMatchAReferenceModelAcrossTheConversion(int seed) {
        Random rnd = new Random(seed);
        ZsetValue z = new ZsetValue();
        TreeSet<Entry> order = new TreeSet<>();
        Map<String, Double> scores = new HashMap<>();
        boolean sawListpack = false;
        for (int step = 0; step < 3000; step++) {
            String name = "m" + rnd.nextInt(step < 1500 ? 100 : 400);
            byte[] m = b(name);
            double s = rnd.nextInt(4) == 0 ? rnd.nextInt(5) : rnd.nextGaussian() * 100;
            int op = rnd.nextInt(10);
            Double cur = scores.get(name);
            if (op < 6) {
                if (cur == null) {
                    z.addOwned(m, s, 128, 64);
                    order.add(new Entry(s, m));
                } else {
                    z.update(m, 0, m.length, cur, s);
                    order.remove(new Entry(cur, m));
                    order.add(new Entry(s, m));
                }
                scores.put(name, s);
            } else if (op < 9) {
                assertEquals(cur != null, z.remove(m, 0, m.length));
                if (cur != null) {
                    order.remove(new Entry(cur, m));
                    scores.remove(name);
                }
            } else if (!order.isEmpty()) {
                long from = rnd.nextInt(order.size());
                long to = Math.min(order.size() - 1, from + rnd.nextInt(3));
                List<Entry> all = new ArrayList<>(order);
                z.removeRanks(from, to);
                for (long k = from; k <= to; k++) {
                    Entry e = all.get((int) k);
                    order.remove(e);
                    scores.remove(new String(e.member, StandardCharsets.UTF_8));
                }
            }
            sawListpack |= z.encoding() == ObjectType.ENC_LISTPACK && z.size() > 50;
            if (step % 50 == 0 || step == 2999) {
                check(z, order, rnd);
            }
        }
        assertTrue(sawListpack);
        assertEquals(ObjectType.ENC_SKIPLIST, z.encoding(), "more than 128 members converted it");
    }

    private static void check(ZsetValue z, TreeSet<Entry> order, Random rnd) {
        assertEquals(order.size(), z.size());
        List<Entry> all = new ArrayList<>(order);
        int k = 0;
        for (z.seek(0); z.valid(); z.next()) {
            assertArrayEquals(all.get(k).member, member(z));
            assertEquals(all.get(k).score, z.score());
            k++;
        }
        assertEquals(all.size(), k);
        k = all.size() - 1;
        for (z.seek(all.size() - 1); z.valid(); z.prev()) {
            assertArrayEquals(all.get(k--).member, member(z));
        }
        assertEquals(-1, k);
        for (int i = 0; i < all.size(); i++) {
            byte[] m = all.get(i).member;
            assertEquals(i, z.rank(m, 0, m.length));
            assertEquals(all.get(i).score, z.score(m, 0, m.length));
            z.seek(i);
            assertArrayEquals(m, member(z));
        }
        // seeks in random order, each followed by a step or two: the cursor walks from wherever it is
        for (int t = 0; t < 40 && !all.isEmpty(); t++) {
            int i = rnd.nextInt(all.size());
            z.seek(i);
            assertArrayEquals(all.get(i).member, member(z));
            int step = rnd.nextInt(3) - 1;
            if (step > 0) {
                z.next();
            } else if (step < 0) {
                z.prev();
            }
            int j = i + step;
            assertEquals(j >= 0 && j < all.size(), z.valid());
            if (z.valid()) {
                assertArrayEquals(all.get(j).member, member(z));
                assertEquals(all.get(j).score, z.score());
            }
        }
        assertEquals(-1, z.rank(b("absent"), 0, 6));
        assertTrue(Double.isNaN(z.score(b("absent"), 0, 6)));
        // score ranges, random bounds, both exclusivities
        Strtod p = new Strtod();
        ZsetRange r = new ZsetRange();
        for (int t = 0; t < 20; t++) {
            double lo = rnd.nextGaussian() * 100;
            double hi = lo + rnd.nextDouble() * 150;
            String a = (rnd.nextBoolean() ? "(" : "") + lo;
            String c = (rnd.nextBoolean() ? "(" : "") + hi;
            byte[] buf = b(a + c);
            assertTrue(r.parseScore(p, buf, 0, a.length(), a.length(), c.length()));
            int first = -1;
            int last = -1;
            for (int i = 0; i < all.size(); i++) {
                double s = all.get(i).score;
                boolean in = (r.minex ? s > r.min : s >= r.min) && (r.maxex ? s < r.max : s <= r.max);
                if (in) {
                    first = first < 0 ? i : first;
                    last = i;
                }
            }
            assertEquals(first, z.first(r), a + " " + c);
            assertEquals(last, z.last(r), a + " " + c);
        }
    }

    @Test
    void shouldAnswerLexRangesOverEqualScoresInBothForms() {
        for (boolean skiplist : new boolean[] {false, true}) {
            ZsetValue z = skiplist ? ZsetValue.skiplist() : new ZsetValue();
            for (String m : new String[] {"a", "b", "c", "d", "e", "f", "g"}) {
                z.addOwned(b(m), 0, 128, 64);
            }
            ZsetRange r = new ZsetRange();
            byte[] buf = b("[b(f");
            assertTrue(r.parseLex(buf, 0, 2, 2, 2));
            assertEquals(1, z.first(r));
            assertEquals(4, z.last(r));
            buf = b("-+");
            assertTrue(r.parseLex(buf, 0, 1, 1, 1));
            assertEquals(0, z.first(r));
            assertEquals(6, z.last(r));
            buf = b("(g+");
            assertTrue(r.parseLex(buf, 0, 2, 2, 1));
            assertEquals(-1, z.first(r));
            buf = b("+-");
            assertTrue(r.parseLex(buf, 0, 1, 1, 1));
            assertTrue(r.emptyByBounds());
            assertEquals(false, r.parseLex(b("b"), 0, 1, 0, 1));
        }
    }

    @Test
    void shouldDropTheSignOfZeroOnlyInTheListpackForm() {
        ZsetValue small = new ZsetValue();
        small.addOwned(b("a"), -0.0, 128, 64);
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(small.score(b("a"), 0, 1)));
        ZsetValue big = ZsetValue.skiplist();
        big.addOwned(b("a"), -0.0, 128, 64);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(big.score(b("a"), 0, 1)));
    }

    @Test
    void shouldConvertOnALongMemberAndDuplicateDeeply() {
        ZsetValue z = new ZsetValue();
        z.addOwned(b("a"), 1, 128, 3);
        assertEquals(ObjectType.ENC_LISTPACK, z.encoding());
        z.addOwned(b("long"), 2, 128, 3);
        assertEquals(ObjectType.ENC_SKIPLIST, z.encoding());
        ZsetValue copy = z.duplicate();
        z.remove(b("a"), 0, 1);
        assertEquals(2, copy.size());
        assertEquals(ObjectType.ENC_SKIPLIST, copy.encoding());
        assertEquals(1, copy.rank(b("long"), 0, 4));
    }

    /** Scores at every integer width edge, past the integral limit, fractions and infinities. */
    private static final double[] SCORES = {-1, 0, 1, 1, 1, 127, 128, -128, -129, 32767, 32768, -32769,
        8388607, 8388608, 2147483648.0, -2147483649.0, 0x1p47, -0x1p47 - 1, 0x1p55 - 8, -(0x1p55 - 8),
        0x1p55, -0x1p55, 0x1p60, 1e300, 0.5, -2.25, 1.1, Double.MIN_VALUE, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY};

    @ParameterizedTest
    @ValueSource(ints = {11, 12, 13})
    void shouldMatchTheModelWithLongMembersEqualScoresAndHighBytesInTheListpack(int seed) {
        // members across the 1-, 2- and 3-byte heads, scores from a short list (every integer
        // width, doubles, infinities) so equal scores order by member bytes unsigned, never converted
        Random rnd = new Random(seed);
        ZsetValue z = new ZsetValue();
        TreeSet<Entry> order = new TreeSet<>();
        Map<String, Double> scores = new HashMap<>();
        int[] lengths = {0, 1, 2, 126, 127, 128, 129, 300, 16383, 16384, 20000};
        for (int step = 0; step < 600; step++) {
            int id = rnd.nextInt(40);
            byte[] m = new byte[id == 0 ? 0 : Math.max(1, lengths[id % lengths.length])]; // first bytes differ
            Arrays.fill(m, (byte) (id * 7 + 0x70));
            if (m.length > 0) {
                m[0] = (byte) (id * 37);
            }
            String name = id + "";
            double s = SCORES[rnd.nextInt(SCORES.length)];
            Double cur = scores.get(name);
            if (rnd.nextInt(4) > 0) {
                if (cur == null) {
                    z.add(m, 0, m.length, s, 128, Long.MAX_VALUE);
                    order.add(new Entry(s, m));
                } else if (cur != s) {
                    z.update(m, 0, m.length, cur, s);
                    order.remove(new Entry(cur, m));
                    order.add(new Entry(s, m));
                }
                scores.put(name, s);
            } else {
                assertEquals(cur != null, z.remove(m, 0, m.length));
                if (cur != null) {
                    order.remove(new Entry(cur, m));
                    scores.remove(name);
                }
            }
            assertEquals(ObjectType.ENC_LISTPACK, z.encoding());
            if (step % 20 == 0) {
                check(z, order, rnd);
                ZsetValue copy = z.duplicate();
                check(copy, order, rnd);
                copy.convert();
                check(copy, order, rnd);
                check(copy.fitListpack(128, Long.MAX_VALUE), order, rnd);
                assertEquals(ObjectType.ENC_LISTPACK, copy.encoding());
                assertEquals(z.listpackBytes(), copy.listpackBytes(), "the same entries, the same bytes");
            }
        }
    }

    @Test
    void shouldPackAnEntryAsLengthMemberScoreAndMirroredLength() {
        ZsetValue z = new ZsetValue();
        z.addOwned(b("m:000000001"), 1, 128, 64);
        assertEquals(1 + 11 + 1 + 1, z.listpackBytes(), "an integral score as a 1-byte integer");
        z.addOwned(new byte[200], 2.5, 128, 1000);
        assertEquals(14 + 2 + 200 + 8 + 2, z.listpackBytes(), "a fraction as its 8 IEEE bytes");
        z.addOwned(b("c"), 100000, 128, 1000);
        assertEquals(14 + 212 + 1 + 1 + 3 + 1, z.listpackBytes(), "100000 in 3 bytes");
        z.seek(1);
        assertEquals(200, z.memberLength());
        assertEquals(2.5, z.score());
        z.prev();
        assertEquals(11, z.memberLength());
        assertEquals(1, z.memberOffset(), "members are read in place");
        z.prev();
        assertTrue(!z.valid());
    }

    @Test
    void shouldTurnMinusZeroIntoZeroWhenASkiplistMovesBackToTheListpack() {
        ZsetValue z = ZsetValue.skiplist();
        z.addOwned(b("a"), -0.0, 128, 64);
        z.addOwned(b("b"), 0.0, 128, 64);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(z.score(b("a"), 0, 1)));
        z.fitListpack(128, 64);
        assertEquals(ObjectType.ENC_LISTPACK, z.encoding());
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(z.score(b("a"), 0, 1)));
        ZsetValue small = new ZsetValue();
        small.addOwned(b("a"), 1, 128, 64);
        small.update(b("a"), 0, 1, 1, -0.0);
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(small.score(b("a"), 0, 1)));
    }

    @Test
    void shouldConvertOnTheEntryPastTheLimitKeepingOrderAndScores() {
        ZsetValue z = new ZsetValue();
        for (int i = 0; i < 128; i++) {
            byte[] m = b("m" + i);
            z.add(m, 0, m.length, 127 - i, 128, 64);
        }
        assertEquals(ObjectType.ENC_LISTPACK, z.encoding());
        z.add(b("x"), 0, 1, 0.5, 128, 64);
        assertEquals(ObjectType.ENC_SKIPLIST, z.encoding());
        assertEquals(129, z.size());
        z.seek(0);
        assertArrayEquals(b("m127"), member(z));
        z.seek(1);
        assertArrayEquals(b("x"), member(z));
        assertEquals(0.5, z.score());
        assertEquals(128, z.rank(b("m0"), 0, 2));
    }
}
