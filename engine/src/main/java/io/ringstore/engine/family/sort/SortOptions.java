package io.ringstore.engine.family.sort;

import io.ringstore.engine.command.Args;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.util.Numbers;

/**
 * SORT's options as sortCommandGeneric parses them, left to right: ASC, DESC, ALPHA, LIMIT offset
 * count, STORE destination (not for SORT_RO), BY pattern, GET pattern. A later option overrides an
 * earlier one; a BY without '*' sets "don't sort" for good, even if a later BY has one. The
 * arguments are kept as positions; nothing is copied. One per SORT, on any thread (ingress's key
 * finder parses the same way to route the command).
 */
final class SortOptions {
    static final int OK = 0;
    static final int SYNTAX = 1;
    static final int NOT_INTEGER = 2;

    private static final byte[] ASC = Replies.b("asc");
    private static final byte[] DESC = Replies.b("desc");
    private static final byte[] ALPHA = Replies.b("alpha");
    private static final byte[] LIMIT = Replies.b("limit");
    private static final byte[] STORE = Replies.b("store");
    private static final byte[] BY = Replies.b("by");
    private static final byte[] GET = Replies.b("get");

    boolean desc;
    boolean alpha;
    long limitStart;
    long limitCount = -1;
    /** The argument holding the destination, or -1. */
    int store = -1;
    /** The argument holding the last BY pattern, or -1. */
    int by = -1;
    boolean dontSort;
    /** The arguments holding the GET patterns, in order. */
    int[] gets = new int[4];
    int getCount;

    /** Parses arguments 2.. of {@code a}: {@link #OK}, {@link #SYNTAX} or {@link #NOT_INTEGER}. */
    int parse(Args a, boolean readonly) {
        int argc = a.count();
        long[] num = new long[1];
        for (int j = 2; j < argc; j++) {
            int left = argc - j - 1;
            if (a.is(j, ASC)) {
                desc = false;
            } else if (a.is(j, DESC)) {
                desc = true;
            } else if (a.is(j, ALPHA)) {
                alpha = true;
            } else if (a.is(j, LIMIT) && left >= 2) {
                if (!Numbers.parseLong(a.buf(), a.off(j + 1), a.len(j + 1), num)) {
                    return NOT_INTEGER;
                }
                limitStart = num[0];
                if (!Numbers.parseLong(a.buf(), a.off(j + 2), a.len(j + 2), num)) {
                    return NOT_INTEGER;
                }
                limitCount = num[0];
                j += 2;
            } else if (!readonly && a.is(j, STORE) && left >= 1) {
                store = ++j;
            } else if (a.is(j, BY) && left >= 1) {
                by = ++j;
                if (SortPattern.star(a.buf(), a.off(j), a.len(j)) < 0) {
                    dontSort = true;
                }
            } else if (a.is(j, GET) && left >= 1) {
                if (getCount == gets.length) {
                    gets = java.util.Arrays.copyOf(gets, getCount * 2);
                }
                gets[getCount++] = ++j;
            } else {
                return SYNTAX;
            }
        }
        return OK;
    }

    /** Whether running needs keys its arguments do not name: a BY pattern sorted by, or a GET pattern with '*'. */
    boolean readsOtherKeys(Args a) {
        if (by >= 0 && !dontSort) {
            return true;
        }
        for (int k = 0; k < getCount; k++) {
            int g = gets[k];
            if (SortPattern.readsKeys(a.buf(), a.off(g), a.len(g))) {
                return true;
            }
        }
        return false;
    }
}
