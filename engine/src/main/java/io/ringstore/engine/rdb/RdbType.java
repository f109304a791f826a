package io.ringstore.engine.rdb;

/**
 * RDB object type bytes (rdb.h, Redis 7.0: RDB_VERSION 10) that DUMP payloads and RDB files carry
 * before each object. Redis 7.0 writes STRING, LIST_QUICKLIST_2, SET, SET_INTSET, ZSET_2,
 * ZSET_LISTPACK, HASH, HASH_LISTPACK and STREAM_LISTPACKS_2; the others are older encodings it
 * still reads. 7.2's SET_LISTPACK (20) and STREAM_LISTPACKS_3 (21) do not exist in version 10.
 */
public final class RdbType {
    /** The RDB version written by Redis 7.0, and the highest it reads. */
    public static final int VERSION = 10;

    public static final int STRING = 0;
    public static final int LIST = 1;
    public static final int SET = 2;
    public static final int ZSET = 3;
    public static final int HASH = 4;
    public static final int ZSET_2 = 5;
    public static final int HASH_ZIPMAP = 9;
    public static final int LIST_ZIPLIST = 10;
    public static final int SET_INTSET = 11;
    public static final int ZSET_ZIPLIST = 12;
    public static final int HASH_ZIPLIST = 13;
    public static final int LIST_QUICKLIST = 14;
    public static final int STREAM_LISTPACKS = 15;
    public static final int HASH_LISTPACK = 16;
    public static final int ZSET_LISTPACK = 17;
    public static final int LIST_QUICKLIST_2 = 18;
    public static final int STREAM_LISTPACKS_2 = 19;

    /** quicklist node containers (QUICKLIST_NODE_CONTAINER_PLAIN / _PACKED). */
    public static final int CONTAINER_PLAIN = 1;
    public static final int CONTAINER_PACKED = 2;

    private RdbType() {
    }

    /** Whether Redis 7.0's rdbIsObjectType accepts {@code t}. */
    public static boolean isObjectType(int t) {
        return (t >= STRING && t <= ZSET_2) || (t >= HASH_ZIPMAP && t <= STREAM_LISTPACKS_2);
    }
}
