package io.ringstore.engine.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@Timeout(10)
class ValuePayloadTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRoundTripAListIncludingEmptyAndBinaryElements() {
        Dict d = new Dict();
        int slot = d.insert(b("k"), 7);
        ListValue list = new ListValue(ListValue.DEFAULT_FILL);
        list.push(b("a"), false);
        list.push(new byte[0], false);
        list.push(new byte[] {0, (byte) 0xff, '\r', '\n'}, false);
        d.setValue(slot, list);
        d.setMeta(slot, ObjectType.meta(ObjectType.LIST, ObjectType.ENC_QUICKLIST, 0));
        ListValue back = ValuePayload.decodeList(ValuePayload.encode(d.table(), slot));
        assertEquals(3, back.length());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(ListValueTest.at(list, i), ListValueTest.at(back, i));
        }
    }

    @Test
    void shouldLoadAListIntoNodesOfTheGivenFillWithoutFreeSpace() {
        Dict d = new Dict();
        int slot = d.insert(b("k"), 7);
        ListValue list = new ListValue(ListValue.DEFAULT_FILL);
        java.util.List<byte[]> ref = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            byte[] e = b("e" + i + (i % 97 == 0 ? "x".repeat(9000) : ""));
            list.push(e, false);
            ref.add(e);
        }
        d.setValue(slot, list);
        d.setMeta(slot, ObjectType.meta(ObjectType.LIST, ObjectType.ENC_QUICKLIST, 0));
        byte[] payload = ValuePayload.encode(d.table(), slot);
        for (int fill : new int[] {-2, -1, 2, 100}) {
            ListValue back = ValuePayload.decodeList(payload, fill);
            ListValueTest.assertSame(ref, back);
            ListValueTest.assertShape(back, fill);
            for (int k = 0; k < back.nodeCount(); k++) {
                assertEquals(ListNode.used(back.nodeAt(k)), back.nodeAt(k).length, "node " + k + " has free space");
            }
            assertArrayEquals(payload, encode(back), "same payload whatever the nodes");
        }
    }

    private static byte[] encode(ListValue l) {
        Dict d = new Dict();
        int slot = d.insert(b("k"), 7);
        d.setValue(slot, l);
        d.setMeta(slot, ObjectType.meta(ObjectType.LIST, ObjectType.ENC_QUICKLIST, 0));
        return ValuePayload.encode(d.table(), slot);
    }

    @Test
    void shouldRejectMalformedListPayloads() {
        assertNull(ValuePayload.decodeList(new byte[] {0, 0, 0, 0}), "an empty list is never stored");
        assertNull(ValuePayload.decodeList(new byte[] {0, 0, 0, 1, 0, 0, 0, 5, 'a'}), "element longer than the rest");
        assertNull(ValuePayload.decodeList(new byte[] {0, 0, 0, 1, 0, 0, 0, 1, 'a', 'x'}), "trailing bytes");
        assertNull(ValuePayload.decodeList(new byte[] {0, 0}), "truncated count");
    }

    @Test
    void shouldRoundTripAHashInBothEncodings() {
        for (int enc : new int[] {ObjectType.ENC_LISTPACK, ObjectType.ENC_HT}) {
            Dict d = new Dict();
            int slot = d.insert(b("k"), 7);
            HashValue h = new HashValue();
            HashValueTest.set(h, b("b"), b("2"), 512, 64);
            HashValueTest.set(h, new byte[] {0, (byte) 0xff}, new byte[0], 512, 64);
            HashValueTest.set(h, b("a"), b("1"), 512, 64);
            if (enc == ObjectType.ENC_HT) {
                h.convert();
            }
            d.setValue(slot, h);
            d.setMeta(slot, ObjectType.meta(ObjectType.HASH, enc, 0));
            HashValue back = ValuePayload.decodeHash(ValuePayload.encode(d.table(), slot), enc);
            assertEquals(enc, back.encoding());
            assertEquals(3, back.size());
            assertEquals("2", HashValueTest.get(back, "b"));
            assertEquals("", HashValueTest.get(back, "\0\u00ff"));
            assertEquals(HashValueTest.contents(h), HashValueTest.contents(back));
            if (enc == ObjectType.ENC_LISTPACK) {
                assertEquals(java.util.List.of("b", "\0\u00ff", "a"),
                        new java.util.ArrayList<>(HashValueTest.contents(back).keySet()), "listpack order is kept");
            }
        }
    }

    @Test
    void shouldKeepTheHashPayloadFormat() {
        // count, then i32 length + bytes of field and value per pair: listpack order when small,
        // sorted by field when large; the in-memory layout does not show through.
        byte[] listpack = {0, 0, 0, 2, 0, 0, 0, 1, 'b', 0, 0, 0, 2, '2', '2', 0, 0, 0, 1, 'a', 0, 0, 0, 0};
        byte[] sorted = {0, 0, 0, 2, 0, 0, 0, 1, 'a', 0, 0, 0, 0, 0, 0, 0, 1, 'b', 0, 0, 0, 2, '2', '2'};
        for (int enc : new int[] {ObjectType.ENC_LISTPACK, ObjectType.ENC_HT}) {
            Dict d = new Dict();
            int slot = d.insert(b("k"), 7);
            HashValue h = new HashValue();
            HashValueTest.set(h, b("b"), b("x"), 512, 64);
            HashValueTest.set(h, b("a"), b(""), 512, 64);
            HashValueTest.set(h, b("b"), b("22"), 512, 64);
            if (enc == ObjectType.ENC_HT) {
                h.convert();
            }
            d.setValue(slot, h);
            d.setMeta(slot, ObjectType.meta(ObjectType.HASH, enc, 0));
            assertArrayEquals(enc == ObjectType.ENC_HT ? sorted : listpack, ValuePayload.encode(d.table(), slot));
        }
    }

    @Test
    void shouldRejectMalformedHashPayloads() {
        assertNull(ValuePayload.decodeHash(new byte[] {0, 0, 0, 0}, ObjectType.ENC_LISTPACK), "empty");
        assertNull(ValuePayload.decodeHash(new byte[] {0, 0, 0, 1, 0, 0, 0, 1, 'a'}, ObjectType.ENC_LISTPACK),
                "missing value");
        assertNull(ValuePayload.decodeHash(new byte[] {0, 0, 0, 2, 0, 0, 0, 1, 'a', 0, 0, 0, 0,
            0, 0, 0, 1, 'a', 0, 0, 0, 0}, ObjectType.ENC_HT), "a field twice");
        assertNull(ValuePayload.decodeHash(new byte[] {0, 0, 0, 1, 0, 0, 0, 1, 'a', 0, 0, 0, 0},
                ObjectType.ENC_QUICKLIST), "not a hash encoding");
    }

    @Test
    void shouldRoundTripASortedSetInBothEncodingsWithEqualPayloads() {
        byte[] previous = null;
        for (int enc : new int[] {ObjectType.ENC_LISTPACK, ObjectType.ENC_SKIPLIST}) {
            Dict d = new Dict();
            int slot = d.insert(b("k"), 7);
            ZsetValue z = enc == ObjectType.ENC_LISTPACK ? new ZsetValue() : ZsetValue.skiplist();
            z.addOwned(b("b"), 2, 128, 64);
            z.addOwned(new byte[] {0, (byte) 0xff}, Double.NEGATIVE_INFINITY, 128, 64);
            z.addOwned(b("a"), 2, 128, 64);
            d.setValue(slot, z);
            d.setMeta(slot, ObjectType.meta(ObjectType.ZSET, enc, 0));
            byte[] payload = ValuePayload.encode(d.table(), slot);
            if (previous != null) {
                assertArrayEquals(previous, payload, "the payload does not depend on the form");
            }
            previous = payload;
            ZsetValue back = ValuePayload.decodeZset(payload, enc);
            assertEquals(enc, back.encoding());
            assertEquals(3, back.size());
            assertEquals(Double.NEGATIVE_INFINITY, back.score(new byte[] {0, (byte) 0xff}, 0, 2));
            assertEquals(1, back.rank(b("a"), 0, 1));
            assertEquals(2, back.rank(b("b"), 0, 1));
        }
    }

    @Test
    void shouldKeepTheLogicalSortedSetPayloadWhateverTheInMemoryLayout() {
        // count, then per member: length i32, bytes, score as big-endian IEEE bits; written by
        // older builds too, so it must not follow the packed listpack layout
        byte[] expected = {0, 0, 0, 2, 0, 0, 0, 1, 'a', 0x3f, (byte) 0xf0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 2, 'b', 'c', 0x40, 0, 0, 0, 0, 0, 0, 0};
        for (int enc : new int[] {ObjectType.ENC_LISTPACK, ObjectType.ENC_SKIPLIST}) {
            ZsetValue z = ValuePayload.decodeZset(expected, enc);
            assertEquals(enc, z.encoding());
            Dict d = new Dict();
            int slot = d.insert(b("k"), 7);
            d.setValue(slot, z);
            d.setMeta(slot, ObjectType.meta(ObjectType.ZSET, enc, 0));
            assertArrayEquals(expected, ValuePayload.encode(d.table(), slot));
        }
    }

    @Test
    void shouldRejectMalformedSortedSetPayloads() {
        assertNull(ValuePayload.decodeZset(new byte[] {0, 0, 0, 0}, ObjectType.ENC_LISTPACK), "empty");
        assertNull(ValuePayload.decodeZset(new byte[] {0, 0, 0, 1, 0, 0, 0, 1, 'a', 0, 0}, ObjectType.ENC_LISTPACK),
                "truncated score");
        byte[] nan = {0, 0, 0, 1, 0, 0, 0, 1, 'a', 0x7f, (byte) 0xf8, 0, 0, 0, 0, 0, 0};
        assertNull(ValuePayload.decodeZset(nan, ObjectType.ENC_SKIPLIST), "a NaN score");
        byte[] twice = {0, 0, 0, 2, 0, 0, 0, 1, 'a', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 'a', 0, 0, 0, 0, 0, 0, 0, 0};
        assertNull(ValuePayload.decodeZset(twice, ObjectType.ENC_LISTPACK), "a member twice");
        assertNull(ValuePayload.decodeZset(new byte[] {0, 0, 0, 1, 0, 0, 0, 1, 'a', 0, 0, 0, 0, 0, 0, 0, 0},
                ObjectType.ENC_HT), "not a sorted set encoding");
    }

    @Test
    void shouldRoundTripAStreamWithGroupsAndPendingEntries() {
        Dict d = new Dict();
        int slot = d.insert(b("k"), 7);
        StreamValue s = new StreamValue();
        for (int i = 1; i <= 7; i++) {
            s.append(i, 0, new byte[][] {b("f"), b("v" + i), b("g"), new byte[] {0, (byte) 0xff}}, 4096, 3);
        }
        s.delete(2, 0);
        s.maxDeletedMs = 2;
        StreamGroup g = s.createGroup(b("g"), 5, 0, 4);
        StreamConsumer c = g.createConsumer(b("alice"), 100);
        g.createConsumer(b("bob"), 200);
        StreamNack n = new StreamNack(3, 0, c, 150, 2);
        g.pel.add(n);
        c.pel.add(n);
        d.setValue(slot, s);
        d.setMeta(slot, ObjectType.meta(ObjectType.STREAM, ObjectType.ENC_STREAM, 0));
        byte[] payload = ValuePayload.encode(d.table(), slot);
        StreamValue back = ValuePayload.decodeStream(payload, ObjectType.ENC_STREAM);
        assertEquals(6, back.size());
        assertEquals(3, back.nodeCount());
        assertEquals(2, back.maxDeletedMs);
        assertEquals(7, back.entriesAdded);
        StreamGroup bg = back.group(b("g"), 0, 1);
        assertEquals(4, bg.entriesRead);
        assertEquals(2, bg.consumers.size());
        assertEquals(2, bg.pel.get(3, 0).deliveryCount);
        assertArrayEquals(b("alice"), bg.pel.get(3, 0).consumer.name);
        assertEquals(1, bg.consumer(b("alice")).pel.size());
        d.setValue(slot, back);
        assertArrayEquals(payload, ValuePayload.encode(d.table(), slot), "equal streams, equal payloads");
        assertNull(ValuePayload.decodeStream(payload, ObjectType.ENC_LISTPACK), "wrong encoding");
        assertNull(ValuePayload.decodeStream(java.util.Arrays.copyOf(payload, 20), ObjectType.ENC_STREAM), "cut short");
    }
}
