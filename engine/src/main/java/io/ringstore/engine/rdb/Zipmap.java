package io.ringstore.engine.rdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the zipmaps of RDB files from Redis 2.x (zipmap.c; HASH_ZIPMAP), which Redis 7.0 still
 * converts on load:
 * <pre>
 *   | zmlen u8 | len key | len free value free-bytes | ... | 0xFF |
 *   len: 1 byte (&lt; 254) or FE + u32 little-endian
 * </pre>
 * Stateless.
 */
final class Zipmap {
    private Zipmap() {
    }

    static List<byte[]> elements(byte[] zm) throws RdbFormatException {
        List<byte[]> out = new ArrayList<>();
        int p = 1;
        int end = zm.length - 1;
        if (zm.length < 2 || (zm[end] & 0xFF) != 0xFF) {
            throw new RdbFormatException("zipmap damaged");
        }
        while (p < end) {
            int[] at = {p};
            int klen = len(zm, at, end);
            check(at[0] + klen <= end);
            out.add(Arrays.copyOfRange(zm, at[0], at[0] + klen));
            at[0] += klen;
            int vlen = len(zm, at, end);
            check(at[0] < end);
            int free = zm[at[0]++] & 0xFF;
            check((long) at[0] + vlen + free <= end);
            out.add(Arrays.copyOfRange(zm, at[0], at[0] + vlen));
            p = at[0] + vlen + free;
        }
        check(p == end);
        return out;
    }

    private static int len(byte[] zm, int[] at, int end) throws RdbFormatException {
        check(at[0] < end);
        int b = zm[at[0]] & 0xFF;
        check(b != 0xFF);
        if (b < 254) {
            at[0]++;
            return b;
        }
        check(at[0] + 5 <= end);
        long v = Ziplist.le(zm, at[0] + 1, 4);
        check(v <= end);
        at[0] += 5;
        return (int) v;
    }

    private static void check(boolean ok) throws RdbFormatException {
        if (!ok) {
            throw new RdbFormatException("zipmap damaged");
        }
    }
}
