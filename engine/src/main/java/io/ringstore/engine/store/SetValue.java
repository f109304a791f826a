package io.ringstore.engine.store;

import io.ringstore.engine.util.ByteHash;
import io.ringstore.engine.util.Numbers;

import java.util.Arrays;

/**
 * A set value (Redis's OBJ_SET) in one of Redis 7.0's two encodings, as OBJECT ENCODING reports
 * them: "intset" (Redis's intset: sorted integers packed in one byte array at 2, 4 or 8 bytes each,
 * see {@link Intset}; binary search; members iterate in ascending order exactly as Redis's do)
 * while every member is an integer (string2ll) and the size stays at most
 * {@code set-max-intset-entries}; "hashtable" otherwise, a {@link Dict} used as an open-addressing
 * set of byte[] (keys only). Conversion is one-way, as in Redis: a set never returns to intset.
 * Redis 7.0.15 has no listpack sets (they arrive in 7.2). Owned by the shard thread owning its key.
 */
public final class SetValue implements CollectionValue {
    private static final byte[] EMPTY = new byte[0];
    /** Parse scratch of the shard thread (values are owned by one thread, many per thread). */
    private static final ThreadLocal<long[]> SCRATCH = ThreadLocal.withInitial(() -> new long[1]);

    /** The intset: values of {@code width} bytes, ints.length / width of them; null once a hashtable. */
    private byte[] ints;
    private byte width = 2;
    /** Non-null once the set is a hashtable; then {@link #ints} is null. */
    private Dict dict;

    /** An empty intset; callers create the hashtable form with {@link #hashtable()}. */
    public SetValue() {
        ints = EMPTY; // every insert into it grows a new array
    }

    private SetValue(Dict dict) {
        this.dict = dict;
    }

    public static SetValue hashtable() {
        return new SetValue(Dict.members(false));
    }

    /**
     * An intset of {@code sorted} (ascending, distinct, each fitting {@code width} bytes: 2, 4 or
     * 8) at that width: a loaded SET_INTSET blob keeps its encoding, as Redis keeps the blob.
     */
    public static SetValue intset(long[] sorted, int width) {
        SetValue s = new SetValue();
        byte[] a = new byte[sorted.length * width];
        for (int i = 0; i < sorted.length; i++) {
            Intset.set(a, width, i, sorted[i]);
        }
        s.ints = a;
        s.width = (byte) width;
        return s;
    }

    /** Whether a member can live in an intset (Redis's isSdsRepresentableAsLongLong). */
    public static boolean isInteger(byte[] m, long[] out) {
        return Numbers.parseLong(m, 0, m.length, out);
    }

    /** ObjectType.ENC_INTSET or ENC_HT. */
    public int encoding() {
        return dict == null ? ObjectType.ENC_INTSET : ObjectType.ENC_HT;
    }

