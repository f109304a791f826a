package io.ringstore.engine.rdb;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The listpack codec: listpack.c's encodings at every boundary, both ways, and damage refused. */
class ListpackTest {
    private static final long[] INTS = {
        0, 127, 128, -1, -4096, 4095, 4096, -4097, 32767, -32768, 32768, -32769, 8388607, -8388608, 8388608,
        -8388609, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE + 1L, Long.MAX_VALUE, Long.MIN_VALUE,
    };
    private static final int[] ENCODED_SIZES = {1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 9, 9, 9};

    @Test
    void shouldEncodeIntegersInTheSmallestFormAndReadThemBack() {
        ListpackWriter w = new ListpackWriter();
        for (int i = 0; i < INTS.length; i++) {
            int before = w.bytes();
            w.add(Long.toString(INTS[i]).getBytes(StandardCharsets.US_ASCII));
            assertEquals(ENCODED_SIZES[i] + 1, w.bytes() - before, "entry of " + INTS[i]); // + 1 byte backlen
        }
        ListpackReader r = reader(w.toArray());
        for (long v : INTS) {
            assertTrue(next(r));
            assertTrue(r.isInt());
            assertEquals(v, r.longValue());
        }
        assertFalse(next(r));
    }

    @Test
    void shouldEncodeStringsWithTheirLengthForms() {
        int[] lengths = {0, 63, 64, 127, 128, 4095, 4096, 20000};
        ListpackWriter w = new ListpackWriter();
        for (int n : lengths) {
            w.add("s".repeat(n).getBytes(StandardCharsets.US_ASCII));
        }
        w.add("01".getBytes(StandardCharsets.US_ASCII)); // not canonical: a string
        w.add("-0".getBytes(StandardCharsets.US_ASCII));
        w.add("123456789012345678901".getBytes(StandardCharsets.US_ASCII)); // 21 chars: a string
        ListpackReader r = reader(w.toArray());
        for (int n : lengths) {
            assertTrue(next(r));
            assertFalse(r.isInt());
            assertEquals(n, r.len());
        }
        for (String s : new String[] {"01", "-0", "123456789012345678901"}) {
            assertTrue(next(r));
            assertEquals(s, new String(r.bytes(), StandardCharsets.US_ASCII));
        }
        assertFalse(next(r));
    }

    @Test
    void shouldWriteRedisBytes() {
        // redis-server 7.0.15: RPUSH list a 1 -300 70000 "" -> this listpack inside its DUMP
        ListpackWriter w = new ListpackWriter();
        for (String s : new String[] {"a", "1", "-300", "70000", ""}) {
            w.add(s.getBytes(StandardCharsets.US_ASCII));
        }
        assertArrayEquals(HexFormat.of().parseHex("16000000050081610201 01ded402f2701101048001ff".replace(" ", "")), w.toArray());
    }

    @Test
    void shouldRefuseDamage() {
        ListpackWriter w = new ListpackWriter();
        w.add("abc".getBytes(StandardCharsets.US_ASCII));
        byte[] lp = w.toArray();
        byte[] badTotal = lp.clone();
        badTotal[0]++;
        assertThrows(RdbFormatException.class, () -> new ListpackReader(badTotal));
        byte[] badCount = lp.clone();
        badCount[4] = 2;
        assertThrows(RdbFormatException.class, () -> drain(new ListpackReader(badCount)));
        byte[] badLength = lp.clone();
        badLength[6] = (byte) 0xBF; // a 63-byte string in a 12-byte listpack
        assertThrows(RdbFormatException.class, () -> drain(new ListpackReader(badLength)));
        byte[] badEncoding = lp.clone();
        badEncoding[6] = (byte) 0xF7;
        assertThrows(RdbFormatException.class, () -> drain(new ListpackReader(badEncoding)));
    }

    private static void drain(ListpackReader r) throws RdbFormatException {
        while (r.next()) {
            r.bytes();
        }
    }

    private static ListpackReader reader(byte[] lp) {
        try {
            return new ListpackReader(lp);
        } catch (RdbFormatException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean next(ListpackReader r) {
        try {
            return r.next();
        } catch (RdbFormatException e) {
            throw new AssertionError(e);
        }
    }
}
