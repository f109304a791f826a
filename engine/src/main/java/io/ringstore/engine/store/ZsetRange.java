package io.ringstore.engine.store;

import io.ringstore.engine.util.Strtod;

import java.util.Arrays;

/**
 * A score range (Redis's zrangespec: "(" makes a bound exclusive) or a lex range (zlexrangespec:
 * "[" inclusive, "(" exclusive, "-" and "+" the ends), parsed exactly as zslParseRange and
 * zslParseLexRange do. Lex bounds point into the command's argument buffer, so a range lives only
 * while its command runs. One instance per shard thread, reused per call.
 */
public final class ZsetRange implements ZsetSkiplist.NodeTest {
    static final int VALUE = 0;
    static final int MIN_STRING = -1;
    static final int MAX_STRING = 1;
    /** {@link #test} modes: a node is before the range's start / within the range's end. */
    static final int BELOW_MIN = 0;
    static final int WITHIN_MAX = 1;

    public boolean lex;
    public double min;
    public double max;
    public boolean minex;
    public boolean maxex;
    private byte[] buf;
    private int minOff;
    private int minLen;
    private int maxOff;
    private int maxLen;
    private int minKind;
    private int maxKind;
    int mode;

    /** zslParseRange over two arguments; false when either is not a float (or is NaN). */
    public boolean parseScore(Strtod p, byte[] b, int minOff, int minLen, int maxOff, int maxLen) {
        lex = false;
        if (minLen > 0 && b[minOff] == '(') {
            minex = true;
            minOff++;
            minLen--;
        } else {
            minex = false;
        }
        if (!bound(p, b, minOff, minLen)) {
            return false;
        }
        min = p.value;
        if (maxLen > 0 && b[maxOff] == '(') {
            maxex = true;
            maxOff++;
            maxLen--;
        } else {
            maxex = false;
        }
        if (!bound(p, b, maxOff, maxLen)) {
            return false;
        }
        max = p.value;
        return true;
    }

    /** strtod with only "read to the end (or to a NUL)" and "not NaN" checked, as zslParseRange. */
    private static boolean bound(Strtod p, byte[] b, int off, int len) {
        int stop = p.parse(b, off, len);
        return (stop == off + len || b[stop] == 0) && !Double.isNaN(p.value);
    }

    /** zslParseLexRange over two arguments; false when either is not a valid lex bound. */
    public boolean parseLex(byte[] b, int minOff, int minLen, int maxOff, int maxLen) {
        lex = true;
        buf = b;
        int k = kind(b, minOff, minLen);
        if (k == Integer.MIN_VALUE) {
            return false;
        }
        minKind = k;
        minex = k != VALUE || b[minOff] == '(';
        this.minOff = minOff + 1;
        this.minLen = minLen - 1;
        k = kind(b, maxOff, maxLen);
        if (k == Integer.MIN_VALUE) {
            return false;
        }
        maxKind = k;
        maxex = k != VALUE || b[maxOff] == '(';
        this.maxOff = maxOff + 1;
        this.maxLen = maxLen - 1;
        return true;
    }

    private static int kind(byte[] b, int off, int len) {
        if (len == 0) {
            return Integer.MIN_VALUE;
        }
        switch (b[off]) {
            case '+':
                return len == 1 || b[off + 1] == 0 ? MAX_STRING : Integer.MIN_VALUE;
            case '-':
                return len == 1 || b[off + 1] == 0 ? MIN_STRING : Integer.MIN_VALUE;
            case '(':
            case '[':
                return VALUE;
            default:
                return Integer.MIN_VALUE;
        }
    }

    /** sdscmplex(member, bound), the member being {@code m[mOff..mOff+mLen)}. */
    private int cmp(byte[] m, int mOff, int mLen, int kind, int off, int len) {
        if (kind == MAX_STRING) {
            return -1;
        }
        if (kind == MIN_STRING) {
            return 1;
        }
        return Arrays.compareUnsigned(m, mOff, mOff + mLen, buf, off, off + len);
    }

    /** Whether a member (bytes at m[off..off+len), only read by a lex range) is past the start. */
    public boolean gteMin(byte[] m, int off, int len, double s) {
        if (lex) {
            int c = cmp(m, off, len, minKind, minOff, minLen);
            return minex ? c > 0 : c >= 0;
        }
        return minex ? s > min : s >= min;
    }

    /** Whether a member (bytes at m[off..off+len), only read by a lex range) is before the end. */
    public boolean lteMax(byte[] m, int off, int len, double s) {
        if (lex) {
            int c = cmp(m, off, len, maxKind, maxOff, maxLen);
            return maxex ? c < 0 : c <= 0;
        }
        return maxex ? s < max : s <= max;
    }

    /** A range no member can fall in, whatever the set holds. */
    public boolean emptyByBounds() {
        if (!lex) {
            return min > max || (min == max && (minex || maxex));
        }
        int c;
        if (minKind != VALUE && minKind == maxKind) {
            c = 0;
        } else if (minKind == MIN_STRING || maxKind == MAX_STRING) {
            c = -1;
        } else if (minKind == MAX_STRING || maxKind == MIN_STRING) {
            c = 1;
        } else {
            c = Arrays.compareUnsigned(buf, minOff, minOff + minLen, buf, maxOff, maxOff + maxLen);
        }
        return c > 0 || (c == 0 && (minex || maxex));
    }

    @Override
    public boolean test(byte[] member, double score) {
        return mode == BELOW_MIN ? !gteMin(member, 0, member.length, score)
                : lteMax(member, 0, member.length, score);
    }
}
