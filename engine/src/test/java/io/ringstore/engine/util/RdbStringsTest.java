package io.ringstore.engine.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** CRC64, LZF and RDB strings against values and payloads redis-server 7.0.15 produced. */
@Timeout(30)
class RdbStringsTest {
    /**
     * FUNCTION DUMP of redis-server 7.0.15 after FUNCTION LOAD of {@link #vectorLibrary()}: opcode 245,
     * the code LZF-compressed (c3, 125 bytes for 465), RDB version 10, CRC64.
     */
    private static final String REDIS_DUMP = "f5c3407d41d11f23216c7561206e616d653d7665630a72656469732e72656769737465725f"
            + "66750c6e6374696f6e28276630272c20e0000e116b6579732c2061726773292072657475726e200640390863616c6c2827"
            + "676574202d4024085b315d2920656e6429e012590031202be04d590032e050590033e050590034e0345901290a0a00146b"
            + "c713c4072269";

    private static byte[] vectorLibrary() {
        StringBuilder sb = new StringBuilder("#!lua name=vec\n");
        for (int i = 0; i < 5; i++) {
            sb.append("redis.register_function('f").append(i)
                    .append("', function(keys, args) return redis.call('get', keys[1]) end)\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void shouldComputeRedisCrc64() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xe9c6d914c4b8d9caL, Crc64.crc64(check, 0, check.length));
        // An empty FUNCTION DUMP is the version (10, little-endian) and its CRC64.
        assertEquals(0xdaa27f0f405c9b5dL, Crc64.crc64(new byte[] {10, 0}, 0, 2));
        assertEquals(Crc64.crc64(check, 0, 9), Crc64.update(Crc64.crc64(check, 0, 4), check, 4, 5));
    }

    @Test
    void shouldWriteTheStringAsRedisDoes() {
        byte[] redis = HexFormat.of().parseHex(REDIS_DUMP);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(245);
        byte[] code = vectorLibrary();
        RdbStrings.writeString(out, code, 0, code.length, Lzf.newTable());
        byte[] ours = out.toByteArray();
        assertArrayEquals(java.util.Arrays.copyOf(redis, redis.length - 10), ours);
        long crc = Crc64.crc64(redis, 0, redis.length - 8);
        for (int i = 0; i < 8; i++) {
            assertEquals((byte) (crc >>> (8 * i)), redis[redis.length - 8 + i], "crc byte " + i);
        }
        RdbStrings.Cursor c = new RdbStrings.Cursor(redis, 1, redis.length);
        assertArrayEquals(code, c.readString());
        assertEquals(10, c.remaining());
    }

    @Test
    void shouldRoundTripLzfOnTextsOfEveryShape() {
        Random rnd = new Random(7);
        int[] table = Lzf.newTable();
        for (int round = 0; round < 2000; round++) {
            int len = rnd.nextInt(round < 1000 ? 64 : 4000);
            byte[] in = new byte[len];
            int alphabet = 1 + rnd.nextInt(round % 3 == 0 ? 4 : 200);
            for (int i = 0; i < len; i++) {
                in[i] = rnd.nextInt(4) == 0 && i > 8 ? in[i - 1 - rnd.nextInt(8)] : (byte) ('a' + rnd.nextInt(alphabet));
            }
            byte[] packed = new byte[len + len / 32 + 64]; // incompressible input: one byte per 32 more
            int n = Lzf.compress(in, 0, len, packed, 0, packed.length, table);
            if (len == 0) {
                assertEquals(0, n);
                continue;
            }
            byte[] back = new byte[len];
            assertEquals(len, Lzf.decompress(packed, 0, n, back, 0, len), "round " + round);
            assertArrayEquals(in, back, "round " + round);
            assertEquals(0, Lzf.decompress(packed, 0, n, new byte[len - 1], 0, len - 1), "too small an output");
        }
        byte[] zeros = new byte[1000];
        byte[] packed = new byte[1000];
        int n = Lzf.compress(zeros, 0, zeros.length, packed, 0, packed.length, table);
        assertEquals(true, n < 20, "1000 zeros in " + n + " bytes");
        assertEquals(0, Lzf.compress(zeros, 0, zeros.length, packed, 0, 3, table), "does not fit");
    }

    @Test
    void shouldRefuseDamagedLzf() {
        byte[] out = new byte[16];
        assertEquals(0, Lzf.decompress(new byte[] {5, 'a', 'b'}, 0, 3, out, 0, 16), "literal run past the input");
        assertEquals(0, Lzf.decompress(new byte[] {0, 'a', (byte) 0x20, 5}, 0, 4, out, 0, 16), "reference before the output");
        assertEquals(0, Lzf.decompress(new byte[] {0, 'a', (byte) 0x20}, 0, 3, out, 0, 16), "reference cut short");
        assertEquals(4, Lzf.decompress(new byte[] {0, 'a', (byte) 0x20, 0}, 0, 4, out, 0, 16));
        assertEquals("aaaa", new String(out, 0, 4, StandardCharsets.US_ASCII));
    }

    @Test
    void shouldEncodeLengthsAndIntegersAsRdb() {
        long[] lengths = {0, 63, 64, 16383, 16384, 0xFFFFFFFFL, 0x100000000L};
        int[] sizes = {1, 1, 2, 2, 5, 5, 9};
        for (int i = 0; i < lengths.length; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RdbStrings.writeLength(out, lengths[i]);
            byte[] b = out.toByteArray();
            assertEquals(sizes[i], b.length, "length " + lengths[i]);
            assertEquals(lengths[i], new RdbStrings.Cursor(b, 0, b.length).readPlainLength());
        }
        String[] texts = {"0", "-128", "127", "128", "-32769", "2147483647", "2147483648", "007", "-0", "12345678901"};
        String[] firstBytes = {"c0", "c0", "c0", "c1", "c2", "c2", "0a", "03", "02", "0b"};
        for (int i = 0; i < texts.length; i++) {
            byte[] t = texts[i].getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RdbStrings.writeString(out, t, 0, t.length, Lzf.newTable());
            byte[] b = out.toByteArray();
            assertEquals(firstBytes[i], HexFormat.of().toHexDigits(b[0]), texts[i]);
            assertArrayEquals(t, new RdbStrings.Cursor(b, 0, b.length).readString(), texts[i]);
        }
    }

    @Test
    void shouldRefuseCutOrUnknownStrings() {
        String[] bad = {"", "05616263", "c4", "82", "c1ff", "c3050561", "8100000001", "4005"};
        for (String hex : bad) {
            byte[] b = HexFormat.of().parseHex(hex);
            assertNull(new RdbStrings.Cursor(b, 0, b.length).readString(), hex);
        }
    }
}
