package io.ringstore.engine.store;

import io.ringstore.engine.util.ByteHash;
import io.ringstore.engine.util.Varint;

import java.util.Arrays;

/**
 * A hash value (Redis's OBJ_HASH) in one of Redis 7.0's two encodings, both built from
 * {@link HashPair}s (varint field length, field, varint value length, value).
 *
 * <p>Small ("listpack"): every pair back to back in one array, in insertion order, as a listpack:
 *
 * <pre>
 *  lp
 *  +------+----+------+-------+------+----+------+-------+- - -+- - - - - -+
 *  | flen | f0 | vlen | v0    | flen | f1 | vlen | v1    | ... | slack     |
 *  +------+----+------+-------+------+----+------+-------+- - -+- - - - - -+
 *  0      pair 0               pair 1                          used        lp.length
 * </pre>
 *
 * Lookups walk the pairs comparing fields in place; a new field is appended; a new value for a
 * field is written where the old one was, shifting the tail when the lengths differ; removal
 * closes the gap. The array grows to a quarter more than needed and shrinks when less than half
 * of it is used.
 *
 * <p>Large ("hashtable"): a {@link Dict#prefixedMembers} table whose keys are the pairs, one array
 * each (the table compares and hashes the field part), which brings Redis's reverse-binary SCAN
 * cursor for HSCAN. A same-length value is overwritten in place, another replaces the pair array.
 *
 * <p>A hash converts to the large form when an insert would take it past {@code maxEntries} or a
 * field or value is longer than {@code maxValue} (hash-max-listpack-entries/-value, read by the
 * caller) and never converts back. Field and value bytes are copied in: callers pass argument
 * ranges. Reads go through <em>positions</em> ({@link #find}, {@link #first}, {@link #next}): the
 * pair's offset in the small array, or its slot in the table; {@link #array} and the offset and
 * length accessors then locate its bytes, so a reply is written straight from the structure. A
 * position is valid until the next change. Owned by the shard thread that owns its key.
 */
public final class HashValue implements CollectionValue {
    private static final byte[] EMPTY = new byte[0];
    private static final int MIN_CAPACITY = 16;

    /** Small form: the packed pairs in {@code [0, used)}; null once large. */
    private byte[] lp = EMPTY;
    private int used;
    private int count;
    /** Large form; null while small. */
    private Dict table;

