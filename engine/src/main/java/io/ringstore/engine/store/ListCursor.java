package io.ringstore.engine.store;

import java.util.Arrays;

/**
 * A read-only flyweight over one element of a {@link ListValue}: the node array holding it and
 * the element's offset and length there, so a reply copies straight from the packed bytes
 * ({@code reply.bulk(buf(), off(), len())}) and a comparison runs in place. {@link #seek} places
 * it, {@link #next} and {@link #prev} move it across node boundaries. Any write to the list
 * invalidates it; {@link #release} drops its references so a deleted list is not kept reachable.
 * Reused by one thread (a shard thread's cursor, or a local one off the request path).
 */
public final class ListCursor {
    private ListValue list;
    private int node;
    private byte[] n;
    /** Start of the current entry in {@link #n}. */
    private int p;
    private int off;
    private int len;

    /** Places the cursor on element {@code index}; false (and nothing placed) when out of range. */
    public boolean seek(ListValue l, int index) {
        if (index < 0 || index >= l.length()) {
            return false;
        }
        long at = l.locate(index);
        list = l;
        node = (int) (at >>> 32);
        n = l.nodeAt(node);
        load((int) at);
        return true;
    }

    /** Moves to the next element; false at the tail. */
    public boolean next() {
        int q = ListNode.next(n, p);
        if (q < ListNode.used(n)) {
            load(q);
            return true;
        }
        if (node + 1 >= list.nodeCount()) {
            return false;
        }
        n = list.nodeAt(++node);
        load(ListNode.HEADER);
        return true;
    }

    /** Moves to the previous element; false at the head. */
    public boolean prev() {
        if (p > ListNode.HEADER) {
            load(ListNode.prev(n, p));
            return true;
        }
        if (node == 0) {
            return false;
        }
        n = list.nodeAt(--node);
        load(ListNode.prev(n, ListNode.used(n)));
        return true;
    }

    private void load(int at) {
        p = at;
        len = ListNode.len(n, at);
        off = ListNode.dataOff(at, len);
    }

    /** The array holding the current element. */
    public byte[] buf() {
        return n;
    }

    public int off() {
        return off;
    }

    public int len() {
        return len;
    }

    /** Whether the current element equals b[boff, boff+blen). */
    public boolean equalTo(byte[] b, int boff, int blen) {
        return len == blen && Arrays.equals(n, off, off + len, b, boff, boff + blen);
    }

    /** A copy of the current element. */
    public byte[] copy() {
        return Arrays.copyOfRange(n, off, off + len);
    }

    /** Forgets the list, so a list deleted later is not kept reachable through this cursor. */
    public void release() {
        list = null;
        n = null;
    }
}
