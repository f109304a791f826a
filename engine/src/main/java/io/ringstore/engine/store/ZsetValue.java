package io.ringstore.engine.store;

import io.ringstore.engine.util.ByteHash;

import java.util.Arrays;

/**
 * A sorted set (Redis's OBJ_ZSET) in Redis 7.0.15's two encodings, as OBJECT ENCODING reports them.
 * "listpack": every entry in one byte array ({@link ZsetListpack} gives the layout) in order
 * (score, then member bytes unsigned), while the set has at most {@code zset-max-listpack-entries}
 * members of at most {@code zset-max-listpack-value} bytes; lookups by member and score ranges
 * walk the entries, as in a listpack. "skiplist": a {@link Dict} from member to node for O(1)
 * ZSCORE plus a {@link ZsetSkiplist} for O(log N) rank, insert, delete and range starts. Conversion
 * is one-way, on the insert that crosses a threshold (zsetAdd). A listpack stores scores as text in
 * Redis (d2string, which prints -0.0 as "0"), so -0 becomes 0 in this form and stays -0 in the other.
 *
 * <p>Walks go through one cursor per value ({@link #seek}, {@link #next}, {@link #prev}); the
 * current member is (array, offset, length), straight into the packed array or the node's member,
 * so replies copy nothing. Owned by the shard thread owning the key.
 */
public final class ZsetValue implements CollectionValue {
    private static final byte[] EMPTY = new byte[0];

    /** The listpack form: {@code n} entries filling the array exactly; null once a skiplist. */
    private byte[] lp;
    private int n;
    /** Non-null once the set is a skiplist (list and member table); then {@link #lp} is null. */
    private ZsetSkiplist list;
    /**
     * The listpack cursor: an entry's start (-1: past an end) and its rank, from which the next
     * {@link #seek} may walk; a skiplist's cursor is its {@code cursor}.
     */
    private int at = -1;
    private int atRank;

    /** An empty listpack sorted set; {@link #skiplist()} makes the other form. */
    public ZsetValue() {
        lp = EMPTY; // every insert into it grows a new array
    }

    public static ZsetValue skiplist() {
        ZsetValue z = new ZsetValue();
        z.convert();
        return z;
    }

    /** ObjectType.ENC_LISTPACK or ENC_SKIPLIST. */
    public int encoding() {
        return list == null ? ObjectType.ENC_LISTPACK : ObjectType.ENC_SKIPLIST;
    }

