package io.ringstore.engine.store;

/**
 * One keyspace table's part of a snapshot cut, serialised without stopping the shard (BGSAVE), the
 * way Dragonfly serialises a bucket before mutating it: the table is split into segments of
 * {@value #SEGMENT} slots; a segment's entries go to the {@link Sink} either when the shard's
 * background steps reach it ({@link #step}) or, earlier, just before anything in it changes.
 * {@link Dict} calls {@link #beforeWrite} before every write to a slot of this table (insert,
 * removal and the backward shift it causes, rehash moves) and before handing out a slot whose
 * value the caller may change in place ({@link Dict#find}). So a segment is written exactly once,
 * with the contents it had at the cut:
 * <ul>
 *   <li>an entry inserted after the cut lands in a segment already written (its hook ran first);</li>
 *   <li>an entry moved out of an unwritten segment was written with it before the move;</li>
 *   <li>an entry moved into an unwritten segment forces that segment out before the move, without it.</li>
 * </ul>
 * The cut begins at one ring sequence on every shard, so the union of the tables' segments is the
 * keyspace exactly as that sequence found it. Serialising does not change the keyspace, so journal
 * replay and replicas are unaffected by when it happens.
 *
 * <p>Owned by the shard thread owning the table (shard 0's thread while that shard is parked at a
 * ring barrier); no locks.
 */
public final class TableCut {
    /** Slots per segment (64: one bit per segment in {@link #done}'s words). */
    public static final int SEGMENT = 64;
    private static final int SHIFT = 6;

    /** Where a cut's entries go: the shard's snapshot buffer. */
    public interface Sink {
        /** A cut created by {@link Dict#beginCut}. */
        void add(TableCut cut);

        /** Serialises the entry at {@code slot} of {@code table} (see Dict's static accessors). */
        void entry(int db, Object table, int slot);

        /** Every segment of {@code cut} has been written. */
        void finished(TableCut cut);
    }

    private final Dict.Table table;
    private final int db;
    private final Sink sink;
    private final long[] done;
    private final int segments;
    private int remaining;
    private int next;

    TableCut(Dict.Table table, int db, Sink sink) {
        this.table = table;
        this.db = db;
        this.sink = sink;
        this.segments = (table.capacity() + SEGMENT - 1) >>> SHIFT;
        this.done = new long[(segments + 63) >>> 6];
        this.remaining = segments;
    }

    /** Writes the segment holding {@code slot} if it has not been written yet. */
    void beforeWrite(int slot) {
        int seg = slot >>> SHIFT;
        if ((done[seg >>> 6] & (1L << seg)) == 0) {
            write(seg);
        }
    }

    /**
     * Writes up to {@code budget} unwritten segments in table order; returns the number written
     * (0 once the cut is finished).
     */
    public int step(int budget) {
        int n = 0;
        while (n < budget && remaining > 0) {
            while ((done[next >>> 6] & (1L << next)) != 0) {
                next++;
            }
            write(next);
            n++;
        }
        return n;
    }

    public boolean finished() {
        return remaining <= 0;
    }

    /** Abandons the cut (the snapshot failed): the table stops calling back. */
    public void abandon() {
        if (table.cut == this) {
            table.cut = null;
        }
        remaining = 0;
    }

    private void write(int seg) {
        done[seg >>> 6] |= 1L << seg;
        byte[][] keys = table.keys;
        int end = Math.min(keys.length, (seg + 1) << SHIFT);
        for (int i = seg << SHIFT; i < end; i++) {
            if (keys[i] != null) {
                sink.entry(db, table, i);
            }
        }
        if (--remaining == 0) {
            table.cut = null;
            sink.finished(this);
        }
    }
}
