package io.ringstore.engine.rdb;

import io.ringstore.engine.util.Numbers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the ziplists of Redis 6.2 and earlier (ziplist.c), which DUMP payloads of types 10-14
 * hold; Redis 7.0 converts them to listpacks on load and never writes them.
 * <pre>
 *   | zlbytes u32 LE | zltail u32 LE | zllen u16 LE | entry ... | 0xFF |
 *   entry: | prevlen: 1 byte (&lt; 254) or FE + u32 LE | encoding | data |
 *   00LLLLLL str   01LLLLLL LLLLLLLL str (BE)   80 + u32 BE str
 *   C0 int16  D0 int32  E0 int64  F0 int24  FE int8 (LE)   F1..FD: the value 0..12
 * </pre>
 * Stateless.
 */
public final class Ziplist {
    private Ziplist() {
    }

    /** The elements in order, integers as their decimal text; throws on any damage. */
    public static List<byte[]> elements(byte[] zl) throws RdbFormatException {
        if (zl.length < 11 || le(zl, 0, 4) != zl.length || (zl[zl.length - 1] & 0xFF) != 0xFF) {
            throw new RdbFormatException("ziplist header or end byte damaged");
        }
        int declared = (int) le(zl, 8, 2);
        int end = zl.length - 1;
        int p = 10;
        List<byte[]> out = new ArrayList<>();
        while (p < end) {
            p += (zl[p] & 0xFF) < 254 ? 1 : 5;
            check(p < end);
            int b = zl[p] & 0xFF;
            switch (b >>> 6) {
                case 0: {
                    int len = b & 0x3F;
                    p = string(zl, p + 1, len, out);
                    continue;
                }
                case 1: {
                    check(p + 1 < end);
                    int len = ((b & 0x3F) << 8) | (zl[p + 1] & 0xFF);
                    p = string(zl, p + 2, len, out);
                    continue;
                }
                case 2: {
                    check(b == 0x80 && p + 5 <= end);
                    long len = (zl[p + 1] & 0xFFL) << 24 | (zl[p + 2] & 0xFF) << 16 | (zl[p + 3] & 0xFF) << 8 | (zl[p + 4] & 0xFF);
                    check(len <= end);
                    p = string(zl, p + 5, (int) len, out);
                    continue;
                }
                default:
                    break;
            }
            int n;
            switch (b) {
                case 0xC0: n = 2; break;
                case 0xD0: n = 4; break;
                case 0xE0: n = 8; break;
                case 0xF0: n = 3; break;
                case 0xFE: n = 1; break;
                default:
                    check(b >= 0xF1 && b <= 0xFD);
                    out.add(Numbers.toBytes((b & 0x0F) - 1));
                    p++;
                    continue;
            }
            check(p + 1 + n <= end);
            long v = le(zl, p + 1, n);
            v = v << (64 - 8 * n) >> (64 - 8 * n);
            out.add(Numbers.toBytes(v));
            p += 1 + n;
        }
        check(p == end && (declared == 65535 || declared == out.size()));
        return out;
    }

    private static int string(byte[] zl, int at, int len, List<byte[]> out) throws RdbFormatException {
        check((long) at + len <= zl.length - 1);
        out.add(Arrays.copyOfRange(zl, at, at + len));
        return at + len;
    }

    private static void check(boolean ok) throws RdbFormatException {
        if (!ok) {
            throw new RdbFormatException("ziplist entry damaged");
        }
    }

    static long le(byte[] b, int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }
}
