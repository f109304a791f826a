package io.ringstore.engine.store;

/**
 * A stream (Redis 7.0's t_stream.c): entries in id order, held in {@link StreamNode}s that mirror
 * Redis's listpack nodes (a new node when the tail one reaches stream-node-max-entries, counting
 * deleted entries, or stream-node-max-bytes), so that approximate trimming, which only drops whole
 * nodes, removes exactly what Redis removes. Seeks are two binary searches (node by master id,
 * then entry): O(log N). XDEL flags an entry deleted and frees its node when no live entry is left.
 * Also the metadata Redis keeps (last id, first id, max deleted id, entries added) and the consumer
 * groups in name order. Positions handed out by the seek methods are (node index << 32 | entry
 * index) and are valid until the next change. Owned by the shard thread owning the key.
 */
public final class StreamValue implements CollectionValue {
    /** STREAM_LISTPACK_MAX_SIZE. */
    static final long LISTPACK_MAX = 1L << 30;

    private StreamNode[] nodes = new StreamNode[4];
    private int nodeCount;
    long length;
    public long lastMs;
    public long lastSeq;
    public long firstMs;
    public long firstSeq;
    public long maxDeletedMs;
    public long maxDeletedSeq;
    public long entriesAdded;
    private StreamNames<StreamGroup> groups;

    @Override
    public long size() {
        return length;
    }

    public int nodeCount() {
        return nodeCount;
    }

    /**
     * Appends an entry with id (ms, seq), which the caller checked is greater than the last id, and
     * updates length, entries-added, last and first ids (streamAppendItem).
     */
    public void append(long ms, long seq, byte[][] fieldsValues, long nodeMaxBytes, long nodeMaxEntries) {
        StreamNode tail = nodeCount == 0 ? null : nodes[nodeCount - 1];
        if (tail != null) {
            long maxBytes = nodeMaxBytes <= 0 || nodeMaxBytes > LISTPACK_MAX ? LISTPACK_MAX : nodeMaxBytes;
            long total = 0;
            for (byte[] b : fieldsValues) {
                total += b.length;
            }
            if (tail.bytes() + total >= maxBytes
                    || (nodeMaxEntries > 0 && tail.live + tail.deleted >= nodeMaxEntries)) {
                tail = null;
            }
        }
        if (tail == null) {
            tail = new StreamNode(ms, seq, fieldsValues);
            if (nodeCount == nodes.length) {
                nodes = java.util.Arrays.copyOf(nodes, nodeCount * 2);
            }
            nodes[nodeCount++] = tail;
        }
        tail.append(ms, seq, fieldsValues);
        length++;
        entriesAdded++;
        lastMs = ms;
        lastSeq = seq;
        if (length == 1) {
            firstMs = ms;
            firstSeq = seq;
        }
    }

    /** Node i, for the payload codec. */
    StreamNode node(int i) {
        return nodes[i];
    }

    /** Appends a rebuilt node (payload decoding; nodes come in id order). */
    void restoreNode(StreamNode n) {
        if (nodeCount == nodes.length) {
            nodes = java.util.Arrays.copyOf(nodes, nodeCount * 2);
        }
        nodes[nodeCount++] = n;
    }

    // ---- positions

    public static int nodeOf(long pos) {
        return (int) (pos >>> 32);
    }

    public static int indexOf(long pos) {
        return (int) pos;
    }

    private static long pos(int node, int index) {
        return ((long) node << 32) | (index & 0xFFFFFFFFL);
    }

    public long ms(long pos) {
        return nodes[nodeOf(pos)].ms[indexOf(pos)];
    }

    public long seq(long pos) {
        return nodes[nodeOf(pos)].seq[indexOf(pos)];
    }

    /** Fields and values of the entry at pos, interleaved (do not modify). */
    public byte[][] fieldsValues(long pos) {
        return nodes[nodeOf(pos)].fieldsValues[indexOf(pos)];
    }

