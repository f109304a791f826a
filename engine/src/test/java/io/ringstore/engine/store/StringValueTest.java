package io.ringstore.engine.store;

import io.ringstore.engine.reply.ReplyBuffer;
import io.ringstore.engine.util.ByteHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * String slots on a bare {@link Dict}: sds's greedy growth rule for APPEND and SETRANGE, and that
 * no accessor shows the spare capacity a grown raw string carries.
 */
@Timeout(30)
class StringValueTest {
    private static final int MB = 1024 * 1024;

    private final Dict d = new Dict();
    private final long[] scratch = new long[1];

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A new string key holding {@code text}, stored as SET stores it. */
    private int set(String key, String text) {
        byte[] k = b(key);
        int slot = d.insert(k, ByteHash.hash(k, 0, k.length));
        d.setMeta(slot, ObjectType.meta(ObjectType.STRING, ObjectType.ENC_RAW, 0));
        byte[] v = b(text);
        StringValue.store(d, slot, v, 0, v.length, scratch);
        return slot;
    }

    private void append(int slot, String text) {
        byte[] v = b(text);
        assertTrue(StringValue.append(d, slot, v, 0, v.length));
    }

    private int capacity(int slot) {
        return ((byte[]) d.value(slot)).length;
    }

    private String reply(int slot) {
        ReplyBuffer r = new ReplyBuffer();
        StringValue.reply(r, d, slot);
        return r.toString();
    }

    private static String bulk(String s) {
        return "$" + s.length() + "\r\n" + s + "\r\n";
    }

    @Test
    void shouldDoubleTheNeededLengthBelowOneMegabyteThenAddOneMegabyte() {
        assertEquals(0, StringValue.capacityFor(0));
        assertEquals(2, StringValue.capacityFor(1));
        assertEquals(30, StringValue.capacityFor(15));
        assertEquals(2 * MB - 2, StringValue.capacityFor(MB - 1));
        assertEquals(2 * MB, StringValue.capacityFor(MB));
        assertEquals(5 * MB, StringValue.capacityFor(4 * MB));
        assertEquals(StringValue.MAX_ARRAY, StringValue.capacityFor(StringValue.MAX_ARRAY - 10));
        assertEquals(StringValue.MAX_ARRAY, StringValue.capacityFor(StringValue.MAX_ARRAY));
    }

    @Test
    void shouldStoreExactArraysOnSet() {
        int s = set("s", "hello");
        assertEquals(ObjectType.ENC_EMBSTR, ObjectType.encoding(d.meta(s)));
        assertEquals(5, capacity(s));
        int r = set("r", "x".repeat(45));
        assertEquals(ObjectType.ENC_RAW, ObjectType.encoding(d.meta(r)));
        assertEquals(45, capacity(r));
        int i = set("i", "-42");
        assertEquals(ObjectType.ENC_INT, ObjectType.encoding(d.meta(i)));
        assertEquals(-42, d.num(i));
    }

    @Test
    void shouldGrowGreedilyAndAppendInPlaceWhileTheSpareLasts() {
        int slot = set("k", "0123456789");
        append(slot, "abcde"); // embstr becomes raw in a grown array: (10 + 5) * 2
        assertEquals(ObjectType.ENC_RAW, ObjectType.encoding(d.meta(slot)));
        assertEquals(30, capacity(slot));
        assertEquals(15, StringValue.length(d, slot));
        byte[] array = (byte[]) d.value(slot);
        append(slot, "x".repeat(15)); // exactly fills the spare
        assertSame(array, d.value(slot));
        assertEquals(30, StringValue.length(d, slot));
        append(slot, "y");
        assertNotSame(array, d.value(slot));
        assertEquals(62, capacity(slot));
        assertEquals("0123456789abcde" + "x".repeat(15) + "y", new String(StringValue.bytes(d, slot),
                StandardCharsets.ISO_8859_1));
    }

    @Test
    void shouldAddOneMegabyteOfSpareAboveOneMegabyte() {
        int slot = set("k", "x".repeat(MB));
        append(slot, "y");
        assertEquals(2 * MB + 1, capacity(slot));
        assertEquals(MB + 1, StringValue.length(d, slot));
    }

    @Test
    void shouldAppendToAnIntegerAsItsDigits() {
        int slot = set("n", "12");
        append(slot, "3");
        assertEquals(ObjectType.ENC_RAW, ObjectType.encoding(d.meta(slot)));
        assertEquals(6, capacity(slot));
        assertTrue(StringValue.toLong(d, slot, scratch));
        assertEquals(123, scratch[0]);
        append(slot, "x");
        assertFalse(StringValue.toLong(d, slot, scratch));
    }

