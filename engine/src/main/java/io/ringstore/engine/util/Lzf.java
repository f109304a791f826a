package io.ringstore.engine.util;

/**
 * LZF (liblzf 3.6 as Redis 7.0 builds it: HLOG 16, VERY_FAST, CHECK_INPUT), the compression of
 * RDB strings longer than 20 bytes in DUMP and FUNCTION DUMP payloads and RDB files. The stream is
 * a sequence of
 * <pre>
 *   000LLLLL  &lt;L+1 literal bytes&gt;
 *   LLLooooo oooooooo              back reference of L+2 bytes, offset o+1 behind
 *   111ooooo LLLLLLLL oooooooo     back reference of L+9 bytes
 * </pre>
 * {@link #compress} makes lzf_compress's choices (hash, match rules, the table updates after a
 * match) from an empty hash table. Redis never clears its table (a stack array of offsets), so an
 * entry left by an earlier compression may give it a different, equally valid match: its bytes
 * equal ours when nothing stale matched, and either side reads the other's. {@link #decompress}
 * follows lzf_decompress, refusing exactly what it refuses. Stateless apart from the caller's
 * table; any thread.
 */
public final class Lzf {
    private static final int HLOG = 16;
    private static final int HSIZE = 1 << HLOG;
    private static final int MAX_LIT = 1 << 5;
    private static final int MAX_OFF = 1 << 13;
    private static final int MAX_REF = (1 << 8) + (1 << 3);

    private Lzf() {
    }

    /** A hash table for {@link #compress}: 256 KB, reusable by one thread at a time. */
    public static int[] newTable() {
        return new int[HSIZE];
    }

    private static int first(byte[] b, int p) {
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }

    private static int next(int v, byte[] b, int p) {
        return (v << 8) | (b[p + 2] & 0xFF);
    }

    /** IDX of lzfP's VERY_FAST mode; the 24 bits of hval held in an unsigned int. */
    private static int idx(int h) {
        return ((h >>> (3 * 8 - HLOG)) - h * 5) & (HSIZE - 1);
    }

    /**
     * Compresses {@code in[inOff .. inOff+inLen)} into {@code out[outOff ..)} using at most
     * {@code outLen} bytes; returns the compressed length, or 0 when it does not fit (Redis then
     * stores the string as it is). {@code table} is filled here (see {@link #newTable}).
     */
    public static int compress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen, int[] table) {
        java.util.Arrays.fill(table, 0);
        return compressOver(in, inOff, inLen, out, outOff, outLen, table);
    }

    /**
     * {@link #compress} without clearing {@code table} first: entries left by the previous calls
     * (input offsets, relative to {@code inOff}) stay candidates, as they do in Redis, whose table
     * is an uninitialised stack array that consecutive compressions of one DUMP reuse. A stale
     * entry is only taken after its three bytes compare equal, so the output is valid either way.
     */
    public static int compressOver(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen, int[] table) {
        if (inLen == 0 || outLen == 0) {
            return 0;
        }
        // table entries are input positions + 1; 0 means "no entry" (Redis: whatever the stack held)
        int ip = inOff;
        final int inEnd = inOff + inLen;
        int op = outOff;
        final int outEnd = outOff + outLen;
        int lit = 0;
        op++; // start run
        int hval = inLen >= 2 ? first(in, ip) : 0;
        while (ip < inEnd - 2) {
            hval = next(hval, in, ip);
            int slot = idx(hval);
            int ref = table[slot] - 1;
            table[slot] = ip + 1;
            int off;
            if (ref >= 0 && ref < ip && (off = ip - ref - 1) < MAX_OFF && ref > inOff
                    && in[ref] == in[ip] && in[ref + 1] == in[ip + 1] && in[ref + 2] == in[ip + 2]) {
                int len = 2;
                int maxlen = inEnd - ip - len;
                maxlen = Math.min(maxlen, MAX_REF);
                out[op - lit - 1] = (byte) (lit - 1); // stop run
                if (lit == 0) {
                    op--; // undo run if length is zero
                }
                if (op + 3 + 1 >= outEnd) {
                    return 0;
                }
                boolean mismatch = false;
                if (maxlen > 16) { // lzf_compress's unrolled sixteen steps: may run past maxlen
                    for (int k = 0; k < 16 && !mismatch; k++) {
                        len++;
                        mismatch = in[ref + len] != in[ip + len];
                    }
                }
                if (!mismatch) {
                    do {
                        len++;
                    } while (len < maxlen && in[ref + len] == in[ip + len]);
                }
                len -= 2; // len is now #octets - 1
                ip++;
                if (len < 7) {
                    out[op++] = (byte) ((off >>> 8) + (len << 5));
                } else {
                    out[op++] = (byte) ((off >>> 8) + (7 << 5));
                    out[op++] = (byte) (len - 7);
                }
                out[op++] = (byte) off;
                lit = 0;
                op++; // start run
                ip += len + 1;
                if (ip >= inEnd - 2) {
                    break;
                }
                ip -= 2; // VERY_FAST: hash the two positions before the new ip
                hval = first(in, ip);
                hval = next(hval, in, ip);
                table[idx(hval)] = ip + 1;
                ip++;
                hval = next(hval, in, ip);
                table[idx(hval)] = ip + 1;
                ip++;
            } else {
                if (op >= outEnd) {
                    return 0;
                }
                lit++;
                out[op++] = in[ip++];
                if (lit == MAX_LIT) {
                    out[op - lit - 1] = (byte) (lit - 1); // stop run
                    lit = 0;
                    op++; // start run
                }
            }
        }
        if (op + 3 > outEnd) { // at most 3 bytes can be missing here
            return 0;
        }
        while (ip < inEnd) {
            lit++;
            out[op++] = in[ip++];
            if (lit == MAX_LIT) {
                out[op - lit - 1] = (byte) (lit - 1);
                lit = 0;
                op++;
            }
        }
        out[op - lit - 1] = (byte) (lit - 1); // end run
        if (lit == 0) {
            op--;
        }
        return op - outOff;
    }

    /**
     * Decompresses {@code in[inOff .. inOff+inLen)} into {@code out[outOff .. outOff+outLen)};
     * returns the decompressed length, or 0 on damaged input or when the output does not fit
     * (lzf_decompress's E2BIG/EINVAL).
     */
    public static int decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen) {
        int ip = inOff;
        final int inEnd = inOff + inLen;
        int op = outOff;
        final int outEnd = outOff + outLen;
        if (inLen == 0) {
            return 0;
        }
        do {
            int ctrl = in[ip++] & 0xFF;
            if (ctrl < (1 << 5)) { // literal run
                ctrl++;
                if (op + ctrl > outEnd || ip + ctrl > inEnd) {
                    return 0;
                }
                System.arraycopy(in, ip, out, op, ctrl);
                op += ctrl;
                ip += ctrl;
            } else { // back reference
                int len = ctrl >>> 5;
                int ref = op - ((ctrl & 0x1f) << 8) - 1;
                if (ip >= inEnd) {
                    return 0;
                }
                if (len == 7) {
                    len += in[ip++] & 0xFF;
                    if (ip >= inEnd) {
                        return 0;
                    }
                }
                ref -= in[ip++] & 0xFF;
                if (op + len + 2 > outEnd || ref < outOff) {
                    return 0;
                }
                for (int i = 0; i < len + 2; i++) { // may overlap: byte by byte
                    out[op++] = out[ref++];
                }
            }
        } while (ip < inEnd);
        return op - outOff;
    }
}
