package io.ringstore.engine.family.shared;

/**
 * The SCAN cursor of a sharded keyspace: one unsigned 64-bit number naming both the shard being
 * walked and that shard's Dict cursor, {@code cursor = dictCursor * shards + shard}. Cursor 0 starts
 * at shard 0's first bucket and a reply of 0 means every shard is done; with one shard the cursor is
 * exactly Redis's. Dict cursors stay below the table capacity, so the product never overflows.
 * Stateless; any thread.
 */
public final class ScanCursor {
    private ScanCursor() {
    }

    /**
     * Parses a cursor as Redis's parseScanCursorOrReply does (strtoul, base 10): no leading space,
     * an optional sign ("-1" wraps to 2^64-1), digits up to 2^64-1, and nothing after them up to the
     * first NUL byte; the empty string is cursor 0. Returns false when invalid.
     */
    public static boolean parse(byte[] b, int off, int len, long[] out) {
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (b[i] == 0) {
                end = i; // C sees the string end at the first NUL
                break;
            }
        }
        if (end == off) {
            out[0] = 0;
            return true;
        }
        int i = off;
        if (isSpace(b[i])) {
            return false;
        }
        boolean negative = false;
        if (b[i] == '+' || b[i] == '-') {
            negative = b[i] == '-';
            i++;
        }
        if (i == end) {
            return false; // a lone sign: strtoul parsed nothing, the end pointer is at the sign
        }
        long v = 0;
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            // v * 10 + d must stay within 2^64 - 1, compared unsigned
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0) {
                return false;
            }
            long next = v * 10 + d;
            if (Long.compareUnsigned(next, v * 10) < 0) {
                return false;
            }
            v = next;
        }
        out[0] = negative ? -v : v;
        return true;
    }

    public static int shard(long cursor, int shards) {
        return (int) Long.remainderUnsigned(cursor, shards);
    }

    public static long dictCursor(long cursor, int shards) {
        return Long.divideUnsigned(cursor, shards);
    }

    public static long encode(long dictCursor, int shard, int shards) {
        return dictCursor * shards + shard;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }
}
