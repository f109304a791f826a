package io.ringstore.journal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The journal check and repair tool, like redis-check-aof:
 * {@code ringstore-check-journal [--fix] [--list] [--skip-script <seq>[:<index>]] <dir> [appendfilename]}. Reports each segment and
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
        String skip = null;
        java.util.List<String> rest = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--skip-script")) {
                if (i + 1 == args.length) {
                    return usage(out, "--skip-script needs <sequence>[:<index in its transaction>]");
                }
                skip = args[++i];
            } else {
                rest.add(args[i]);
            }
        }
        args = rest.toArray(new String[0]);
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
            return skip == null ? 0 : skipScript(d, prefix, scan, skip, out);
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

    /**
     * Appends a script-killed marker for the script of record {@code spec} ("seq" or "seq:index"
     * for a script queued in that EXEC), as SCRIPT KILL would have: replay skips that script. The
     * way out when a runaway script the server lost before anyone killed it (kill -9) holds
     * start-up (replay logs its record every 10 s). Run with the server stopped.
     */
    private static int skipScript(Path dir, String prefix, JournalScan scan, String spec, PrintStream out)
            throws IOException {
        long seq;
        int index = -1;
        try {
            int colon = spec.indexOf(':');
            seq = Long.parseLong(colon < 0 ? spec : spec.substring(0, colon));
            if (colon >= 0) {
                index = Integer.parseInt(spec.substring(colon + 1));
            }
        } catch (NumberFormatException e) {
            return usage(out, "--skip-script " + spec + ": expected <sequence>[:<index>]");
        }
        if (seq < 0 || seq > scan.lastSeq || index < -1) {
            return usage(out, "--skip-script " + spec + ": no such record (last sequence " + scan.lastSeq + ")");
        }
        Journal j = new Journal(dir, prefix, Long.MAX_VALUE, "always", scan, new io.ringstore.engine.JournalStatus(),
                e -> { });
        try {
            j.append(scan.lastSeq + 1, System.currentTimeMillis(), index, seq, JournalFormat.KIND_SCRIPT_KILLED, null);
            j.endOfBatch();
        } finally {
            j.close();
        }
        out.println("appended a script-killed marker at sequence " + (scan.lastSeq + 1) + ": replay skips the script of record "
                + seq + (index >= 0 ? " (command " + index + " of its transaction)" : ""));
        return 0;
    }

    private static int usage(PrintStream out, String why) {
        out.println("ringstore-check-journal: " + why);
        out.println("usage: ringstore-check-journal [--fix] [--list] [--skip-script <seq>[:<index>]] <dir> [appendfilename]");
        return 2;
    }
}