    /** Index of the last node whose master id is <= (ms, seq); -1 when none. */
    private int nodeFor(long ms, long seq) {
        int lo = 0;
        int hi = nodeCount - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            StreamNode n = nodes[mid];
            if (StreamId.compare(n.masterMs, n.masterSeq, ms, seq) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** The first live entry with id >= (ms, seq); -1 when none. */
    public long seek(long ms, long seq) {
        int ni = nodeFor(ms, seq);
        if (ni < 0) {
            return firstLiveFrom(0, 0);
        }
        return firstLiveFrom(ni, nodes[ni].lowerBound(ms, seq));
    }

    /** The last live entry with id <= (ms, seq); -1 when none. */
    public long seekLast(long ms, long seq) {
        int ni = nodeFor(ms, seq);
        if (ni < 0) {
            return -1;
        }
        StreamNode n = nodes[ni];
        int i = n.lowerBound(ms, seq);
        if (i < n.size && n.ms[i] == ms && n.seq[i] == seq) {
            return lastLiveFrom(ni, i);
        }
        return lastLiveFrom(ni, i - 1);
    }

    /** The live entry after pos; -1 when none. */
    public long next(long pos) {
        return firstLiveFrom(nodeOf(pos), indexOf(pos) + 1);
    }

    /** The live entry before pos; -1 when none. */
    public long prev(long pos) {
        return lastLiveFrom(nodeOf(pos), indexOf(pos) - 1);
    }

    private long firstLiveFrom(int ni, int i) {
        for (; ni < nodeCount; ni++, i = 0) {
            StreamNode n = nodes[ni];
            for (; i < n.size; i++) {
                if (!n.isDeleted(i)) {
                    return pos(ni, i);
                }
            }
        }
        return -1;
    }

    private long lastLiveFrom(int ni, int i) {
        for (; ni >= 0; ni--) {
            StreamNode n = nodes[ni];
            if (i >= n.size) {
                i = n.size - 1;
            }
            for (; i >= 0; i--) {
                if (!n.isDeleted(i)) {
                    return pos(ni, i);
                }
            }
            i = Integer.MAX_VALUE;
        }
        return -1;
    }

    /** The live entry with exactly this id, or -1. */
    public long find(long ms, long seq) {
        long p = seek(ms, seq);
        return p >= 0 && ms(p) == ms && seq(p) == seq ? p : -1;
    }

    // ---- deletion and trimming

    /** XDEL of one id (streamDeleteItem): false when no live entry has it. */
    public boolean delete(long ms, long seq) {
        long p = find(ms, seq);
        if (p < 0) {
            return false;
        }
        int ni = nodeOf(p);
        StreamNode n = nodes[ni];
        if (n.live == 1) {
            removeNode(ni);
        } else {
            n.markDeleted(indexOf(p));
        }
        length--;
        return true;
    }

    private void removeNode(int ni) {
        System.arraycopy(nodes, ni + 1, nodes, ni, nodeCount - ni - 1);
        nodes[--nodeCount] = null;
    }

    /** Updates the first id after deletions: the first live entry's, 0-0 when empty. */
    public void refreshFirstId() {
        long p = seek(0, 0);
        if (p < 0) {
            firstMs = 0;
            firstSeq = 0;
        } else {
            firstMs = ms(p);
            firstSeq = seq(p);
        }
    }

    /**
     * Trims by MAXLEN ({@code byMinId} false, {@code maxLen}) or MINID ((minMs, minSeq)),
     * exactly or, with {@code approx}, only whole nodes; {@code limit} > 0 bounds the entries removed
     * (streamTrim). Returns the number of entries removed.
     */
    public long trim(boolean byMinId, long maxLen, long minMs, long minSeq, boolean approx, long limit) {
        long removed = 0;
        while (nodeCount > 0) {
            if (!byMinId && length <= maxLen) {
                break;
            }
            StreamNode n = nodes[0];
            long entries = n.live;
            if (limit > 0 && removed + entries > limit) {
                break;
            }
            boolean removeNode;
            if (!byMinId) {
                removeNode = length - entries >= maxLen;
            } else {
                int last = n.size - 1;
                removeNode = StreamId.compare(n.ms[last], n.seq[last], minMs, minSeq) < 0;
            }
            if (removeNode) {
                removeNode(0);
                length -= entries;
                removed += entries;
                continue;
            }
            if (approx) {
                break;
            }
            for (int i = 0; i < n.size; i++) {
                boolean stop = byMinId ? StreamId.compare(n.ms[i], n.seq[i], minMs, minSeq) >= 0 : length <= maxLen;
                if (stop) {
                    break;
                }
                if (!n.isDeleted(i)) {
                    n.markDeleted(i);
                    length--;
                    removed++;
                }
            }
            break;
        }
        if (removed > 0) {
            refreshFirstId();
        }
        return removed;
    }

    /** The last live entry's id into out (streamLastValidID); 0-0 when empty. */
    public void lastValidId(long[] out) {
        long p = nodeCount == 0 ? -1 : lastLiveFrom(nodeCount - 1, Integer.MAX_VALUE);
        out[0] = p < 0 ? 0 : ms(p);
        out[1] = p < 0 ? 0 : seq(p);
    }

    /** streamRangeHasTombstones(s, start, NULL). */
    public boolean hasTombstonesFrom(long ms, long seq) {
        if (length == 0 || (maxDeletedMs == 0 && maxDeletedSeq == 0)) {
            return false;
        }
        if (StreamId.compare(firstMs, firstSeq, maxDeletedMs, maxDeletedSeq) > 0) {
            return false;
        }
        return StreamId.compare(ms, seq, maxDeletedMs, maxDeletedSeq) <= 0;
    }

    /** streamEstimateDistanceFromFirstEverEntry: the logical read counter of an id, or -1. */
    public long estimateDistance(long ms, long seq) {
        if (entriesAdded == 0) {
            return 0;
        }
        if (length == 0 && StreamId.compare(ms, seq, lastMs, lastSeq) < 1) {
            return entriesAdded;
        }
        int cmpLast = StreamId.compare(ms, seq, lastMs, lastSeq);
        if (cmpLast == 0) {
            return entriesAdded;
        } else if (cmpLast > 0) {
            return StreamGroup.INVALID_ENTRIES_READ;
        }
        int cmpFirst = StreamId.compare(ms, seq, firstMs, firstSeq);
        boolean noTombstones = (maxDeletedMs == 0 && maxDeletedSeq == 0)
                || StreamId.compare(maxDeletedMs, maxDeletedSeq, firstMs, firstSeq) < 0;
        if (noTombstones) {
            if (cmpFirst < 0) {
                return entriesAdded - length;
            } else if (cmpFirst == 0) {
                return entriesAdded - length + 1;
            }
        }
        return StreamGroup.INVALID_ENTRIES_READ;
    }

    /** lag() when XINFO reports null. */
    public static final long NO_LAG = Long.MIN_VALUE;

    /** The group's lag as XINFO reports it (streamReplyWithCGLag), or {@link #NO_LAG} for null. */
    public long lag(StreamGroup g) {
        if (entriesAdded == 0) {
            return 0;
        }
        if (g.entriesRead != StreamGroup.INVALID_ENTRIES_READ && !hasTombstonesFrom(g.lastMs, g.lastSeq)) {
            return entriesAdded - g.entriesRead;
        }
        long read = estimateDistance(g.lastMs, g.lastSeq);
        return read == StreamGroup.INVALID_ENTRIES_READ ? NO_LAG : entriesAdded - read;
    }

    /** Advances a group past a delivered entry, keeping entries-read as Redis does. */
    public void deliver(StreamGroup g, long ms, long seq) {
        if (StreamId.compare(ms, seq, g.lastMs, g.lastSeq) <= 0) {
            return;
        }
        if (g.entriesRead != StreamGroup.INVALID_ENTRIES_READ && !hasTombstonesFrom(ms, seq)) {
            g.entriesRead++;
        } else if (entriesAdded != 0) {
            g.entriesRead = estimateDistance(ms, seq);
        }
        g.lastMs = ms;
        g.lastSeq = seq;
    }

    // ---- groups

    /** The groups in name order; null when the stream never had one. */
    public StreamNames<StreamGroup> groups() {
        return groups;
    }

    public int groupCount() {
        return groups == null ? 0 : groups.size();
    }

    /** The group named by {@code buf[off, off+len)}, or null. */
    public StreamGroup group(byte[] buf, int off, int len) {
        return groups == null ? null : groups.get(buf, off, len);
    }

    /** Creates a group; null when the name exists. */
    public StreamGroup createGroup(byte[] name, long ms, long seq, long entriesRead) {
        if (groups == null) {
            groups = new StreamNames<>();
        }
        StreamGroup g = new StreamGroup(ms, seq, entriesRead);
        return groups.add(name, g) ? g : null;
    }

    public boolean destroyGroup(byte[] buf, int off, int len) {
        return groups != null && groups.remove(buf, off, len) != null;
    }

    // ---- introspection

    /**
     * The node count of Redis's radix tree holding these nodes' 16-byte big-endian master ids
     * (rax numnodes: the head, one node per compressed run or branching point, one per key).
     */
    public long radixTreeNodes() {
        return nodeCount == 0 ? 1 : raxNodes(0, nodeCount, 0);
    }

    private int keyByte(int node, int depth) {
        long v = depth < 8 ? nodes[node].masterMs : nodes[node].masterSeq;
        return (int) (v >>> (8 * (7 - (depth & 7)))) & 0xFF;
    }

    private long raxNodes(int lo, int hi, int depth) {
        if (depth == 16) {
            return 1;
        }
        if (keyByte(lo, depth) == keyByte(hi - 1, depth)) {
            int d = depth;
            while (d < 16 && keyByte(lo, d) == keyByte(hi - 1, d)) {
                d++;
            }
            return 1 + raxNodes(lo, hi, d);
        }
        long count = 1;
        int start = lo;
        for (int i = lo + 1; i <= hi; i++) {
            if (i == hi || keyByte(i, depth) != keyByte(start, depth)) {
                count += raxNodes(start, i, depth + 1);
                start = i;
            }
        }
        return count;
    }

    @Override
    public StreamValue duplicate() {
        StreamValue s = new StreamValue();
        s.nodes = new StreamNode[Math.max(4, nodeCount)];
        for (int i = 0; i < nodeCount; i++) {
            s.nodes[i] = nodes[i].copy();
        }
        s.nodeCount = nodeCount;
        s.length = length;
        s.lastMs = lastMs;
        s.lastSeq = lastSeq;
        s.firstMs = firstMs;
        s.firstSeq = firstSeq;
        s.maxDeletedMs = maxDeletedMs;
        s.maxDeletedSeq = maxDeletedSeq;
        s.entriesAdded = entriesAdded;
        if (groups != null) {
            s.groups = new StreamNames<>();
            groups.forEach((name, g) -> s.groups.add(name.clone(), g.copy()));
        }
        return s;
    }
}
