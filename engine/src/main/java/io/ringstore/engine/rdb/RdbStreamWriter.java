package io.ringstore.engine.rdb;

import io.ringstore.engine.store.StreamConsumer;
import io.ringstore.engine.store.StreamGroup;
import io.ringstore.engine.store.StreamNack;
import io.ringstore.engine.store.StreamNodes;
import io.ringstore.engine.store.StreamValue;

/**
 * A stream as Redis 7.0's STREAM_LISTPACKS_2 object (rdb.c rdbSaveObject, t_stream.c's node
 * layout):
 * <pre>
 *   node count; per node: master id (16 bytes, ms and seq big-endian) as a string, listpack blob
 *     listpack: count, deleted, #fields, field..., 0 | per entry: flags, ms-diff, seq-diff,
 *               [#fields, field, value ... | value ... when SAMEFIELDS], lp-count
 *   length, last id, first id, max deleted id, entries added          (lengths)
 *   group count; per group (name order): name, last id, entries read,
 *     PEL: count, per nack: raw 16-byte id, delivery time (ms LE), delivery count
 *     consumers: count, per consumer (name order): name, seen time (ms LE), PEL ids (raw 16 bytes)
 * </pre>
 * Stateless apart from the listpack builder the caller lends.
 */
final class RdbStreamWriter {
    private RdbStreamWriter() {
    }

    static void write(RdbOutput out, StreamValue s, ListpackWriter lp) {
        int nodes = StreamNodes.count(s);
        out.writeLength(nodes);
        byte[] key = new byte[16];
        for (int i = 0; i < nodes; i++) {
            long mMs = StreamNodes.masterMs(s, i);
            long mSeq = StreamNodes.masterSeq(s, i);
            rawId(key, mMs, mSeq);
            out.writeString(key, 0, 16);
            lp.reset();
            byte[][] master = StreamNodes.masterFields(s, i);
            lp.addLong(StreamNodes.live(s, i));
            lp.addLong(StreamNodes.deleted(s, i));
            lp.addLong(master.length);
            for (byte[] f : master) {
                lp.add(f);
            }
            lp.addLong(0);
            for (int e = 0, n = StreamNodes.size(s, i); e < n; e++) {
                int flags = StreamNodes.flags(s, i, e);
                byte[][] fv = StreamNodes.fieldsValues(s, i, e);
                int fields = fv.length / 2;
                boolean same = (flags & StreamNodes.FLAG_SAME_FIELDS) != 0;
                lp.addLong(flags);
                lp.addLong(StreamNodes.ms(s, i, e) - mMs);
                lp.addLong(StreamNodes.seq(s, i, e) - mSeq);
                if (!same) {
                    lp.addLong(fields);
                }
                for (int f = 0; f < fields; f++) {
                    if (!same) {
                        lp.add(fv[2 * f]);
                    }
                    lp.add(fv[2 * f + 1]);
                }
                lp.addLong(same ? fields + 3 : 2L * fields + 4);
            }
            byte[] blob = lp.toArray();
            out.writeString(blob, 0, blob.length);
        }
        out.writeLength(s.size());
        out.writeLength(s.lastMs);
        out.writeLength(s.lastSeq);
        out.writeLength(s.firstMs);
        out.writeLength(s.firstSeq);
        out.writeLength(s.maxDeletedMs);
        out.writeLength(s.maxDeletedSeq);
        out.writeLength(s.entriesAdded);
        out.writeLength(s.groupCount());
        if (s.groups() == null) {
            return;
        }
        s.groups().forEach((name, g) -> writeGroup(out, name, g, key));
    }

    private static void writeGroup(RdbOutput out, byte[] name, StreamGroup g, byte[] key) {
        out.writeString(name, 0, name.length);
        out.writeLength(g.lastMs);
        out.writeLength(g.lastSeq);
        out.writeLength(g.entriesRead);
        out.writeLength(g.pel.size());
        for (StreamNack n : g.pel) {
            rawId(key, n.ms, n.seq);
            out.write(key, 0, 16);
            out.writeMillis(n.deliveryTime);
            out.writeLength(n.deliveryCount);
        }
        out.writeLength(g.consumers.size());
        g.consumers.forEach((cname, c) -> writeConsumer(out, c, key));
    }

    private static void writeConsumer(RdbOutput out, StreamConsumer c, byte[] key) {
        out.writeString(c.name, 0, c.name.length);
        out.writeMillis(c.seenTime);
        out.writeLength(c.pel.size());
        for (StreamNack n : c.pel) {
            rawId(key, n.ms, n.seq);
            out.write(key, 0, 16);
        }
    }

    /** streamID's 16-byte big-endian form (streamEncodeID). */
    static void rawId(byte[] key, long ms, long seq) {
        for (int i = 0; i < 8; i++) {
            key[i] = (byte) (ms >>> (56 - 8 * i));
            key[8 + i] = (byte) (seq >>> (56 - 8 * i));
        }
    }

    static long[] parseRawId(byte[] key) {
        long ms = 0;
        long seq = 0;
        for (int i = 0; i < 8; i++) {
            ms = (ms << 8) | (key[i] & 0xFF);
            seq = (seq << 8) | (key[8 + i] & 0xFF);
        }
        return new long[] {ms, seq};
    }
}
