package io.ringstore.engine.store;

/**
 * One node of a stream: up to stream-node-max-entries entries in id order, modelled on Redis's
 * listpack node (a master entry with the first entry's field names, then entries delta-encoded
 * against the node's master id). Deleted entries stay in place, flagged, as in Redis, so the
 * node's entry count and byte size, which decide when the next entry opens a new node, follow
 * Redis exactly; {@link #bytes()} is the listpack size Redis would have. Owned by the shard thread
 * owning the stream's key.
 */
final class StreamNode {
    static final byte DELETED = 1;
    static final byte SAME_FIELDS = 2;

    final long masterMs;
    final long masterSeq;
    final byte[][] masterFields;
    int size;
    int live;
    int deleted;
    long[] ms;
    long[] seq;
    byte[] flags;
    byte[][][] fieldsValues;
    /** Listpack bytes without the master's count and deleted elements (they change value). */
    long fixedBytes;

    StreamNode(long masterMs, long masterSeq, byte[][] fieldsValues) {
        this.masterMs = masterMs;
        this.masterSeq = masterSeq;
        int n = fieldsValues.length / 2;
        this.masterFields = new byte[n][];
        long b = ListpackSize.EMPTY + ListpackSize.ofInt(n) + ListpackSize.ofInt(0);
        for (int i = 0; i < n; i++) {
            masterFields[i] = fieldsValues[2 * i];
            b += ListpackSize.ofString(masterFields[i]);
        }
        this.fixedBytes = b;
        this.ms = new long[4];
        this.seq = new long[4];
        this.flags = new byte[4];
        this.fieldsValues = new byte[4][][];
    }

    /** The listpack size Redis's node would have now. */
    long bytes() {
        return fixedBytes + ListpackSize.ofInt(live) + ListpackSize.ofInt(deleted);
    }

    /** Appends a live entry (its id greater than every id in the node). */
    void append(long idMs, long idSeq, byte[][] fv) {
        if (size == ms.length) {
            int cap = size * 2;
            ms = java.util.Arrays.copyOf(ms, cap);
            seq = java.util.Arrays.copyOf(seq, cap);
            flags = java.util.Arrays.copyOf(flags, cap);
            fieldsValues = java.util.Arrays.copyOf(fieldsValues, cap);
        }
        int n = fv.length / 2;
        boolean same = n == masterFields.length;
        for (int i = 0; same && i < n; i++) {
            same = java.util.Arrays.equals(fv[2 * i], masterFields[i]);
        }
        long b = ListpackSize.ofInt(same ? SAME_FIELDS : 0) + ListpackSize.ofInt(idMs - masterMs)
                + ListpackSize.ofInt(idSeq - masterSeq);
        if (!same) {
            b += ListpackSize.ofInt(n);
        }
        for (int i = 0; i < n; i++) {
            if (!same) {
                b += ListpackSize.ofString(fv[2 * i]);
            }
            b += ListpackSize.ofString(fv[2 * i + 1]);
        }
        b += ListpackSize.ofInt(same ? n + 3 : 2L * n + 4);
        fixedBytes += b;
        ms[size] = idMs;
        seq[size] = idSeq;
        flags[size] = same ? SAME_FIELDS : 0;
        fieldsValues[size] = fv;
        size++;
        live++;
    }

    boolean isDeleted(int i) {
        return (flags[i] & DELETED) != 0;
    }

    /** Flags entry i deleted (it must be live). */
    void markDeleted(int i) {
        flags[i] |= DELETED;
        live--;
        deleted++;
    }

    /** Index of the first entry (live or not) with id >= (idMs, idSeq); size when none. */
    int lowerBound(long idMs, long idSeq) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (StreamId.compare(ms[mid], seq[mid], idMs, idSeq) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    StreamNode copy() {
        StreamNode out = new StreamNode(masterMs, masterSeq, interleave(masterFields));
        out.size = size;
        out.live = live;
        out.deleted = deleted;
        out.ms = ms.clone();
        out.seq = seq.clone();
        out.flags = flags.clone();
        out.fieldsValues = new byte[fieldsValues.length][][];
        for (int i = 0; i < size; i++) {
            byte[][] fv = fieldsValues[i];
            byte[][] d = new byte[fv.length][];
            for (int j = 0; j < fv.length; j++) {
                d[j] = fv[j].clone();
            }
            out.fieldsValues[i] = d;
        }
        out.fixedBytes = fixedBytes;
        return out;
    }

    private static byte[][] interleave(byte[][] fields) {
        byte[][] fv = new byte[fields.length * 2][];
        for (int i = 0; i < fields.length; i++) {
            fv[2 * i] = fields[i];
            fv[2 * i + 1] = fields[i];
        }
        return fv;
    }
}
