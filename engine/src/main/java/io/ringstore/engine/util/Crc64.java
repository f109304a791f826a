package io.ringstore.engine.util;

/**
 * Redis's CRC64 (crc64.c): the Jones polynomial 0xad93d23594c935a9, reflected input and output,
 * initial value 0, no final xor; {@code crc64("123456789") == 0xe9c6d914c4b8d9ca}. Redis appends
 * it, little-endian, to DUMP and FUNCTION DUMP payloads and to RDB files. Table-driven, one byte
 * at a time (Redis's crcspeed gives the same value eight bytes at a time). Stateless; any thread.
 */
public final class Crc64 {
    /** The Jones polynomial bit-reversed, for the reflected (LSB-first) algorithm. */
    private static final long POLY_REFLECTED = 0x95AC9329AC4BC9B5L;
    private static final long[] TABLE = new long[256];

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int j = 0; j < 8; j++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY_REFLECTED : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private Crc64() {
    }

    /** Continues {@code crc} (0 to start) over {@code len} bytes of {@code b} from {@code off}. */
    public static long update(long crc, byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            crc = TABLE[(int) (crc ^ b[i]) & 0xFF] ^ (crc >>> 8);
        }
        return crc;
    }

    public static long crc64(byte[] b, int off, int len) {
        return update(0, b, off, len);
    }
}
