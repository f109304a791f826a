package io.ringstore.engine.rdb;

import io.ringstore.engine.store.HashValue;
import io.ringstore.engine.store.ListValue;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.SetValue;
import io.ringstore.engine.store.ZsetValue;
import io.ringstore.engine.util.Numbers;
import io.ringstore.engine.util.Strtod;

import java.util.ArrayList;
import java.util.List;

/**
 * rdbLoadObjectType + rdbLoadObject of Redis 7.0: every object type a DUMP payload or an RDB file
 * of Redis 6.2 or 7.0 can hold (see {@link RdbType}), converted to Ringstore's encodings as Redis
 * converts on load under the given {@link RdbLimits}: small hashes and sorted sets in listpacks,
 * integer sets in intsets while they stay under set-max-intset-entries, lists in nodes of the
 * configured fill. Empty collections, duplicate members or fields, NaN scores and damaged blobs
 * are refused with {@link RdbFormatException}. One instance per thread.
 */
public final class RdbObjectReader {
    private final Strtod strtod = new Strtod();
    private final long[] scratch = new long[1];

    /** Reads the type byte and the object into {@code out}. */
    public void read(RdbInput in, RdbLimits limits, RdbValue out) throws RdbFormatException {
        int type = in.readByte();
        if (!RdbType.isObjectType(type)) {
            throw new RdbFormatException("unknown object type " + type);
        }
        readObject(type, in, limits, out);
    }

    /** Reads an object of RDB type {@code type} (its type byte already read). */
    public void readObject(int type, RdbInput in, RdbLimits limits, RdbValue out) throws RdbFormatException {
        switch (type) {
            case RdbType.STRING:
                out.string(in.readString());
                return;
            case RdbType.LIST:
                out.collection(ObjectType.LIST, ObjectType.ENC_QUICKLIST, list(strings(in, 1), limits));
                return;
            case RdbType.LIST_ZIPLIST:
                out.collection(ObjectType.LIST, ObjectType.ENC_QUICKLIST, list(Ziplist.elements(in.readString()), limits));
                return;
            case RdbType.LIST_QUICKLIST:
            case RdbType.LIST_QUICKLIST_2:
                out.collection(ObjectType.LIST, ObjectType.ENC_QUICKLIST, list(quicklist(in, type), limits));
                return;
            case RdbType.SET:
                set(out, strings(in, 1), limits, true);
                return;
            case RdbType.SET_INTSET: {
                byte[] blob = in.readString();
                long[] ints = IntsetBlob.read(blob);
                if (ints.length <= limits.setMaxIntsetEntries) { // kept as loaded, width included
                    out.collection(ObjectType.SET, ObjectType.ENC_INTSET, SetValue.intset(ints, IntsetBlob.width(blob)));
                    return;
                }
                List<byte[]> members = new ArrayList<>(ints.length);
                for (long v : ints) {
                    members.add(Numbers.toBytes(v));
                }
                set(out, members, limits, false);
                return;
            }
            case RdbType.ZSET:
            case RdbType.ZSET_2:
                zsetFromPairs(in, type, limits, out);
                return;
            case RdbType.ZSET_ZIPLIST:
                zsetFromPacked(Ziplist.elements(in.readString()), limits, out);
                return;
            case RdbType.ZSET_LISTPACK:
                zsetFromPacked(listpack(in.readString()), limits, out);
                return;
            case RdbType.HASH:
                hash(out, strings(in, 2), limits, true);
                return;
            case RdbType.HASH_ZIPMAP:
                hash(out, Zipmap.elements(in.readString()), limits, false);
                return;
            case RdbType.HASH_ZIPLIST:
                hash(out, Ziplist.elements(in.readString()), limits, false);
                return;
            case RdbType.HASH_LISTPACK:
                hash(out, listpack(in.readString()), limits, false);
                return;
            case RdbType.STREAM_LISTPACKS:
            case RdbType.STREAM_LISTPACKS_2:
                out.collection(ObjectType.STREAM, ObjectType.ENC_STREAM, RdbStreamReader.read(in, type == RdbType.STREAM_LISTPACKS_2));
                return;
            default:
                throw new RdbFormatException("unknown object type " + type);
        }
    }

    /** A count of items, each {@code per} strings, then the strings. */
    private static List<byte[]> strings(RdbInput in, int per) throws RdbFormatException {
        long n = in.readLength();
        if (n == 0) {
            throw new RdbFormatException("empty key");
        }
        if (n > in.remaining()) { // every string takes a byte at least
            throw new RdbFormatException("count " + n + " past the end");
        }
        List<byte[]> out = new ArrayList<>((int) Math.min(n * per, 1 << 16));
        for (long i = 0; i < n * per; i++) {
            out.add(in.readString());
        }
        return out;
    }

    static List<byte[]> listpack(byte[] blob) throws RdbFormatException {
        ListpackReader r = new ListpackReader(blob);
        List<byte[]> out = new ArrayList<>();
        while (r.next()) {
            out.add(r.bytes());
        }
        return out;
    }