    @Override
    public long size() {
        return table != null ? table.size() : count;
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
            h.lp = used == 0 ? EMPTY : Arrays.copyOf(lp, used);
            h.used = used;
            h.count = count;
        } else {
            h.lp = null;
            h.table = Dict.prefixedMembers();
            table.forEach((d, t, s) -> h.insertLarge(Dict.keyAt(t, s).clone()));
        }
        return h;
    }

    // ---- positions ----

    /** The position of a field, or -1. */
    public int find(byte[] b, int off, int len) {
        if (table != null) {
            return table.find(b, off, len, ByteHash.hash(b, off, len));
        }
        final byte[] p = lp;
        for (int at = 0; at < used; at = HashPair.end(p, at)) {
            if (HashPair.fieldIs(p, at, b, off, len)) {
                return at;
            }
        }
        return -1;
    }

    /**
     * The first position of an iteration (-1 when empty): listpack order when small, table order
     * when large. A large table finishes a pending rehash first so that every pair has a slot of
     * one table. Use with {@link #next}; the hash must not change meanwhile.
     */
    public int first() {
        if (table == null) {
            return used == 0 ? -1 : 0;
        }
        while (table.rehashStep(1 << 16)) {
            // settle: positions are current-table slots
        }
        return nextSlot(0);
    }

    /** The position after {@code p}, or -1 at the end. */
    public int next(int p) {
        if (table == null) {
            int e = HashPair.end(lp, p);
            return e < used ? e : -1;
        }
        return nextSlot(p + 1);
    }

    private int nextSlot(int from) {
        final Dict t = table;
        for (int s = from, n = t.capacity(); s < n; s++) {
            if (t.occupied(s)) {
                return s;
            }
        }
        return -1;
    }

    /** The array holding the pair at {@code p}. */
    public byte[] array(int p) {
        return table == null ? lp : table.key(p);
    }

    /** Where the pair at {@code p} starts in {@link #array}. */
    public int start(int p) {
        return table == null ? p : 0;
    }

    public int fieldOff(int p) {
        return HashPair.fieldOff(array(p), start(p));
    }

    public int fieldLen(int p) {
        return HashPair.fieldLen(array(p), start(p));
    }

    public int valueOff(int p) {
        return HashPair.valueOff(array(p), start(p));
    }

    public int valueLen(int p) {
        return HashPair.valueLen(array(p), start(p));
    }

    /** A random pair's position, chosen from {@code random}; hash not empty. */
    public int randomPair(long random) {
        if (table != null) {
            return table.randomSlot(random);
        }
        int at = 0;
        for (long i = Long.remainderUnsigned(random, count); i > 0; i--) {
            at = HashPair.end(lp, at);
        }
        return at;
    }

    // ---- writes ----

    /**
     * Sets a field to a value, both copied from the given ranges; true when the field is new.
     * Converts first if either is longer than {@code maxValue}, after if the size passes
     * {@code maxEntries} (Redis's hashTypeSet).
     */
    public boolean set(byte[] fb, int fo, int fl, byte[] vb, int vo, int vl, long maxEntries, long maxValue) {
        if (table == null && (fl > maxValue || vl > maxValue)) {
            convert();
        }
        int p = find(fb, fo, fl);
        if (table != null) {
            if (p >= 0) {
                replaceLarge(p, fb, fo, fl, vb, vo, vl);
                return false;
            }
            byte[] pair = new byte[HashPair.size(fl, vl)];
            HashPair.write(pair, 0, fb, fo, fl, vb, vo, vl);
            insertLarge(pair);
            return true;
        }
        if (p >= 0) {
            replaceSmall(p, vb, vo, vl);
            return false;
        }
        int size = HashPair.size(fl, vl);
        reserve(used + size);
        used = HashPair.write(lp, used, fb, fo, fl, vb, vo, vl);
        count++;
        if (count > maxEntries) {
            convert();
        }
        return true;
    }

    /** Writes a new value over the pair at {@code at} of the small form, moving the tail. */
    private void replaceSmall(int at, byte[] vb, int vo, int vl) {
        int va = HashPair.valueAt(lp, at);
        int oldEnd = HashPair.end(lp, at);
        int newEnd = va + Varint.size(vl) + vl;
        int delta = newEnd - oldEnd;
        if (delta > 0) {
            reserve(used + delta);
        }
        System.arraycopy(lp, oldEnd, lp, newEnd, used - oldEnd);
        System.arraycopy(vb, vo, lp, Varint.write(lp, va, vl), vl);
        used += delta;
        if (delta < 0) {
            maybeShrink();
        }
    }

    /** The pair at slot {@code s} of the large form gets a new value: in place when as long. */
    private void replaceLarge(int s, byte[] fb, int fo, int fl, byte[] vb, int vo, int vl) {
        byte[] pair = table.key(s);
        if (HashPair.valueLen(pair, 0) == vl) {
            System.arraycopy(vb, vo, pair, HashPair.valueOff(pair, 0), vl);
            return;
        }
        byte[] fresh = new byte[HashPair.size(fl, vl)];
        HashPair.write(fresh, 0, fb, fo, fl, vb, vo, vl);
        table.replaceKey(s, fresh);
    }

    private void insertLarge(byte[] pair) {
        int fo = HashPair.fieldOff(pair, 0);
        table.insert(pair, ByteHash.hash(pair, fo, HashPair.fieldLen(pair, 0)));
    }

    /** Grows the small array to hold {@code need} bytes, with a quarter more as slack. */
    private void reserve(int need) {
        if (need > lp.length) {
            long cap = Math.max(MIN_CAPACITY, need + (long) (need >>> 2));
            lp = Arrays.copyOf(lp, (int) Math.min(cap, Integer.MAX_VALUE - 8L));
        }
    }

    /** Gives back the small array's spare half (and more) after a removal or a shorter value. */
    private void maybeShrink() {
        if (lp.length > MIN_CAPACITY && used < lp.length >>> 1) {
            lp = used == 0 ? EMPTY : Arrays.copyOf(lp, Math.max(MIN_CAPACITY, used + (used >>> 2)));
        }
    }

    /** Moves every pair into the large form, one array per pair. */
    public void convert() {
        if (table != null) {
            return;
        }
        table = Dict.prefixedMembers();
        for (int at = 0; at < used; ) {
            int end = HashPair.end(lp, at);
            insertLarge(Arrays.copyOfRange(lp, at, end));
            at = end;
        }
        lp = null;
        used = 0;
        count = 0;
    }

    /** Removes a field; true when it existed. Listpack order of the rest is kept. */
    public boolean remove(byte[] b, int off, int len) {
        int p = find(b, off, len);
        if (p < 0) {
            return false;
        }
        if (table != null) {
            table.removeAt(p);
            return true;
        }
        int end = HashPair.end(lp, p);
        System.arraycopy(lp, end, lp, p, used - end);
        used -= end - p;
        count--;
        maybeShrink();
        return true;
    }

    // ---- scans ----

    /** Receives one pair: the array holding it and where it starts (read with {@link HashPair}). */
    public interface PairVisitor {
        void visit(byte[] array, int at);
    }

    /**
     * One HSCAN step of the large form (see Dict.scan): each pair visited is an array of its own
     * starting at 0, valid after the call. The small form is visited whole and returns 0.
     */
    public long scan(long cursor, PairVisitor v) {
        if (table == null) {
            for (int at = 0; at < used; at = HashPair.end(lp, at)) {
                v.visit(lp, at);
            }
            return 0;
        }
        return table.scan(cursor, (d, t, s) -> v.visit(Dict.keyAt(t, s), 0));
    }
}
