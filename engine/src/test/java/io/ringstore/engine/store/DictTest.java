package io.ringstore.engine.store;

import io.ringstore.engine.util.ByteHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The keyspace map against java.util.HashMap on long random operation sequences (growth, shrink,
 * long probe runs and delete chains), and Redis's SCAN guarantee across resizes.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DictTest {

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int hash(byte[] k) {
        return ByteHash.hash(k, 0, k.length);
    }

    private static int find(Dict d, byte[] k, ToIntFunction<byte[]> h) {
        return d.find(k, 0, k.length, h.applyAsInt(k));
    }

    /** A model-checked workload: every operation is applied to the dict and to a HashMap. */
    private static final class Model {
        final Dict dict = new Dict();
        final Map<String, Long> map = new HashMap<>();
        /** Deadlines: every third value gets one, so the lazily allocated deadline array is moved by rehash and backward shifts. */
        final Map<String, Long> deadlines = new HashMap<>();
        final ToIntFunction<byte[]> h;

        Model(ToIntFunction<byte[]> h) {
            this.h = h;
        }

        void put(String s, long v) {
            byte[] k = key(s);
            int slot = find(dict, k, h);
            if (slot < 0) {
                slot = dict.insert(k, h.applyAsInt(k));
            }
            dict.setNum(slot, v);
            dict.setValue(slot, s);
            long deadline = v % 3 == 0 ? v + 1 : 0;
            dict.setExpire(slot, deadline);
            map.put(s, v);
            deadlines.put(s, deadline);
        }

        void remove(String s) {
            byte[] k = key(s);
            int slot = find(dict, k, h);
            Long prev = map.remove(s);
            deadlines.remove(s);
            if (prev == null) {
                assertEquals(-1, slot, "found a removed key " + s);
            } else {
                assertTrue(slot >= 0, "lost key " + s);
                dict.removeAt(slot);
            }
        }

        void check(String s) {
            byte[] k = key(s);
            int slot = find(dict, k, h);
            Long v = map.get(s);
            if (v == null) {
                assertEquals(-1, slot, "phantom key " + s);
            } else {
                assertTrue(slot >= 0, "lost key " + s);
                assertEquals(v.longValue(), dict.num(slot), "value of " + s);
                assertEquals(s, dict.value(slot));
                assertEquals(deadlines.get(s).longValue(), dict.expire(slot), "deadline of " + s);
            }
        }

        void checkAll() {
            assertEquals(map.size(), dict.size());
            Set<String> seen = new HashSet<>();
            dict.forEach((d, table, slot) -> {
                String s = new String(Dict.keyAt(table, slot), StandardCharsets.UTF_8);
                assertTrue(seen.add(s), "visited twice: " + s);
                assertEquals(map.get(s).longValue(), Dict.numAt(table, slot));
                assertEquals(deadlines.get(s).longValue(), Dict.expireAt(table, slot), "deadline of " + s);
            });
            assertEquals(map.keySet(), seen);
            assertEquals(deadlines.values().stream().filter(x -> x != 0).count(), dict.volatileKeys());
            for (String s : map.keySet()) {
                check(s);
            }
        }
    }

    private static void randomWorkload(Model m, long seed, int ops, int keySpace) {
        Random r = new Random(seed);
        for (int i = 0; i < ops; i++) {
            // Phases: grow for a while, then delete-heavy, so the table both grows and shrinks.
            boolean deleting = (i / (ops / 6)) % 2 == 1;
            String s = "k" + r.nextInt(keySpace);
            int op = r.nextInt(10);
            if (op < (deleting ? 2 : 6)) {
                m.put(s, r.nextLong());
            } else if (op < 8) {
                m.remove(s);
            } else {
                m.check(s);
            }
            if (i % 997 == 0) {
                m.dict.maybeShrink();
            }
            if (i % 50_000 == 0) {
                m.checkAll();
            }
        }
        m.checkAll();
    }

    @Test
    void shouldMatchHashMapOnLongRandomSequences() {
        randomWorkload(new Model(DictTest::hash), 1, 600_000, 60_000);
    }

    @Test
    void shouldMatchHashMapWithCollidingHashesAndLongDeleteChains() {
        // Few distinct hashes: long probe runs that wrap the table, backward shifts over many entries.
        randomWorkload(new Model(k -> hash(k) & 0x3F0), 2, 120_000, 4_000);
        randomWorkload(new Model(k -> hash(k) | 0x7FFF_FF00), 3, 120_000, 4_000);
    }

    @Test
    void shouldShrinkWhenMostlyEmptyAndKeepEveryKey() {
        Model m = new Model(DictTest::hash);
        for (int i = 0; i < 100_000; i++) {
            m.put("s" + i, i);
        }
        int grown = m.dict.capacity();
        assertTrue(grown >= 131_072, "capacity " + grown);
        for (int i = 0; i < 100_000; i++) {
            if (i % 100 != 0) {
                m.remove("s" + i);
            }
        }
        while (m.dict.rehashStep(1024)) {
            // finish any growth still in progress
        }
        m.dict.maybeShrink();
        assertTrue(m.dict.rehashing(), "shrink should start a rehash");
        while (m.dict.rehashStep(1024)) {
            // drain
        }
        assertTrue(m.dict.capacity() <= 4096, "capacity after shrink " + m.dict.capacity());
        assertTrue(m.dict.capacity() * 3L / 4 >= 1000, "room for the keys left");
        m.checkAll();
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldNotOverfillTheSmallTableWhenInsertsOutrunAShrink() {
        // The keys left after a mass delete sit at the end of a large table, so draining them takes
        // many rehash steps; inserts during that shrink must not overfill the small table.
        int bigCap = 1 << 19;
        Model m = new Model(k -> {
            String s = new String(k, StandardCharsets.UTF_8);
            if (s.startsWith("top")) {
                return bigCap - 1 - Integer.parseInt(s.substring(3)) * 64;
            }
            return hash(k);
        });
        for (int i = 0; i < 300_000; i++) {
            m.put("f" + i, i);
        }
        for (int i = 0; i < 300_000; i++) {
            m.remove("f" + i);
        }
        while (m.dict.rehashStep(1024)) {
            // settle
        }
        for (int i = 0; i < 1100; i++) {
            m.put("top" + i, i);
        }
        assertEquals(bigCap, m.dict.capacity());
        m.dict.maybeShrink();
        assertTrue(m.dict.rehashing());
        for (int i = 0; i < 6000; i++) {
            m.put("n" + i, i);
        }
        m.checkAll();
    }

    @Test
    void shouldFindPrefixedKeysByTheKeyPartOnly() {
        // key arrays "varint(len) key payload": equal keys with different payloads are one key
        Dict d = Dict.prefixedMembers();
        byte[] ab = {2, 'a', 'b', 'x', 'y'};
        byte[] a = {1, 'a', 'b'};
        d.insert(ab, ByteHash.hash(ab, 1, 2));
        d.insert(a, ByteHash.hash(a, 1, 1));
        int s = d.find(new byte[] {'a', 'b'}, 0, 2, ByteHash.hash(ab, 1, 2));
        assertEquals(ab, d.key(s));
        assertEquals(a, d.key(d.find(new byte[] {'a'}, 0, 1, ByteHash.hash(a, 1, 1))));
        assertEquals(-1, d.find(new byte[] {'a', 'b', 'x'}, 0, 3, ByteHash.hash(ab, 1, 3)));
        byte[] replaced = {2, 'a', 'b', 'z'};
        d.replaceKey(s, replaced);
        assertEquals(replaced, d.key(d.find(new byte[] {'a', 'b'}, 0, 2, ByteHash.hash(ab, 1, 2))));
        assertEquals(2, d.size());
    }

    @Test
    void shouldAllocateTheDeadlineArrayOnlyForTheFirstKeyWithATtl() {
        Dict d = new Dict();
        for (int i = 0; i < 1000; i++) {
            byte[] k = key("k" + i);
            d.setExpire(d.insert(k, hash(k)), 0);
        }
        assertEquals(null, d.cur.expires, "no TTL, no deadline array");
        byte[] k = key("k7");
        d.setExpire(d.find(k, 0, k.length, hash(k)), 42);
        assertEquals(42, d.expire(d.find(k, 0, k.length, hash(k))));
        assertEquals(1, d.volatileKeys());
    }

    @Test
    void shouldTrackVolatileKeyCount() {
        Dict d = new Dict();
        byte[] a = key("a");
        byte[] b = key("b");
        int sa = d.insert(a, hash(a));
        d.setExpire(sa, 100);
        int sb = d.insert(b, hash(b));
        d.setExpire(sb, 200);
        d.setExpire(sb, 300);
        assertEquals(2, d.volatileKeys());
        d.setExpire(d.find(b, 0, 1, hash(b)), 0);
        assertEquals(1, d.volatileKeys());
        d.removeAt(d.find(a, 0, 1, hash(a)));
        assertEquals(0, d.volatileKeys());
        assertEquals(1, d.size());
    }

    @Test
    void shouldReturnAnOccupiedRandomSlot() {
        Dict d = new Dict();
        assertEquals(-1, d.randomSlot(42));
        Random r = new Random(5);
        for (int i = 0; i < 1000; i++) {
            byte[] k = key("r" + i);
            d.insert(k, hash(k));
        }
        Set<String> picked = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            int slot = d.randomSlot(r.nextLong());
            assertTrue(d.occupied(slot));
            picked.add(new String(d.key(slot), StandardCharsets.UTF_8));
        }
        assertTrue(picked.size() > 500, "random slots should spread, got " + picked.size());
    }

    // ---- SCAN ----

    private static long scanStep(Dict d, long cursor, Set<String> out) {
        return d.scan(cursor, (dict, table, slot) -> out.add(new String(Dict.keyAt(table, slot), StandardCharsets.UTF_8)));
    }

    @Test
    void shouldReturnEveryKeyOfAStableDictExactlyOnce() {
        Dict d = new Dict();
        for (int i = 0; i < 5000; i++) {
            byte[] k = key("x" + i);
            d.insert(k, hash(k));
        }
        while (d.rehashStep(1024)) {
            // stable table
        }
        List<String> seen = new ArrayList<>();
        long cursor = 0;
        do {
            cursor = d.scan(cursor, (dict, table, slot) -> seen.add(new String(Dict.keyAt(table, slot),
                    StandardCharsets.UTF_8)));
        } while (cursor != 0);
        assertEquals(5000, seen.size());
        assertEquals(5000, new HashSet<>(seen).size());
    }

    @Test
    void shouldScanEmptyDictToCursorZero() {
        assertEquals(0, new Dict().scan(0, (dict, table, slot) -> fail("empty dict visited")));
    }

    /**
     * Keys present for the whole iteration are all returned, while other keys come and go between
     * SCAN calls and the table grows (incrementally) and later shrinks.
     */
    @Test
    void shouldReturnEveryKeyPresentThroughoutAcrossGrowthAndShrink() {
        for (long seed = 0; seed < 12; seed++) {
            Random r = new Random(seed);
            Model m = new Model(seed % 3 == 0 ? (k -> hash(k) & 0xFFF0) : DictTest::hash);
            Set<String> stable = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                m.put("stable" + i, i);
                stable.add("stable" + i);
            }
            for (int i = 0; i < 200; i++) {
                m.put("churn" + i, i);
            }
            Set<String> seen = new HashSet<>();
            long cursor = 0;
            int calls = 0;
            int churn = 200;
            int cap0 = m.dict.capacity();
            int maxCap = cap0;
            boolean sawRehashing = false;
            do {
                cursor = scanStep(m.dict, cursor, seen);
                calls++;
                // First half: grow through several resizes. Second half: delete churn keys, shrink.
                if (calls < 60) {
                    for (int i = 0; i < 40; i++) {
                        m.put("churn" + churn++, i);
                    }
                } else {
                    for (int i = 0; i < 80; i++) {
                        m.remove("churn" + r.nextInt(churn));
                    }
                    m.dict.maybeShrink();
                    m.dict.rehashStep(8);
                }
                sawRehashing |= m.dict.rehashing();
                maxCap = Math.max(maxCap, m.dict.capacity());
            } while (cursor != 0);
            assertTrue(maxCap > cap0, "table should have grown during the scan");
            assertTrue(sawRehashing, "scan should have met an incremental rehash");
            for (String s : stable) {
                assertTrue(seen.contains(s), "seed " + seed + ": scan missed " + s);
            }
            m.checkAll();
        }
    }

    @Test
    void shouldReturnEveryKeyPresentThroughoutWhileShrinking() {
        Model m = new Model(DictTest::hash);
        for (int i = 0; i < 20_000; i++) {
            m.put("d" + i, i);
        }
        for (int i = 0; i < 500; i++) {
            m.put("keep" + i, i);
        }
        for (int i = 0; i < 20_000; i++) {
            m.remove("d" + i);
        }
        while (m.dict.rehashStep(1024)) {
            // settle
        }
        int big = m.dict.capacity();
        Set<String> seen = new HashSet<>();
        long cursor = scanStep(m.dict, 0, seen);
        m.dict.maybeShrink();
        assertTrue(m.dict.rehashing());
        int steps = 0;
        while (cursor != 0) {
            cursor = scanStep(m.dict, cursor, seen);
            m.dict.rehashStep(4);
            if (++steps % 7 == 0) {
                m.put("extra" + steps, steps);
            }
        }
        assertNotEquals(big, m.dict.capacity());
        for (int i = 0; i < 500; i++) {
            assertTrue(seen.contains("keep" + i), "missed keep" + i);
        }
        assertFalse(seen.contains("d1"));
        assertNull(m.map.get("d1"));
    }

    /** A member table (no num/expiry/meta arrays) against a HashMap, across growth, shrink and long delete chains. */
    @Test
    void memberTablesShouldBehaveAsTheFullTable() {
        for (boolean values : new boolean[] {false, true}) {
            Random rnd = new Random(values ? 7 : 8);
            Dict d = Dict.members(values);
            Map<String, String> model = new HashMap<>();
            for (int op = 0; op < 200_000; op++) {
                String k = "m" + rnd.nextInt(op < 100_000 ? 20_000 : 500);
                byte[] kb = key(k);
                int slot = d.find(kb, 0, kb.length, hash(kb));
                if (rnd.nextInt(3) == 0) {
                    if (slot >= 0) {
                        d.removeAt(slot);
                    }
                    model.remove(k);
                } else {
                    if (slot < 0) {
                        slot = d.insert(kb, hash(kb));
                    }
                    if (values) {
                        d.setValue(slot, "v" + op);
                    }
                    model.put(k, values ? "v" + op : "");
                }
                if (op % 1000 == 0) {
                    d.rehashStep(64);
                    d.maybeShrink();
                }
            }
            assertEquals(model.size(), d.size());
            for (Map.Entry<String, String> e : model.entrySet()) {
                byte[] kb = key(e.getKey());
                int slot = d.find(kb, 0, kb.length, hash(kb));
                assertTrue(slot >= 0, e.getKey());
                if (values) {
                    assertEquals(e.getValue(), d.value(slot));
                }
            }
        }
    }

    /**
     * fairSlot depends on the entries and the random value only: two tables holding the same keys,
     * one grown by inserting them in order, the other filled with 5000 more keys in reverse order
     * and then emptied down to the same ones (another capacity, other slots), pick the same key
     * for every random value; and the picks are even (chi-square under 40 over 1000 draws of 10).
     */
    @Test
    void shouldPickTheSameKeyEvenlyWhateverTheLayout() {
        Dict a = new Dict();
        Dict b = new Dict();
        for (int i = 0; i < 10; i++) {
            byte[] k = key("member-" + i);
            a.insert(k, hash(k));
        }
        for (int i = 5009; i >= 0; i--) {
            byte[] k = key(i < 10 ? "member-" + i : "other-" + i);
            b.insert(k, hash(k));
        }
        for (int i = 10; i < 5010; i++) {
            byte[] k = key("other-" + i);
            b.removeAt(b.find(k, 0, k.length, hash(k)));
        }
        assertEquals(a.size(), b.size());
        assertTrue(b.capacity() > a.capacity(), "the tables differ in layout");
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int draw = 0; draw < 1000; draw++) {
            long r = rnd.nextLong();
            String pa = new String(a.key(a.fairSlot(r)), java.nio.charset.StandardCharsets.US_ASCII);
            String pb = new String(b.key(b.fairSlot(r)), java.nio.charset.StandardCharsets.US_ASCII);
            assertEquals(pa, pb, "the same pick for random " + r);
            counts.merge(pa, 1, Integer::sum);
        }
        double chi = 0;
        for (int c : counts.values()) {
            chi += (c - 100.0) * (c - 100.0) / 100.0;
        }
        assertEquals(10, counts.size(), counts.toString());
        assertTrue(chi < 40, "chi-square " + chi + ": " + counts);
        assertEquals(-1, new Dict().fairSlot(1));
    }
}
