package io.ringstore.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a journal at a damage found by {@link JournalScan}: the damaged segment is truncated at the
 * damage (deleted when not even its header is good), and every newer segment is renamed to
 * {@code <name>.discarded} rather than deleted, since its records would follow a gap. Start-up
 * recovery uses it for a torn tail; {@link CheckJournal} for any damage with --fix.
 */
public final class JournalRepair {
    private JournalRepair() {
    }

    /** Applies the cut; returns one line per file changed. */
    public static List<String> cut(JournalScan scan) throws IOException {
        JournalScan.Damage d = scan.damage;
        List<String> done = new ArrayList<>();
        if (d.offset < JournalFormat.SEGMENT_HEADER_BYTES) {
            Files.delete(d.file);
            done.add("deleted " + d.file + " (no valid header)");
        } else {
            try (FileChannel ch = FileChannel.open(d.file, StandardOpenOption.WRITE)) {
                long before = ch.size();
                ch.truncate(d.offset);
                ch.force(true);
                done.add("truncated " + d.file + " from " + before + " to " + d.offset + " bytes");
            }
        }
        for (int i = d.segment + 1; i < scan.segments.size(); i++) {
            Path p = scan.segments.get(i);
            Path aside = p.resolveSibling(p.getFileName() + ".discarded");
            Files.move(p, aside, StandardCopyOption.REPLACE_EXISTING);
            done.add("moved " + p + " aside to " + aside + " (after the damage)");
        }
        SegmentWriter.forceDirectory(d.file.toAbsolutePath().getParent());
        return done;
    }
}
