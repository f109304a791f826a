package io.ringstore.engine.store;

import io.ringstore.engine.util.ByteHash;

import java.util.Arrays;

/**
 * A sorted set (Redis's OBJ_ZSET) in Redis 7.0.15's two encodings, as OBJECT ENCODING reports them.
 * "listpack": members and scores in two parallel arrays kept in order (score, then member bytes
 * unsigned), while the set has at most {@code zset-max-listpack-entries} members of at most
 * {@code zset-max-listpack-value} bytes; lookups by member are linear, as in a listpack, ranges by
 * score binary-search. "skiplist": a {@link Dict} from member to node for O(1) ZSCORE plus a
 * {@link ZsetSkiplist} for O(log N) rank, insert, delete and range starts. Conversion is one-way,
 * on the insert that crosses a threshold (zsetAdd). A listpack stores scores as text in Redis
 * (d2string, which prints -0.0 as "0"), so -0 becomes 0 in this form and stays -0 in the other.
 *
 * <p>Walks go through one cursor per value ({@link #seek}, {@link #next}, {@link #prev}): no
 * allocation. Owned by the shard thread owning the key.
 */
public final class ZsetValue implements CollectionValue {
    private static final int MIN_CAPACITY = 4;

    private byte[][] members;
    private double[] scores;
    private int n;
    /** Non-null once the set is a skiplist; then the arrays are null. */
    private ZsetSkiplist list;
    private Dict dict;
    private int cursor;
    private ZsetSkiplist.Node node;

    /** An empty listpack sorted set; {@link #skiplist()} makes the other form. */
    public ZsetValue() {
        members = new byte[MIN_CAPACITY][];
        scores = new double[MIN_CAPACITY];
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
        return dict;
    }

    @Override
    public ZsetValue duplicate() {
        ZsetValue z = list == null ? new ZsetValue() : skiplist();
        for (seek(0); valid(); next()) {
            z.append(member().clone(), score());
        }
        return z;
    }

    /** Adds in order, for copies: the member must order after every present one. */
    private void append(byte[] m, double s) {
        if (list == null) {
            grow();
            members[n] = m;
            scores[n] = s;
            n++;
        } else {
            putNode(list.insert(s, m));
        }
    }

    /** The score of a member, or NaN when absent (NaN is never stored). */
    public double score(byte[] b, int off, int len) {
        if (list == null) {
            int i = find(b, off, len);
            return i < 0 ? Double.NaN : scores[i];
        }
        int slot = dict.find(b, off, len, ByteHash.hash(b, off, len));
        return slot < 0 ? Double.NaN : ((ZsetSkiplist.Node) dict.value(slot)).score;
    }

    /** 0-based rank of a member in ascending order, or -1 when absent. */
    public long rank(byte[] b, int off, int len) {
        if (list == null) {
            return find(b, off, len);
        }
        double s = score(b, off, len);
        return Double.isNaN(s) ? -1 : list.rank(s, b, off, len);
    }

