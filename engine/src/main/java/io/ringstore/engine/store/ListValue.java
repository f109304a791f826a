package io.ringstore.engine.store;

import java.util.Arrays;

/**
 * A list value (Redis's OBJ_LIST) laid out like Redis 7.0's quicklist: a sequence of nodes, each
 * one {@code byte[]} holding its elements packed (layout in {@link ListNode}), the nodes kept in a
 * power-of-two ring so that push and pop at both ends are O(1) amortised (plus the shift of one
 * node when the head node changes, as listpack's memmove). Index access walks node counts from the
 * nearer end, then entries from the nearer end of the node. Elements are read through a
 * {@link ListCursor} without copying.
 *
 * <p>Node size follows list-max-listpack-size (the list's {@code fill}, fixed at creation as
 * quicklist's is): negative -1..-5 bound a node's bytes to 4, 8, 16, 32 or 64 KB, positive bounds
 * its entries (and 8 KB). An element that fits no node gets a node of its own. A node array grows
 * by doubling up to the limit; a node that stops growing because a new node opened past it is cut
 * to its used size, and a node that loses three quarters of its bytes is cut too, so free space
 * stays bounded. An insert into a full node splits it, as quicklist does; LREM merges neighbours
 * that fit together.
 *
 * <p>Redis 7.0 stores every list as a quicklist and OBJECT ENCODING answers "quicklist" for all of
 * them (listpack-encoded lists arrive in 7.2), so the key's meta encoding is always
 * {@link ObjectType#ENC_QUICKLIST}; this layout is not visible to clients. Owned by the shard
 * thread that owns its key.
 */
public final class ListValue implements CollectionValue {
    /** Redis 7.0's list-max-listpack-size default: nodes of up to 8 KB. */
    public static final int DEFAULT_FILL = -2;
    /** quicklist's FILL_MAX: positive fills are capped here, negative ones at -5. */
    private static final int FILL_MAX = 32767;
    private static final int[] LEVELS = {4096, 8192, 16384, 32768, 65536};
    /** quicklist's SIZE_SAFETY_LIMIT: the byte bound of a node under a positive fill. */
    private static final int SAFETY_LIMIT = 8192;
    /** Nodes smaller than this are never cut for slack. */
    private static final int MIN_SHRINK = 64;
    private static final int H = ListNode.HEADER;

    private byte[][] nodes;
    private int first;
    private int nodeCount;
    private int size;
    private final int fill;

    /** An empty list whose nodes follow {@code fill} (list-max-listpack-size, clamped as Redis does). */
    public ListValue(long fill) {
        this(new byte[1][], 0, 0, (int) Math.max(-5, Math.min(FILL_MAX, fill)));
    }

    private ListValue(byte[][] nodes, int nodeCount, int size, int fill) {
        this.nodes = nodes;
        this.nodeCount = nodeCount;
        this.size = size;
        this.fill = fill;
    }

    @Override
    public long size() {
        return size;
    }

    /** list-max-listpack-size as fixed at creation (clamped to -5..32767). */
    public int fill() {
        return fill;
    }

