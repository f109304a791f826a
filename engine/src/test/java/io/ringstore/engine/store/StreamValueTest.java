package io.ringstore.engine.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * StreamValue against reference models: a TreeMap of live entries (content, order, seeks) and a
 * list of nodes, each a list of entries with a deleted flag (what Redis's listpack nodes hold),
 * for node boundaries and '~' trimming.
 */
@Timeout(60)
class StreamValueTest {
    /** An id as one comparable key: ms and seq both small and non-negative in these tests. */
    private static long key(long ms, long seq) {
        return ms * 1000 + seq;
    }

    /** The reference node model: node i holds entries (id keys) with deleted flags. */
    private static final class RefNodes {
        final List<List<long[]>> nodes = new ArrayList<>(); // each entry: {key, deleted}
        final int maxEntries;

        RefNodes(int maxEntries) {
            this.maxEntries = maxEntries;
        }

        void append(long k) {
            List<long[]> tail = nodes.isEmpty() ? null : nodes.get(nodes.size() - 1);
            if (tail == null || tail.size() >= maxEntries) {
                tail = new ArrayList<>();
                nodes.add(tail);
            }
            tail.add(new long[] {k, 0});
        }

        long live(List<long[]> n) {
            return n.stream().filter(e -> e[1] == 0).count();
        }

        void delete(long k) {
            for (int i = 0; i < nodes.size(); i++) {
                for (long[] e : nodes.get(i)) {
                    if (e[0] == k && e[1] == 0) {
                        if (live(nodes.get(i)) == 1) {
                            nodes.remove(i);
                        } else {
                            e[1] = 1;
                        }
                        return;
                    }
                }
            }
        }
    }

    private static byte[][] fv(long k) {
        return new byte[][] {"f".getBytes(), Long.toString(k).getBytes()};
    }

    private static void assertSame(TreeMap<Long, byte[][]> ref, StreamValue s) {
        assertEquals(ref.size(), s.size());
        List<Long> got = new ArrayList<>();
        for (long p = s.seek(0, 0); p >= 0; p = s.next(p)) {
            got.add(key(s.ms(p), s.seq(p)));
            assertEquals(new String(ref.get(key(s.ms(p), s.seq(p)))[1]), new String(s.fieldsValues(p)[1]));
        }
        assertEquals(new ArrayList<>(ref.keySet()), got);
        List<Long> back = new ArrayList<>();
        for (long p = s.seekLast(StreamId.MAX, StreamId.MAX); p >= 0; p = s.prev(p)) {
            back.add(0, key(s.ms(p), s.seq(p)));
        }
        assertEquals(got, back);
        if (ref.isEmpty()) {
            assertEquals(0, s.firstMs);
            assertEquals(0, s.firstSeq);
        }
    }

    @Test
    void shouldMatchReferenceModelsUnderRandomOperations() {
        for (int seed = 0; seed < 40; seed++) {
            Random rnd = new Random(seed);
            int maxEntries = new int[] {1, 3, 5, 100}[seed % 4];
            StreamValue s = new StreamValue();
            TreeMap<Long, byte[][]> ref = new TreeMap<>();
            RefNodes nodes = new RefNodes(maxEntries);
            long ms = 1;
            long seq = 0;
            for (int op = 0; op < 600; op++) {
                int r = rnd.nextInt(100);
                if (r < 55) {
                    if (rnd.nextBoolean()) {
                        ms += 1 + rnd.nextInt(3);
                        seq = 0;
                    } else {
                        seq++;
                    }
                    long k = key(ms, seq);
                    s.append(ms, seq, fv(k), 0, maxEntries);
                    ref.put(k, fv(k));
                    nodes.append(k);
                } else if (r < 70) {
                    long dm = 1 + rnd.nextInt((int) ms + 1);
                    long ds = rnd.nextInt(3);
                    boolean present = ref.remove(key(dm, ds)) != null;
                    assertEquals(present, s.delete(dm, ds));
                    if (present) {
                        nodes.delete(key(dm, ds));
                    }
                    s.refreshFirstId();
                } else if (r < 80) {
                    long lo = 1 + rnd.nextInt((int) ms + 1);
                    long p = s.seek(lo, 0);
                    Long want = ref.ceilingKey(key(lo, 0));
                    assertEquals(want == null ? -1 : (long) want, p < 0 ? -1 : key(s.ms(p), s.seq(p)));
                    long q = s.seekLast(lo, 1);
                    Long wantLast = ref.floorKey(key(lo, 1));
                    assertEquals(wantLast == null ? -1 : (long) wantLast, q < 0 ? -1 : key(s.ms(q), s.seq(q)));
                } else if (r < 88) {
                    // exact MAXLEN
                    long max = rnd.nextInt(ref.size() + 2);
                    long want = Math.max(0, ref.size() - max);
                    long removed = s.trim(false, max, 0, 0, false, 0);
                    assertEquals(want, removed);
                    while (ref.size() > max) {
                        long k = ref.firstKey();
                        ref.remove(k);
                        nodes.delete(k);
                    }
                } else if (r < 94) {
                    // exact MINID
                    long m = 1 + rnd.nextInt((int) ms + 1);
                    long removed = s.trim(true, 0, m, 0, false, 0);
                    long want = ref.headMap(key(m, 0)).size();
                    assertEquals(want, removed);
                    for (Long k : new ArrayList<>(ref.headMap(key(m, 0)).keySet())) {
                        ref.remove(k);
                        markTrimmed(nodes, k);
                    }
                } else {
                    // approximate MAXLEN: only whole nodes from the head, while what remains is >= max
                    long max = rnd.nextInt(ref.size() + 2);
                    long want = 0;
                    long length = ref.size();
                    while (!nodes.nodes.isEmpty() && length > max) {
                        List<long[]> head = nodes.nodes.get(0);
                        long live = nodes.live(head);
                        if (length - live < max) {
                            break;
                        }
                        for (long[] e : head) {
                            if (e[1] == 0) {
                                ref.remove(e[0]);
                            }
                        }
                        nodes.nodes.remove(0);
                        length -= live;
                        want += live;
                    }
                    assertEquals(want, s.trim(false, max, 0, 0, true, 0));
                }
                assertSame(ref, s);
                assertEquals(nodes.nodes.size(), s.nodeCount(), "seed " + seed + " op " + op);
            }
        }
    }

    /** Exact trimming flags entries deleted without dropping the partly trimmed node (as Redis). */
    private static void markTrimmed(RefNodes nodes, long k) {
        for (int i = 0; i < nodes.nodes.size(); i++) {
            List<long[]> n = nodes.nodes.get(i);
            for (long[] e : n) {
                if (e[0] == k) {
                    e[1] = 1;
                }
            }
            long lastKey = n.get(n.size() - 1)[0];
            if (nodes.live(n) == 0 && lastKey <= k) {
                nodes.nodes.remove(i);
                i--;
            }
        }
    }

    @Test
    void shouldOpenANodeWhenTheTailReachesTheByteLimit() {
        StreamValue s = new StreamValue();
        byte[] big = new byte[1000];
        for (int i = 1; i <= 5; i++) {
            s.append(i, 0, new byte[][] {"f".getBytes(), big}, 4096, 100);
        }
        // 4 entries of ~1 KB fit under 4096 bytes with the header; the fifth opens a node
        assertEquals(2, s.nodeCount());
        assertEquals(5, s.size());
    }

    @Test
    void shouldCountRadixTreeNodesAsRax() {
        StreamValue s = new StreamValue();
        assertEquals(1, s.radixTreeNodes());
        s.append(1, 1, fv(1), 4096, 1);
        assertEquals(2, s.radixTreeNodes());
        s.append(2, 1, fv(2), 4096, 1);
        // compressed run of 7 bytes, a branch, two compressed 8-byte tails, two keys
        assertEquals(6, s.radixTreeNodes());
    }

    @Test
    void shouldKeepGroupsAndPendingEntriesInDuplicate() {
        StreamValue s = new StreamValue();
        s.append(1, 0, fv(1), 4096, 100);
        StreamGroup g = s.createGroup("g".getBytes(), 0, 0, StreamGroup.INVALID_ENTRIES_READ);
        assertNull(s.createGroup("g".getBytes(), 0, 0, 0));
        StreamConsumer c = g.createConsumer("alice".getBytes(), 5);
        StreamNack n = new StreamNack(1, 0, c, 7, 2);
        g.pel.add(n);
        c.pel.add(n);
        StreamValue d = s.duplicate();
        StreamGroup dg = d.group("g".getBytes(), 0, 1);
        assertNotNull(dg);
        StreamNack dn = dg.pel.get(1, 0);
        assertEquals(7, dn.deliveryTime);
        assertEquals(2, dn.deliveryCount);
        assertTrue(dn.consumer.pel.get(1, 0) == dn, "the copy's consumer holds the same pending entry");
        g.ack(n);
        assertEquals(0, g.pel.size());
        assertEquals(1, dg.pel.size(), "the copy is independent");
        assertTrue(d.delete(1, 0));
        assertEquals(1, s.size());
        assertFalse(s.delete(9, 9));
    }

    @Test
    void shouldParseIdsAsRedis() {
        long[] out = new long[2];
        assertEquals(StreamId.SEQ_GIVEN, parse("5-3", out));
        assertEquals(5, out[0]);
        assertEquals(3, out[1]);
        assertEquals(StreamId.SEQ_GIVEN, parse("+5", out));
        assertEquals(5, out[0]);
        assertEquals(StreamId.SEQ_GIVEN, parse("18446744073709551615-18446744073709551615", out));
        assertEquals(-1L, out[0]);
        assertEquals(StreamId.INVALID, parse("18446744073709551616", out));
        assertEquals(StreamId.INVALID, parse("1--1", out), "string2ll accepts -1, string2ull then rejects it");
        assertEquals(StreamId.SEQ_GIVEN, parse("1--01", out), "strtoull wraps -01");
        assertEquals(-1L, out[1]);
        assertEquals(StreamId.SEQ_AUTO, StreamId.parse("7-*".getBytes(), 0, 3, 0, true, true, out));
        assertEquals(StreamId.INVALID, parse("7-*", out));
        assertEquals(StreamId.INVALID, parse("-", out));
        assertEquals(StreamId.SEQ_GIVEN, StreamId.parse("+".getBytes(), 0, 1, 0, false, false, out));
        assertEquals(StreamId.INVALID, parse("", out));
        assertEquals(StreamId.INVALID, parse("abc", out));
        byte[] text = new byte[StreamId.MAX_TEXT];
        assertEquals("18446744073709551615-0", new String(text, 0, StreamId.format(-1L, 0, text)));
    }

    private static int parse(String s, long[] out) {
        byte[] b = s.getBytes();
        return StreamId.parse(b, 0, b.length, 0, true, false, out);
    }

    @Test
    void shouldRoundTripThroughThePayloadWithNodesAndGroups() {
        StreamValue s = new StreamValue();
        for (int i = 1; i <= 12; i++) {
            s.append(i, 0, fv(i), 4096, 5);
        }
        s.delete(3, 0);
        s.trim(true, 0, 2, 0, false, 0);
        StreamGroup g = s.createGroup("g".getBytes(), 4, 0, 2);
        StreamConsumer c = g.createConsumer("bob".getBytes(), 11);
        StreamNack n = new StreamNack(4, 0, c, 12, 3);
        g.pel.add(n);
        c.pel.add(n);
        byte[] payload = StreamPayload.encode(s);
        StreamValue back = StreamPayload.decode(payload);
        assertNotNull(back);
        assertEquals(java.util.Arrays.toString(payload), java.util.Arrays.toString(StreamPayload.encode(back)));
        assertEquals(s.nodeCount(), back.nodeCount());
        assertEquals(s.size(), back.size());
        assertEquals(3, back.group("g".getBytes(), 0, 1).pel.get(4, 0).deliveryCount);
        assertNull(StreamPayload.decode(java.util.Arrays.copyOf(payload, payload.length - 1)));
        Map<String, Integer> unused = Map.of();
        assertTrue(unused.isEmpty());
    }
}
