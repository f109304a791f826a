package io.ringstore.engine.store;

/**
 * Stream ids as two unsigned 64-bit longs (ms, seq), never as objects: comparison, parsing from
 * argument bytes with Redis's rules (streamGenericParseIDOrReply: string2ull per part, "-" and "+",
 * "ms-*"), and formatting into a caller's scratch array. Stateless; used by the shard threads.
 */
public final class StreamId {
    /** The largest id part, 2^64 - 1, as Redis's UINT64_MAX. */
    public static final long MAX = -1L;
    /** Longest formatted id: 20 digits, '-', 20 digits. */
    public static final int MAX_TEXT = 41;

    /** Parse result: the sequence was given (not "ms-*" nor a bare ms where the caller allows it). */
    public static final int SEQ_GIVEN = 1;
    /** Parse result: "ms-*", the sequence is to be generated. */
    public static final int SEQ_AUTO = 2;
    /** Parse result: not a valid id. */
    public static final int INVALID = 0;

    private StreamId() {
    }

    /** Compares two ids as unsigned 128-bit numbers. */
    public static int compare(long ams, long aseq, long bms, long bseq) {
        int c = Long.compareUnsigned(ams, bms);
        return c != 0 ? c : Long.compareUnsigned(aseq, bseq);
    }

    /**
     * Parses an id from {@code b[off, off+len)} into {@code out[0]} (ms) and {@code out[1]} (seq).
     * {@code strict} rejects the bare "-" and "+"; {@code allowAutoSeq} accepts "ms-*" (XADD only);
     * a missing sequence becomes {@code missingSeq}. Returns INVALID, SEQ_GIVEN or SEQ_AUTO. Like
     * Redis, the text is read as a C string (up to a NUL) and may be at most 127 bytes.
     */
    public static int parse(byte[] b, int off, int len, long missingSeq, boolean strict, boolean allowAutoSeq,
                            long[] out) {
        if (len > 127) {
            return INVALID;
        }
        for (int i = 0; i < len; i++) {
            if (b[off + i] == 0) {
                len = i;
                break;
            }
        }
        if (len == 1 && (b[off] == '-' || b[off] == '+')) {
            if (strict) {
                return INVALID;
            }
            long v = b[off] == '-' ? 0 : MAX;
            out[0] = v;
            out[1] = v;
            return SEQ_GIVEN;
        }
        int dash = -1;
        for (int i = 0; i < len; i++) {
            if (b[off + i] == '-') {
                dash = i;
                break;
            }
        }
        int msLen = dash < 0 ? len : dash;
        if (!parseUnsigned(b, off, msLen, out, 0)) {
            return INVALID;
        }
        if (dash < 0) {
            out[1] = missingSeq;
            return SEQ_GIVEN;
        }
        int seqOff = off + dash + 1;
        int seqLen = len - dash - 1;
        if (allowAutoSeq && seqLen == 1 && b[seqOff] == '*') {
            out[1] = 0;
            return SEQ_AUTO;
        }
        return parseUnsigned(b, seqOff, seqLen, out, 1) ? SEQ_GIVEN : INVALID;
    }

    /**
     * Redis's string2ull: a canonical signed integer (string2ll) that is not negative, else what
     * strtoull accepts whole (leading spaces, a sign, leading zeros; "-n" wraps), without overflow.
     */
    static boolean parseUnsigned(byte[] b, int off, int len, long[] out, int at) {
        if (len == 0) {
            return false;
        }
        int i = off;
        int end = off + len;
        while (i < end && isSpace(b[i])) {
            i++;
        }
        boolean negative = false;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        if (i == end) {
            return false;
        }
        long v = 0;
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            // overflow of unsigned 64-bit: v * 10 + d > 2^64 - 1
            if (Long.compareUnsigned(v, 1844674407370955161L) > 0
                    || (v == 1844674407370955161L && d > 5)) {
                return false;
            }
            v = v * 10 + d;
        }
        if (negative) {
            // string2ll accepts "-n" for canonical n and string2ull then rejects it; strtoull wraps the
            // others ("-01", "-0", " -1").
            if (b[off] == '-' && b[off + 1] != '0' && Long.compareUnsigned(v, Long.MIN_VALUE) <= 0) {
                return false;
            }
            v = -v;
        }
        out[at] = v;
        return true;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** Writes "ms-seq" into {@code out} from 0 and returns the length. */
    public static int format(long ms, long seq, byte[] out) {
        int n = writeUnsigned(ms, out, 0);
        out[n++] = '-';
        return writeUnsigned(seq, out, n);
    }

    private static int writeUnsigned(long v, byte[] out, int at) {
        int digits = 1;
        long t = v;
        while (Long.compareUnsigned(t, 10) >= 0) {
            t = Long.divideUnsigned(t, 10);
            digits++;
        }
        int end = at + digits;
        int i = end;
        do {
            out[--i] = (byte) ('0' + Long.remainderUnsigned(v, 10));
            v = Long.divideUnsigned(v, 10);
        } while (v != 0);
        return end;
    }
}
