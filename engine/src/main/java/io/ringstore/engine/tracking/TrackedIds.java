package io.ringstore.engine.tracking;

import java.util.Arrays;

/**
 * The ids of the clients that may cache one key (a value of Redis's TrackingTable): a sorted
 * {@code long[]}, since most keys are read by few clients. Owned by the shard thread.
 */
final class TrackedIds {
    private long[] ids = new long[2];
    private int size;

    /** Adds {@code id}; false when it was there already. */
    boolean add(long id) {
        int at = Arrays.binarySearch(ids, 0, size, id);
        if (at >= 0) {
            return false;
        }
        at = -at - 1;
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        System.arraycopy(ids, at, ids, at + 1, size - at);
        ids[at] = id;
        size++;
        return true;
    }

    int size() {
        return size;
    }

    long get(int i) {
        return ids[i];
    }
}
