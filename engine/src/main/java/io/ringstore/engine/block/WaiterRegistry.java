package io.ringstore.engine.block;

import io.ringstore.engine.util.KeyName;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One shard's blocked clients: key name → FIFO of waiters (oldest first; a waiter on several keys
 * is in several FIFOs, and waiters of different databases share a key's FIFO, each checked against
 * its own database), plus the waiters in registration order for timeouts. Owned by the shard's
 * thread, or shard 0's at a barrier. {@link #isEmpty} is the only thing the hot path reads.
 */
public final class WaiterRegistry {
    private final HashMap<KeyName, ArrayList<Waiter>> byKey = new HashMap<>();
    final LinkedHashSet<Waiter> owned = new LinkedHashSet<>();
    private final KeyName probe = new KeyName();
    private int withTimeout;

    public boolean isEmpty() {
        return owned.isEmpty();
    }

    /** Blocked clients registered here (INFO blocked_clients). */
    public int size() {
        return owned.size();
    }

    /** Of those, the ones with a deadline (INFO clients_in_timeout_table). */
    public int withTimeout() {
        return withTimeout;
    }

    void add(Waiter w) {
        owned.add(w);
        if (w.deadlineMs != 0) {
            withTimeout++;
        }
        for (int i = w.firstKey; i < w.firstKey + w.keyCount; i++) {
            if (Blocking.firstOccurrence(w, i)) {
                KeyName k = new KeyName(w.args.copy(i));
                byKey.computeIfAbsent(k, x -> new ArrayList<>(2)).add(w);
            }
        }
    }

    void remove(Waiter w) {
        if (!owned.remove(w)) {
            return;
        }
        if (w.deadlineMs != 0) {
            withTimeout--;
        }
        for (int i = w.firstKey; i < w.firstKey + w.keyCount; i++) {
            KeyName k = probe.set(w.args.buf(), w.args.off(i), w.args.len(i));
            List<Waiter> q = byKey.get(k);
            if (q != null) {
                q.remove(w);
                if (q.isEmpty()) {
                    byKey.remove(k);
                }
            }
        }
    }

    /** The FIFO of a key, or null when nobody waits on it. */
    ArrayList<Waiter> queue(byte[] b, int off, int len) {
        return byKey.get(probe.set(b, off, len));
    }

    /** The waiters in registration order, oldest first (snapshots write them in this order). */
    public Collection<Waiter> waiters() {
        return Collections.unmodifiableCollection(owned);
    }

    /**
     * Every key somebody waits on (for keyless writes such as SWAPDB), in the order of the waiters'
     * registration and then their key arguments: an order that replay, and a snapshot's waiters
     * re-registered in that order, rebuild (a hash map's iteration order depends on its history).
     */
    List<KeyName> keys() {
        LinkedHashSet<KeyName> keys = new LinkedHashSet<>();
        for (Waiter w : owned) {
            for (int i = w.firstKey; i < w.firstKey + w.keyCount; i++) {
                keys.add(new KeyName(w.args.copy(i)));
            }
        }
        return new ArrayList<>(keys);
    }
}
