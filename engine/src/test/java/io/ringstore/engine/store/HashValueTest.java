package io.ringstore.engine.store;

import io.ringstore.engine.reply.ReplyBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class HashValueTest {
    /** Byte strings as ISO-8859-1 text: one char per byte, every byte value allowed. */
    private static final java.nio.charset.Charset BYTES = StandardCharsets.ISO_8859_1;

    private static byte[] b(String s) {
        return s.getBytes(BYTES);
    }

    private static String field(HashValue h, int p) {
        return new String(h.array(p), h.fieldOff(p), h.fieldLen(p), BYTES);
    }

    private static String value(HashValue h, int p) {
        return new String(h.array(p), h.valueOff(p), h.valueLen(p), BYTES);
    }

    /** HSET of whole byte arrays, through the method the hash commands call. */
    static boolean set(HashValue h, byte[] f, byte[] v, long maxEntries, long maxValue) {
        return h.set(f, 0, f.length, v, 0, v.length, maxEntries, maxValue);
    }

    /** The value of a field through find and the accessors, or null. */
    static String get(HashValue h, String f) {
        byte[] k = b(f);
        int p = h.find(k, 0, k.length);
        return p < 0 ? null : value(h, p);
    }

    /** Every pair in iteration order (first/next). */
    static Map<String, String> contents(HashValue h) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int p = h.first(); p >= 0; p = h.next(p)) {
            m.put(field(h, p), value(h, p));
        }
        return m;
    }

    private static String random(Random rnd, int maxLen) {
        char[] c = new char[rnd.nextInt(maxLen + 1)];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) (rnd.nextInt(4) == 0 ? rnd.nextInt(256) : 'a' + rnd.nextInt(3));
        }
        return new String(c);
    }

    private static void assertSame(Map<String, String> model, HashValue h) {
        assertEquals(model.size(), h.size());
        if (h.isListpack()) {
            assertEquals(new ArrayList<>(model.entrySet()), new ArrayList<>(contents(h).entrySet()),
                    "listpack keeps insertion order; an updated value keeps its place");
        } else {
            assertEquals(new HashMap<>(model), new HashMap<>(contents(h)));
        }
    }

    @Test
    void shouldMatchALinkedHashMapAcrossUpdatesRemovalsConversionAndCopies() {
        Random rnd = new Random(42);
        for (int round = 0; round < 200; round++) {
            HashValue h = new HashValue();
            Map<String, String> model = new LinkedHashMap<>();
            int maxEntries = 1 + rnd.nextInt(40);
            // a large limit lets values cross 127 bytes (two-byte lengths) in the listpack form
            long maxValue = rnd.nextBoolean() ? 64 : 1000;
            int maxLen = maxValue == 64 ? 70 : 300;
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                fields.add(random(rnd, rnd.nextInt(8) == 0 ? maxLen : 6));
            }
            boolean converted = false;
            for (int op = 0; op < 300; op++) {
                String f = fields.get(rnd.nextInt(fields.size()));
                if (rnd.nextInt(3) > 0) {
                    String v = random(rnd, rnd.nextInt(4) == 0 ? maxLen : 12);
                    boolean fresh = !model.containsKey(f);
                    model.put(f, v);
                    converted |= f.length() > maxValue || v.length() > maxValue;
                    assertEquals(fresh, set(h, b(f), b(v), maxEntries, maxValue));
                } else {
                    byte[] k = b(f);
                    assertEquals(model.remove(f) != null, h.remove(k, 0, k.length));
                }
                converted |= model.size() > maxEntries;
                assertEquals(!converted, h.isListpack(), "converts at the thresholds and never back");
                assertEquals(converted ? ObjectType.ENC_HT : ObjectType.ENC_LISTPACK, h.encoding());
                String probe = fields.get(rnd.nextInt(fields.size()));
                assertEquals(model.get(probe), get(h, probe));
                assertSame(model, h);
                if (op % 50 == 49) {
                    HashValue copy = h.duplicate();
                    assertSame(model, copy);
                    assertEquals(h.isListpack(), copy.isListpack());
                    for (String g : fields) {
                        set(copy, b(g), b("changed"), Long.MAX_VALUE, Long.MAX_VALUE);
                    }
                    assertSame(model, h); // the original is untouched
                }
            }
        }
    }

    @Test
    void shouldShiftTheTailWhenAValueChangesLength() {
        HashValue h = new HashValue();
        set(h, b("a"), b("1"), 512, 1000);
        set(h, b("b"), b("2"), 512, 1000);
        set(h, b("c"), b("3"), 512, 1000);
        String big = "x".repeat(200); // a two-byte length prefix
        assertFalse(set(h, b("b"), b(big), 512, 1000));
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(contents(h).keySet()));
        assertEquals(big, get(h, "b"));
        assertEquals("3", get(h, "c"));
        assertFalse(set(h, b("b"), b(""), 512, 1000));
        assertEquals("", get(h, "b"));
        assertEquals("3", get(h, "c"));
        assertTrue(h.isListpack());
    }

    @Test
    void shouldConvertOnLongFieldOrValue() {
        HashValue h = new HashValue();
        set(h, b("a"), b("123"), 128, 3);
        assertTrue(h.isListpack());
        set(h, b("a"), b("1234"), 128, 3);
        assertFalse(h.isListpack());
        assertEquals(ObjectType.ENC_HT, h.encoding());
        assertEquals("1234", get(h, "a"));
        HashValue g = new HashValue();
        set(g, b("abcd"), b("1"), 128, 3);
        assertFalse(g.isListpack());
    }

    @Test
    void shouldUpdateLargeValuesInPlaceOrByANewPair() {
        HashValue h = new HashValue();
        for (int i = 0; i < 100; i++) {
            set(h, b("f" + i), b("v" + i), 10, 64);
        }
        assertFalse(h.isListpack());
        assertFalse(set(h, b("f7"), b("w7"), 10, 64));
        assertFalse(set(h, b("f8"), b("a longer value"), 10, 64));
        assertEquals("w7", get(h, "f7"));
        assertEquals("a longer value", get(h, "f8"));
        assertTrue(h.remove(b("f9"), 0, 2));
        assertNull(get(h, "f9"));
        assertEquals(99, h.size());
    }

    @Test
    void shouldScanEveryPairOfTheLargeForm() {
        HashValue h = new HashValue();
        for (int i = 0; i < 1000; i++) {
            set(h, b("f" + i), b("v" + i), 128, 64);
        }
        Map<String, String> seen = new HashMap<>();
        long cursor = 0;
        do {
            cursor = h.scan(cursor, (pair, at) -> seen.put(
                    new String(pair, HashPair.fieldOff(pair, at), HashPair.fieldLen(pair, at), BYTES),
                    new String(pair, HashPair.valueOff(pair, at), HashPair.valueLen(pair, at), BYTES)));
        } while (cursor != 0);
        assertEquals(contents(h), seen);
        assertEquals(1000, seen.size());
        assertNull(get(h, "nope"));
    }

    @Test
    void shouldPickRandomPairsFromBothForms() {
        for (int entries : new int[] {512, 4}) {
            HashValue h = new HashValue();
            for (int i = 0; i < 10; i++) {
                set(h, b("f" + i), b("v" + i), entries, 64);
            }
            Map<String, Integer> picks = new HashMap<>();
            Random rnd = new Random(1);
            for (int i = 0; i < 2000; i++) {
                int p = h.randomPair(rnd.nextLong());
                assertEquals("v" + field(h, p).substring(1), value(h, p));
                picks.merge(field(h, p), 1, Integer::sum);
            }
            assertEquals(10, picks.size(), "every field gets picked");
        }
    }

    /**
     * HGET and HGETALL on a small hash, as the handlers run them (find or first/next, then a bulk
     * reply from the packed bytes), allocate nothing once warm.
     */
    @Test
    void shouldReadASmallHashWithoutAllocating() {
        HashValue h = new HashValue();
        for (int i = 0; i < 10; i++) {
            set(h, b("f:0" + i), b("v:00000000" + i), 512, 64);
        }
        byte[] probe = b("f:07");
        ReplyBuffer reply = new ReplyBuffer();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = 0;
        for (int round = 0; round < 2; round++) {
            if (round == 1) {
                before = mx.getThreadAllocatedBytes(tid);
            }
            for (int i = 0; i < 100_000; i++) {
                reply.reset(2);
                int p = h.find(probe, 0, probe.length);
                reply.bulk(h.array(p), h.valueOff(p), h.valueLen(p));
                reply.reset(2);
                reply.array(2 * h.size());
                for (p = h.first(); p >= 0; p = h.next(p)) {
                    reply.bulk(h.array(p), h.fieldOff(p), h.fieldLen(p));
                    reply.bulk(h.array(p), h.valueOff(p), h.valueLen(p));
                }
            }
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes over 100,000 HGET + HGETALL");
    }
}