    @Override
    public long size() {
        return list == null ? n : list.length;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** The hashtable behind a skiplist set (ZSCAN walks it), else null. */
    public Dict dict() {
        return list == null ? null : list.dict;
    }

    /** Bytes the listpack form holds; 0 for a skiplist. */
    public int listpackBytes() {
        return list == null ? lp.length : 0;
    }

    @Override
    public ZsetValue duplicate() {
        if (list == null) {
            ZsetValue z = new ZsetValue();
            z.lp = lp.clone();
            z.n = n;
            return z;
        }
        ZsetValue z = skiplist();
        for (seek(0); valid(); next()) {
            z.putNode(z.list.insert(score(), memberCopy()));
        }
        return z;
    }

    /** The score of a member, or NaN when absent (NaN is never stored). */
    public double score(byte[] b, int off, int len) {
        if (list == null) {
            int o = ZsetListpack.find(lp, lp.length, b, off, len);
            return o < 0 ? Double.NaN : ZsetListpack.score(lp, o);
        }
        int slot = list.dict.find(b, off, len, ByteHash.hash(b, off, len));
        return slot < 0 ? Double.NaN : ((ZsetSkiplist.Node) list.dict.value(slot)).score;
    }

    /** 0-based rank of a member in ascending order, or -1 when absent. */
    public long rank(byte[] b, int off, int len) {
        if (list == null) {
            int k = 0;
            for (int o = 0; o < lp.length; o = ZsetListpack.next(lp, o), k++) {
                int l = ZsetListpack.length(lp, o);
                int m = ZsetListpack.member(lp, o);
                if (Arrays.equals(lp, m, m + l, b, off, off + len)) {
                    return k;
                }
            }
            return -1;
        }
        double s = score(b, off, len);
        return Double.isNaN(s) ? -1 : list.rank(s, b, off, len);
    }

    /**
     * Adds a member known to be absent, copying its bytes, first converting a listpack that would
     * pass {@code maxEntries} members or that meets a member longer than {@code maxValue} bytes.
     */
    public void add(byte[] b, int off, int len, double s, long maxEntries, long maxValue) {
        if (list == null && n + 1 <= maxEntries && len <= maxValue) {
            insert(b, off, len, s);
        } else {
            addOwned(Arrays.copyOfRange(b, off, off + len), s, maxEntries, maxValue);
        }
    }

    /** {@link #add} for a member array the caller hands over (a skiplist node keeps it). */
    public void addOwned(byte[] m, double s, long maxEntries, long maxValue) {
        if (list == null && (n + 1 > maxEntries || m.length > maxValue)) {
            convert();
        }
        if (list == null) {
            insert(m, 0, m.length, s);
        } else {
            putNode(list.insert(s, m));
        }
    }

    /** Changes a present member's score from {@code old} to {@code s}. */
    public void update(byte[] b, int off, int len, double old, double s) {
        if (list == null) {
            cut(ZsetListpack.find(lp, lp.length, b, off, len), 1);
            insert(b, off, len, s);
            return;
        }
        int slot = list.dict.find(b, off, len, ByteHash.hash(b, off, len));
        ZsetSkiplist.Node x = (ZsetSkiplist.Node) list.dict.value(slot);
        list.delete(old, b, off, len);
        list.dict.setValue(slot, list.insert(s, x.member));
    }

    /** Removes a member; returns whether it was present. */
    public boolean remove(byte[] b, int off, int len) {
        if (list == null) {
            int o = ZsetListpack.find(lp, lp.length, b, off, len);
            if (o < 0) {
                return false;
            }
            cut(o, 1);
            return true;
        }
        int slot = list.dict.find(b, off, len, ByteHash.hash(b, off, len));
        if (slot < 0) {
            return false;
        }
        ZsetSkiplist.Node x = (ZsetSkiplist.Node) list.dict.value(slot);
        list.dict.removeAt(slot);
        list.delete(x.score, b, off, len);
        return true;
    }

    /** Removes the members of ranks {@code from..to} (inclusive, 0 <= from <= to < size). */
    public void removeRanks(long from, long to) {
        if (list == null) {
            seek(from);
            cut(at, (int) (to - from + 1));
            return;
        }
        ZsetSkiplist.Node x = list.at(from);
        for (long k = from; k <= to; k++) {
            ZsetSkiplist.Node following = x.next[0];
            byte[] m = x.member;
            list.dict.removeAt(list.dict.find(m, 0, m.length, ByteHash.hash(m, 0, m.length)));
            list.delete(x.score, m, 0, m.length);
            x = following;
        }
    }

    /** Converts to the skiplist form (zsetConvert); members become arrays of their own. */
    public void convert() {
        if (list != null) {
            return;
        }
        ZsetSkiplist l = new ZsetSkiplist();
        list = l;
        for (int o = 0; o < lp.length; o = ZsetListpack.next(lp, o)) {
            int m = ZsetListpack.member(lp, o);
            putNode(l.insert(ZsetListpack.score(lp, o), Arrays.copyOfRange(lp, m, m + ZsetListpack.length(lp, o))));
        }
        lp = null;
        n = 0;
        at = -1;
    }

    /**
     * Moves a skiplist to the listpack form when it has at most {@code maxEntries} members of at
     * most {@code maxValue} bytes (zsetConvertToListpackIfNeeded, for stored results); returns this.
     * The array is sized exactly.
     */
    public ZsetValue fitListpack(long maxEntries, long maxValue) {
        if (list == null || list.length > maxEntries) {
            return this;
        }
        int bytes = 0;
        for (ZsetSkiplist.Node x = list.header.next[0]; x != null; x = x.next[0]) {
            if (x.member.length > maxValue) {
                return this;
            }
            bytes += ZsetListpack.entrySize(x.member.length, x.score == 0 ? 0.0 : x.score);
        }
        byte[] packed = new byte[bytes];
        int o = 0;
        for (ZsetSkiplist.Node x = list.header.next[0]; x != null; x = x.next[0]) {
            double s = x.score;
            o = ZsetListpack.write(packed, o, x.member, 0, x.member.length, s == 0 ? 0.0 : s);
        }
        n = (int) list.length;
        lp = packed;
        list = null;
        at = -1;
        return this;
    }

    private void putNode(ZsetSkiplist.Node x) {
        byte[] m = x.member;
        int slot = list.dict.insert(m, ByteHash.hash(m, 0, m.length));
        list.dict.setValue(slot, x);
    }

    /**
     * Writes a listpack entry in its place (the member is absent) into an array longer by the
     * entry: the array is always exactly full, as Redis reallocs a listpack on every insert.
     */
    private void insert(byte[] b, int off, int len, double s) {
        if (s == 0) {
            s = 0.0; // d2string prints -0.0 as "0": a listpack never holds -0
        }
        int size = ZsetListpack.entrySize(len, s);
        int used = lp.length;
        int o = ZsetListpack.position(lp, used, s, b, off, len);
        byte[] grown = new byte[used + size];
        System.arraycopy(lp, 0, grown, 0, o);
        System.arraycopy(lp, o, grown, o + size, used - o);
        ZsetListpack.write(grown, o, b, off, len, s);
        lp = grown;
        n++;
        at = -1;
    }

    /** Removes {@code count} listpack entries from the one starting at {@code o} (into a shorter array). */
    private void cut(int o, int count) {
        int end = o;
        for (int k = 0; k < count; k++) {
            end = ZsetListpack.next(lp, end);
        }
        byte[] shrunk = new byte[lp.length - (end - o)];
        System.arraycopy(lp, 0, shrunk, 0, o);
        System.arraycopy(lp, end, shrunk, o, lp.length - end);
        lp = shrunk;
        n -= count;
        at = -1;
    }

    // ---- ranges: ranks where zsl/zzlFirstInRange and LastInRange stop ----

    /** Rank of the first member in range (zslFirstIn(Lex)Range / zzlFirstIn(Lex)Range), or -1. */
    public long first(ZsetRange r) {
        if (!inRange(r)) {
            return -1;
        }
        long k;
        if (list != null) {
            r.mode = ZsetRange.BELOW_MIN;
            k = list.countWhile(r);
            if (k >= size()) {
                return -1;
            }
            seek(k);
        } else {
            long found = ZsetListpack.firstPastMin(lp, r);
            if (found < 0) {
                return -1;
            }
            k = atRank = (int) (found >>> 32);
            at = (int) found;
        }
        return r.lteMax(memberArray(), memberOffset(), memberLength(), score()) ? k : -1;
    }

    /** Rank of the last member in range (zslLastIn(Lex)Range / zzlLastIn(Lex)Range), or -1. */
    public long last(ZsetRange r) {
        if (!inRange(r)) {
            return -1;
        }
        long k;
        if (list != null) {
            r.mode = ZsetRange.WITHIN_MAX;
            k = list.countWhile(r) - 1;
            if (k < 0) {
                return -1;
            }
            seek(k);
        } else {
            long found = ZsetListpack.lastBeforeMax(lp, n, r);
            if (found < 0) {
                return -1;
            }
            k = atRank = (int) (found >>> 32);
            at = (int) found;
        }
        return r.gteMin(memberArray(), memberOffset(), memberLength(), score()) ? k : -1;
    }

    /** zslIsInRange / zzlIsInRange and their lex forms: false when the range surely misses. */
    private boolean inRange(ZsetRange r) {
        if (r.emptyByBounds() || size() == 0) {
            return false;
        }
        seek(size() - 1);
        if (!r.gteMin(memberArray(), memberOffset(), memberLength(), score())) {
            return false;
        }
        seek(0);
        return r.lteMax(memberArray(), memberOffset(), memberLength(), score());
    }

    // ---- the cursor ----

    /**
     * Puts the cursor on rank {@code r}; past either end it is not {@link #valid()}. A listpack
     * walks from the nearest of its head, its tail and the cursor's last place (a range's start
     * found by {@link #first}, then its OFFSET, then its reply, each walk short).
     */
    public void seek(long r) {
        if (list != null) {
            list.cursor = r < 0 || r >= list.length ? null : list.at(r);
            return;
        }
        if (r < 0 || r >= n) {
            at = -1;
            return;
        }
        int rank = (int) r;
        int o = 0;
        int k = 0;
        if (n - rank < rank) {
            o = lp.length;
            k = n;
        }
        if (at >= 0 && Math.abs(rank - atRank) < Math.abs(rank - k)) {
            o = at;
            k = atRank;
        }
        for (; k < rank; k++) {
            o = ZsetListpack.next(lp, o);
        }
        for (; k > rank; k--) {
            o = ZsetListpack.previous(lp, o);
        }
        at = o;
        atRank = rank;
    }

    public boolean valid() {
        return list == null ? at >= 0 : list.cursor != null;
    }

    /** The array holding the current member: the packed entries, or the node's own member array. */
    public byte[] memberArray() {
        return list == null ? lp : list.cursor.member;
    }

    public int memberOffset() {
        return list == null ? ZsetListpack.member(lp, at) : 0;
    }

    public int memberLength() {
        return list == null ? ZsetListpack.length(lp, at) : list.cursor.member.length;
    }

    /** A copy of the current member, for callers that keep it. */
    public byte[] memberCopy() {
        if (list != null) {
            return list.cursor.member.clone();
        }
        int m = ZsetListpack.member(lp, at);
        return Arrays.copyOfRange(lp, m, m + ZsetListpack.length(lp, at));
    }

    public double score() {
        return list == null ? ZsetListpack.score(lp, at) : list.cursor.score;
    }

    public void next() {
        if (list == null) {
            int o = ZsetListpack.next(lp, at);
            at = o < lp.length ? o : -1;
            atRank++;
        } else {
            list.cursor = list.cursor.next[0];
        }
    }

    public void prev() {
        if (list == null) {
            at = at == 0 ? -1 : ZsetListpack.previous(lp, at);
            atRank--;
        } else {
            list.cursor = list.cursor.backward;
        }
    }
}