    public int length() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Bytes an element of {@code len} bytes takes in a node (for {@link #push}'s pending hint). */
    public static int entryBytes(int len) {
        return ListNode.entrySize(len);
    }

    /** Deep copy with the same fill, each node cut to its used size, so COPY's destination shares nothing. */
    @Override
    public ListValue duplicate() {
        byte[][] copy = new byte[nodes.length][];
        for (int i = 0; i < nodeCount; i++) {
            byte[] n = nodeAt(i);
            copy[i] = Arrays.copyOf(n, ListNode.used(n));
        }
        return new ListValue(copy, nodeCount, size, fill);
    }

    int nodeCount() {
        return nodeCount;
    }

    byte[] nodeAt(int i) {
        return nodes[ring(i)];
    }

    private int ring(int i) {
        return (first + i) & (nodes.length - 1);
    }

    /**
     * Where element {@code index} (0 &lt;= index &lt; size) lives: its node's position in the list
     * in the high 32 bits, its entry's offset in that node in the low 32. Walks node counts from
     * the nearer end of the list, then entries from the nearer end of the node.
     */
    long locate(int index) {
        int k;
        int i;
        if (index < size >>> 1) {
            k = 0;
            i = index;
            for (int c; i >= (c = ListNode.count(nodeAt(k))); k++) {
                i -= c;
            }
        } else {
            k = nodeCount - 1;
            int back = size - 1 - index;
            for (int c; back >= (c = ListNode.count(nodeAt(k))); k--) {
                back -= c;
            }
            i = ListNode.count(nodeAt(k)) - 1 - back;
        }
        byte[] n = nodeAt(k);
        int c = ListNode.count(n);
        int p;
        if (i < c >>> 1) {
            p = H;
            for (int j = 0; j < i; j++) {
                p = ListNode.next(n, p);
            }
        } else {
            p = ListNode.used(n);
            for (int j = c; j > i; j--) {
                p = ListNode.prev(n, p);
            }
        }
        return (long) k << 32 | p;
    }

    /**
     * Pushes src[off, off+len) at the head or the tail. {@code pending} is the bytes (see
     * {@link #entryBytes}) of the elements the same command pushes next at the same end: a node
     * opened or grown now is sized for them too, so a multi-element push allocates once.
     */
    public void push(byte[] src, int off, int len, boolean head, int pending) {
        int sz = ListNode.entrySize(len);
        if (nodeCount > 0) {
            int k = head ? 0 : nodeCount - 1;
            byte[] n = nodeAt(k);
            if (fits(n, sz)) {
                insertAt(k, head ? H : ListNode.used(n), src, off, len, pending);
                return;
            }
            nodes[ring(k)] = cut(n);
        }
        byte[] n = ListNode.empty((int) Math.max(H + sz, Math.min(maxBytes(), (long) H + sz + pending)));
        addNode(head ? 0 : nodeCount, n);
        insertAt(head ? 0 : nodeCount - 1, H, src, off, len, 0);
    }

    /** Pushes a whole array (tests, snapshot loading). */
    public void push(byte[] v, boolean head) {
        push(v, 0, v.length, head, 0);
    }

    /** Removes the first or last element and returns a copy of it (LMOVE moves it once). */
    public byte[] pop(boolean head) {
        byte[] n = nodeAt(head ? 0 : nodeCount - 1);
        int p = head ? H : ListNode.prev(n, ListNode.used(n));
        int len = ListNode.len(n, p);
        int d = ListNode.dataOff(p, len);
        byte[] v = Arrays.copyOfRange(n, d, d + len);
        if (head) {
            removeFirst(1);
        } else {
            removeLast(1);
        }
        return v;
    }

    /** Removes the first {@code k} elements (k &lt;= size): whole nodes, then the front of one. */
    public void removeFirst(int k) {
        size -= k;
        while (k > 0) {
            byte[] n = nodes[first];
            int c = ListNode.count(n);
            if (k >= c) {
                k -= c;
                removeNode(0);
                continue;
            }
            int p = H;
            for (int j = 0; j < k; j++) {
                p = ListNode.next(n, p);
            }
            int used = ListNode.used(n);
            System.arraycopy(n, p, n, H, used - p);
            ListNode.used(n, used - (p - H));
            ListNode.count(n, c - k);
            nodes[first] = shrunk(n);
            k = 0;
        }
    }

    /** Removes the last {@code k} elements (k &lt;= size): whole nodes, then the end of one. */
    public void removeLast(int k) {
        size -= k;
        while (k > 0) {
            int r = ring(nodeCount - 1);
            byte[] n = nodes[r];
            int c = ListNode.count(n);
            if (k >= c) {
                k -= c;
                removeNode(nodeCount - 1);
                continue;
            }
            int p = ListNode.used(n);
            for (int j = 0; j < k; j++) {
                p = ListNode.prev(n, p);
            }
            ListNode.used(n, p);
            ListNode.count(n, c - k);
            nodes[r] = shrunk(n);
            k = 0;
        }
    }

    /** Keeps elements [start, end] (inclusive, 0 &lt;= start &lt;= end &lt; size); drops the rest. */
    public void trim(int start, int end) {
        removeLast(size - 1 - end);
        removeFirst(start);
    }

    /** Removes element {@code index} (0..size-1). */
    public void remove(int index) {
        long at = locate(index);
        int k = (int) (at >>> 32);
        int p = (int) at;
        int r = ring(k);
        byte[] n = nodes[r];
        int c = ListNode.count(n);
        size--;
        if (c == 1) {
            removeNode(k);
            return;
        }
        int q = ListNode.next(n, p);
        int used = ListNode.used(n);
        System.arraycopy(n, q, n, p, used - q);
        ListNode.used(n, used - (q - p));
        ListNode.count(n, c - 1);
        nodes[r] = shrunk(n);
    }

    /**
     * Inserts src[off, off+len) so that it becomes element {@code index} (0..size). Into the node
     * holding the current element {@code index} when it fits; at the tail of the previous node when
     * the position starts a node and that one has room; otherwise the node splits there, as
     * quicklist's _quicklistInsert does, and the element joins a side with room or a node of its own.
     */
    public void insert(int index, byte[] src, int off, int len) {
        if (index == 0 || index == size) {
            push(src, off, len, index == 0, 0);
            return;
        }
        long at = locate(index);
        int k = (int) (at >>> 32);
        int p = (int) at;
        int sz = ListNode.entrySize(len);
        byte[] n = nodeAt(k);
        if (fits(n, sz)) {
            insertAt(k, p, src, off, len, 0);
            return;
        }
        if (p == H) {
            if (k > 0 && fits(nodeAt(k - 1), sz)) {
                insertAt(k - 1, ListNode.used(nodeAt(k - 1)), src, off, len, 0);
            } else {
                addNode(k, ListNode.empty(H + sz));
                insertAt(k, H, src, off, len, 0);
            }
            return;
        }
        int before = 0;
        for (int q = H; q < p; q = ListNode.next(n, q)) {
            before++;
        }
        int used = ListNode.used(n);
        byte[] right = ListNode.empty(H + used - p);
        System.arraycopy(n, p, right, H, used - p);
        ListNode.used(right, H + used - p);
        ListNode.count(right, ListNode.count(n) - before);
        ListNode.used(n, p);
        ListNode.count(n, before);
        addNode(k + 1, right);
        if (fits(n, sz)) {
            insertAt(k, p, src, off, len, 0);
        } else if (fits(right, sz)) {
            insertAt(k + 1, H, src, off, len, 0);
        } else {
            addNode(k + 1, ListNode.empty(H + sz));
            insertAt(k + 1, H, src, off, len, 0);
        }
        nodes[ring(k)] = cut(nodeAt(k));
    }

    /**
     * Replaces element {@code index} with src[off, off+len): in place when the node stays within
     * its limit (or holds only this element), else as a remove and an insert at the same index.
     */
    public void set(int index, byte[] src, int off, int len) {
        long at = locate(index);
        int k = (int) (at >>> 32);
        int p = (int) at;
        int r = ring(k);
        byte[] n = nodes[r];
        int old = ListNode.next(n, p) - p;
        int sz = ListNode.entrySize(len);
        int used = ListNode.used(n);
        long grown = (long) used - old + sz;
        if (ListNode.count(n) > 1 && sz > old && grown > maxBytes()) {
            remove(index);
            insert(index, src, off, len);
            return;
        }
        n = room(n, (int) grown, 0);
        System.arraycopy(n, p + old, n, p + sz, used - p - old);
        ListNode.write(n, p, src, off, len);
        ListNode.used(n, (int) grown);
        nodes[r] = sz < old ? shrunk(n) : n;
    }

    /**
     * LREM's removal: removes up to {@code limit} (0 = all) elements equal to buf[off, off+len),
     * the first ones from the head, or with {@code fromTail} the last ones; returns how many. One
     * pass comparing in place and compacting each node; emptied nodes are dropped and neighbours
     * that fit together merged.
     */
    public long removeAll(byte[] buf, int off, int len, long limit, boolean fromTail) {
        long removed = 0;
        for (int t = 0; t < nodeCount && (limit == 0 || removed < limit); t++) {
            int k = fromTail ? nodeCount - 1 - t : t;
            int r = ring(k);
            byte[] n = nodes[r];
            long want = limit == 0 ? Long.MAX_VALUE : limit - removed;
            int from = H;
            if (fromTail) {
                // the want-th match from the node's end bounds the part to compact
                long seen = 0;
                for (int p = ListNode.used(n); p > H && seen < want; ) {
                    p = ListNode.prev(n, p);
                    if (matches(n, p, buf, off, len)) {
                        seen++;
                        from = seen == want ? p : H;
                    }
                }
                if (seen == 0) {
                    continue;
                }
            }
            int gone = compact(n, from, buf, off, len, want);
            if (gone > 0) {
                removed += gone;
                size -= gone;
                nodes[r] = shrunk(n);
            }
        }
        if (removed > 0) {
            sweep();
        }
        return removed;
    }

    private static boolean matches(byte[] n, int p, byte[] buf, int off, int len) {
        int elen = ListNode.len(n, p);
        int d = ListNode.dataOff(p, elen);
        return elen == len && Arrays.equals(n, d, d + elen, buf, off, off + len);
    }

    /** Drops, from offset {@code from} on, the first {@code max} entries equal to the element; returns how many. */
    private static int compact(byte[] n, int from, byte[] buf, int off, int len, long max) {
        int used = ListNode.used(n);
        int w = from;
        int gone = 0;
        for (int p = from; p < used; ) {
            if (gone == max) {
                System.arraycopy(n, p, n, w, used - p);
                w += used - p;
                break;
            }
            int q = ListNode.next(n, p);
            if (matches(n, p, buf, off, len)) {
                gone++;
            } else {
                if (w != p) {
                    System.arraycopy(n, p, n, w, q - p);
                }
                w += q - p;
            }
            p = q;
        }
        ListNode.used(n, w);
        ListNode.count(n, ListNode.count(n) - gone);
        return gone;
    }

    /** Drops empty nodes and merges each node into the previous kept one when both fit in one. */
    private void sweep() {
        int w = 0;
        for (int i = 0; i < nodeCount; i++) {
            byte[] n = nodeAt(i);
            if (ListNode.count(n) == 0) {
                continue;
            }
            if (w > 0) {
                byte[] prev = nodeAt(w - 1);
                int both = ListNode.used(prev) + ListNode.used(n) - H;
                int count = ListNode.count(prev) + ListNode.count(n);
                if (both <= maxBytes() && (fill < 0 || count <= fill)) {
                    byte[] m = Arrays.copyOf(prev, both);
                    System.arraycopy(n, H, m, ListNode.used(prev), ListNode.used(n) - H);
                    ListNode.used(m, both);
                    ListNode.count(m, count);
                    nodes[ring(w - 1)] = m;
                    continue;
                }
            }
            nodes[ring(w++)] = n;
        }
        for (int i = w; i < nodeCount; i++) {
            nodes[ring(i)] = null;
        }
        nodeCount = w;
        shrinkRing();
    }

    /** quicklist's _quicklistNodeAllowInsert: whether {@code sz} more bytes may join non-empty node n. */
    private boolean fits(byte[] n, int sz) {
        long used = (long) ListNode.used(n) + sz;
        return used <= maxBytes() && (fill < 0 || ListNode.count(n) < fill);
    }

    private int maxBytes() {
        return fill < 0 ? LEVELS[-fill - 1] : SAFETY_LIMIT;
    }

    /** Writes an entry at offset p of node k (it fits), shifting what follows. */
    private void insertAt(int k, int p, byte[] src, int off, int len, int pending) {
        int r = ring(k);
        byte[] n = nodes[r];
        int used = ListNode.used(n);
        int sz = ListNode.entrySize(len);
        n = room(n, used + sz, pending);
        System.arraycopy(n, p, n, p + sz, used - p);
        ListNode.write(n, p, src, off, len);
        ListNode.used(n, used + sz);
        ListNode.count(n, ListNode.count(n) + 1);
        nodes[r] = n;
        size++;
    }

    /** n, or a copy with room for {@code need} bytes: doubled, or need plus pending, up to the node limit. */
    private byte[] room(byte[] n, int need, int pending) {
        if (need <= n.length) {
            return n;
        }
        long want = Math.max((long) n.length * 2, (long) need + pending);
        byte[] g = new byte[(int) Math.max(need, Math.min(maxBytes(), want))];
        System.arraycopy(n, 0, g, 0, ListNode.used(n));
        return g;
    }

    /** n without free space (a node that a new node has closed). */
    private static byte[] cut(byte[] n) {
        int used = ListNode.used(n);
        return used == n.length ? n : Arrays.copyOf(n, used);
    }

    /** n, cut to its used size once three quarters of it are free. */
    private static byte[] shrunk(byte[] n) {
        int used = ListNode.used(n);
        return n.length > MIN_SHRINK && used <= n.length >>> 2 ? Arrays.copyOf(n, used) : n;
    }

    /** Adds node n at position {@code at} (0..nodeCount), shifting the shorter side of the ring. */
    private void addNode(int at, byte[] n) {
        if (nodeCount == nodes.length) {
            resizeRing(nodes.length * 2);
        }
        int mask = nodes.length - 1;
        if (at < nodeCount >>> 1 || at == 0) {
            first = (first - 1) & mask;
            for (int i = 0; i < at; i++) {
                nodes[ring(i)] = nodes[ring(i + 1)];
            }
        } else {
            for (int i = nodeCount; i > at; i--) {
                nodes[ring(i)] = nodes[ring(i - 1)];
            }
        }
        nodes[ring(at)] = n;
        nodeCount++;
    }

    /** Removes node {@code at}, shifting the shorter side; the ring halves when three quarters are free. */
    private void removeNode(int at) {
        if (at < nodeCount >>> 1) {
            for (int i = at; i > 0; i--) {
                nodes[ring(i)] = nodes[ring(i - 1)];
            }
            nodes[first] = null;
            first = (first + 1) & (nodes.length - 1);
        } else {
            for (int i = at; i < nodeCount - 1; i++) {
                nodes[ring(i)] = nodes[ring(i + 1)];
            }
            nodes[ring(nodeCount - 1)] = null;
        }
        nodeCount--;
        shrinkRing();
    }

    private void shrinkRing() {
        if (nodes.length > 4 && nodeCount <= nodes.length >>> 2) {
            resizeRing(nodes.length >>> 1);
        }
    }

    private void resizeRing(int cap) {
        byte[][] g = new byte[cap][];
        for (int i = 0; i < nodeCount; i++) {
            g[i] = nodeAt(i);
        }
        nodes = g;
        first = 0;
    }
}
