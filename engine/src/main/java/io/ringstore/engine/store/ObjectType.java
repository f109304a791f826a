package io.ringstore.engine.store;

/**
 * Value types and encodings, numbered as Redis numbers them (OBJ_STRING..., OBJ_ENCODING_...), and
 * the meta word layout stored per key: type (4 bits) | encoding (4 bits) | LRU clock (24 bits).
 */
public final class ObjectType {
    public static final int STRING = 0;
    public static final int LIST = 1;
    public static final int SET = 2;
    public static final int ZSET = 3;
    public static final int HASH = 4;
    public static final int STREAM = 6;

    public static final int ENC_RAW = 0;
    public static final int ENC_INT = 1;
    public static final int ENC_HT = 2;
    public static final int ENC_INTSET = 6;
    public static final int ENC_SKIPLIST = 7;
    public static final int ENC_EMBSTR = 8;
    public static final int ENC_QUICKLIST = 9;
    public static final int ENC_STREAM = 10;
    public static final int ENC_LISTPACK = 11;

    /** Strings up to this length are "embstr" (OBJ_ENCODING_EMBSTR_SIZE_LIMIT). */
    public static final int EMBSTR_LIMIT = 44;
    public static final int LRU_BITS = 24;
    public static final int LRU_MASK = (1 << LRU_BITS) - 1;

    private ObjectType() {
    }

    public static int meta(int type, int encoding, int lru) {
        return (type << 28) | (encoding << 24) | (lru & LRU_MASK);
    }

    public static int type(int meta) {
        return meta >>> 28;
    }

    public static int encoding(int meta) {
        return (meta >>> 24) & 0xF;
    }

    public static int lru(int meta) {
        return meta & LRU_MASK;
    }

    public static int withLru(int meta, int lru) {
        return (meta & ~LRU_MASK) | (lru & LRU_MASK);
    }

    public static int withEncoding(int meta, int encoding) {
        return (meta & ~(0xF << 24)) | (encoding << 24);
    }

    public static String typeName(int type) {
        switch (type) {
            case STRING: return "string";
            case LIST: return "list";
            case SET: return "set";
            case ZSET: return "zset";
            case HASH: return "hash";
            case STREAM: return "stream";
            default: return "none";
        }
    }

    public static String encodingName(int enc) {
        switch (enc) {
            case ENC_RAW: return "raw";
            case ENC_INT: return "int";
            case ENC_HT: return "hashtable";
            case ENC_INTSET: return "intset";
            case ENC_SKIPLIST: return "skiplist";
            case ENC_EMBSTR: return "embstr";
            case ENC_QUICKLIST: return "quicklist";
            case ENC_STREAM: return "stream";
            case ENC_LISTPACK: return "listpack";
            default: return "unknown";
        }
    }

    /** LRU clock in seconds, 24 bits, as Redis's LRU_CLOCK() with LRU_CLOCK_RESOLUTION 1000 ms. */
    public static int lruClock(long nowMs) {
        return (int) ((nowMs / 1000) & LRU_MASK);
    }

    /** Seconds since the LRU stamp, wrapping as Redis's estimateObjectIdleTime. */
    public static long idleSeconds(int lru, long nowMs) {
        int clock = lruClock(nowMs);
        return clock >= lru ? clock - lru : (LRU_MASK - lru) + clock;
    }
}
