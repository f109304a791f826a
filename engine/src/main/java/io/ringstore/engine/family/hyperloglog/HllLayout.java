package io.ringstore.engine.family.hyperloglog;

/**
 * Redis 7.0's HyperLogLog string layout (hyperloglog.c's struct hllhdr), byte for byte, and the
 * dense register access (HLL_DENSE_GET_REGISTER / HLL_DENSE_SET_REGISTER). Stateless; any thread.
 *
 * <pre>
 *   +------+---+-----+----------+----------------------------------+
 *   | HYLL | E | N/U | Cardin.  | registers: dense 6 bits each, or  |
 *   +------+---+-----+----------+ sparse opcodes (HllSparse)       |
 *   0      4   5     8          16
 *   E: 0 dense, 1 sparse. Cardin.: 64-bit little-endian cached count; bit 7 of byte 15 set
 *   means the cache is invalid. Dense: 16 + 16384 * 6 / 8 = 12304 bytes exactly; register i
 *   starts at bit i*6 of the register area, least significant bits first.
 * </pre>
 */
final class HllLayout {
    static final int P = 14;
    static final int Q = 64 - P;
    static final int REGISTERS = 1 << P;
    static final int P_MASK = REGISTERS - 1;
    static final int BITS = 6;
    static final int REGISTER_MAX = (1 << BITS) - 1;
    static final int HDR_SIZE = 16;
    static final int DENSE_SIZE = HDR_SIZE + (REGISTERS * BITS + 7) / 8;
    static final int DENSE = 0;
    static final int SPARSE = 1;
    static final int MAX_ENCODING = 1;
    static final int ENCODING = 4;
    private static final int CARD = 8;
    private static final int CACHE_FLAG_BYTE = 15;

    private HllLayout() {
    }

    static int encoding(byte[] b) {
        return b[ENCODING] & 0xff;
    }

    /** HLL_VALID_CACHE. */
    static boolean validCache(byte[] b) {
        return (b[CACHE_FLAG_BYTE] & 0x80) == 0;
    }

    /** HLL_INVALIDATE_CACHE. */
    static void invalidateCache(byte[] b) {
        b[CACHE_FLAG_BYTE] |= (byte) 0x80;
    }

    /** The cached cardinality, the 8 card bytes little-endian (the caller checked the cache is valid). */
    static long cachedCard(byte[] b) {
        long card = 0;
        for (int i = 7; i >= 0; i--) {
            card = (card << 8) | (b[CARD + i] & 0xff);
        }
        return card;
    }

    /** Stores {@code card} in the 8 card bytes, little-endian, which also validates the cache. */
    static void storeCard(byte[] b, long card) {
        for (int i = 0; i < 8; i++) {
            b[CARD + i] = (byte) (card >>> (8 * i));
        }
    }

    /**
     * HLL_DENSE_GET_REGISTER of register {@code i}. The byte after the last register is the sds
     * terminator in Redis (zero): past the array it reads as zero here.
     */
    static int get(byte[] b, int i) {
        int bit = i * BITS;
        int at = HDR_SIZE + (bit >>> 3);
        int fb = bit & 7;
        int b0 = b[at] & 0xff;
        int b1 = at + 1 < b.length ? b[at + 1] & 0xff : 0;
        return ((b0 >>> fb) | (b1 << (8 - fb))) & REGISTER_MAX;
    }

    /** HLL_DENSE_SET_REGISTER: register {@code i} becomes {@code v} (0..63), neighbours untouched. */
    static void set(byte[] b, int i, int v) {
        int bit = i * BITS;
        int at = HDR_SIZE + (bit >>> 3);
        int fb = bit & 7;
        int fb8 = 8 - fb;
        b[at] = (byte) ((b[at] & ~(REGISTER_MAX << fb)) | (v << fb));
        if (at + 1 < b.length) {
            b[at + 1] = (byte) ((b[at + 1] & ~(REGISTER_MAX >>> fb8)) | (v >>> fb8));
        }
    }

    /** hllDenseSet: raises register {@code i} to {@code count}; 1 when it changed, else 0. */
    static int denseSet(byte[] b, int i, int count) {
        if (count > get(b, i)) {
            set(b, i, count);
            return 1;
        }
        return 0;
    }

    /** createHLLObject's bytes: the header (sparse, cache valid at 0) and one XZERO of 16384 registers. */
    static byte[] newSparse() {
        byte[] b = new byte[HDR_SIZE + 2];
        b[0] = 'H';
        b[1] = 'Y';
        b[2] = 'L';
        b[3] = 'L';
        b[ENCODING] = SPARSE;
        HllSparse.xzeroSet(b, HDR_SIZE, REGISTERS);
        return b;
    }

    /**
     * isHLLObjectOrReply's test on a string's bytes: at least a header, magic "HYLL", a known
     * encoding, and a dense one of exactly {@link #DENSE_SIZE} bytes.
     */
    static boolean valid(byte[] b, int len) {
        if (len < HDR_SIZE || b[0] != 'H' || b[1] != 'Y' || b[2] != 'L' || b[3] != 'L') {
            return false;
        }
        int enc = encoding(b);
        return enc <= MAX_ENCODING && (enc != DENSE || len == DENSE_SIZE);
    }
}