    /** QUICKLIST (ziplist nodes) or QUICKLIST_2 (containers: listpack or one plain element); empty nodes skipped. */
    private static List<byte[]> quicklist(RdbInput in, int type) throws RdbFormatException {
        long nodes = in.readLength();
        if (nodes == 0) {
            throw new RdbFormatException("empty key");
        }
        List<byte[]> out = new ArrayList<>();
        for (long i = 0; i < nodes; i++) {
            int container = RdbType.CONTAINER_PACKED;
            if (type == RdbType.LIST_QUICKLIST_2) {
                long c = in.readLength();
                if (c != RdbType.CONTAINER_PLAIN && c != RdbType.CONTAINER_PACKED) {
                    throw new RdbFormatException("quicklist integrity check failed");
                }
                container = (int) c;
            }
            byte[] blob = in.readString();
            if (container == RdbType.CONTAINER_PLAIN) {
                out.add(blob);
            } else if (type == RdbType.LIST_QUICKLIST_2) {
                out.addAll(listpack(blob));
            } else {
                out.addAll(Ziplist.elements(blob));
            }
        }
        if (out.isEmpty()) {
            throw new RdbFormatException("empty key");
        }
        return out;
    }

    private static ListValue list(List<byte[]> elements, RdbLimits limits) throws RdbFormatException {
        if (elements.isEmpty()) {
            throw new RdbFormatException("empty key");
        }
        int pending = 0;
        for (byte[] e : elements) {
            pending += ListValue.entryBytes(e.length);
        }
        ListValue l = new ListValue(limits.listFill);
        for (byte[] e : elements) {
            pending -= ListValue.entryBytes(e.length);
            l.push(e, 0, e.length, false, pending);
        }
        return l;
    }

    /** A SET (hashtable up front when longer than set-max-intset-entries) or the members of an intset. */
    private static void set(RdbValue out, List<byte[]> members, RdbLimits limits, boolean fromTable) throws RdbFormatException {
        if (members.isEmpty()) {
            throw new RdbFormatException("empty key");
        }
        SetValue s = fromTable && members.size() > limits.setMaxIntsetEntries ? SetValue.hashtable() : new SetValue();
        for (byte[] m : members) {
            if (!s.add(m, limits.setMaxIntsetEntries)) {
                throw new RdbFormatException("duplicate set members detected");
            }
        }
        out.collection(ObjectType.SET, s.encoding(), s);
    }

    /**
     * A HASH (pairs: a listpack while within both limits, as each pair is loaded) or a packed
     * hash (field, value, ...: kept packed unless it has more pairs than hash-max-listpack-entries;
     * Redis does not check value lengths there).
     */
    private static void hash(RdbValue out, List<byte[]> fv, RdbLimits limits, boolean fromTable) throws RdbFormatException {
        if (fv.isEmpty() || fv.size() % 2 != 0) {
            throw new RdbFormatException("empty or odd hash");
        }
        HashValue h = new HashValue();
        if (fv.size() / 2 > limits.hashMaxEntries) {
            h.convert();
        }
        long maxValue = fromTable ? limits.hashMaxValue : Long.MAX_VALUE;
        for (int i = 0; i < fv.size(); i += 2) {
            byte[] f = fv.get(i);
            byte[] v = fv.get(i + 1);
            if (!h.set(f, 0, f.length, v, 0, v.length, Long.MAX_VALUE, maxValue)) {
                throw new RdbFormatException("duplicate hash fields detected");
            }
        }
        out.collection(ObjectType.HASH, h.encoding(), h);
    }

    /** ZSET / ZSET_2: member and score pairs (text or binary doubles), then zsetConvert to a listpack when small. */
    private static void zsetFromPairs(RdbInput in, int type, RdbLimits limits, RdbValue out) throws RdbFormatException {
        long n = in.readLength();
        if (n == 0) {
            throw new RdbFormatException("empty key");
        }
        if (n > in.remaining()) {
            throw new RdbFormatException("count " + n + " past the end");
        }
        ZsetValue z = ZsetValue.skiplist();
        for (long i = 0; i < n; i++) {
            byte[] m = in.readString();
            double score = type == RdbType.ZSET_2 ? in.readBinaryDouble() : in.readTextDouble();
            addMember(z, m, score);
        }
        z.fitListpack(limits.zsetMaxEntries, limits.zsetMaxValue);
        out.collection(ObjectType.ZSET, z.encoding(), z);
    }

    private static void addMember(ZsetValue z, byte[] m, double score) throws RdbFormatException {
        if (Double.isNaN(score)) {
            throw new RdbFormatException("zset with NAN score detected");
        }
        if (!Double.isNaN(z.score(m, 0, m.length))) {
            throw new RdbFormatException("duplicate zset fields detected");
        }
        z.addOwned(m, score, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** ZSET_ZIPLIST / ZSET_LISTPACK: member, score text, ...; converted to a skiplist past zset-max-listpack-entries. */
    private void zsetFromPacked(List<byte[]> elements, RdbLimits limits, RdbValue out) throws RdbFormatException {
        if (elements.isEmpty() || elements.size() % 2 != 0) {
            throw new RdbFormatException("empty or odd sorted set");
        }
        int n = elements.size() / 2;
        ZsetValue z = n > limits.zsetMaxEntries ? ZsetValue.skiplist() : new ZsetValue();
        for (int i = 0; i < elements.size(); i += 2) {
            byte[] s = elements.get(i + 1);
            int end = strtod.parse(s, 0, s.length);
            if (s.length == 0 || end != s.length) {
                throw new RdbFormatException("bad sorted set score");
            }
            addMember(z, elements.get(i), strtod.value);
        }
        out.collection(ObjectType.ZSET, z.encoding(), z);
    }
}
