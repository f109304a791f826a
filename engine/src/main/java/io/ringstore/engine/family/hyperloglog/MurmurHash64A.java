package io.ringstore.engine.family.hyperloglog;

/**
 * Redis's MurmurHash64A (MurmurHash2, 64-bit, endian neutral: 8-byte blocks read little-endian),
 * and hllPatLen on top of it. Stateless; any thread.
 */
final class MurmurHash64A {
    /** The seed hllPatLen passes. */
    static final long SEED = 0xadc83b19L;
    private static final long M = 0xc6a4a7935bd1e995L;
    private static final int R = 47;

    private MurmurHash64A() {
    }

    static long hash(byte[] data, int off, int len, long seed) {
        long h = seed ^ (len * M);
        int end = off + (len - (len & 7));
        int p = off;
        while (p != end) {
            long k = (data[p] & 0xffL) | (data[p + 1] & 0xffL) << 8 | (data[p + 2] & 0xffL) << 16
                    | (data[p + 3] & 0xffL) << 24 | (data[p + 4] & 0xffL) << 32 | (data[p + 5] & 0xffL) << 40
                    | (data[p + 6] & 0xffL) << 48 | (data[p + 7] & 0xffL) << 56;
            k *= M;
            k ^= k >>> R;
            k *= M;
            h ^= k;
            h *= M;
            p += 8;
        }
        switch (len & 7) {
            case 7: h ^= (data[p + 6] & 0xffL) << 48; // fall through
            case 6: h ^= (data[p + 5] & 0xffL) << 40; // fall through
            case 5: h ^= (data[p + 4] & 0xffL) << 32; // fall through
            case 4: h ^= (data[p + 3] & 0xffL) << 24; // fall through
            case 3: h ^= (data[p + 2] & 0xffL) << 16; // fall through
            case 2: h ^= (data[p + 1] & 0xffL) << 8; // fall through
            case 1:
                h ^= data[p] & 0xffL;
                h *= M;
                break;
            default:
                break;
        }
        h ^= h >>> R;
        h *= M;
        h ^= h >>> R;
        return h;
    }

    /**
     * hllPatLen: the element's register index (the hash's low 14 bits) in the low 32 bits and the
     * length of its "000..1" pattern (1..51, counted from bit 14) in the high 32 bits.
     */
    static long patLen(byte[] ele, int off, int len) {
        long hash = hash(ele, off, len, SEED);
        int index = (int) (hash & HllLayout.P_MASK);
        hash >>>= HllLayout.P;
        hash |= 1L << HllLayout.Q; // the loop in Redis stops here at the latest: count <= Q + 1
        int count = Long.numberOfTrailingZeros(hash) + 1;
        return (long) count << 32 | index;
    }

    static int index(long pat) {
        return (int) pat;
    }

    static int count(long pat) {
        return (int) (pat >>> 32);
    }
}
