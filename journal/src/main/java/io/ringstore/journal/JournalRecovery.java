package io.ringstore.journal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The checking half of start-up recovery, run before the engine exists: scans the whole journal,
 * truncates a torn tail with a warning, and refuses to start on damage anywhere else. Returns the
 * clean scan the {@link Journal} resumes from; {@link JournalReplay} then applies the records.
 * Checking everything before applying anything means a corrupt journal never half-loads.
 */
public final class JournalRecovery {
    private JournalRecovery() {
    }

    public static JournalScan check(Path dir, String prefix, PrintStream log) throws IOException, JournalCorruptException {
        JournalScan scan = JournalScan.scan(dir, prefix, null);
        if (scan.damage == null) {
            return scan;
        }
        if (!scan.damage.torn) {
            throw new JournalCorruptException("journal " + scan.damage + "; refusing to start."
                    + " Inspect it with scripts/ringstore-check-journal " + dir + " " + prefix
                    + " and cut it at the damage with --fix (records after the damage are set aside)");
        }
        log.println("ringstore: WARNING journal " + scan.damage + "; truncating the torn tail"
                + " (a write that was never acknowledged under appendfsync always)");
        for (String line : JournalRepair.cut(scan)) {
            log.println("ringstore: " + line);
        }
        JournalScan again = JournalScan.scan(dir, prefix, null);
        if (again.damage != null) {
            throw new JournalCorruptException("journal still damaged after truncating the tail: " + again.damage);
        }
        return again;
    }
}
