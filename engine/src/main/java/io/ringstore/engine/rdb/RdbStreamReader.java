package io.ringstore.engine.rdb;

import io.ringstore.engine.store.StreamConsumer;
import io.ringstore.engine.store.StreamGroup;
import io.ringstore.engine.store.StreamId;
import io.ringstore.engine.store.StreamNack;
import io.ringstore.engine.store.StreamNodes;
import io.ringstore.engine.store.StreamValue;

/**
 * Loads STREAM_LISTPACKS (6.2: no first id, max deleted id, entries added or entries read, which
 * are derived as Redis 7.0 derives them) and STREAM_LISTPACKS_2 (layout in
 * {@link RdbStreamWriter}). Node keys must ascend and match each node's first entry; every entry
 * is checked against its node's counts; consumers' pending ids must be in their group's PEL and
 * every group nack must have a consumer. Stateless.
 */
final class RdbStreamReader {
    private RdbStreamReader() {
    }

    static StreamValue read(RdbInput in, boolean v2) throws RdbFormatException {
        long nodes = in.readLength();
        StreamNodes.Builder b = new StreamNodes.Builder();
        long live = 0;
        long prevMs = 0;
        long prevSeq = 0;
        boolean any = false;
        for (long i = 0; i < nodes; i++) {
            byte[] key = in.readString();
            if (key.length != 16) {
                throw new RdbFormatException("stream node key entry is not the size of a stream ID");
            }
            long[] master = RdbStreamWriter.parseRawId(key);
            ListpackReader lp = new ListpackReader(in.readString());
            long count = integer(lp);
            long deleted = integer(lp);
            long fields = integer(lp);
            if (count < 0 || deleted < 0 || fields < 0 || fields > lp.buf().length) { // each field takes a byte
                throw new RdbFormatException("stream master entry damaged");
            }
            byte[][] masterFields = new byte[(int) fields][];
            for (int f = 0; f < fields; f++) {
                masterFields[f] = string(lp);
            }
            if (integer(lp) != 0) {
                throw new RdbFormatException("stream master entry terminator damaged");
            }
            if (count + deleted == 0) {
                throw new RdbFormatException("empty listpack inside stream");
            }
            b.open(master[0], master[1], masterFields);
            for (long e = 0; e < count + deleted; e++) {
                long flags = integer(lp);
                long ms = master[0] + integer(lp);
                long seq = master[1] + integer(lp);
                boolean same = (flags & StreamNodes.FLAG_SAME_FIELDS) != 0;
                long n = same ? fields : integer(lp);
                if (n < 0 || n > lp.buf().length) {
                    throw new RdbFormatException("stream entry field count damaged");
                }
                byte[][] fv = new byte[(int) (2 * n)][];
                for (int f = 0; f < n; f++) {
                    fv[2 * f] = same ? masterFields[f] : string(lp);
                    fv[2 * f + 1] = string(lp);
                }
                if (integer(lp) != (same ? n + 3 : 2 * n + 4)) {
                    throw new RdbFormatException("stream entry lp-count damaged");
                }
                if ((any && StreamId.compare(ms, seq, prevMs, prevSeq) <= 0)
                        || (e == 0 && (ms != master[0] || seq != master[1]))) {
                    throw new RdbFormatException("stream ids out of order");
                }
                boolean gone = (flags & StreamNodes.FLAG_DELETED) != 0;
                b.append(ms, seq, fv, gone);
                prevMs = ms;
                prevSeq = seq;
                any = true;
            }
            if (lp.next() || b.live() != count || b.deleted() != deleted) {
                throw new RdbFormatException("stream node counts damaged");
            }
            live += count;
            b.close();
        }
        long length = in.readLength();
        if (length != live) {
            throw new RdbFormatException("stream length does not match its entries");
        }
        StreamValue s = b.stream(length);
        s.lastMs = in.readUnsigned();
        s.lastSeq = in.readUnsigned();
        if (v2) {
            s.firstMs = in.readUnsigned();
            s.firstSeq = in.readUnsigned();
            s.maxDeletedMs = in.readUnsigned();
            s.maxDeletedSeq = in.readUnsigned();
            s.entriesAdded = in.readUnsigned();
        } else {
            s.entriesAdded = length;
            s.refreshFirstId();
        }
        long groups = in.readLength();
        for (long i = 0; i < groups; i++) {
            readGroup(in, s, v2);
        }
        return s;
    }

    private static void readGroup(RdbInput in, StreamValue s, boolean v2) throws RdbFormatException {
        byte[] name = in.readString();
        long ms = in.readUnsigned();
        long seq = in.readUnsigned();
        long entriesRead = v2 ? in.readUnsigned() : s.estimateDistance(ms, seq);
        StreamGroup g = s.createGroup(name, ms, seq, entriesRead);
        if (g == null) {
            throw new RdbFormatException("duplicated consumer group name");
        }
        long pel = in.readLength();
        byte[] raw = new byte[16];
        for (long k = 0; k < pel; k++) {
            in.readFully(raw, 0, 16);
            long[] id = RdbStreamWriter.parseRawId(raw);
            StreamNack n = new StreamNack(id[0], id[1], null, in.readMillis(), in.readLength());
            if (!g.pel.add(n)) {
                throw new RdbFormatException("duplicated global PEL entry");
            }
        }
        long consumers = in.readLength();
        for (long k = 0; k < consumers; k++) {
            byte[] cname = in.readString();
            long seen = in.readMillis();
            StreamConsumer c = g.createConsumer(cname, seen);
            if (c == null) {
                throw new RdbFormatException("duplicate stream consumer detected");
            }
            long owned = in.readLength();
            for (long j = 0; j < owned; j++) {
                in.readFully(raw, 0, 16);
                long[] id = RdbStreamWriter.parseRawId(raw);
                StreamNack n = g.pel.get(id[0], id[1]);
                if (n == null || n.consumer != null) {
                    throw new RdbFormatException("consumer PEL NACK not found in group PEL");
                }
                n.consumer = c;
                c.pel.add(n);
            }
        }
        for (StreamNack n : g.pel) {
            if (n.consumer == null) {
                throw new RdbFormatException("group PEL entry without a consumer");
            }
        }
    }

    private static long integer(ListpackReader lp) throws RdbFormatException {
        if (!lp.next() || !lp.isInt()) {
            throw new RdbFormatException("stream listpack: integer expected");
        }
        return lp.longValue();
    }

    private static byte[] string(ListpackReader lp) throws RdbFormatException {
        if (!lp.next()) {
            throw new RdbFormatException("stream listpack cut short");
        }
        return lp.bytes();
    }
}