    @Override
    public long size() {
        return dict == null ? count() : dict.size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** Members of an intset: its exact-size array's length over the width. */
    private int count() {
        return ints.length / width;
    }

    /** Bytes per intset member (2, 4 or 8), or 0 for a hashtable. */
    public int intsetWidth() {
        return dict == null ? width : 0;
    }

    /** The intset member of rank {@code i} (ascending); the set must be an intset. */
    public long intAt(int i) {
        return Intset.get(ints, width, i);
    }

    @Override
    public SetValue duplicate() {
        if (dict == null) {
            SetValue s = new SetValue();
            s.ints = ints.clone();
            s.width = width;
            return s;
        }
        SetValue s = hashtable();
        forEach(m -> s.addToDict(m.clone()));
        return s;
    }

    /**
     * Adds a member (the array is kept when stored in a hashtable: callers pass a copy they own);
     * converts to a hashtable when the member is not an integer or the intset would exceed
     * {@code maxIntset} entries (setTypeAdd). Returns whether it was added.
     */
    public boolean add(byte[] m, long maxIntset) {
        return add(m, 0, m.length, maxIntset, false);
    }

    /** {@link #add} of the bytes {@code b[off..off+len)}, copied only if a hashtable keeps them. */
    public boolean add(byte[] b, int off, int len, long maxIntset) {
        return add(b, off, len, maxIntset, true);
    }

    private boolean add(byte[] b, int off, int len, long maxIntset, boolean copy) {
        if (dict == null) {
            long[] v = SCRATCH.get();
            if (Numbers.parseLong(b, off, len, v)) {
                return addInt(v[0], maxIntset);
            }
            convert();
        }
        int h = ByteHash.hash(b, off, len);
        if (dict.find(b, off, len, h) >= 0) {
            return false;
        }
        dict.insert(copy ? Arrays.copyOfRange(b, off, off + len) : b, h);
        return true;
    }

    private boolean addInt(long v, long maxIntset) {
        int w = Intset.widthFor(v);
        int n = count();
        if (w > width) {
            ints = Intset.widen(ints, width, n, w, v < 0);
            width = (byte) w;
            Intset.set(ints, w, v < 0 ? 0 : n, v);
        } else {
            int i = Intset.search(ints, width, n, v);
            if (i >= 0) {
                return false;
            }
            insertInt(-i - 1, v);
        }
        if (n + 1 > maxIntset) {
            convert();
        }
        return true;
    }

    private void addToDict(byte[] m) {
        int h = ByteHash.hash(m, 0, m.length);
        if (dict.find(m, 0, m.length, h) < 0) {
            dict.insert(m, h);
        }
    }

    /** Inserts at rank {@code at} a value that fits the width, into an array one value longer (intsetAdd). */
    private void insertInt(int at, long v) {
        int w = width;
        int bytes = ints.length;
        byte[] grown = new byte[bytes + w];
        System.arraycopy(ints, 0, grown, 0, at * w);
        System.arraycopy(ints, at * w, grown, (at + 1) * w, bytes - at * w);
        Intset.set(grown, w, at, v);
        ints = grown;
    }

    /** Converts an intset to the hashtable form (setTypeConvert). */
    public void convert() {
        if (dict != null) {
            return;
        }
        Dict d = Dict.members(false);
        for (int i = 0, n = count(); i < n; i++) {
            byte[] m = Numbers.toBytes(intAt(i));
            d.insert(m, ByteHash.hash(m, 0, m.length));
        }
        dict = d;
        ints = null;
    }

    public boolean contains(byte[] m) {
        return contains(m, 0, m.length);
    }

    public boolean contains(byte[] b, int off, int len) {
        if (dict == null) {
            long[] v = SCRATCH.get();
            return Numbers.parseLong(b, off, len, v) && Intset.search(ints, width, count(), v[0]) >= 0;
        }
        return dict.find(b, off, len, ByteHash.hash(b, off, len)) >= 0;
    }

    public boolean remove(byte[] m) {
        return remove(m, 0, m.length);
    }

    public boolean remove(byte[] b, int off, int len) {
        if (dict == null) {
            long[] v = SCRATCH.get();
            if (!Numbers.parseLong(b, off, len, v)) {
                return false;
            }
            int i = Intset.search(ints, width, count(), v[0]);
            if (i < 0) {
                return false;
            }
            removeInt(i);
            return true;
        }
        int slot = dict.find(b, off, len, ByteHash.hash(b, off, len));
        if (slot < 0) {
            return false;
        }
        dict.removeAt(slot);
        return true;
    }

    /** Removes rank {@code i} into an array one value shorter (intsetRemove). */
    private void removeInt(int i) {
        int w = width;
        byte[] shrunk = new byte[ints.length - w];
        System.arraycopy(ints, 0, shrunk, 0, i * w);
        System.arraycopy(ints, (i + 1) * w, shrunk, i * w, shrunk.length - i * w);
        ints = shrunk;
    }

    /** A member chosen from {@code random} (not removed). The set must not be empty. */
    public byte[] random(long random) {
        if (dict == null) {
            return Numbers.toBytes(intAt((int) Long.remainderUnsigned(random, count())));
        }
        return dict.key(dict.randomSlot(random));
    }

    /**
     * Removes and returns a member chosen from {@code random}. The choice depends only on the
     * members and {@code random}, never on the hashtable's layout (see {@link Dict#fairSlot}), so
     * a journaled SPOP replays to the same member after a snapshot load. The set must not be empty.
     */
    public byte[] pop(long random) {
        if (dict == null) {
            int i = (int) Long.remainderUnsigned(random, count());
            long v = intAt(i);
            removeInt(i);
            return Numbers.toBytes(v);
        }
        // an even, layout-independent pick: SPOP must replay to the same member on a set rebuilt by a snapshot
        int slot = dict.fairSlot(random);
        byte[] m = dict.key(slot);
        dict.removeAt(slot);
        return m;
    }

    /** Receives members; must not modify the set. */
    public interface MemberVisitor {
        void member(byte[] m);
    }

    /** Visits every member: ascending for an intset, table order for a hashtable. */
    public void forEach(MemberVisitor v) {
        if (dict == null) {
            for (int i = 0, n = count(); i < n; i++) {
                v.member(Numbers.toBytes(intAt(i)));
            }
            return;
        }
        dict.forEach((d, table, slot) -> v.member(Dict.keyAt(table, slot)));
    }

    /** The members as an array (intset ascending), for commands that need them after mutating. */
    public byte[][] toArray() {
        byte[][] out = new byte[(int) size()][];
        int[] k = {0};
        forEach(m -> out[k[0]++] = m);
        return out;
    }

    /** The hashtable behind a hashtable set (SSCAN walks its buckets), else null. */
    public Dict dict() {
        return dict;
    }
}
