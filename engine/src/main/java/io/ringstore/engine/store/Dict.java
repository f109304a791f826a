package io.ringstore.engine.store;

import io.ringstore.engine.util.Varint;

import java.util.Arrays;

/**
 * The keyspace map of one database on one shard, written for this job: open addressing on plain
 * parallel arrays, power-of-two capacity, linear probing, deletion by backward shift (no
 * tombstones). Per slot it keeps the key bytes, the key's hash, the value object, a long (the value
 * of an int-encoded string, the spare capacity of a raw one: see {@link StringValue}), the absolute
 * expiry deadline in ms (0 = none; the array exists once a key of the table has one) and a meta word (type 4 bits | encoding 4 bits | LRU clock
 * 24 bits, as Redis's robj). The large forms of sets, hashes and sorted sets use the same table
 * without the last three ({@link #members}): key, hash and (sorted sets) a value; large hashes
 * keep field and value in one prefixed key array ({@link #prefixedMembers}).
 *
 * <p>Growth is incremental, as Redis's rehash: when the table passes 3/4 full a table twice the
 * size becomes current and the old one is drained a few slots per write and per tick. While both
 * exist every key is in exactly one of them; {@link #find} moves a key it finds in the old table
 * into the current one, so slot indexes handed to callers always refer to the current table.
 *
 * <p>SCAN walks home buckets (hash & mask) with Redis's reverse-binary cursor over both tables, so
 * a full iteration returns every key present throughout, across resizes and backward shifts: a
 * key's position lies in the unbroken run of occupied slots that starts at its home bucket.
 *
 * <p>Owned by one shard thread; never touched by another thread except at a ring barrier.
 */
public final class Dict {
    public static final int MIN_CAPACITY = 16;
    private static final int REHASH_STEP = 16;

    /** What a slot carries besides key and hash (see {@link #members}). */
    private final int layout;
    Table cur;
    private Table old;
    private int rehashIdx;
    private long volatileKeys;

    /** A keyspace table: every per-slot array. */
    public Dict() {
        this(Table.FULL);
    }

    private Dict(int layout) {
        this.layout = layout;
        cur = new Table(MIN_CAPACITY, layout);
    }

    /**
     * A table of a collection's members (large sets and sorted sets): key and hash per slot,
     * plus a value object when {@code values}; no num, expiry or meta arrays (20 bytes a slot a
     * member never uses). Only {@link #find}, {@link #insert}, {@link #removeAt}, the key and value
     * accessors, iteration, SCAN and the random picks apply.
     */
    public static Dict members(boolean values) {
        return new Dict(values ? Table.VALUES : Table.KEYS_ONLY);
    }

    /**
     * A members table whose key arrays carry a payload after the key: each array is
     * {@code varint(len) key payload} ({@link Varint}), and {@link #find} compares only the key
     * part, so one array per entry holds what {@code members(true)} spreads over a key array, a
     * value array and a value slot. The caller hashes the key part for {@link #insert}. Large hashes
     * keep their pairs this way ({@link HashPair}); {@link #replaceKey} swaps in a new payload.
     */
    public static Dict prefixedMembers() {
        return new Dict(Table.PREFIXED);
    }

    public long size() {
        return cur.size + (old == null ? 0 : old.size);
    }

    /** Number of keys that carry an expiry deadline. */
    public long volatileKeys() {
        return volatileKeys;
    }

    public boolean rehashing() {
        return old != null;
    }

    /** Finds a key, returning its slot in the current table or -1. Migrates it out of the old table. */
    public int find(byte[] k, int off, int len, int hash) {
        int i = cur.find(k, off, len, hash);
        if (i >= 0) {
            if (cur.cut != null) {
                cur.cut.beforeWrite(i); // the caller may change the value in place
            }
            return i;
        }
        if (old == null) {
            return -1;
        }
        int j = old.find(k, off, len, hash);
        if (j < 0) {
            return -1;
        }
        return migrate(j);
    }

