package io.ringstore.engine.store;

import io.ringstore.engine.util.ByteHash;

import java.util.Arrays;

/**
 * A hash value (Redis's OBJ_HASH) in one of Redis 7.0's two encodings. Small ("listpack"): one
 * array of alternating field/value byte[] in insertion order, searched linearly, as a listpack is.
 * Large ("hashtable"): a {@link Dict} keyed by field with the value as the slot's object, which
 * brings Redis's reverse-binary SCAN cursor for HSCAN. A hash converts to the large form when an
 * insert would take it past {@code maxEntries} or a field or value is longer than {@code maxValue}
 * (hash-max-listpack-entries/-value, read by the caller) and never converts back. Arrays are stored
 * as given (callers pass copies they own). Owned by the shard thread that owns its key.
 */
public final class HashValue implements CollectionValue {
    private static final int MIN_PAIRS = 4;

    /** Small form: field0, value0, field1, value1, ...; null once large. */
    private byte[][] pairs;
    private int n;
    /** Large form; null while small. */
    private Dict table;

    public HashValue() {
        pairs = new byte[MIN_PAIRS * 2][];
    }

    @Override
    public long size() {
        return table != null ? table.size() : n;
    }

    public boolean isListpack() {
        return table == null;
    }

    /** The ObjectType encoding of the current form. */
    public int encoding() {
        return table == null ? ObjectType.ENC_LISTPACK : ObjectType.ENC_HT;
    }

    @Override
    public HashValue duplicate() {
        HashValue h = new HashValue();
        if (table == null) {
            h.pairs = new byte[pairs.length][];
            for (int i = 0; i < 2 * n; i++) {
                h.pairs[i] = pairs[i].clone();
            }
            h.n = n;
        } else {
            h.pairs = null;
            h.table = Dict.members(true);
            table.forEach((d, t, s) -> h.putLarge(Dict.keyAt(t, s).clone(), ((byte[]) Dict.valueAt(t, s)).clone()));
        }
        return h;
    }

    private int indexOf(byte[] b, int off, int len) {
        final byte[][] p = pairs;
        for (int i = 0; i < 2 * n; i += 2) {
            byte[] f = p[i];
            if (f.length == len && Arrays.equals(f, 0, len, b, off, off + len)) {
                return i;
            }
        }
        return -1;
    }

    /** The value of a field, or null. */
    public byte[] get(byte[] b, int off, int len) {
        if (table == null) {
            int i = indexOf(b, off, len);
            return i < 0 ? null : pairs[i + 1];
        }
        int s = table.find(b, off, len, ByteHash.hash(b, off, len));
        return s < 0 ? null : (byte[]) table.value(s);
    }

    public byte[] get(byte[] field) {
        return get(field, 0, field.length);
    }

    /**
     * Sets field to value (both owned by this hash from now on); true when the field is new.
     * Converts first if either is longer than {@code maxValue}, after if the size passes
     * {@code maxEntries} (Redis's hashTypeSet).
     */
    public boolean set(byte[] field, byte[] value, long maxEntries, long maxValue) {
        if (table == null && (field.length > maxValue || value.length > maxValue)) {
            convert();
        }
        if (table != null) {
            int s = table.find(field, 0, field.length, ByteHash.hash(field, 0, field.length));
            if (s >= 0) {
                table.setValue(s, value);
                return false;
            }
            putLarge(field, value);
            return true;
        }
        int i = indexOf(field, 0, field.length);
        if (i >= 0) {
            pairs[i + 1] = value;
            return false;
        }
        if (2 * n == pairs.length) {
            pairs = Arrays.copyOf(pairs, pairs.length * 2);
        }
        pairs[2 * n] = field;
        pairs[2 * n + 1] = value;
        n++;
        if (n > maxEntries) {
            convert();
        }
        return true;
    }

    private void putLarge(byte[] field, byte[] value) {
        int s = table.insert(field, ByteHash.hash(field, 0, field.length));
        table.setValue(s, value);
    }

    /** Moves every pair into the large form, keeping the arrays. */
    public void convert() {
        if (table != null) {
            return;
        }
        table = Dict.members(true);
        for (int i = 0; i < 2 * n; i += 2) {
            putLarge(pairs[i], pairs[i + 1]);
        }
        pairs = null;
        n = 0;
    }

    /** Removes a field; true when it existed. Listpack order of the rest is kept. */
    public boolean remove(byte[] b, int off, int len) {
        if (table != null) {
            int s = table.find(b, off, len, ByteHash.hash(b, off, len));
            if (s < 0) {
                return false;
            }
            table.removeAt(s);
            return true;
        }
        int i = indexOf(b, off, len);
        if (i < 0) {
            return false;
        }
        System.arraycopy(pairs, i + 2, pairs, i, 2 * n - i - 2);
        n--;
        pairs[2 * n] = null;
        pairs[2 * n + 1] = null;
        return true;
    }

    /** Receives one field and its value. */
    public interface PairVisitor {
        void visit(byte[] field, byte[] value);
    }

    /** Visits every pair: listpack order when small, table order when large. Must not modify. */
    public void forEach(PairVisitor v) {
        if (table == null) {
            for (int i = 0; i < 2 * n; i += 2) {
                v.visit(pairs[i], pairs[i + 1]);
            }
        } else {
            table.forEach((d, t, s) -> v.visit(Dict.keyAt(t, s), (byte[]) Dict.valueAt(t, s)));
        }
    }

    /** One HSCAN step of the large form (see Dict.scan); the small form is scanned whole. */
    public long scan(long cursor, PairVisitor v) {
        if (table == null) {
            forEach(v);
            return 0;
        }
        return table.scan(cursor, (d, t, s) -> v.visit(Dict.keyAt(t, s), (byte[]) Dict.valueAt(t, s)));
    }

    /** Field of pair {@code i} (0..size-1) of the small form. */
    public byte[] fieldAt(int i) {
        return pairs[2 * i];
    }

    /** Value of pair {@code i} of the small form. */
    public byte[] valueAt(int i) {
        return pairs[2 * i + 1];
    }

    /** A random pair's index (small) or slot (large), chosen from {@code random}; hash not empty. */
    public int randomPair(long random) {
        if (table == null) {
            return (int) Long.remainderUnsigned(random, n);
        }
        return table.randomSlot(random);
    }

    /** Field of a pair returned by {@link #randomPair}. */
    public byte[] randomField(int p) {
        return table == null ? pairs[2 * p] : table.key(p);
    }

    public byte[] randomValue(int p) {
        return table == null ? pairs[2 * p + 1] : (byte[]) table.value(p);
    }
}
