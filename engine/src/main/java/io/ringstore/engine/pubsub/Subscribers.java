package io.ringstore.engine.pubsub;

import java.util.LinkedHashSet;

/**
 * The subscribers of one channel or pattern in one registry copy, in subscription order, with a
 * snapshot array a PUBLISH hands to the reply stage: the array is never written once built (a
 * change drops it and the next PUBLISH builds a new one), so a message can point at it while the
 * shard goes on changing the set. Owned by the registry's thread.
 */
final class Subscribers {
    private static final Subscriber[] NONE = new Subscriber[0];

    final LinkedHashSet<Subscriber> set = new LinkedHashSet<>();
    private Subscriber[] snapshot;

    boolean add(Subscriber s) {
        if (set.add(s)) {
            snapshot = null;
            return true;
        }
        return false;
    }

    boolean remove(Subscriber s) {
        if (set.remove(s)) {
            snapshot = null;
            return true;
        }
        return false;
    }

    int size() {
        return set.size();
    }

    boolean isEmpty() {
        return set.isEmpty();
    }

    /** The subscribers now, as an array nobody writes again. */
    Subscriber[] snapshot() {
        Subscriber[] a = snapshot;
        if (a == null) {
            a = set.toArray(NONE);
            snapshot = a;
        }
        return a;
    }
}
