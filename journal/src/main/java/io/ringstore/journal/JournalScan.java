package io.ringstore.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One pass over every segment of a journal, oldest first: checks headers, checksums and that
 * sequences only grow, hands each good record to a visitor, and stops at the first damage. Damage
 * is a <em>torn tail</em> when it is the end of the newest segment and looks like a write cut
 * short (an incomplete record, a checksum mismatch on the file's last record, or a zero-filled
 * tail); anything else is <em>corruption</em>. Used by start-up recovery and the check tool.
 */
public final class JournalScan {
    /** Receives each good record in journal order. {@code args} is the visitor's to keep. */
    public interface Visitor {
        void record(long seq, long timeMs, int db, byte[][] args);

        /**
         * Every record, of every kind (JournalFormat.KIND_*), with its client id; commands go to
         * {@link #record} unless overridden. Ticks and closes have no arguments.
         */
        default void event(long seq, long timeMs, int db, long client, int kind, byte[][] args) {
            if (kind == JournalFormat.KIND_COMMAND) {
                record(seq, timeMs, db, args);
            }
        }
    }

    /** Where and why a scan stopped early. */
    public static final class Damage {
        public final Path file;
        public final long offset;
        /** The damaged record's sequence field when readable, else -1 (may be garbage when the CRC failed). */
        public final long seqField;
        public final long lastGoodSeq;
        public final String reason;
        public final boolean torn;
        /** Index of the damaged segment in {@link JournalScan#segments}. */
        public final int segment;

        Damage(Path file, int segment, long offset, long seqField, long lastGoodSeq, String reason, boolean torn) {
            this.file = file;
            this.segment = segment;
            this.offset = offset;
            this.seqField = seqField;
            this.lastGoodSeq = lastGoodSeq;
            this.reason = reason;
            this.torn = torn;
        }

        @Override
        public String toString() {
            return (torn ? "torn tail" : "corruption") + " in " + file + " at offset " + offset + ": " + reason
                    + " (record sequence " + (seqField < 0 ? "unreadable" : Long.toString(seqField))
                    + ", last good sequence " + lastGoodSeq + ")";
        }
    }

    public final List<Path> segments;
    public long records;
    public long lastSeq = -1;
    /** Bytes of good data in every segment scanned (headers included). */
    public long goodBytes;
    /** Good bytes of the newest segment (where appending resumes), or -1 when there is none. */
    public long lastSegmentGoodBytes = -1;
    /** Format version of the newest segment (appending resumes only in the current version). */
    public int lastSegmentVersion;
    public Damage damage;
    /**
     * The scripts that KIND_SCRIPT_KILLED markers name, as EngineContext.killedKey: collected by
     * every scan (the markers follow the scripts they name, so replay needs them from an earlier pass).
     */
    public final java.util.Set<String> killedScripts = new java.util.HashSet<>();

    private JournalScan(List<Path> segments) {
        this.segments = segments;
    }

    public static JournalScan scan(Path dir, String prefix, Visitor visitor) throws IOException {
        JournalScan s = new JournalScan(JournalFormat.segments(dir, prefix));
        for (int i = 0; i < s.segments.size() && s.damage == null; i++) {
            s.scanSegment(i, prefix, visitor);
        }
        return s;
    }

    private void scanSegment(int index, String prefix, Visitor visitor) throws IOException {
        Path file = segments.get(index);
        boolean newest = index == segments.size() - 1;
        try (SegmentReader r = new SegmentReader(file)) {
            int h = r.readHeader();
            if (h != SegmentReader.HEADER_OK) {
                boolean torn = h == SegmentReader.HEADER_TORN && newest;
                damage = new Damage(file, index, 0, -1, lastSeq,
                        h == SegmentReader.HEADER_TORN ? "segment header incomplete" : "bad magic or format version", torn);
                return;
            }
            long named = JournalFormat.firstSeqOf(file, prefix);
            if (r.headerFirstSeq != named || named <= lastSeq) {
                damage = new Damage(file, index, 8, -1, lastSeq, "segment header states first sequence "
                        + r.headerFirstSeq + " (name states " + named + ", previous segment ended at " + lastSeq + ")", false);
                return;
            }
            long good = JournalFormat.SEGMENT_HEADER_BYTES;
            while (true) {
                int st = r.next(visitor != null);
                if (st == SegmentReader.END) {
                    break;
                }
                if (st != SegmentReader.RECORD) {
                    boolean lastRecord = r.offset + JournalFormat.RECORD_PREFIX_BYTES + (long) r.length == r.size();
                    boolean torn = newest && (st == SegmentReader.INCOMPLETE
                            || (st == SegmentReader.BAD_CRC && lastRecord)
                            || (st == SegmentReader.BAD_LENGTH && r.zeroFrom(r.offset)));
                    damage = new Damage(file, index, r.offset, r.seq, lastSeq, SegmentReader.describe(st), torn);
                    break;
                }
                if (r.seq <= lastSeq || r.seq < r.headerFirstSeq) {
                    damage = new Damage(file, index, r.offset, r.seq, lastSeq, "sequence does not follow the previous record", false);
                    break;
                }
                lastSeq = r.seq;
                records++;
                if (r.kind == JournalFormat.KIND_SCRIPT_KILLED) {
                    killedScripts.add(io.ringstore.engine.EngineContext.killedKey(r.client, r.db));
                    for (byte[] more : r.args == null ? new byte[0][] : r.args) {
                        if (more.length == 12) {
                            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(more);
                            killedScripts.add(io.ringstore.engine.EngineContext.killedKey(b.getLong(), b.getInt()));
                        }
                    }
                }
                good = r.offset + JournalFormat.RECORD_PREFIX_BYTES + r.length;
                if (visitor != null) {
                    visitor.event(r.seq, r.timeMs, r.db, r.client, r.kind, r.args);
                }
            }
            goodBytes += good;
            if (newest) {
                lastSegmentGoodBytes = good;
                lastSegmentVersion = r.version;
            }
        }
    }
}
