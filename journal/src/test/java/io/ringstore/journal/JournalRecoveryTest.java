package io.ringstore.journal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class JournalRecoveryTest {
    private Path dir;
    private Path segment;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("journal-recovery");
        segment = JournalFormat.segmentPath(dir, JournalFiles.PREFIX, 0);
    }

    @AfterEach
    void tearDown() throws Exception {
        JournalFiles.deleteTree(dir);
    }

    /** Offset of the n-th record (0-based) in the first segment. */
    private long recordOffset(int n) throws Exception {
        long[] at = new long[1];
        try (SegmentReader r = new SegmentReader(segment)) {
            r.readHeader();
            for (int i = 0; i <= n; i++) {
                r.next(false);
                at[0] = r.offset;
            }
        }
        return at[0];
    }

    private void flipByte(long offset) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x5a);
        }
    }

    @Test
    void shouldTruncateATornFinalRecordWithAWarning() throws Exception {
        JournalFiles.write(dir, 1 << 20, 1, 2, 3);
        long third = recordOffset(2);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(third + 11);
        }
        JournalScan scan = JournalRecovery.check(dir, JournalFiles.PREFIX, log);
        assertEquals(2, scan.records);
        assertEquals(2, scan.lastSeq);
        assertEquals(third, Files.size(segment));
        String warning = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(warning.contains("WARNING") && warning.contains(segment.toString()) && warning.contains("offset " + third), warning);
        // appending resumes right after the last good record
        try (Journal j = JournalFiles.open(dir, 1 << 20, "always")) {
            j.append(4, 1004, 0, 0, JournalFormat.KIND_COMMAND, JournalFiles.args("SET", "k4", "v4"));
            j.endOfBatch();
        }
        assertEquals(List.of("1 1001 1 SET k1 v1", "2 1002 2 SET k2 v2", "4 1004 0 SET k4 v4"), JournalFiles.read(dir));
    }

    @Test
    void shouldTreatAChecksumFailureOnTheLastRecordAsATornWrite() throws Exception {
        JournalFiles.write(dir, 1 << 20, 1, 2, 3);
        flipByte(Files.size(segment) - 1);
        JournalScan scan = JournalRecovery.check(dir, JournalFiles.PREFIX, log);
        assertEquals(2, scan.lastSeq);
    }

    @Test
    void shouldRefuseToStartOnCorruptionBeforeTheEndNamingFileOffsetAndSequence() throws Exception {
        JournalFiles.write(dir, 1 << 20, 1, 2, 3);
        long second = recordOffset(1);
        long size = Files.size(segment);
        flipByte(second + 30); // inside the second record's timestamp: its sequence field still reads 2
        JournalCorruptException e = assertThrows(JournalCorruptException.class,
                () -> JournalRecovery.check(dir, JournalFiles.PREFIX, log));
        String m = e.getMessage();
        assertTrue(m.contains(segment.toString()), m);
        assertTrue(m.contains("offset " + second), m);
        assertTrue(m.contains("record sequence 2") && m.contains("last good sequence 1"), m);
        assertTrue(m.contains("CRC32C mismatch"), m);
        assertEquals(size, Files.size(segment), "start-up must not change a corrupt journal");
    }

    @Test
    void shouldTreatDamageInAnOlderSegmentAsCorruptionEvenAtItsEnd() throws Exception {
        long[] seqs = new long[400];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = i;
        }
        JournalFiles.write(dir, 4096, seqs);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(f.length() - 3);
        }
        assertThrows(JournalCorruptException.class, () -> JournalRecovery.check(dir, JournalFiles.PREFIX, log));
    }

    @Test
    void checkToolShouldReportDamageAndFixCutsThereAndSetsLaterSegmentsAside() throws Exception {
        long[] seqs = new long[400];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = i;
        }
        JournalFiles.write(dir, 4096, seqs);
        List<Path> segs = JournalFormat.segments(dir, JournalFiles.PREFIX);
        assertTrue(segs.size() >= 3);
        long second = recordOffset(1);
        flipByte(second + 30);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = CheckJournal.run(new String[] {dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
        String report = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, rc, report);
        assertTrue(report.contains("corruption in " + segment + " at offset " + second), report);
        assertEquals(segs, JournalFormat.segments(dir, JournalFiles.PREFIX), "check alone changes nothing");

        out.reset();
        rc = CheckJournal.run(new String[] {"--fix", dir.toString(), JournalFiles.PREFIX}, new PrintStream(out, true, StandardCharsets.UTF_8));
        report = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, report);
        assertEquals(second, Files.size(segment));
        assertEquals(List.of(segment), JournalFormat.segments(dir, JournalFiles.PREFIX));
        assertTrue(Files.exists(segs.get(1).resolveSibling(segs.get(1).getFileName() + ".discarded")));
        assertEquals(List.of("0 1000 0 SET k0 v0"), JournalFiles.read(dir));
        assertEquals(0, JournalRecovery.check(dir, JournalFiles.PREFIX, log).lastSeq);
    }

    @Test
    void shouldDropANewestSegmentWhoseHeaderWasCutShort() throws Exception {
        JournalFiles.write(dir, 1 << 20, 1, 2);
        Path torn = JournalFormat.segmentPath(dir, JournalFiles.PREFIX, 3);
        Files.write(torn, new byte[] {0x52, 0x53});
        JournalScan scan = JournalRecovery.check(dir, JournalFiles.PREFIX, log);
        assertFalse(Files.exists(torn));
        assertEquals(2, scan.lastSeq);
    }
}