    /**
     * Inserts a key known to be absent (the caller looked it up first) and returns its slot. The
     * key array is kept, not copied: the caller hands over ownership.
     */
    public int insert(byte[] key, int hash) {
        if (old != null) {
            rehashStep(REHASH_STEP);
        }
        // Count both tables: during a shrink the current table is the small one, and finishing the
        // rehash must never move more keys into it than its threshold (a full table never ends a probe).
        if ((size() + 1) > cur.threshold) {
            if (old != null) {
                finishRehash();
            }
            if ((cur.size + 1) > cur.threshold) {
                startRehash(cur.capacity() << 1);
            }
        }
        Table t = cur;
        int i = t.freeSlot(hash);
        if (t.cut != null) {
            t.cut.beforeWrite(i);
        }
        t.keys[i] = key;
        t.hashes[i] = hash;
        t.size++;
        return i;
    }

    /** Removes the entry at a current-table slot. Slots of other entries may shift. */
    public void removeAt(int slot) {
        if (cur.expires != null && cur.expires[slot] != 0) {
            volatileKeys--;
        }
        cur.removeAt(slot);
        if (old != null) {
            rehashStep(REHASH_STEP);
        }
    }

    public void clear() {
        cur = new Table(MIN_CAPACITY, layout);
        old = null;
        rehashIdx = 0;
        volatileKeys = 0;
    }

    // ---- slot accessors (current table) ----

    public byte[] key(int slot) {
        return cur.keys[slot];
    }

    /**
     * Replaces the key array of a current-table slot by one holding the same key bytes (a
     * {@link #prefixedMembers} entry with a new payload); hash and position stay.
     */
    public void replaceKey(int slot, byte[] key) {
        if (cur.cut != null) {
            cur.cut.beforeWrite(slot);
        }
        cur.keys[slot] = key;
    }

    public int hash(int slot) {
        return cur.hashes[slot];
    }

    public Object value(int slot) {
        return cur.vals[slot];
    }

    public void setValue(int slot, Object v) {
        cur.vals[slot] = v;
    }

    public long num(int slot) {
        return cur.nums[slot];
    }

    public void setNum(int slot, long v) {
        cur.nums[slot] = v;
    }

    public int meta(int slot) {
        return cur.meta[slot];
    }

    public void setMeta(int slot, int meta) {
        cur.meta[slot] = meta;
    }

    public long expire(int slot) {
        final long[] expires = cur.expires;
        return expires == null ? 0 : expires[slot];
    }

    /** Sets (deadlineMs > 0) or clears (0) a key's expiry deadline. */
    public void setExpire(int slot, long deadlineMs) {
        long prev = expire(slot);
        if (prev == 0 && deadlineMs != 0) {
            volatileKeys++;
        } else if (prev != 0 && deadlineMs == 0) {
            volatileKeys--;
        }
        if (deadlineMs != 0 || cur.expires != null) {
            cur.expiresArray()[slot] = deadlineMs;
        }
    }

    // ---- incremental rehash ----

    private void startRehash(int capacity) {
        old = cur;
        cur = new Table(capacity, layout);
        rehashIdx = 0;
    }

    /** Moves up to {@code slots} old-table slots into the current table. Returns true if work remains. */
    public boolean rehashStep(int slots) {
        Table o = old;
        if (o == null) {
            return false;
        }
        int visits = slots * 4;
        while (slots > 0 && visits-- > 0 && o.size > 0) {
            if (o.keys[rehashIdx] == null) {
                rehashIdx++;
                continue;
            }
            // removeAt may shift a later entry into rehashIdx; it is handled on the next pass.
            migrate(rehashIdx);
            slots--;
        }
        if (o.size == 0) {
            old = null;
            rehashIdx = 0;
            return false;
        }
        return true;
    }

    private void finishRehash() {
        while (rehashStep(1 << 16)) {
            // drain
        }
    }

    private int migrate(int oldSlot) {
        Table o = old;
        Table t = cur;
        int hash = o.hashes[oldSlot];
        int i = t.freeSlot(hash);
        if (o.cut != null) {
            o.cut.beforeWrite(oldSlot); // before the entry leaves its segment (removeAt hooks again: a no-op)
        }
        if (t.cut != null) {
            t.cut.beforeWrite(i);
        }
        t.keys[i] = o.keys[oldSlot];
        t.hashes[i] = hash;
        if (t.vals != null) {
            t.vals[i] = o.vals[oldSlot];
        }
        if (t.nums != null) {
            t.nums[i] = o.nums[oldSlot];
            if (o.expires != null && o.expires[oldSlot] != 0) {
                t.expiresArray()[i] = o.expires[oldSlot];
            }
            t.meta[i] = o.meta[oldSlot];
        }
        t.size++;
        o.removeAt(oldSlot);
        return i;
    }

