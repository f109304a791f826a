package io.ringstore.engine.rdb;

import io.ringstore.engine.util.Crc64;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RDB lengths, strings, doubles and the running CRC64, written by RdbOutput and read by RdbInput. */
class RdbPrimitivesTest {
    private static final long[] LENGTHS = {0, 63, 64, 16383, 16384, 0xFFFFFFFFL, 0x100000000L, Long.MAX_VALUE, -1};
    private static final int[] LENGTH_BYTES = {1, 1, 2, 2, 5, 5, 9, 9, 9};

    @Test
    void shouldWriteEveryLengthFormAndReadItBack() throws RdbFormatException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RdbOutput out = new RdbOutput(bytes);
        for (int i = 0; i < LENGTHS.length; i++) {
            long before = out.written();
            out.writeLength(LENGTHS[i]);
            assertEquals(LENGTH_BYTES[i], out.written() - before, "length " + LENGTHS[i]);
        }
        byte[] b = bytes.toByteArray();
        RdbInput in = RdbInput.of(b, 0, b.length);
        for (long len : LENGTHS) {
            assertEquals(len, in.readUnsigned());
        }
        assertEquals(Crc64.crc64(b, 0, b.length), out.crc());
        assertEquals(out.crc(), in.crc());
        RdbInput strict = RdbInput.of(b, b.length - 9, 9);
        assertThrows(RdbFormatException.class, strict::readLength); // a length past 2^63 is not a count
    }

    @Test
    void shouldEncodeStringsAsRdbSaveRawStringDoes() throws RdbFormatException {
        String[] values = {"0", "-128", "127", "128", "-32768", "32767", "32768", "2147483647", "-2147483648",
            "2147483648", "012", "+1", "", "hello", "a".repeat(21), "abcdefghij".repeat(10), "qwertyuiopasdfghjklzxcv"};
        int[] sizes = {2, 2, 2, 3, 3, 3, 5, 5, 5, 11, 4, 3, 1, 6, -1, -1, 24};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RdbOutput out = new RdbOutput(bytes);
        for (int i = 0; i < values.length; i++) {
            long before = out.written();
            out.writeString(values[i].getBytes(StandardCharsets.US_ASCII));
            if (sizes[i] > 0) {
                assertEquals(sizes[i], out.written() - before, values[i]);
            } else {
                assertEquals(0xC3, bytes.toByteArray()[(int) before] & 0xFF, values[i] + " is LZF-compressed");
            }
        }
        byte[] b = bytes.toByteArray();
        RdbInput in = RdbInput.of(b, 0, b.length);
        for (String v : values) {
            assertArrayEquals(v.getBytes(StandardCharsets.US_ASCII), in.readString(), v);
        }
        assertEquals(0, in.remaining());
        assertThrows(RdbFormatException.class, in::readByte);
    }

    @Test
    void shouldRefuseLengthsPastTheEndBeforeAllocating() {
        byte[] b = {(byte) 0x80, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 'a'}; // a 2 GB string in 6 bytes
        assertThrows(RdbFormatException.class, () -> RdbInput.of(b, 0, b.length).readString());
        byte[] lzf = {(byte) 0xC3, 0x02, 0x7F, 0x00, 'a'}; // 127 bytes from 2
        assertThrows(RdbFormatException.class, () -> RdbInput.of(lzf, 0, lzf.length).readString());
        byte[] unknown = {(byte) 0xC4};
        assertThrows(RdbFormatException.class, () -> RdbInput.of(unknown, 0, 1).readString());
    }

    @Test
    void shouldRoundTripDoublesAndTimes() throws RdbFormatException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RdbOutput out = new RdbOutput(bytes);
        double[] ds = {0.0, -0.0, 1.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, 1e300};
        for (double d : ds) {
            out.writeBinaryDouble(d);
        }
        out.writeMillis(1700000000123L);
        byte[] b = bytes.toByteArray();
        assertEquals(0x3F, b[23] & 0xFF); // 1.5 little-endian: 00 .. 00 F8 3F
        RdbInput in = RdbInput.of(b, 0, b.length);
        for (double d : ds) {
            assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(in.readBinaryDouble()));
        }
        assertEquals(1700000000123L, in.readMillis());
    }
}
