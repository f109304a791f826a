package io.ringstore.engine.store;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A value's content as one self-contained byte payload, per type, and back: the single codec that
 * snapshots write and load and that DEBUG DIGEST hashes, so a type added here is saved, restored
 * and digested alike. Strings: the value's bytes (digits for int encoding). Lists:
 *
 * <pre>
 * +-----------+--------------+---------+--------------+---------+ ...
 * | count i32 | len(e0) i32  | e0 bytes| len(e1) i32  | e1 bytes|
 * +-----------+--------------+---------+--------------+---------+ ...
 * </pre>
 *
 * Sets use the same layout, members sorted (unsigned bytewise), so the payload, and with it
 * DEBUG DIGEST, does not depend on hash-table order; the encoding travels in the snapshot entry's
 * own encoding byte and {@link #decodeSet} rebuilds that form.
 *
 * Hashes: the same layout with 2 * count byte strings, field then value per pair; listpack order
 * for the small form (kept through a snapshot, whose entry carries the encoding), and sorted by
 * field for the hashtable form, whose table order depends on history: equal hashtables then have
 * equal payloads and DEBUG DIGEST does not see insertion order.
 *
 * Sorted sets: count, then per member in (score, member) order its length, its bytes and its score
 * as the 8 bytes of its IEEE 754 bits (exact, no text round trip; -0 and inf kept as they are):
 *
 * <pre>
 * +-----------+--------------+---------+-------------+--------------+ ...
 * | count i32 | len(m0) i32  | m0 bytes| score0 f64  | len(m1) i32  |
 * +-----------+--------------+---------+-------------+--------------+ ...
 * </pre>
 *
 * That order is the set's own, whatever the form, so equal sorted sets have equal payloads; the
 * form travels in the entry's encoding byte and {@link #decodeZset} rebuilds it.
 * Streams: entries by node, metadata, groups, consumers and pending entries; see
 * {@link StreamPayload}.
 *
 * Big-endian, as DataOutputStream writes. Called at a ring barrier (SAVE, DEBUG DIGEST) or before
 * the pipeline starts (loading); allocates freely: never on the request path.
 */
public final class ValuePayload {
    private ValuePayload() {
    }

    /** Whether {@link #encode} knows the type. */
    public static boolean supported(int type) {
        return type == ObjectType.STRING || type == ObjectType.LIST || type == ObjectType.SET
                || type == ObjectType.HASH || type == ObjectType.ZSET
                || type == ObjectType.STREAM;
    }

    /** The payload of the entry at {@code slot} of a dict table (see Dict's visitor). */
    public static byte[] encode(Object table, int slot) {
        int type = ObjectType.type(Dict.metaAt(table, slot));
        switch (type) {
            case ObjectType.STRING:
                return StringValue.bytesAt(table, slot);
            case ObjectType.LIST:
                return encodeList((ListValue) Dict.valueAt(table, slot));
            case ObjectType.HASH:
                return encodeHash((HashValue) Dict.valueAt(table, slot));
            case ObjectType.SET:
                return encodeSet((SetValue) Dict.valueAt(table, slot));
            case ObjectType.ZSET:
                return encodeZset((ZsetValue) Dict.valueAt(table, slot));
            case ObjectType.STREAM:
                return StreamPayload.encode((StreamValue) Dict.valueAt(table, slot));
            default:
                throw new IllegalStateException("no payload format for type " + ObjectType.typeName(type));
        }
    }

    /**
     * Builds a stream from its payload (layout in {@link StreamPayload}); null when the payload is
     * malformed or the encoding is not ENC_STREAM. An empty stream is valid: Redis keeps them.
     */
    public static StreamValue decodeStream(byte[] payload, int encoding) {
        return encoding == ObjectType.ENC_STREAM ? StreamPayload.decode(payload) : null;
    }

    private static byte[] encodeSet(SetValue set) {
        byte[][] members = set.toArray();
        // sorted by bytes whatever the encoding: equal contents give equal payloads and digests
        java.util.Arrays.sort(members, java.util.Arrays::compareUnsigned);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(members.length);
            for (byte[] m : members) {
                out.writeInt(m.length);
                out.write(m);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // in-memory stream: cannot happen
        }
        return bytes.toByteArray();
    }

    /**
     * Builds a set in the given encoding (ENC_INTSET or ENC_HT) from its payload; null when the
     * payload is malformed, names a duplicate member, or holds a non-integer in an intset.
     */
    public static SetValue decodeSet(byte[] payload, int encoding) {
        if (encoding != ObjectType.ENC_INTSET && encoding != ObjectType.ENC_HT) {
            return null;
        }
        ListValue members = decodeList(payload);
        if (members == null) {
            return null;
        }
        SetValue set = encoding == ObjectType.ENC_INTSET ? new SetValue() : SetValue.hashtable();
        ListCursor it = new ListCursor();
        for (boolean more = it.seek(members, 0); more; more = it.next()) {
            if (!set.add(it.copy(), Long.MAX_VALUE)) {
                return null;
            }
        }
        return set.encoding() == encoding ? set : null;
    }

    private static byte[] encodeZset(ZsetValue zset) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt((int) zset.size());
            for (zset.seek(0); zset.valid(); zset.next()) {
                out.writeInt(zset.memberLength());
                out.write(zset.memberArray(), zset.memberOffset(), zset.memberLength());
                out.writeLong(Double.doubleToRawLongBits(zset.score()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // in-memory stream: cannot happen
        }
        return bytes.toByteArray();
    }

    /**
     * Builds a sorted set in the given encoding (ENC_LISTPACK or ENC_SKIPLIST) from its payload;
     * null when the payload is malformed, empty, names a member twice or holds a NaN score.
     */
    public static ZsetValue decodeZset(byte[] payload, int encoding) {
        if (encoding != ObjectType.ENC_LISTPACK && encoding != ObjectType.ENC_SKIPLIST) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
            int n = in.readInt();
            if (n <= 0) {
                return null; // an empty sorted set is never stored
            }
            ZsetValue zset = encoding == ObjectType.ENC_LISTPACK ? new ZsetValue() : ZsetValue.skiplist();
            for (int i = 0; i < n; i++) {
                byte[] m = readBytes(in);
                if (m == null || in.available() < 8) {
                    return null;
                }
                double score = Double.longBitsToDouble(in.readLong());
                if (Double.isNaN(score) || !Double.isNaN(zset.score(m, 0, m.length))) {
                    return null;
                }
                zset.addOwned(m, score, Long.MAX_VALUE, Long.MAX_VALUE);
            }
            return in.available() == 0 ? zset : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] encodeList(ListValue list) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(list.length());
            ListCursor it = new ListCursor();
            for (boolean more = it.seek(list, 0); more; more = it.next()) {
                out.writeInt(it.len());
                out.write(it.buf(), it.off(), it.len());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // in-memory stream: cannot happen
        }
        return bytes.toByteArray();
    }

    /** {@link #decodeList(byte[], long)} with Redis's default list-max-listpack-size. */
    public static ListValue decodeList(byte[] payload) {
        return decodeList(payload, ListValue.DEFAULT_FILL);
    }

    /**
     * Builds a list whose nodes follow {@code fill} (list-max-listpack-size) from its payload;
     * null when the payload is malformed (the caller reports the damage with its file and
     * position). Elements are checked first, then pushed with the bytes still to come, so each
     * node is allocated at its final size.
     */
    public static ListValue decodeList(byte[] payload, long fill) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
            int n = in.readInt();
            if (n <= 0 || n > in.available() / 4) {
                return null; // an empty list is never stored; each element has a length
            }
            int[] offs = new int[n];
            int pending = 0;
            for (int i = 0; i < n; i++) {
                int len = in.readInt();
                if (len < 0 || len > in.available()) {
                    return null;
                }
                offs[i] = payload.length - in.available();
                in.skipBytes(len);
                pending += ListValue.entryBytes(len);
            }
            if (in.available() != 0) {
                return null;
            }
            ListValue list = new ListValue(fill);
            for (int off : offs) {
                int len = (payload[off - 4] & 0xff) << 24 | (payload[off - 3] & 0xff) << 16
                        | (payload[off - 2] & 0xff) << 8 | (payload[off - 1] & 0xff);
                pending -= ListValue.entryBytes(len);
                list.push(payload, off, len, false, pending);
            }
            return list;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The hash payload: pairs in listpack order for the small form, sorted by field for the large
     * one (whose pairs are arrays of their own, starting at 0).
     */
    private static byte[] encodeHash(HashValue hash) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt((int) hash.size());
            if (hash.isListpack()) {
                for (int p = hash.first(); p >= 0; p = hash.next(p)) {
                    writePair(out, hash.array(p), hash.start(p));
                }
            } else {
                java.util.List<byte[]> pairs = new java.util.ArrayList<>((int) hash.size());
                for (int p = hash.first(); p >= 0; p = hash.next(p)) {
                    pairs.add(hash.array(p));
                }
                pairs.sort((a, b) -> java.util.Arrays.compareUnsigned(
                        a, HashPair.fieldOff(a, 0), HashPair.fieldOff(a, 0) + HashPair.fieldLen(a, 0),
                        b, HashPair.fieldOff(b, 0), HashPair.fieldOff(b, 0) + HashPair.fieldLen(b, 0)));
                for (byte[] pair : pairs) {
                    writePair(out, pair, 0);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // in-memory stream: cannot happen
        }
        return bytes.toByteArray();
    }

    private static void writePair(DataOutputStream out, byte[] b, int at) throws IOException {
        out.writeInt(HashPair.fieldLen(b, at));
        out.write(b, HashPair.fieldOff(b, at), HashPair.fieldLen(b, at));
        out.writeInt(HashPair.valueLen(b, at));
        out.write(b, HashPair.valueOff(b, at), HashPair.valueLen(b, at));
    }

    /**
     * Builds a hash from its payload in the given encoding (ObjectType.ENC_LISTPACK or ENC_HT); null
     * when the payload is malformed, empty, names a field twice or the encoding is neither. Fields
     * and values are copied into the hash straight from the payload.
     */
    public static HashValue decodeHash(byte[] payload, int encoding) {
        if (encoding != ObjectType.ENC_LISTPACK && encoding != ObjectType.ENC_HT) {
            return null;
        }
        int n = lengthAt(payload, 0); // a pair takes 8 bytes at least: bounded like a length
        if (n <= 0) {
            return null; // an empty hash is never stored
        }
        HashValue hash = new HashValue();
        if (encoding == ObjectType.ENC_HT) {
            hash.convert();
        }
        int at = 4;
        for (int i = 0; i < n; i++) {
            int fl = lengthAt(payload, at);
            if (fl < 0) {
                return null;
            }
            int fo = at + 4;
            at = fo + fl;
            int vl = lengthAt(payload, at);
            if (vl < 0) {
                return null;
            }
            int vo = at + 4;
            at = vo + vl;
            if (!hash.set(payload, fo, fl, payload, vo, vl, Long.MAX_VALUE, Long.MAX_VALUE)) {
                return null;
            }
        }
        return at == payload.length ? hash : null;
    }

    /** The i32 at {@code at}, or -1 when it is negative or it or the bytes it counts run past the end. */
    private static int lengthAt(byte[] p, int at) {
        if (p.length - at < 4) {
            return -1;
        }
        int len = (p[at] & 0xff) << 24 | (p[at + 1] & 0xff) << 16 | (p[at + 2] & 0xff) << 8 | (p[at + 3] & 0xff);
        return len < 0 || len > p.length - at - 4 ? -1 : len;
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