    private int find(byte[] b, int off, int len) {
        for (int i = 0; i < n; i++) {
            byte[] m = members[i];
            if (Arrays.equals(m, 0, m.length, b, off, off + len)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Adds a member known to be absent (the array is kept: callers pass a copy they own), first
     * converting a listpack that would pass {@code maxEntries} members or that meets a member
     * longer than {@code maxValue} bytes.
     */
    public void add(byte[] m, double s, long maxEntries, long maxValue) {
        if (list == null && (n + 1 > maxEntries || m.length > maxValue)) {
            convert();
        }
        if (list == null) {
            insertAt(position(s, m), m, s);
        } else {
            putNode(list.insert(s, m));
        }
    }

    /** Changes a present member's score from {@code old} to {@code s}. */
    public void update(byte[] b, int off, int len, double old, double s) {
        if (list == null) {
            int i = find(b, off, len);
            byte[] m = members[i];
            removeAt(i);
            insertAt(position(s, m), m, s);
            return;
        }
        int slot = dict.find(b, off, len, ByteHash.hash(b, off, len));
        ZsetSkiplist.Node x = (ZsetSkiplist.Node) dict.value(slot);
        list.delete(old, b, off, len);
        dict.setValue(slot, list.insert(s, x.member));
    }

    /** Removes a member; returns whether it was present. */
    public boolean remove(byte[] b, int off, int len) {
        if (list == null) {
            int i = find(b, off, len);
            if (i < 0) {
                return false;
            }
            removeAt(i);
            return true;
        }
        int slot = dict.find(b, off, len, ByteHash.hash(b, off, len));
        if (slot < 0) {
            return false;
        }
        ZsetSkiplist.Node x = (ZsetSkiplist.Node) dict.value(slot);
        dict.removeAt(slot);
        list.delete(x.score, b, off, len);
        return true;
    }

    /** Removes the members of ranks {@code from..to} (inclusive, 0 <= from <= to < size). */
    public void removeRanks(long from, long to) {
        if (list == null) {
            int a = (int) from;
            int b = (int) to + 1;
            System.arraycopy(members, b, members, a, n - b);
            System.arraycopy(scores, b, scores, a, n - b);
            Arrays.fill(members, n - (b - a), n, null);
            n -= b - a;
            return;
        }
        ZsetSkiplist.Node x = list.at(from);
        for (long k = from; k <= to; k++) {
            ZsetSkiplist.Node following = x.next[0];
            byte[] m = x.member;
            dict.removeAt(dict.find(m, 0, m.length, ByteHash.hash(m, 0, m.length)));
            list.delete(x.score, m, 0, m.length);
            x = following;
        }
    }

    /** Converts to the skiplist form (zsetConvert). */
    public void convert() {
        if (list != null) {
            return;
        }
        list = new ZsetSkiplist();
        dict = Dict.members(true);
        for (int i = 0; i < n; i++) {
            putNode(list.insert(scores[i], members[i]));
        }
        members = null;
        scores = null;
        n = 0;
    }

    /**
     * Moves a skiplist to the listpack form when it has at most {@code maxEntries} members of at
     * most {@code maxValue} bytes (zsetConvertToListpackIfNeeded, for stored results); returns this.
     */
    public ZsetValue fitListpack(long maxEntries, long maxValue) {
        if (list == null || list.length > maxEntries) {
            return this;
        }
        for (seek(0); valid(); next()) {
            if (member().length > maxValue) {
                return this;
            }
        }
        int size = (int) list.length;
        byte[][] ms = new byte[Math.max(MIN_CAPACITY, size)][];
        double[] ss = new double[ms.length];
        int k = 0;
        for (seek(0); valid(); next()) {
            ms[k] = member();
            double s = score();
            ss[k++] = s == 0 ? 0.0 : s;
        }
        members = ms;
        scores = ss;
        n = size;
        list = null;
        dict = null;
        return this;
    }

    private void putNode(ZsetSkiplist.Node x) {
        byte[] m = x.member;
        int slot = dict.insert(m, ByteHash.hash(m, 0, m.length));
        dict.setValue(slot, x);
    }

    /** Index of the first entry ordering after (s, m). */
    private int position(double s, byte[] m) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double t = scores[mid];
            boolean before = t < s || (t == s && Arrays.compareUnsigned(members[mid], m) < 0);
            if (before) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void grow() {
        if (n == members.length) {
            members = Arrays.copyOf(members, n * 2);
            scores = Arrays.copyOf(scores, n * 2);
        }
    }

    private void insertAt(int i, byte[] m, double s) {
        grow();
        System.arraycopy(members, i, members, i + 1, n - i);
        System.arraycopy(scores, i, scores, i + 1, n - i);
        members[i] = m;
        scores[i] = s == 0 ? 0.0 : s; // d2string prints -0.0 as "0": a listpack never holds -0
        n++;
    }

    private void removeAt(int i) {
        System.arraycopy(members, i + 1, members, i, n - i - 1);
        System.arraycopy(scores, i + 1, scores, i, n - i - 1);
        members[--n] = null;
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
        } else if (r.lex) {
            k = 0;
            while (k < n && !r.gteMin(members[(int) k], scores[(int) k])) {
                k++;
            }
        } else {
            k = countScores(r, true);
        }
        if (k >= size()) {
            return -1;
        }
        seek(k);
        return r.lteMax(member(), score()) ? k : -1;
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
        } else if (r.lex) {
            k = n - 1;
            while (k >= 0 && !r.lteMax(members[(int) k], scores[(int) k])) {
                k--;
            }
        } else {
            k = countScores(r, false) - 1;
        }
        if (k < 0) {
            return -1;
        }
        seek(k);
        return r.gteMin(member(), score()) ? k : -1;
    }

    /**
     * Binary search in a listpack's scores (ascending): how many fall below the range's start
     * ({@code belowMin}) or within its end. Equal to the linear scans of zzlFirstInRange and
     * zzlLastInRange because a score test holds on a prefix (or suffix) of the order.
     */
    private int countScores(ZsetRange r, boolean belowMin) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            boolean holds = belowMin ? !r.gteMin(null, scores[mid]) : r.lteMax(null, scores[mid]);
            if (holds) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** zslIsInRange / zzlIsInRange and their lex forms: false when the range surely misses. */
    private boolean inRange(ZsetRange r) {
        if (r.emptyByBounds() || size() == 0) {
            return false;
        }
        seek(size() - 1);
        if (!r.gteMin(member(), score())) {
            return false;
        }
        seek(0);
        return r.lteMax(member(), score());
    }

    // ---- the cursor ----

    /** Puts the cursor on rank {@code r}; past either end it is not {@link #valid()}. */
    public void seek(long r) {
        if (list == null) {
            cursor = r < 0 || r >= n ? -1 : (int) r;
        } else {
            node = r < 0 || r >= list.length ? null : list.at(r);
        }
    }

    public boolean valid() {
        return list == null ? cursor >= 0 : node != null;
    }

    public byte[] member() {
        return list == null ? members[cursor] : node.member;
    }

    public double score() {
        return list == null ? scores[cursor] : node.score;
    }

    public void next() {
        if (list == null) {
            cursor = cursor + 1 < n ? cursor + 1 : -1;
        } else {
            node = node.next[0];
        }
    }

    public void prev() {
        if (list == null) {
            cursor--;
        } else {
            node = node.backward;
        }
    }
}
