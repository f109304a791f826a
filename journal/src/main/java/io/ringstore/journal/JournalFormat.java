package io.ringstore.journal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The on-disk layout of the write-ahead journal: segment files in {@code dir}, named
 * {@code <appendfilename>.<first sequence, 20 digits>} so that names sort in journal order.
 * All integers are big-endian.
 *
 * <pre>
 * Segment header (16 bytes, once per file)
 *   0               4               8                              16
 *   +---------------+---------------+-------------------------------+
 *   | magic "RSJL"  | version (=4)  | first sequence (long)         |
 *   +---------------+---------------+-------------------------------+
 *
 * Record, version 2 (repeated until end of file)
 *   0               4               8                              16                             24
 *   +---------------+---------------+-------------------------------+-------------------------------+
 *   | length        | CRC32C        | sequence (long)               | ingress time, epoch ms (long) |
 *   +---------------+---------------+-------------------------------+-------------------------------+
 *   | db            | argc          | client id (long)              | kind          | len 0 | arg 0 ...
 *   +---------------+---------------+-------------------------------+---------------+----------------
 *   24              28              32                              40              44
 *
 *   length = bytes after the CRC field (sequence .. end of the last argument), at least 36
 *   CRC32C = java.util.zip.CRC32C over those {@code length} bytes
 *   kind   = 0 command (argc >= 1), 1 tick, 2 tick run as a barrier, 3 client closed (argc = 0),
 *            4 transaction (argc >= 1, version 3): argument 0 is one byte, 1 when EXEC answered
 *            EXECABORT; then per queued command an 8-byte header (db, argc) and its arguments.
 *            Recovery applies a transaction whole or not at all: it is one checksummed record.
 *          5 script killed (version 4; argc 0, or one 12-byte (sequence, index) argument per
 *            further script SHUTDOWN NOSAVE stopped on another shard): a script stopped by SCRIPT KILL, FUNCTION KILL or
 *            SHUTDOWN NOSAVE; client = the journal sequence of the EVAL/FCALL (or EXEC) record,
 *            db = the script's place in EXEC's queue or -1. Recovery collects these before
 *            replaying and skips the scripts they name: a killed script changed nothing (it may
 *            not be killed once it wrote), an aborted one never finished.
 *
 * Version 3 is version 4 without kind 5, version 2 is version 3 without kind 4 (an older server
 *   reading a newer segment refuses it instead of mistaking a record for a torn tail). All are
 *   read; only version 4 is appended.
 * Version 1 (still read; never appended to: a v1 newest segment is closed and a v3 one started)
 *   has no client id and kind: db, argc, then the arguments at 32; every record is a command.
 * </pre>
 *
 * Sequences are strictly increasing across the whole journal (gaps are normal: reads take ring
 * sequences too). The command is journaled as the client sent it; its ingress time makes relative
 * TTLs replay to the same deadlines (see JournalReplay). The client id, ticks and closes exist for
 * blocked clients: replay re-creates each client's waiters and times them out at the same points.
 */
public final class JournalFormat {
    public static final int MAGIC = 0x52534A4C; // "RSJL"
    public static final int VERSION = 4;
    public static final int VERSION_3 = 3;
    /** Version 2: the version 3 layout without transaction records (read, never appended to). */
    public static final int VERSION_2 = 2;
    public static final int VERSION_1 = 1;
    public static final int KIND_COMMAND = 0;
    public static final int KIND_TICK = 1;
    public static final int KIND_TICK_BARRIER = 2;
    public static final int KIND_CLIENT_CLOSED = 3;
    /** A MULTI/EXEC transaction as one record (version 3): see {@code Transaction.encode}. */
    public static final int KIND_EXEC = 4;
    /**
     * Version 4: a script SCRIPT KILL / FUNCTION KILL / SHUTDOWN NOSAVE stopped; the client field
     * holds the journal sequence of the script's record, db its place in that EXEC's queue (-1 for
     * a script run on its own); when SHUTDOWN NOSAVE stopped scripts on several shards, each other
     * one is a 12-byte argument (sequence, index). Replay skips them.
     */
    public static final int KIND_SCRIPT_KILLED = 5;
    public static final int SEGMENT_HEADER_BYTES = 16;
    /** length + CRC. */
    public static final int RECORD_PREFIX_BYTES = 8;
    /** sequence + time + db + argc + client id + kind. */
    public static final int RECORD_FIXED_BODY_BYTES = 36;
    /** Version 1: sequence + time + db + argc. */
    public static final int RECORD_FIXED_BODY_BYTES_V1 = 24;
    /** Largest body a reader accepts (a bulk string is at most 512 MB, plus argument framing). */
    public static final int MAX_BODY_BYTES = Integer.MAX_VALUE - 64;

    private JournalFormat() {
    }

    public static Path segmentPath(Path dir, String prefix, long firstSeq) {
        return dir.resolve(prefix + "." + String.format("%020d", firstSeq));
    }

    /** The first sequence a segment name states, or -1 when the name is not a segment of prefix. */
    public static long firstSeqOf(Path file, String prefix) {
        String n = file.getFileName().toString();
        if (!n.startsWith(prefix + ".") || n.length() != prefix.length() + 21) {
            return -1;
        }
        String digits = n.substring(prefix.length() + 1);
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(digits);
    }

    /** Segment files of the journal in {@code dir}, oldest first. */
    public static List<Path> segments(Path dir, String prefix) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, prefix + ".*")) {
            for (Path p : ds) {
                if (firstSeqOf(p, prefix) >= 0 && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        }
        out.sort((a, b) -> Long.compare(firstSeqOf(a, prefix), firstSeqOf(b, prefix)));
        return out;
    }
}