    /**
     * Shrinks the table when it is mostly empty (Redis resizes below 10% fill), incrementally.
     * Called from the shard's tick.
     */
    public void maybeShrink() {
        if (old != null) {
            return;
        }
        int cap = cur.capacity();
        if (cap > MIN_CAPACITY && cur.size * 10L < cap) {
            int target = MIN_CAPACITY;
            while (target * 3L / 4 < (cur.size + 1) * 2L) {
                target <<= 1;
            }
            if (target < cap) {
                startRehash(target);
            }
        }
    }

    // ---- snapshot cuts ----

    /**
     * Starts a snapshot cut of this dict as it is now: every table holding entries gets a
     * {@link TableCut} that serialises it into {@code sink}, segment by segment, each segment
     * before its first change. Tables created later (growth, FLUSHDB) are never part of the cut;
     * tables dropped later (FLUSHDB, the end of a rehash) are still walked by their cut. Returns
     * the number of entries the cut will write.
     */
    public long beginCut(TableCut.Sink sink, int db) {
        long n = 0;
        for (Table t : new Table[] {cur, old}) {
            if (t != null && t.size > 0) {
                if (t.cut != null) {
                    throw new IllegalStateException("a snapshot cut is already in progress");
                }
                t.cut = new TableCut(t, db, sink);
                sink.add(t.cut);
                n += t.size;
            }
        }
        return n;
    }

    // ---- iteration ----

    /** Visitor of entries; the slot is in the given table and valid only during the call. */
    public interface Visitor {
        void visit(Dict dict, Object table, int slot);
    }

    /**
     * The current table, for the static accessors ({@link #keyAt}, {@link #valueAt}, ...) with a
     * slot returned by {@link #find}.
     */
    public Object table() {
        return cur;
    }

    /** Key of an entry handed to a visitor. */
    public static byte[] keyAt(Object table, int slot) {
        return ((Table) table).keys[slot];
    }

    public static long expireAt(Object table, int slot) {
        final long[] expires = ((Table) table).expires;
        return expires == null ? 0 : expires[slot];
    }

    public static int metaAt(Object table, int slot) {
        return ((Table) table).meta[slot];
    }

    public static Object valueAt(Object table, int slot) {
        return ((Table) table).vals[slot];
    }

    public static long numAt(Object table, int slot) {
        return ((Table) table).nums[slot];
    }

    /** Visits every entry. The visitor must not modify the dict. */
    public void forEach(Visitor v) {
        visitAll(cur, v);
        if (old != null) {
            visitAll(old, v);
        }
    }