    @Test
    void shouldHideSpareCapacityFromEveryAccessor() {
        int slot = set("k", "hello");
        append(slot, " world");
        assertTrue(capacity(slot) > 11);
        assertEquals(11, StringValue.length(d, slot));
        assertEquals(bulk("hello world"), reply(slot));
        assertArrayEquals(b("hello world"), StringValue.bytes(d, slot));
        byte[] copy = StringValue.copy(d, slot);
        assertArrayEquals(b("hello world"), copy);
        assertNotSame(d.value(slot), copy);
        byte[] view = StringValue.view(d, slot, new byte[20]);
        assertSame(d.value(slot), view); // in place, no copy; only the first length() bytes count
        assertEquals("hello world", new String(view, 0, StringValue.length(d, slot), StandardCharsets.ISO_8859_1));
    }

    @Test
    void shouldReadIntegersThroughTheSameAccessors() {
        int slot = set("n", "-1005");
        assertEquals(5, StringValue.length(d, slot));
        assertEquals(bulk("-1005"), reply(slot));
        assertArrayEquals(b("-1005"), StringValue.bytes(d, slot));
        assertArrayEquals(b("-1005"), StringValue.copy(d, slot));
        byte[] digits = new byte[20];
        assertSame(digits, StringValue.view(d, slot, digits));
        assertEquals("-1005", new String(digits, 0, 5, StandardCharsets.ISO_8859_1));
        assertTrue(StringValue.toLong(d, slot, scratch));
        assertEquals(-1005, scratch[0]);
    }

    @Test
    void shouldUnshareIntoAnExactPrivateCopy() {
        int src = set("src", "abc");
        append(src, "def");
        int dst = set("dst", "placeholder");
        d.setValue(dst, d.value(src)); // what COPY does before unshare: the source's value and num
        d.setNum(dst, d.num(src));
        d.setMeta(dst, d.meta(src));
        StringValue.unshare(d, dst);
        assertEquals(6, capacity(dst));
        assertEquals(0, d.num(dst));
        assertNotSame(d.value(src), d.value(dst));
        assertArrayEquals(b("abcdef"), StringValue.bytes(d, dst));
        int n = set("n", "77");
        StringValue.unshare(d, n);
        assertEquals(77, d.num(n));
    }

    @Test
    void shouldEditInPlaceWithinTheValueAndGrowGreedilyPastIt() {
        int slot = set("k", "Hello World");
        byte[] embstr = (byte[]) d.value(slot);
        assertTrue(StringValue.setRange(d, slot, 6, b("Redis"), 0, 5));
        assertSame(embstr, d.value(slot)); // fits: edited in place, now raw
        assertEquals(ObjectType.ENC_RAW, ObjectType.encoding(d.meta(slot)));
        assertEquals(bulk("Hello Redis"), reply(slot));
        assertTrue(StringValue.setRange(d, slot, 12, b("!!"), 0, 2));
        assertEquals(28, capacity(slot));
        assertEquals(bulk("Hello Redis\0!!"), reply(slot));
        byte[] grown = (byte[]) d.value(slot);
        assertTrue(StringValue.setRange(d, slot, 20, b("end"), 0, 3)); // zero gap, inside the spare
        assertSame(grown, d.value(slot));
        assertEquals(bulk("Hello Redis\0!!\0\0\0\0\0\0end"), reply(slot));
        assertTrue(StringValue.setRange(d, slot, 0, b("J"), 0, 1));
        assertEquals(bulk("Jello Redis\0!!\0\0\0\0\0\0end"), reply(slot));
    }

    @Test
    void shouldKeepAnIntegerSetrangeWithinItsDigitsExact() {
        int slot = set("n", "12345");
        assertTrue(StringValue.setRange(d, slot, 0, b("9"), 0, 1));
        assertEquals(5, capacity(slot));
        assertEquals(bulk("92345"), reply(slot));
    }

    @Test
    void shouldStoreExactAgainAfterGrowth() {
        int slot = set("k", "abc");
        append(slot, "def");
        assertEquals(12, capacity(slot));
        byte[] v = b("x".repeat(12));
        StringValue.store(d, slot, v, 0, v.length, scratch); // same size as the array: reused
        assertEquals(0, d.num(slot));
        assertEquals(12, StringValue.length(d, slot));
        assertArrayEquals(v, StringValue.bytes(d, slot));
        append(slot, "y");
        v = b("short");
        StringValue.store(d, slot, v, 0, v.length, scratch);
        assertEquals(5, capacity(slot));
        assertEquals(ObjectType.ENC_EMBSTR, ObjectType.encoding(d.meta(slot)));
        assertEquals(bulk("short"), reply(slot));
    }
}
