package io.ringstore.engine.store;

import io.ringstore.engine.util.ByteHash;
import io.ringstore.engine.util.Numbers;

import java.util.Arrays;

/**
 * A set value (Redis's OBJ_SET) in one of Redis 7.0's two encodings, as OBJECT ENCODING reports
 * them: "intset" (a sorted long[], binary search, members iterate in ascending order exactly as
 * Redis's intset does) while every member is an integer (string2ll) and the size stays at most
 * {@code set-max-intset-entries}; "hashtable" otherwise, a {@link Dict} used as an open-addressing
 * set of byte[] (keys only). Conversion is one-way, as in Redis: a set never returns to intset.
 * Redis 7.0.15 has no listpack sets (they arrive in 7.2). Owned by the shard thread owning its key.
 */
public final class SetValue implements CollectionValue {
    private static final int MIN_INTS = 4;

    private long[] ints;
    private int n;
    /** Non-null once the set is a hashtable; then {@link #ints} is null. */
    private Dict dict;
    private final long[] scratch = new long[1];

    /** An empty intset; callers create the hashtable form with {@link #hashtable()}. */
    public SetValue() {
        ints = new long[MIN_INTS];
    }

    private SetValue(Dict dict) {
        this.dict = dict;
    }

    public static SetValue hashtable() {
        return new SetValue(Dict.members(false));
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
        return dict == null ? n : dict.size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public SetValue duplicate() {
        if (dict == null) {
            SetValue s = new SetValue();
            s.ints = Arrays.copyOf(ints, Math.max(MIN_INTS, n));
            s.n = n;
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
        if (dict == null) {
            if (isInteger(m, scratch)) {
                long v = scratch[0];
                int i = Arrays.binarySearch(ints, 0, n, v);
                if (i >= 0) {
                    return false;
                }
                insertInt(-i - 1, v);
                if (n > maxIntset) {
                    convert();
                }
                return true;
            }
            convert();
        }
        int h = ByteHash.hash(m, 0, m.length);
        if (dict.find(m, 0, m.length, h) >= 0) {
            return false;
        }
        dict.insert(m, h);
        return true;
    }

    private void addToDict(byte[] m) {
        int h = ByteHash.hash(m, 0, m.length);
        if (dict.find(m, 0, m.length, h) < 0) {
            dict.insert(m, h);
        }
    }

    private void insertInt(int at, long v) {
        if (n == ints.length) {
            ints = Arrays.copyOf(ints, n * 2);
        }
        System.arraycopy(ints, at, ints, at + 1, n - at);
        ints[at] = v;
        n++;
    }

    /** Converts an intset to the hashtable form (setTypeConvert). */
    public void convert() {
        if (dict != null) {
            return;
        }
        Dict d = Dict.members(false);
        for (int i = 0; i < n; i++) {
            byte[] m = Numbers.toBytes(ints[i]);
            d.insert(m, ByteHash.hash(m, 0, m.length));
        }
        dict = d;
        ints = null;
        n = 0;
    }

    public boolean contains(byte[] m) {
        return contains(m, 0, m.length);
    }

    public boolean contains(byte[] b, int off, int len) {
        if (dict == null) {
            return Numbers.parseLong(b, off, len, scratch) && Arrays.binarySearch(ints, 0, n, scratch[0]) >= 0;
        }
        return dict.find(b, off, len, ByteHash.hash(b, off, len)) >= 0;
    }

    public boolean remove(byte[] m) {
        return remove(m, 0, m.length);
    }

    public boolean remove(byte[] b, int off, int len) {
        if (dict == null) {
            if (!Numbers.parseLong(b, off, len, scratch)) {
                return false;
            }
            int i = Arrays.binarySearch(ints, 0, n, scratch[0]);
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

    private void removeInt(int i) {
        System.arraycopy(ints, i + 1, ints, i, n - i - 1);
        n--;
    }

    /** A member chosen from {@code random} (not removed). The set must not be empty. */
    public byte[] random(long random) {
        if (dict == null) {
            return Numbers.toBytes(ints[(int) Long.remainderUnsigned(random, n)]);
        }
        return dict.key(dict.randomSlot(random));
    }

    /**
     * Removes and returns a member chosen from {@code random}. The choice depends only on the
     * members and {@code random}, never on the hashtable's layout (see {@link Dict#nearestSlot}), so
     * a journaled SPOP replays to the same member after a snapshot load. The set must not be empty.
     */
    public byte[] pop(long random) {
        if (dict == null) {
            int i = (int) Long.remainderUnsigned(random, n);
            long v = ints[i];
            removeInt(i);
            return Numbers.toBytes(v);
        }
        // a layout-independent pick: SPOP must replay to the same member on a set rebuilt by a snapshot
        int slot = dict.nearestSlot((int) (random ^ (random >>> 32)));
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
            for (int i = 0; i < n; i++) {
                v.member(Numbers.toBytes(ints[i]));
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
