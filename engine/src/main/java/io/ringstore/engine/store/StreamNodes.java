package io.ringstore.engine.store;

/**
 * The node layer of a {@link StreamValue} opened to codecs outside this package (the RDB codec):
 * read each node's master id and fields and each entry with its flags, deleted entries included,
 * and rebuild a stream node by node ({@link Builder}). Owned by the thread owning the stream.
 */
public final class StreamNodes {
    /** Entry flags as Redis's stream listpacks hold them (STREAM_ITEM_FLAG_*). */
    public static final int FLAG_DELETED = StreamNode.DELETED;
    public static final int FLAG_SAME_FIELDS = StreamNode.SAME_FIELDS;

    private StreamNodes() {
    }

    public static int count(StreamValue s) {
        return s.nodeCount();
    }

    public static long masterMs(StreamValue s, int node) {
        return s.node(node).masterMs;
    }

    public static long masterSeq(StreamValue s, int node) {
        return s.node(node).masterSeq;
    }

    /** The master entry's field names (do not modify). */
    public static byte[][] masterFields(StreamValue s, int node) {
        return s.node(node).masterFields;
    }

    /** Entries of the node, deleted ones included. */
    public static int size(StreamValue s, int node) {
        return s.node(node).size;
    }

    public static int live(StreamValue s, int node) {
        return s.node(node).live;
    }

    public static int deleted(StreamValue s, int node) {
        return s.node(node).deleted;
    }

    public static long ms(StreamValue s, int node, int e) {
        return s.node(node).ms[e];
    }

    public static long seq(StreamValue s, int node, int e) {
        return s.node(node).seq[e];
    }

    public static int flags(StreamValue s, int node, int e) {
        return s.node(node).flags[e];
    }

    /** Fields and values interleaved (do not modify). */
    public static byte[][] fieldsValues(StreamValue s, int node, int e) {
        return s.node(node).fieldsValues[e];
    }

    /** Rebuilds a stream node by node, entries in id order; the caller checks ids and counts. */
    public static final class Builder {
        private final StreamValue s = new StreamValue();
        private StreamNode node;

        /** Opens a node with its master id and field names. */
        public void open(long masterMs, long masterSeq, byte[][] masterFields) {
            byte[][] fv = new byte[masterFields.length * 2][];
            for (int i = 0; i < masterFields.length; i++) {
                fv[2 * i] = masterFields[i];
                fv[2 * i + 1] = masterFields[i];
            }
            node = new StreamNode(masterMs, masterSeq, fv);
        }

        public void append(long ms, long seq, byte[][] fieldsValues, boolean deleted) {
            node.append(ms, seq, fieldsValues);
            if (deleted) {
                node.markDeleted(node.size - 1);
            }
        }

        /** Live and deleted entries of the open node. */
        public int live() {
            return node.live;
        }

        public int deleted() {
            return node.deleted;
        }

        public void close() {
            s.restoreNode(node);
            node = null;
        }

        /** The stream, with its length (live entries) and metadata set by the caller. */
        public StreamValue stream(long length) {
            s.length = length;
            return s;
        }
    }
}
