package io.ringstore.engine.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ListValue against java.util.ArrayList under random operations, across wrap-around and growth. */
@Timeout(30)
class ListValueTest {
    @Test
    void shouldMatchArrayListUnderRandomOperations() {
        for (long seed = 1; seed <= 20; seed++) {
            Random rnd = new Random(seed);
            ListValue l = new ListValue();
            List<byte[]> ref = new ArrayList<>();
            for (int op = 0; op < 5000; op++) {
                byte[] v = ("v" + rnd.nextInt(50)).getBytes(StandardCharsets.UTF_8);
                int n = ref.size();
                // bias towards growth early, towards shrinking late, so sizes pass 0 and several capacities
                int kind = rnd.nextInt(op < 2500 ? 10 : 12);
                switch (kind) {
                    case 0: case 1: l.pushHead(v); ref.add(0, v); break;
                    case 2: case 3: l.pushTail(v); ref.add(v); break;
                    case 4: if (n > 0) { assertArrayEquals(ref.remove(0), l.popHead()); } break;
                    case 5: if (n > 0) { assertArrayEquals(ref.remove(n - 1), l.popTail()); } break;
                    case 6: { int i = rnd.nextInt(n + 1); l.insert(i, v); ref.add(i, v); break; }
                    case 7: if (n > 0) { int i = rnd.nextInt(n); l.remove(i); ref.remove(i); } break;
                    case 8: if (n > 0) { int i = rnd.nextInt(n); l.set(i, v); ref.set(i, v); } break;
                    case 9: if (n > 0) { int i = rnd.nextInt(n); assertArrayEquals(ref.get(i), l.get(i)); } break;
                    case 10: if (n > 2 && rnd.nextInt(20) == 0) {
                        int s = rnd.nextInt(n);
                        int e = s + rnd.nextInt(n - s);
                        l.trim(s, e);
                        List<byte[]> kept = new ArrayList<>(ref.subList(s, e + 1));
                        ref.clear();
                        ref.addAll(kept);
                    } break;
                    default: if (n > 0) { assertArrayEquals(ref.remove(0), l.popHead()); } break;
                }
                if (op % 37 == 0) {
                    assertSame(ref, l);
                } else {
                    assertEquals(ref.size(), l.length());
                }
            }
        }
    }

    @Test
    void shouldDuplicateDeeply() {
        ListValue l = new ListValue();
        for (int i = 0; i < 10; i++) {
            l.pushHead(new byte[] {(byte) i});
        }
        l.popTail();
        ListValue d = l.duplicate();
        assertEquals(l.size(), d.size());
        for (int i = 0; i < l.length(); i++) {
            assertArrayEquals(l.get(i), d.get(i));
            assertNotSame(l.get(i), d.get(i));
        }
        d.pushTail(new byte[] {42});
        assertEquals(9, l.size());
    }

    @Test
    void shouldCompareElementsInPlace() {
        ListValue l = new ListValue();
        l.pushTail("abc".getBytes(StandardCharsets.UTF_8));
        byte[] buf = "xxabcx".getBytes(StandardCharsets.UTF_8);
        assertTrue(l.equalsAt(0, buf, 2, 3));
        assertTrue(!l.equalsAt(0, buf, 2, 4));
    }

    private static void assertSame(List<byte[]> ref, ListValue l) {
        assertEquals(ref.size(), l.length());
        for (int i = 0; i < ref.size(); i++) {
            assertArrayEquals(ref.get(i), l.get(i));
        }
    }
}
