package io.ringstore.engine.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * The stream part of {@link ValuePayload}: a stream as one byte payload and back. Big-endian:
 *
 * <pre>
 * length, last id, first id, max deleted id, entries added           (i64 each, ids as ms, seq)
 * node count i32, per node:
 *   master id (2 x i64), master field count i32, fields (len i32 + bytes)
 *   entry count i32, per entry: id (2 x i64), deleted u8, count i32, fields and values (len + bytes)
 * group count i32, per group in name order:
 *   name, last delivered id, entries read i64
 *   consumer count i32, per consumer in name order: name, seen time i64
 *   pending count i32, per entry in id order: id, consumer name, delivery time i64, delivery count i64
 * </pre>
 *
 * Nodes and the deleted entries still inside them are written because they are observable (XINFO
 * radix-tree-keys, which entries '~' trimming removes, when the next XADD opens a node): a reload
 * then behaves as the live stream would, and streams with the same history digest alike. Nothing
 * of the Java layout (array capacities, tree shapes) reaches the payload. Called at a ring barrier
 * or before the pipeline starts; allocates freely.
 */
final class StreamPayload {
    private StreamPayload() {
    }

    static byte[] encode(StreamValue s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(s.length);
            out.writeLong(s.lastMs);
            out.writeLong(s.lastSeq);
            out.writeLong(s.firstMs);
            out.writeLong(s.firstSeq);
            out.writeLong(s.maxDeletedMs);
            out.writeLong(s.maxDeletedSeq);
            out.writeLong(s.entriesAdded);
            out.writeInt(s.nodeCount());
            for (int i = 0; i < s.nodeCount(); i++) {
                StreamNode n = s.node(i);
                out.writeLong(n.masterMs);
                out.writeLong(n.masterSeq);
                out.writeInt(n.masterFields.length);
                for (byte[] f : n.masterFields) {
                    writeBytes(out, f);
                }
                out.writeInt(n.size);
                for (int e = 0; e < n.size; e++) {
                    out.writeLong(n.ms[e]);
                    out.writeLong(n.seq[e]);
                    out.writeByte(n.isDeleted(e) ? 1 : 0);
                    byte[][] fv = n.fieldsValues[e];
                    out.writeInt(fv.length);
                    for (byte[] b : fv) {
                        writeBytes(out, b);
                    }
                }
            }
            out.writeInt(s.groupCount());
            if (s.groups() != null) {
                for (Map.Entry<byte[], StreamGroup> e : entries(s.groups())) {
                    StreamGroup g = e.getValue();
                    writeBytes(out, e.getKey());
                    out.writeLong(g.lastMs);
                    out.writeLong(g.lastSeq);
                    out.writeLong(g.entriesRead);
                    out.writeInt(g.consumers.size());
                    for (StreamConsumer c : g.consumers.values()) {
                        writeBytes(out, c.name);
                        out.writeLong(c.seenTime);
                    }
                    out.writeInt(g.pel.size());
                    for (StreamNack n : g.pel) {
                        out.writeLong(n.ms);
                        out.writeLong(n.seq);
                        writeBytes(out, n.consumer.name);
                        out.writeLong(n.deliveryTime);
                        out.writeLong(n.deliveryCount);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // in-memory stream: cannot happen
        }
        return bytes.toByteArray();
    }

    private static <V> java.util.List<Map.Entry<byte[], V>> entries(StreamNames<V> names) {
        java.util.List<Map.Entry<byte[], V>> out = new java.util.ArrayList<>(names.size());
        names.forEach((k, v) -> out.add(Map.entry(k, v)));
        return out;
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    /** Rebuilds a stream; null when the payload is malformed or inconsistent. */
    static StreamValue decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            StreamValue s = new StreamValue();
            long length = in.readLong();
            s.lastMs = in.readLong();
            s.lastSeq = in.readLong();
            s.firstMs = in.readLong();
            s.firstSeq = in.readLong();
            s.maxDeletedMs = in.readLong();
            s.maxDeletedSeq = in.readLong();
            long entriesAdded = in.readLong();
            int nodes = in.readInt();
            if (nodes < 0) {
                return null;
            }
            long live = 0;
            long prevMs = 0;
            long prevSeq = 0;
            boolean any = false;
            for (int i = 0; i < nodes; i++) {
                long mMs = in.readLong();
                long mSeq = in.readLong();
                int nf = in.readInt();
                if (nf < 0 || nf > in.available()) {
                    return null;
                }
                byte[][] master = new byte[2 * nf][];
                for (int f = 0; f < nf; f++) {
                    master[2 * f] = readBytes(in);
                    master[2 * f + 1] = master[2 * f];
                    if (master[2 * f] == null) {
                        return null;
                    }
                }
                StreamNode n = new StreamNode(mMs, mSeq, master);
                int size = in.readInt();
                if (size <= 0 || size > in.available()) {
                    return null;
                }
                for (int e = 0; e < size; e++) {
                    long ms = in.readLong();
                    long seq = in.readLong();
                    int deleted = in.readUnsignedByte();
                    int count = in.readInt();
                    if (count < 0 || count % 2 != 0 || count > in.available() || deleted > 1) {
                        return null;
                    }
                    if (any && StreamId.compare(ms, seq, prevMs, prevSeq) <= 0
                            || e == 0 && (ms != mMs || seq != mSeq)) {
                        return null;
                    }
                    byte[][] fv = new byte[count][];
                    for (int k = 0; k < count; k++) {
                        fv[k] = readBytes(in);
                        if (fv[k] == null) {
                            return null;
                        }
                    }
                    n.append(ms, seq, fv);
                    if (deleted == 1) {
                        n.markDeleted(e);
                    } else {
                        live++;
                    }
                    prevMs = ms;
                    prevSeq = seq;
                    any = true;
                }
                s.restoreNode(n);
            }
            if (live != length) {
                return null;
            }
            s.length = length;
            s.entriesAdded = entriesAdded;
            int groups = in.readInt();
            for (int i = 0; i < groups; i++) {
                byte[] name = readBytes(in);
                if (name == null) {
                    return null;
                }
                StreamGroup g = s.createGroup(name, in.readLong(), in.readLong(), in.readLong());
                if (g == null) {
                    return null;
                }
                int consumers = in.readInt();
                for (int k = 0; k < consumers; k++) {
                    byte[] cname = readBytes(in);
                    if (cname == null || g.createConsumer(cname, in.readLong()) == null) {
                        return null;
                    }
                }
                int pending = in.readInt();
                for (int k = 0; k < pending; k++) {
                    long ms = in.readLong();
                    long seq = in.readLong();
                    byte[] owner = readBytes(in);
                    StreamConsumer c = owner == null ? null : g.consumer(owner);
                    if (c == null) {
                        return null;
                    }
                    StreamNack n = new StreamNack(ms, seq, c, in.readLong(), in.readLong());
                    if (!g.pel.add(n)) {
                        return null;
                    }
                    c.pel.add(n);
                }
            }
            return in.available() == 0 ? s : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > in.available()) {
            return null;
        }
        byte[] b = new byte[len];
        in.readFully(b);
        return b;
    }
}
