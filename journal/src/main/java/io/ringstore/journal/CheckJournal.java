package io.ringstore.journal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The journal check and repair tool, like redis-check-aof:
 * {@code ringstore-check-journal [--fix] [--list] <dir> [appendfilename]}. Reports each segment and
 * the first damage (file, offset, sequence); with {@code --fix} cuts the journal there (see
 * {@link JournalRepair}); with {@code --list} also prints every good record first
 * ({@link JournalListing}: a transaction as one EXEC line followed by its queued commands).
 * Exit status: 0 clean or fixed, 1 damaged, 2 usage error.
 */
public final class CheckJournal {
    private CheckJournal() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) throws IOException {
        ToolArgs t = ToolArgs.parse(args, "dir", "appendonly.aof", "--fix", "--list");
        if (t.error != null) {
            return usage(out, t.error);
        }
        boolean fix = t.has("--fix");
        String dir = t.path;
        String prefix = t.prefix;
        Path d = Paths.get(dir);
        JournalScan scan = JournalScan.scan(d, prefix, t.has("--list") ? new JournalListing(out) : null);
        for (Path p : scan.segments) {
            out.println("segment " + p + " (" + Files.size(p) + " bytes)");
        }
        out.println(scan.records + " good records, last sequence " + scan.lastSeq + ", " + scan.goodBytes + " good bytes");
        if (scan.damage == null) {
            out.println("journal OK");
            return 0;
        }
        out.println("DAMAGE: " + scan.damage);
        if (!fix) {
            out.println("run with --fix to cut the journal at the damage");
            return 1;
        }
        for (String line : JournalRepair.cut(scan)) {
            out.println(line);
        }
        JournalScan again = JournalScan.scan(d, prefix, null);
        out.println(again.damage == null ? "journal fixed: " + again.records + " records, last sequence " + again.lastSeq
                : "still damaged: " + again.damage);
        return again.damage == null ? 0 : 1;
    }

    private static int usage(PrintStream out, String why) {
        out.println("ringstore-check-journal: " + why);
        out.println("usage: ringstore-check-journal [--fix] [--list] <dir> [appendfilename]");
        return 2;
    }
}
