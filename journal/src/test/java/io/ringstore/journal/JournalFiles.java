package io.ringstore.journal;

import io.ringstore.engine.JournalStatus;
import io.ringstore.engine.command.Args;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Test helpers: write journals record by record, read them back, delete temp dirs. */
final class JournalFiles {
    static final String PREFIX = "appendonly.aof";

    private JournalFiles() {
    }

    static Args args(String... words) {
        Args a = new Args();
        for (String w : words) {
            a.add(w.getBytes(StandardCharsets.UTF_8));
        }
        return a;
    }

    /** Opens a journal in dir as the server does (after a recovery check). */
    static Journal open(Path dir, long maxSegment, String fsync) throws Exception {
        JournalScan scan = JournalRecovery.check(dir, PREFIX, System.err);
        return new Journal(dir, PREFIX, maxSegment, fsync, scan, new JournalStatus(), e -> {
            throw new UncheckedIOException(e);
        });
    }

    /** Writes records "SET k<seq> v<seq>" with the given sequences, one batch each. */
    static void write(Path dir, long maxSegment, long... seqs) throws Exception {
        try (Journal j = open(dir, maxSegment, "always")) {
            for (long s : seqs) {
                j.append(s, 1000 + s, (int) (s % 3), 0, JournalFormat.KIND_COMMAND, args("SET", "k" + s, "v" + s));
                j.endOfBatch();
            }
        }
    }

    /** Every good record as "seq time db arg arg ...". */
    static List<String> read(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        JournalScan.scan(dir, PREFIX, (seq, t, db, a) -> {
            StringBuilder sb = new StringBuilder().append(seq).append(' ').append(t).append(' ').append(db);
            for (byte[] b : a) {
                sb.append(' ').append(new String(b, StandardCharsets.UTF_8));
            }
            out.add(sb.toString());
        });
        return out;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
