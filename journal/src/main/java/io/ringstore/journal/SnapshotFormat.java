package io.ringstore.journal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The on-disk layout of a snapshot: one file per cut in {@code dir}, named
 * {@code <dbfilename>.<journal sequence of the cut, 20 digits>} so that names sort oldest first,
 * written as {@code <name>.tmp} and renamed into place. All integers are big-endian.
 *
 * <pre>
 * Header (32 bytes)
 *   0               4               8                              16                             24
 *   +---------------+---------------+-------------------------------+-------------------------------+
 *   | magic "RSSN"  | version (=4)  | sequence of the cut (long)    | time of the cut, epoch ms     |
 *   +---------------+---------------+-------------------------------+-------------------------------+
 *   | shard count   | db count      |
 *   +---------------+---------------+
 *   24              28              32
 *
 * Then sections, each a header followed by that many entries. A shard writes as many sections as
 * it fills chunks (io.ringstore.engine.snapshot.SnapshotChunk), and sections of different shards
 * interleave in the order the writer received them (a BGSAVE's shards serialise concurrently):
 *   +-----+---------------+-------------------------------+
 *   | 'S' | shard id      | entry count (long)            |          section: 13 bytes
 *   +-----+---------------+-------------------------------+
 *   +-----+---------------+------+----------+-------------------------------+
 *   | 'E' | db            | type | encoding | expire deadline, epoch ms     |  entry
 *   +-----+---------------+------+----------+-------------------------------+     (0 = none)
 *   | key length    | key bytes ...   | value length  | value bytes ...     |
 *   +---------------+-----------------+---------------+---------------------+
 *   +-----+---------------+------+-------------------------------+-------------------------------+
 *   | 'W' | db            | resp | client id (long)              | deadline, epoch ms (0 = none) |  waiter
 *   +-----+---------------+------+-------------------------------+-------------------------------+  (v2)
 *   | first key arg | key arg count | argc          | len(arg0) | arg0 ... | len(arg1) | ...   |
 *   +---------------+---------------+---------------+-----------+----------+-----------+-------+
 * A waiter record is a client blocked at the cut (BLPOP, XREAD BLOCK, ...): its copied arguments
 * and what it waits with. A shard writes its waiters first, oldest first, then its entries; shard
 * 0 also writes the waiters whose keys span slots. They are not counted as entries. Loading
 * re-registers them when a journal follows (replay must find a client blocked at the cut, or a
 * pop served to it after the cut comes back as data); version 1 files have none.
 *   +-----+---------------+-------+-------------------------------+---------------+-------------+
 *   | 'X' | db            | flags | client id (long)              | key length    | key bytes   |  watch
 *   +-----+---------------+-------+-------------------------------+---------------+-------------+  (v3)
 * A watch record is a key a client WATCHes at the cut (flags: 1 the key was already expired when
 * watched, 2 the client is dirty). Loading re-creates them with the waiters, so replay aborts the
 * same EXECs as the live server; versions 1 and 2 have none.
 *   +-----+---------------+--------------------------+
 *   | 'F' | code length   | code bytes ...           |                                          library
 *   +-----+---------------+--------------------------+                                          (v4)
 * A library record is a function library's code (FUNCTION LOAD's argument, shebang included), in
 * load order, written by shard 0 before its other records. Loading runs FUNCTION LOAD on each
 * again (no time limit: each loaded before), so FCALL works after a restart and replay's FCALLs
 * find them; versions 1 to 3 have none.
 *
 * Trailer
 *   +-----+-------------------------------+---------------+
 *   | 'Z' | total entry count (long)      | CRC32C        |
 *   +-----+-------------------------------+---------------+
 *   CRC32C = java.util.zip.CRC32C over every byte before it, header included
 * </pre>
 *
 * Type and encoding are {@code ObjectType}'s numbers (Redis's). The value bytes are a payload the
 * type defines: for a string, its exact text (spare capacity is not written; an int-encoded string
 * is written as its digits and loads back as int). A later type (list, hash, ...) defines its own
 * payload inside the same length-prefixed field, so the frame stays the same.
 *
 * <p>Why one file with per-shard sections rather than a file per shard: the rename of one file is
 * the atomic commit of the whole cut (per-shard files would need a manifest to say which set
 * belongs together), and loading routes every key by slot anyway, so a snapshot loads into any
 * shard count. The sections let shards write their parts concurrently (BGSAVE) and record where
 * each key came from for inspection.
 */
public final class SnapshotFormat {
    public static final int MAGIC = 0x5253534E; // "RSSN"
    public static final int VERSION = 4;
    /** The oldest version this reader loads (1: no waiter records). */
    public static final int MIN_VERSION = 1;
    public static final int HEADER_BYTES = 32;
    public static final byte SECTION = 'S';
    public static final byte ENTRY = 'E';
    public static final byte WAITER = 'W';
    public static final byte WATCH = 'X';
    public static final byte LIBRARY = 'F';
    public static final byte TRAILER = 'Z';
    public static final String TMP_SUFFIX = ".tmp";

    private SnapshotFormat() {
    }

    public static Path path(Path dir, String prefix, long seq) {
        return dir.resolve(prefix + "." + String.format("%020d", seq));
    }

    /** The sequence a snapshot name states, or -1 when the name is not a snapshot of prefix. */
    public static long seqOf(Path file, String prefix) {
        return JournalFormat.firstSeqOf(file, prefix);
    }

    /** Snapshot files in {@code dir}, oldest first (temporary files are not listed). */
    public static List<Path> snapshots(Path dir, String prefix) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, prefix + ".*")) {
            for (Path p : ds) {
                if (seqOf(p, prefix) >= 0 && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        }
        out.sort((a, b) -> Long.compare(seqOf(a, prefix), seqOf(b, prefix)));
        return out;
    }
}
