package io.ringstore.engine.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SetValue against java.util.HashSet under random operations, across intset → hashtable conversion. */
@Timeout(30)
class SetValueTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Set<String> contents(SetValue s) {
        Set<String> out = new HashSet<>();
        s.forEach(m -> assertTrue(out.add(new String(m, StandardCharsets.UTF_8)), "member visited twice"));
        return out;
    }

    @Test
    void shouldMatchHashSetUnderRandomOperations() {
        for (long seed = 1; seed <= 20; seed++) {
            Random rnd = new Random(seed);
            SetValue s = new SetValue();
            Set<String> ref = new HashSet<>();
            long maxIntset = 5 + rnd.nextInt(60);
            // words only after a while, so intsets live long enough to convert by size too
            int wordsFrom = rnd.nextInt(3000);
            for (int op = 0; op < 4000; op++) {
                String m = op >= wordsFrom && rnd.nextInt(10) == 0 ? "w" + rnd.nextInt(30)
                        : Integer.toString(rnd.nextInt(200) - 100);
                boolean wasIntset = s.encoding() == ObjectType.ENC_INTSET;
                switch (rnd.nextInt(6)) {
                    case 0: case 1: case 2:
                        assertEquals(ref.add(m), s.add(b(m), maxIntset));
                        break;
                    case 3:
                        assertEquals(ref.remove(m), s.remove(b(m)));
                        break;
                    case 4:
                        assertEquals(ref.contains(m), s.contains(b(m)));
                        break;
                    default:
                        if (!ref.isEmpty()) {
                            String p = new String(s.pop(rnd.nextLong()), StandardCharsets.UTF_8);
                            assertTrue(ref.remove(p), "popped a non-member " + p);
                        }
                }
                assertEquals(ref.size(), s.size());
                if (!wasIntset) {
                    assertEquals(ObjectType.ENC_HT, s.encoding(), "a hashtable never returns to intset");
                } else if (s.encoding() == ObjectType.ENC_INTSET) {
                    assertTrue(s.size() <= maxIntset);
                }
                if (op % 41 == 0) {
                    assertEquals(ref, contents(s));
                }
            }
        }
    }

    @Test
    void shouldIterateIntsetAscendingAndConvertOnWordOrSize() {
        SetValue s = new SetValue();
        for (String m : new String[] {"3", "-1", "10", "2"}) {
            s.add(b(m), 4);
        }
        List<String> order = new ArrayList<>();
        s.forEach(m -> order.add(new String(m, StandardCharsets.UTF_8)));
        assertEquals(List.of("-1", "2", "3", "10"), order);
        assertEquals(ObjectType.ENC_INTSET, s.encoding());
        s.add(b("11"), 4);
        assertEquals(ObjectType.ENC_HT, s.encoding(), "fifth integer past set-max-intset-entries 4");

        SetValue w = new SetValue();
        w.add(b("1"), 512);
        assertFalse(w.add(b("1"), 512));
        w.add(b("01"), 512); // not string2ll-canonical: a string member
        assertEquals(ObjectType.ENC_HT, w.encoding());
        assertEquals(Set.of("1", "01"), contents(w));
    }

    @Test
    void shouldPopTheSameMembersWhateverTheHashtableLayout() {
        // live: grown to 1000 members then cut to 60 (large, sparse table); reloaded: 60 inserted sorted
        SetValue live = SetValue.hashtable();
        for (int i = 999; i >= 0; i--) {
            live.add(b("m" + i), 512);
        }
        for (int i = 60; i < 1000; i++) {
            live.remove(b("m" + i));
        }
        SetValue reloaded = SetValue.hashtable();
        List<String> sorted = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            sorted.add("m" + i);
        }
        sorted.sort(null);
        for (String m : sorted) {
            reloaded.add(b(m), 512);
        }
        Random rnd = new Random(7);
        Set<String> popped = new HashSet<>();
        while (!live.isEmpty()) {
            long r = rnd.nextLong();
            String a = new String(live.pop(r), StandardCharsets.UTF_8);
            assertEquals(a, new String(reloaded.pop(r), StandardCharsets.UTF_8));
            popped.add(a);
        }
        assertEquals(60, popped.size());
        assertTrue(reloaded.isEmpty());
    }

    @Test
    void shouldDuplicateDeeplyInBothEncodings() {
        for (String extra : new String[] {"5", "x"}) {
            SetValue s = new SetValue();
            s.add(b("1"), 512);
            s.add(b(extra), 512);
            SetValue d = s.duplicate();
            assertNotSame(s, d);
            assertEquals(s.encoding(), d.encoding());
            s.remove(b("1"));
            assertEquals(Set.of("1", extra), contents(d));
        }
    }

    @Test
    void shouldRoundTripThroughPayloadKeepingEncodingAndSortingMembers() {
        Dict d = new Dict();
        SetValue a = SetValue.hashtable();
        SetValue b = SetValue.hashtable();
        for (int i = 0; i < 50; i++) {
            a.add(b("m" + i), 512);
            b.add(b("m" + (49 - i)), 512);
        }
        int sa = d.insert(b("a"), 1);
        d.setValue(sa, a);
        d.setMeta(sa, ObjectType.meta(ObjectType.SET, ObjectType.ENC_HT, 0));
        byte[] pa = ValuePayload.encode(d.table(), sa);
        int sb = d.insert(b("b"), 2);
        d.setValue(sb, b);
        d.setMeta(sb, ObjectType.meta(ObjectType.SET, ObjectType.ENC_HT, 0));
        assertEquals(new String(pa, StandardCharsets.ISO_8859_1),
                new String(ValuePayload.encode(d.table(), sb), StandardCharsets.ISO_8859_1),
                "payload independent of insertion order");
        SetValue back = ValuePayload.decodeSet(pa, ObjectType.ENC_HT);
        assertEquals(contents(a), contents(back));
        assertEquals(ObjectType.ENC_HT, back.encoding());

        SetValue ints = new SetValue();
        ints.add(b("7"), 512);
        ints.add(b("-2"), 512);
        int si = d.insert(b("i"), 3);
        d.setValue(si, ints);
        d.setMeta(si, ObjectType.meta(ObjectType.SET, ObjectType.ENC_INTSET, 0));
        byte[] pi = ValuePayload.encode(d.table(), si);
        assertEquals(ObjectType.ENC_INTSET, ValuePayload.decodeSet(pi, ObjectType.ENC_INTSET).encoding());
        assertEquals(ObjectType.ENC_HT, ValuePayload.decodeSet(pi, ObjectType.ENC_HT).encoding());
        assertNull(ValuePayload.decodeSet(pa, ObjectType.ENC_INTSET), "words in an intset payload");
        assertNull(ValuePayload.decodeSet(new byte[] {0, 0, 0, 2, 0, 0, 0, 1, '1', 0, 0, 0, 1, '1'},
                ObjectType.ENC_INTSET), "duplicate member");
    }

    @Test
    void shouldMatchASortedModelAcrossWidthUpgradesAndRemovals() {
        // values drawn from the 2-, 4- and 8-byte ranges and their edges, added and removed at
        // random, through both add paths; the intset stays sorted, exact and at the smallest width
        // that ever held its members (it never narrows, as intset.c)
        long[] edges = {Short.MIN_VALUE, Short.MAX_VALUE, Short.MIN_VALUE - 1L, Short.MAX_VALUE + 1L,
            Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE - 1L, Integer.MAX_VALUE + 1L,
            Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1};
        for (long seed = 1; seed <= 10; seed++) {
            Random rnd = new Random(seed);
            SetValue s = new SetValue();
            java.util.TreeSet<Long> ref = new java.util.TreeSet<>();
            int widest = 2;
            for (int op = 0; op < 3000; op++) {
                long v;
                switch (rnd.nextInt(op < 1000 ? 2 : 4)) {
                    case 0:
                        v = rnd.nextInt(2000) - 1000;
                        break;
                    case 1:
                        v = edges[rnd.nextInt(edges.length)];
                        break;
                    case 2:
                        v = rnd.nextInt(200_000) - 100_000;
                        break;
                    default:
                        v = rnd.nextLong() >> rnd.nextInt(30);
                }
                byte[] m = b(Long.toString(v));
                if (rnd.nextInt(3) > 0) {
                    byte[] framed = new byte[m.length + 3]; // the bytes inside a larger buffer, as arguments come
                    System.arraycopy(m, 0, framed, 2, m.length);
                    boolean added = rnd.nextBoolean() ? s.add(m, 100_000) : s.add(framed, 2, m.length, 100_000);
                    assertEquals(ref.add(v), added);
                    widest = Math.max(widest, v == (short) v ? 2 : v == (int) v ? 4 : 8);
                } else {
                    assertEquals(ref.remove(v), s.remove(m));
                }
                assertEquals(ObjectType.ENC_INTSET, s.encoding());
                assertEquals(widest, s.intsetWidth());
                assertEquals(ref.size(), s.size());
                if (op % 97 == 0) {
                    int k = 0;
                    for (long x : ref) {
                        assertEquals(x, s.intAt(k++));
                    }
                    List<String> order = new ArrayList<>();
                    s.forEach(x -> order.add(new String(x, StandardCharsets.UTF_8)));
                    assertEquals(ref.stream().map(String::valueOf).toList(), order);
                    SetValue copy = s.duplicate();
                    assertEquals(widest, copy.intsetWidth());
                    for (long x : ref) {
                        assertTrue(copy.contains(b(Long.toString(x))));
                    }
                }
            }
        }
    }

    @Test
    void shouldWidenToTheFrontForANegativeAndToTheBackForAPositiveValue() {
        SetValue s = new SetValue();
        s.add(b("5"), 512);
        s.add(b("-3"), 512);
        assertEquals(2, s.intsetWidth());
        s.add(b("-100000"), 512);
        assertEquals(4, s.intsetWidth());
        assertEquals(-100000, s.intAt(0));
        s.add(b("9223372036854775807"), 512);
        assertEquals(8, s.intsetWidth());
        assertEquals(Long.MAX_VALUE, s.intAt(3));
        assertEquals(List.of(-100000L, -3L, 5L, Long.MAX_VALUE),
                List.of(s.intAt(0), s.intAt(1), s.intAt(2), s.intAt(3)));
        assertTrue(s.remove(b("9223372036854775807")));
        assertEquals(8, s.intsetWidth(), "an intset never narrows");
        assertFalse(s.contains(b("9223372036854775807")));
        assertEquals("-3", new String(s.pop(1), StandardCharsets.UTF_8), "pops by rank: random mod size");
    }
}