    private void visitAll(Table t, Visitor v) {
        byte[][] keys = t.keys;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                v.visit(this, t, i);
            }
        }
    }

    /**
     * One SCAN step from {@code cursor}: visits every key whose home bucket is the cursor's bucket
     * (in both tables while rehashing) and returns the next cursor (0 when the iteration is done).
     * Port of Redis's dictScan cursor arithmetic. The visitor must not modify the dict.
     */
    public long scan(long cursor, Visitor v) {
        if (size() == 0) {
            return 0;
        }
        long c = cursor;
        if (old == null) {
            Table t = cur;
            long m0 = t.mask;
            visitBucket(t, (int) (c & m0), v);
            c = nextCursor(c, m0);
        } else {
            Table small = cur.capacity() < old.capacity() ? cur : old;
            Table large = small == cur ? old : cur;
            long m0 = small.mask;
            long m1 = large.mask;
            visitBucket(small, (int) (c & m0), v);
            do {
                visitBucket(large, (int) (c & m1), v);
                c |= ~m1;
                c = Long.reverse(c);
                c++;
                c = Long.reverse(c);
            } while ((c & (m0 ^ m1)) != 0);
        }
        return c;
    }

    private static long nextCursor(long c, long mask) {
        c |= ~mask;
        c = Long.reverse(c);
        c++;
        c = Long.reverse(c);
        return c;
    }

    private void visitBucket(Table t, int bucket, Visitor v) {
        int mask = t.mask;
        int i = bucket;
        while (t.keys[i] != null) {
            if ((t.hashes[i] & mask) == bucket) {
                v.visit(this, t, i);
            }
            i = (i + 1) & mask;
        }
    }

    /** Draws of random slots before {@link #randomSlot} counts its way to an entry instead. */
    private static final int RANDOM_PROBES = 32;

    /**
     * A slot of the current table chosen uniformly among its entries from {@code random}, or -1
     * when empty: random slots drawn from a stream seeded by {@code random} until one holds an
     * entry (each entry equally likely, whatever runs of empty slots lie before it: "random slot,
     * then the next occupied one" favoured entries after long gaps), and past
     * {@link #RANDOM_PROBES} misses (a table left sparse by deletions) the entry of rank
     * {@code random mod size} in slot order. Deterministic for a given table and {@code random}.
     * Finishes a pending rehash first so the answer is a current-table slot.
     */
    public int randomSlot(long random) {
        if (old != null) {
            finishRehash();
        }
        final Table t = cur;
        if (t.size == 0) {
            return -1;
        }
        final int mask = t.mask;
        long z = random;
        int slot = -1;
        for (int probe = 0; probe < RANDOM_PROBES && slot < 0; probe++) {
            z += 0x9E3779B97F4A7C15L; // SplitMix64, as CommandContext.nextRandom
            long r = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            r = (r ^ (r >>> 27)) * 0x94D049BB133111EBL;
            int i = (int) (r ^ (r >>> 31)) & mask;
            if (t.keys[i] != null) {
                slot = i;
            }
        }
        if (slot < 0) {
            long rank = Long.remainderUnsigned(random, t.size);
            for (int i = 0; ; i++) {
                if (t.keys[i] != null && rank-- == 0) {
                    slot = i;
                    break;
                }
            }
        }
        if (t.cut != null) {
            t.cut.beforeWrite(slot);
        }
        return slot;
    }

    /** Hash buckets' entries a {@link #fairSlot} draw may pick by rank. */
    private static final int FAIR_RANKS = 8;
    private static final int FAIR_TRIES = 128;
    /** Scratch for {@link #fairSlot}'s candidates (the owning thread only). */
    private int[] fairScratch = new int[FAIR_RANKS * 2];

    /**
     * A slot chosen from {@code random} evenly among the entries and independently of the table's
     * layout (capacity, insertion order, rehashing), so a write drawing it (SPOP) replays to the
     * same entry on a table rebuilt from a snapshot; -1 when empty. The hash space is cut into
     * B buckets by the hashes' low bits (B the power of two at or above the size, so the cut
     * depends on the entries alone); a draw takes a random bucket and a random rank below
     * {@link #FAIR_RANKS} and keeps the entry of that rank in the bucket (ordered by hash, then
     * key bytes) if there is one, else draws again: each entry is drawn with the same chance
     * 1/(B * FAIR_RANKS) per draw, and a draw succeeds at least once in 2 * FAIR_RANKS. An entry
     * ranked past FAIR_RANKS in its bucket (more than 8 hashes in one of B >= size buckets: about
     * one entry in a million) is reached only by the fallback, {@link #nearestSlot}, taken after
     * {@link #FAIR_TRIES} failed draws (about 3 in 10,000 picks at worst). Finishes a pending
     * rehash first.
     */
    public int fairSlot(long random) {
        if (old != null) {
            finishRehash();
        }
        final Table t = cur;
        if (t.size == 0) {
            return -1;
        }
        final int bits = 32 - Integer.numberOfLeadingZeros(Math.max(0, t.size - 1));
        final int bucketMask = (1 << bits) - 1;
        long z = random;
        for (int attempt = 0; attempt < FAIR_TRIES; attempt++) {
            z += 0x9E3779B97F4A7C15L;
            long r = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            r = (r ^ (r >>> 27)) * 0x94D049BB133111EBL;
            r ^= r >>> 31;
            int slot = rankedInBucket(t, (int) r & bucketMask, bucketMask, (int) (r >>> 32) & (FAIR_RANKS - 1));
            if (slot >= 0) {
                if (t.cut != null) {
                    t.cut.beforeWrite(slot);
                }
                return slot;
            }
        }
        return nearestSlot((int) (random ^ (random >>> 32)));
    }

    /**
     * The slot of the entry of rank {@code rank} (by hash, then key bytes) among those whose hash
     * has {@code bucket} in its {@code bucketMask} bits, or -1 when there are no more than
     * {@code rank} of them. Scans the home buckets those hashes can have.
     */
    private int rankedInBucket(Table t, int bucket, int bucketMask, int rank) {
        final int mask = t.mask;
        int found = 0;
        int[] c = fairScratch;
        int first = bucket & mask;
        int step = bucketMask >= mask ? mask + 1 : bucketMask + 1; // one home, or every home congruent to bucket
        for (int home = first; home <= mask; home += step) {
            for (int i = home; t.keys[i] != null; i = (i + 1) & mask) {
                int h = t.hashes[i];
                if ((h & mask) == home && (h & bucketMask) == bucket) {
                    if (found == c.length) {
                        c = fairScratch = java.util.Arrays.copyOf(c, found * 2);
                    }
                    c[found++] = i;
                }
            }
        }
        if (found <= rank) {
            return -1;
        }
        for (int k = 0; k <= rank; k++) { // selection: the first rank + 1 places in order
            int min = k;
            for (int m = k + 1; m < found; m++) {
                if (before(t, c[m], c[min])) {
                    min = m;
                }
            }
            int x = c[k];
            c[k] = c[min];
            c[min] = x;
        }
        return c[rank];
    }

    /** Whether entry {@code a} orders before {@code b}: by hash (unsigned), then key bytes. */
    private static boolean before(Table t, int a, int b) {
        int cmp = Integer.compareUnsigned(t.hashes[a], t.hashes[b]);
        return cmp != 0 ? cmp < 0 : java.util.Arrays.compareUnsigned(t.keys[a], t.keys[b]) < 0;
    }

    /**
     * The slot of the entry whose {@code Integer.reverse(hash ^ target)} is smallest (unsigned; equal
     * hashes broken by key bytes), or -1 when empty. Unlike {@link #randomSlot} the answer depends
     * only on the keys present, not on capacity, insertion order or rehashing, so a random pick
     * made with it (SPOP) replays identically on a table rebuilt from a snapshot. Walks home buckets
     * in reverse-binary order from {@code target}'s bucket; the first bucket holding a home entry
     * holds the minimum, because a bucket's reversed bits are the key's top bits. Finishes a
     * pending rehash first.
     */
    public int nearestSlot(int target) {
        if (old != null) {
            finishRehash();
        }
        final Table t = cur;
        if (t.size == 0) {
            return -1;
        }
        final int mask = t.mask;
        final int tm = target & mask;
        long x = 0;
        do {
            int bucket = ((int) x & mask) ^ tm;
            int best = -1;
            int bestRank = 0;
            for (int i = bucket; t.keys[i] != null; i = (i + 1) & mask) {
                if ((t.hashes[i] & mask) != bucket) {
                    continue;
                }
                int rank = Integer.reverse(t.hashes[i] ^ target);
                int cmp = best < 0 ? -1 : Integer.compareUnsigned(rank, bestRank);
                if (cmp == 0) {
                    cmp = java.util.Arrays.compareUnsigned(t.keys[i], t.keys[best]);
                }
                if (cmp < 0) {
                    best = i;
                    bestRank = rank;
                }
            }
            if (best >= 0) {
                if (t.cut != null) {
                    t.cut.beforeWrite(best);
                }
                return best;
            }
            x = nextCursor(x, mask);
        } while (x != 0);
        throw new IllegalStateException("non-empty table without a home entry");
    }

    /** Capacity of the current table (for sampling cursors). */
    public int capacity() {
        return cur.capacity();
    }

    /** Whether the current-table slot is occupied (for sampling cursors). */
    public boolean occupied(int slot) {
        return cur.keys[slot] != null;
    }

    /** One table: parallel arrays, linear probing. */
    static final class Table {
        static final int KEYS_ONLY = 0;
        static final int VALUES = 1;
        static final int FULL = 2;
        /** Keys only, each key array prefixed with its key length (see {@link #prefixedMembers}). */
        static final int PREFIXED = 3;
        final byte[][] keys;
        final int[] hashes;
        final Object[] vals;
        final long[] nums;
        /**
         * Expiry deadlines, allocated by the first key given one ({@link #expiresArray}): a
         * keyspace without TTLs saves 8 bytes a slot. Free slots hold 0 once it exists.
         */
        long[] expires;
        final int[] meta;
        final int mask;
        final int threshold;
        final boolean prefixed;
        int size;
        /** The snapshot cut still serialising this table, or null (see {@link TableCut}). */
        TableCut cut;

        Table(int capacity, int layout) {
            if (Integer.bitCount(capacity) != 1) {
                throw new IllegalArgumentException("capacity must be a power of 2: " + capacity);
            }
            keys = new byte[capacity][];
            hashes = new int[capacity];
            vals = layout == VALUES || layout == FULL ? new Object[capacity] : null;
            nums = layout == FULL ? new long[capacity] : null;
            meta = layout == FULL ? new int[capacity] : null;
            mask = capacity - 1;
            threshold = (int) (capacity * 3L / 4);
            prefixed = layout == PREFIXED;
        }

        int capacity() {
            return mask + 1;
        }

        /** The deadline array, allocating it (all 0) on first use. Full tables only. */
        long[] expiresArray() {
            long[] e = expires;
            if (e == null) {
                e = new long[mask + 1];
                expires = e;
            }
            return e;
        }

        int find(byte[] k, int off, int len, int hash) {
            if (prefixed) {
                return findPrefixed(k, off, len, hash);
            }
            final byte[][] keys = this.keys;
            final int[] hashes = this.hashes;
            final int mask = this.mask;
            int i = hash & mask;
            while (true) {
                byte[] key = keys[i];
                if (key == null) {
                    return -1;
                }
                if (hashes[i] == hash && key.length == len
                        && Arrays.equals(key, 0, len, k, off, off + len)) {
                    return i;
                }
                i = (i + 1) & mask;
            }
        }

        private int findPrefixed(byte[] k, int off, int len, int hash) {
            final byte[][] keys = this.keys;
            final int[] hashes = this.hashes;
            final int mask = this.mask;
            int i = hash & mask;
            while (true) {
                byte[] key = keys[i];
                if (key == null) {
                    return -1;
                }
                if (hashes[i] == hash && Varint.read(key, 0) == len) {
                    int ko = Varint.size(len);
                    if (Arrays.equals(key, ko, ko + len, k, off, off + len)) {
                        return i;
                    }
                }
                i = (i + 1) & mask;
            }
        }

        int freeSlot(int hash) {
            final byte[][] keys = this.keys;
            final int mask = this.mask;
            int i = hash & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            return i;
        }

        /** Backward-shift deletion: pull later entries of the run into the hole when their home allows. */
        void removeAt(int slot) {
            final int mask = this.mask;
            final TableCut cut = this.cut;
            if (cut != null) {
                cut.beforeWrite(slot);
            }
            int hole = slot;
            int j = slot;
            while (true) {
                j = (j + 1) & mask;
                if (keys[j] == null) {
                    break;
                }
                int home = hashes[j] & mask;
                if (((j - home) & mask) >= ((j - hole) & mask)) {
                    keys[hole] = keys[j];
                    hashes[hole] = hashes[j];
                    if (vals != null) {
                        vals[hole] = vals[j];
                    }
                    if (nums != null) {
                        nums[hole] = nums[j];
                        if (expires != null) {
                            expires[hole] = expires[j];
                        }
                        meta[hole] = meta[j];
                    }
                    hole = j;
                    if (cut != null) {
                        cut.beforeWrite(hole); // the entry at j is about to be overwritten or cleared
                    }
                }
            }
            keys[hole] = null;
            hashes[hole] = 0;
            if (vals != null) {
                vals[hole] = null;
            }
            if (nums != null) {
                nums[hole] = 0;
                if (expires != null) {
                    expires[hole] = 0;
                }
                meta[hole] = 0;
            }
            size--;
        }
    }
}
