package io.ringstore.engine.family.hyperloglog;

/**
 * The sparse representation (hyperloglog.c's sparse section): after the header, runs of
 * registers as opcodes.
 *
 * <pre>
 *   ZERO   00xxxxxx            1..64 registers at 0 (xxxxxx + 1)
 *   XZERO  01xxxxxx yyyyyyyy   1..16384 registers at 0 (14-bit x..y + 1)
 *   VAL    1vvvvvxx            1..4 registers (xx + 1) at 1..32 (vvvvv + 1)
 * </pre>
 *
 * <p>{@link #set} edits the opcodes in place as hllSparseSet does (split, then merge adjacent
 * VALs), and promotes to dense ({@link #toDense}) when a value passes 32 or the string would pass
 * hll-sparse-max-bytes. An XZERO opcode's second byte read at the very end of the string is the
 * sds terminator in Redis: zero here too. Stateless; the shard thread's {@link HllBuffer}.
 */
final class HllSparse {
    static final int XZERO_BIT = 0x40;
    static final int VAL_BIT = 0x80;
    static final int VAL_MAX_VALUE = 32;
    static final int VAL_MAX_LEN = 4;
    static final int ZERO_MAX_LEN = 64;

    private HllSparse() {
    }

    static boolean isZero(byte[] b, int p) {
        return (b[p] & 0xc0) == 0;
    }

    static boolean isXzero(byte[] b, int p) {
        return (b[p] & 0xc0) == XZERO_BIT;
    }

    static boolean isVal(byte[] b, int p) {
        return (b[p] & VAL_BIT) != 0;
    }

    static int zeroLen(byte[] b, int p) {
        return (b[p] & 0x3f) + 1;
    }

    static int xzeroLen(byte[] b, int p) {
        int second = p + 1 < b.length ? b[p + 1] & 0xff : 0;
        return (((b[p] & 0x3f) << 8) | second) + 1;
    }

    static int valValue(byte[] b, int p) {
        return ((b[p] >> 2) & 0x1f) + 1;
    }

    static int valLen(byte[] b, int p) {
        return (b[p] & 0x3) + 1;
    }

    static void valSet(byte[] b, int p, int val, int len) {
        b[p] = (byte) (((val - 1) << 2 | (len - 1)) | VAL_BIT);
    }

    static void zeroSet(byte[] b, int p, int len) {
        b[p] = (byte) (len - 1);
    }

    static void xzeroSet(byte[] b, int p, int len) {
        int l = len - 1;
        b[p] = (byte) ((l >> 8) | XZERO_BIT);
        b[p + 1] = (byte) (l & 0xff);
    }

    /**
     * hllSparseToDense: replaces the sparse value in {@code h} by its dense form (header copied,
     * so the cached cardinality stays; encoding dense). A dense value is left as it is. False,
     * with {@code h} unchanged, when the opcodes do not cover exactly 16384 registers or a VAL run
     * passes the last one.
     */
    static boolean toDense(HllBuffer h) {
        byte[] s = h.b;
        if (HllLayout.encoding(s) == HllLayout.DENSE) {
            return true;
        }
        byte[] dense = new byte[HllLayout.DENSE_SIZE];
        System.arraycopy(s, 0, dense, 0, HllLayout.HDR_SIZE);
        dense[HllLayout.ENCODING] = HllLayout.DENSE;
        int idx = 0;
        int p = HllLayout.HDR_SIZE;
        int end = h.len;
        while (p < end) {
            if (isZero(s, p)) {
                idx += zeroLen(s, p);
                p++;
            } else if (isXzero(s, p)) {
                idx += xzeroLen(s, p);
                p += 2;
            } else {
                int runlen = valLen(s, p);
                int regval = valValue(s, p);
                if (runlen + idx > HllLayout.REGISTERS) {
                    return false; // overflow (7.0.15 fails here even when the runs before add up)
                }
                while (runlen-- > 0) {
                    HllLayout.set(dense, idx, regval);
                    idx++;
                }
                p++;
            }
        }
        if (idx != HllLayout.REGISTERS) {
            return false;
        }
        h.wrap(dense);
        return true;
    }

