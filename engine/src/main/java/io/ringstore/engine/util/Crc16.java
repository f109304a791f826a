package io.ringstore.engine.util;

/**
 * Redis Cluster's key-slot function: CRC16-CCITT (XMODEM) of the key, or of the first non-empty
 * {@code {hash tag}} in it, modulo 16384. Stateless; any thread.
 */
public final class Crc16 {
    public static final int SLOTS = 16384;
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int j = 0; j < 8; j++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            TABLE[i] = crc & 0xFFFF;
        }
    }

    private Crc16() {
    }

    public static int crc16(byte[] buf, int off, int len) {
        int crc = 0;
        for (int i = off, end = off + len; i < end; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ buf[i]) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }

    /** Cluster slot of a key: only the part between the first '{' and the next '}' is hashed, if non-empty. */
    public static int slot(byte[] buf, int off, int len) {
        int end = off + len;
        int open = -1;
        for (int i = off; i < end; i++) {
            if (buf[i] == '{') {
                open = i;
                break;
            }
        }
        if (open >= 0) {
            for (int i = open + 1; i < end; i++) {
                if (buf[i] == '}') {
                    if (i > open + 1) {
                        return crc16(buf, open + 1, i - open - 1) & (SLOTS - 1);
                    }
                    break;
                }
            }
        }
        return crc16(buf, off, len) & (SLOTS - 1);
    }
}
