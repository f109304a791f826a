package io.ringstore.engine.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ListValue against a reference {@code ArrayList<byte[]>} under random operations, for several
 * list-max-listpack-size values, with the node layout checked as it goes: every node non-empty,
 * its entries walking to exactly its used size, within its limit unless it holds one element.
 */
@Timeout(60)
class ListValueTest {
    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Element {@code i} of {@code l}, copied (test helper, also used by ValuePayloadTest). */
    static byte[] at(ListValue l, int i) {
        ListCursor it = new ListCursor();
        assertTrue(it.seek(l, i));
        return it.copy();
    }

    /** Mostly short words (so removals match), sometimes bigger, rarely bigger than any node. */
    private static byte[] element(Random rnd) {
        int kind = rnd.nextInt(100);
        if (kind < 60) {
            return b("v" + rnd.nextInt(12));
        }
        byte[] v = new byte[kind < 95 ? rnd.nextInt(300) : kind < 99 ? 200 + rnd.nextInt(3000) : 9000 + rnd.nextInt(70000)];
        rnd.nextBytes(v);
        return v;
    }

    @ParameterizedTest
    @ValueSource(ints = {-2, -1, -5, 0, 1, 2, 5, 100, -9, 100000})
    void shouldMatchArrayListUnderRandomOperations(int fill) {
        for (long seed = 1; seed <= 6; seed++) {
            Random rnd = new Random(seed * 31 + fill);
            ListValue l = new ListValue(fill);
            List<byte[]> ref = new ArrayList<>();
            for (int op = 0; op < 3000; op++) {
                byte[] v = element(rnd);
                int n = ref.size();
                // bias towards growth early, towards shrinking late, so sizes pass 0 and many nodes
                int kind = rnd.nextInt(op < 1500 ? 14 : 17);
                switch (kind) {
                    case 0: case 1: l.push(v, true); ref.add(0, v); break;
                    case 2: case 3: pushMany(rnd, l, ref); break;
                    case 4: if (n > 0) { assertArrayEquals(ref.remove(0), l.pop(true)); } break;
                    case 5: if (n > 0) { assertArrayEquals(ref.remove(n - 1), l.pop(false)); } break;
                    case 6: { int i = rnd.nextInt(n + 1); l.insert(i, v, 0, v.length); ref.add(i, v); break; }
                    case 7: if (n > 0) { int i = rnd.nextInt(n); l.remove(i); ref.remove(i); } break;
                    case 8: if (n > 0) { int i = rnd.nextInt(n); l.set(i, v, 0, v.length); ref.set(i, v); } break;
                    case 9: if (n > 0) { int i = rnd.nextInt(n); assertArrayEquals(ref.get(i), at(l, i)); } break;
                    case 10: removeAll(rnd, l, ref); break;
                    case 11: assertNodeBoundaries(ref, l); break;
                    case 12: if (n > 2 && rnd.nextInt(10) == 0) {
                        int s = rnd.nextInt(n);
                        int e = s + rnd.nextInt(n - s);
                        l.trim(s, e);
                        List<byte[]> kept = new ArrayList<>(ref.subList(s, e + 1));
                        ref.clear();
                        ref.addAll(kept);
                    } break;
                    case 13: if (rnd.nextInt(50) == 0) { l = duplicateAndCheck(l, ref); } break;
                    case 14: if (n > 0) { int k = rnd.nextInt(Math.min(n, 40)) + 1; l.removeFirst(k); ref.subList(0, k).clear(); } break;
                    case 15: if (n > 0) { int k = rnd.nextInt(Math.min(n, 40)) + 1; l.removeLast(k); ref.subList(n - k, n).clear(); } break;
                    default: if (n > 0) { assertArrayEquals(ref.remove(0), l.pop(true)); } break;
                }
                assertEquals(ref.size(), l.length());
                if (op % 23 == 0) {
                    assertSame(ref, l);
                    assertShape(l, fill);
                }
            }
            assertSame(ref, l);
            assertShape(l, fill);
        }
    }

