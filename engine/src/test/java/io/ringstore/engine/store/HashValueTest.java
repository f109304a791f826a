package io.ringstore.engine.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class HashValueTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> contents(HashValue h) {
        Map<String, String> m = new LinkedHashMap<>();
        h.forEach((f, v) -> m.put(new String(f, StandardCharsets.UTF_8), new String(v, StandardCharsets.UTF_8)));
        return m;
    }

    @Test
    void shouldMatchLinkedHashMapAndConvertPastTheEntryLimit() {
        Random rnd = new Random(42);
        for (int round = 0; round < 40; round++) {
            HashValue h = new HashValue();
            Map<String, String> model = new LinkedHashMap<>();
            int maxEntries = 1 + rnd.nextInt(20);
            boolean converted = false;
            for (int op = 0; op < 400; op++) {
                String f = "f" + rnd.nextInt(30);
                if (rnd.nextInt(3) > 0) {
                    String v = "v" + rnd.nextInt(1000);
                    boolean fresh = !model.containsKey(f);
                    model.put(f, v);
                    assertEquals(fresh, h.set(b(f), b(v), maxEntries, 64));
                } else {
                    byte[] k = b(f);
                    assertEquals(model.remove(f) != null, h.remove(k, 0, k.length));
                }
                converted |= model.size() > maxEntries;
                assertEquals(!converted, h.isListpack(), "converts past the limit and never back");
                assertEquals(model.size(), h.size());
                String probe = "f" + rnd.nextInt(30);
                byte[] got = h.get(b(probe));
                assertEquals(model.get(probe), got == null ? null : new String(got, StandardCharsets.UTF_8));
                if (h.isListpack()) {
                    assertEquals(new ArrayList<>(model.entrySet()), new ArrayList<>(contents(h).entrySet()),
                            "listpack keeps insertion order");
                } else {
                    assertEquals(new HashMap<>(model), new HashMap<>(contents(h)));
                }
            }
        }
    }

    @Test
    void shouldConvertOnLongFieldOrValue() {
        HashValue h = new HashValue();
        h.set(b("a"), b("123"), 128, 3);
        assertTrue(h.isListpack());
        h.set(b("a"), b("1234"), 128, 3);
        assertFalse(h.isListpack());
        assertEquals(ObjectType.ENC_HT, h.encoding());
        HashValue g = new HashValue();
        g.set(b("abcd"), b("1"), 128, 3);
        assertFalse(g.isListpack());
    }

    @Test
    void shouldDuplicateDeeplyInBothForms() {
        for (int entries : new int[] {1, 100}) {
            HashValue h = new HashValue();
            for (int i = 0; i < 10; i++) {
                h.set(b("f" + i), b("v" + i), entries, 64);
            }
            HashValue d = h.duplicate();
            assertEquals(contents(h), contents(d));
            assertEquals(h.isListpack(), d.isListpack());
            d.get(b("f1"))[0] = 'X';
            d.remove(b("f2"), 0, 2);
            assertArrayEquals(b("v1"), h.get(b("f1")));
            assertEquals(10, h.size());
        }
    }

    @Test
    void shouldScanEveryPairOfTheLargeForm() {
        HashValue h = new HashValue();
        for (int i = 0; i < 1000; i++) {
            h.set(b("f" + i), b("v" + i), 128, 64);
        }
        Map<String, String> seen = new HashMap<>();
        long cursor = 0;
        do {
            cursor = h.scan(cursor, (f, v) -> seen.put(new String(f, StandardCharsets.UTF_8),
                    new String(v, StandardCharsets.UTF_8)));
        } while (cursor != 0);
        assertEquals(contents(h), seen);
        List<Integer> none = new ArrayList<>();
        assertNull(h.get(b("nope")));
        assertTrue(none.isEmpty());
    }
}
