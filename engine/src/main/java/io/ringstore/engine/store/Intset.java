package io.ringstore.engine.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The layout of an "intset" set, as Redis's intset.c: sorted distinct integers packed in one byte
 * array at one width for all, 2, 4 or 8 bytes little-endian, the smallest that holds every member;
 * a value that does not fit widens them all (intsetUpgradeAndAdd), a set never narrows. Static
 * codec over the array that {@link SetValue} owns; no state, any thread.
 *
 * <pre>
 * +-----------+-----------+-----+-------------+
 * | v0 (w B)  | v1 (w B)  | ... | v(n-1)      |   v0 < v1 < ... , w in {2, 4, 8}
 * +-----------+-----------+-----+-------------+
 * </pre>
 *
 * The array is sized exactly, n * w bytes, reallocated on every insert and removal as intset.c
 * does: so the count is the array's length over the width and the set keeps no count of its own.
 */
final class Intset {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Intset() {
    }

    /** The width a value needs (_intsetValueEncoding). */
    static int widthFor(long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            return 8;
        }
        return v < Short.MIN_VALUE || v > Short.MAX_VALUE ? 4 : 2;
    }

    static long get(byte[] a, int w, int i) {
        switch (w) {
            case 2:
                return (short) SHORT.get(a, i * 2);
            case 4:
                return (int) INT.get(a, i * 4);
            default:
                return (long) LONG.get(a, i * 8);
        }
    }

    static void set(byte[] a, int w, int i, long v) {
        switch (w) {
            case 2:
                SHORT.set(a, i * 2, (short) v);
                break;
            case 4:
                INT.set(a, i * 4, (int) v);
                break;
            default:
                LONG.set(a, i * 8, v);
        }
    }

    /** Binary search (intsetSearch): the index of {@code v}, or -(insertion point) - 1. */
    static int search(byte[] a, int w, int n, long v) {
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long x = get(a, w, mid);
            if (x < v) {
                lo = mid + 1;
            } else if (x > v) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /**
     * A copy of the {@code n} values at width {@code w} widened to {@code to}, with room for one
     * more at the front ({@code front}: the value that forced it is below them all) or at the back.
     */
    static byte[] widen(byte[] a, int w, int n, int to, boolean front) {
        byte[] b = new byte[(n + 1) * to];
        int shift = front ? 1 : 0;
        for (int i = 0; i < n; i++) {
            set(b, to, i + shift, get(a, w, i));
        }
        return b;
    }
}