    /** A multi-element push as LPUSH/RPUSH does it: each element with the bytes still to come. */
    private static void pushMany(Random rnd, ListValue l, List<byte[]> ref) {
        boolean head = rnd.nextBoolean();
        byte[][] vs = new byte[1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 200 : 4)][];
        int pending = 0;
        for (int i = 0; i < vs.length; i++) {
            vs[i] = element(rnd);
            pending += ListValue.entryBytes(vs[i].length);
        }
        for (byte[] v : vs) {
            pending -= ListValue.entryBytes(v.length);
            // element inside a bigger buffer, to check offsets
            byte[] buf = new byte[v.length + 3];
            System.arraycopy(v, 0, buf, 2, v.length);
            l.push(buf, 2, v.length, head, pending);
            if (head) {
                ref.add(0, v);
            } else {
                ref.add(v);
            }
        }
    }

    /** LREM's removal against the reference: count from either end, or all. */
    private static void removeAll(Random rnd, ListValue l, List<byte[]> ref) {
        byte[] v = b("v" + rnd.nextInt(12));
        long limit = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(5);
        boolean fromTail = rnd.nextBoolean();
        long expected = 0;
        if (fromTail) {
            for (int i = ref.size() - 1; i >= 0 && (limit == 0 || expected < limit); i--) {
                if (Arrays.equals(ref.get(i), v)) {
                    ref.remove(i);
                    expected++;
                }
            }
        } else {
            for (int i = 0; i < ref.size() && (limit == 0 || expected < limit); ) {
                if (Arrays.equals(ref.get(i), v)) {
                    ref.remove(i);
                    expected++;
                } else {
                    i++;
                }
            }
        }
        byte[] buf = new byte[v.length + 1];
        System.arraycopy(v, 0, buf, 1, v.length);
        assertEquals(expected, l.removeAll(buf, 1, v.length, limit, fromTail));
    }

    /** Elements on both sides of every node boundary, by index and by moving the cursor. */
    private static void assertNodeBoundaries(List<byte[]> ref, ListValue l) {
        ListCursor it = new ListCursor();
        int start = 0;
        for (int k = 0; k < l.nodeCount(); k++) {
            int c = ListNode.count(l.nodeAt(k));
            int last = start + c - 1;
            assertTrue(it.seek(l, start));
            assertEquals(ref.get(start).length, it.len());
            assertArrayEquals(ref.get(start), it.copy());
            if (start > 0) {
                assertTrue(it.prev());
                assertArrayEquals(ref.get(start - 1), it.copy());
            }
            assertTrue(it.seek(l, last));
            assertArrayEquals(ref.get(last), it.copy());
            if (last + 1 < ref.size()) {
                assertTrue(it.next());
                assertArrayEquals(ref.get(last + 1), it.copy());
            } else {
                assertFalse(it.next());
            }
            start += c;
        }
        assertFalse(it.seek(l, ref.size()));
        assertFalse(it.seek(l, -1));
    }

    private static ListValue duplicateAndCheck(ListValue l, List<byte[]> ref) {
        ListValue d = l.duplicate();
        assertSame(ref, d);
        if (!ref.isEmpty()) {
            byte[] first = ref.get(0);
            d.set(0, new byte[] {42}, 0, 1);
            assertArrayEquals(first, at(l, 0), "the copy shares no node");
            d.set(0, first, 0, first.length);
        }
        return d; // go on with the copy: it must behave the same
    }

    @Test
    void shouldCompareElementsInPlace() {
        ListValue l = new ListValue(ListValue.DEFAULT_FILL);
        l.push(b("abc"), false);
        byte[] buf = b("xxabcx");
        ListCursor it = new ListCursor();
        assertTrue(it.seek(l, 0));
        assertTrue(it.equalTo(buf, 2, 3));
        assertFalse(it.equalTo(buf, 2, 4));
        assertFalse(it.equalTo(buf, 1, 3));
    }

    @Test
    void shouldPackSmallElementsCloseToTheirSize() {
        ListValue l = new ListValue(ListValue.DEFAULT_FILL);
        for (int i = 0; i < 100_000; i++) {
            l.push(b(String.format("e:%09d", i)), false);
        }
        long bytes = 0;
        for (int k = 0; k < l.nodeCount(); k++) {
            bytes += l.nodeAt(k).length;
            if (k < l.nodeCount() - 1) {
                assertEquals(ListNode.used(l.nodeAt(k)), l.nodeAt(k).length, "a closed node has no free space");
                assertTrue(ListNode.used(l.nodeAt(k)) > 8192 - 13, "a closed node is full");
            }
        }
        assertTrue(bytes < 100_000L * 13 + 2 * 8192, "13 bytes an 11-byte element: " + bytes);
    }

    @Test
    void shouldGiveAnElementBiggerThanANodeItsOwnNode() {
        ListValue l = new ListValue(-1);
        l.push(b("a"), false);
        l.push(new byte[5000], false);
        l.push(b("b"), false);
        assertEquals(3, l.nodeCount());
        assertEquals(5000, at(l, 1).length);
        l.insert(1, b("c"), 0, 1);
        assertArrayEquals(b("c"), at(l, 1));
        assertEquals(3, l.nodeCount(), "joins the tail of the node before the big one");
    }

    @Test
    void shouldBoundNodesByEntriesUnderAPositiveFill() {
        ListValue l = new ListValue(3);
        for (int i = 0; i < 10; i++) {
            l.push(b("x" + i), false);
        }
        assertEquals(4, l.nodeCount());
        l.insert(1, b("y"), 0, 1); // the first node is full: it splits
        assertArrayEquals(b("y"), at(l, 1));
        assertArrayEquals(b("x1"), at(l, 2));
        assertShape(l, 3);
    }

    static void assertSame(List<byte[]> ref, ListValue l) {
        assertEquals(ref.size(), l.length());
        ListCursor it = new ListCursor();
        boolean more = it.seek(l, 0);
        for (int i = 0; i < ref.size(); i++, more = it.next()) {
            assertTrue(more);
            assertArrayEquals(ref.get(i), it.copy(), "element " + i);
        }
        assertFalse(more);
        more = it.seek(l, ref.size() - 1);
        for (int i = ref.size() - 1; i >= 0; i--, more = it.prev()) {
            assertTrue(more);
            assertTrue(it.equalTo(ref.get(i), 0, ref.get(i).length), "element " + i + " from the tail");
        }
        assertFalse(more);
    }

    /** Node invariants: non-empty, entries walk to used, within the fill's limit unless alone. */
    static void assertShape(ListValue l, int fill) {
        int clamped = Math.max(-5, Math.min(32767, fill));
        int limit = clamped < 0 ? 4096 << (-clamped - 1) : 8192;
        long total = 0;
        for (int k = 0; k < l.nodeCount(); k++) {
            byte[] n = l.nodeAt(k);
            int c = ListNode.count(n);
            int used = ListNode.used(n);
            assertTrue(c > 0, "node " + k + " is empty");
            assertTrue(used <= n.length);
            int walked = 0;
            int p = ListNode.HEADER;
            for (; p < used; p = ListNode.next(n, p)) {
                walked++;
            }
            assertEquals(used, p);
            assertEquals(c, walked);
            if (c > 1) {
                assertTrue(used <= limit, "node " + k + " over its limit: " + used);
                assertTrue(clamped < 0 || c <= clamped, "node " + k + " over its count: " + c);
            }
            assertTrue(n.length <= Math.max(limit, used), "node " + k + " over-allocated: " + n.length);
            total += c;
        }
        assertEquals(l.size(), total);
    }
}