    /**
     * hllSparseSet: raises register {@code index} to {@code count}. Returns 1 when it changed
     * (cache invalidated), 0 when it already held as much, -1 when the value is corrupt. May
     * promote the value to dense (count above 32, or the edited string longer than
     * {@code maxBytes}).
     */
    static int set(HllBuffer h, int index, int count, long maxBytes) {
        if (count > VAL_MAX_VALUE) {
            return promote(h, index, count);
        }
        h.makeRoomFor(3); // worst case: XZERO split into XZERO-VAL-XZERO
        byte[] b = h.b;
        int sparse = HllLayout.HDR_SIZE;
        int p = sparse;
        int end = h.len;
        // Step 1: find the opcode covering index.
        long first = 0;
        long span = 0;
        int prev = -1;
        while (p < end) {
            int oplen = 1;
            if (isZero(b, p)) {
                span = zeroLen(b, p);
            } else if (isVal(b, p)) {
                span = valLen(b, p);
            } else {
                span = xzeroLen(b, p);
                oplen = 2;
            }
            if (index <= first + span - 1) {
                break;
            }
            prev = p;
            p += oplen;
            first += span;
        }
        if (span == 0 || p >= end) {
            return -1;
        }
        int next = isXzero(b, p) ? p + 2 : p + 1;
        if (next >= end) {
            next = -1;
        }
        boolean isZero = false;
        boolean isXzero = false;
        boolean isVal = false;
        long runlen;
        if (isZero(b, p)) {
            isZero = true;
            runlen = zeroLen(b, p);
        } else if (isXzero(b, p)) {
            isXzero = true;
            runlen = xzeroLen(b, p);
        } else {
            isVal = true;
            runlen = valLen(b, p);
        }
        // Step 2: the trivial cases A, B, C, else the split into a sequence of up to 5 bytes.
        if (isVal) {
            int oldcount = valValue(b, p);
            if (oldcount >= count) {
                return 0;
            }
            if (runlen == 1) {
                valSet(b, p, count, 1);
                return updated(h, prev, end);
            }
        }
        if (isZero && runlen == 1) {
            valSet(b, p, count, 1);
            return updated(h, prev, end);
        }
        byte[] seq = h.seq;
        int n = 0;
        int last = (int) (first + span - 1);
        int len;
        if (isZero || isXzero) {
            if (index != first) {
                len = (int) (index - first);
                if (len > ZERO_MAX_LEN) {
                    xzeroSet(seq, n, len);
                    n += 2;
                } else {
                    zeroSet(seq, n, len);
                    n++;
                }
            }
            valSet(seq, n, count, 1);
            n++;
            if (index != last) {
                len = last - index;
                if (len > ZERO_MAX_LEN) {
                    xzeroSet(seq, n, len);
                    n += 2;
                } else {
                    zeroSet(seq, n, len);
                    n++;
                }
            }
        } else {
            int curval = valValue(b, p);
            if (index != first) {
                len = (int) (index - first);
                valSet(seq, n, curval, len);
                n++;
            }
            valSet(seq, n, count, 1);
            n++;
            if (index != last) {
                len = last - index;
                valSet(seq, n, curval, len);
                n++;
            }
        }
        // Step 3: put the sequence in place of the opcode, moving the rest.
        int seqlen = n;
        int oldlen = isXzero ? 2 : 1;
        int deltalen = seqlen - oldlen;
        if (deltalen > 0 && (long) h.len + deltalen > maxBytes) {
            return promote(h, index, count);
        }
        if (deltalen != 0 && next >= 0) {
            System.arraycopy(b, next, b, next + deltalen, end - next);
        }
        h.len += deltalen;
        if (deltalen < 0) {
            java.util.Arrays.fill(b, h.len, end, (byte) 0); // keep the spare zero (sds leaves it stale)
        }
        System.arraycopy(seq, 0, b, p, seqlen);
        end += deltalen;
        return updated(h, prev, end);
    }

    /**
     * Step 4 of hllSparseSet: merges adjacent VAL opcodes of the same value (up to 5 opcodes
     * from {@code prev}), invalidates the cache, returns 1.
     */
    private static int updated(HllBuffer h, int prev, int end) {
        byte[] b = h.b;
        int p = prev >= 0 ? prev : HllLayout.HDR_SIZE;
        int scanlen = 5;
        while (p < end && scanlen-- != 0) {
            if (isXzero(b, p)) {
                p += 2;
                continue;
            } else if (isZero(b, p)) {
                p++;
                continue;
            }
            if (p + 1 < end && isVal(b, p + 1)) {
                int v1 = valValue(b, p);
                int v2 = valValue(b, p + 1);
                if (v1 == v2) {
                    int len = valLen(b, p) + valLen(b, p + 1);
                    if (len <= VAL_MAX_LEN) {
                        valSet(b, p + 1, v1, len);
                        System.arraycopy(b, p + 1, b, p, end - p - 1);
                        end--;
                        b[end] = 0;
                        h.len--;
                        continue; // try to merge the merged value with the one on its right
                    }
                }
            }
            p++;
        }
        HllLayout.invalidateCache(b);
        return 1;
    }

    /** The promote label of hllSparseSet: to dense, then hllDenseSet (which must change it). */
    private static int promote(HllBuffer h, int index, int count) {
        if (!toDense(h)) {
            return -1;
        }
        return HllLayout.denseSet(h.b, index, count);
    }

    /** PFDEBUG DECODE's text: "z:len", "Z:len" and "v:value,len" separated by spaces. */
    static String decode(byte[] b, int len) {
        StringBuilder s = new StringBuilder();
        int p = HllLayout.HDR_SIZE;
        while (p < len) {
            if (s.length() > 0) {
                s.append(' ');
            }
            if (isZero(b, p)) {
                s.append("z:").append(zeroLen(b, p));
                p++;
            } else if (isXzero(b, p)) {
                s.append("Z:").append(xzeroLen(b, p));
                p += 2;
            } else {
                s.append("v:").append(valValue(b, p)).append(',').append(valLen(b, p));
                p++;
            }
        }
        return s.toString();
    }
}
