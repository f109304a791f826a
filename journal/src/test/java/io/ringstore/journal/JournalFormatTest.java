package io.ringstore.journal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class JournalFormatTest {
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("journal-format");
    }

    @AfterEach
    void tearDown() throws Exception {
        JournalFiles.deleteTree(dir);
    }

    @Test
    void shouldReadBackEveryFieldOfEveryRecord() throws Exception {
        JournalFiles.write(dir, 1 << 20, 0, 5, 9);
        assertEquals(List.of("0 1000 0 SET k0 v0", "5 1005 2 SET k5 v5", "9 1009 0 SET k9 v9"), JournalFiles.read(dir));
    }

    @Test
    void shouldWriteTheDocumentedLayout() throws Exception {
        JournalFiles.write(dir, 1 << 20, 7);
        byte[] f = Files.readAllBytes(JournalFormat.segmentPath(dir, JournalFiles.PREFIX, 0));
        ByteBuffer b = ByteBuffer.wrap(f);
        assertEquals(JournalFormat.MAGIC, b.getInt(0));
        assertEquals(JournalFormat.VERSION, b.getInt(4));
        assertEquals(0, b.getLong(8));
        int length = b.getInt(16);
        assertEquals(36 + 4 + 3 + 4 + 2 + 4 + 2, length);
        assertEquals(16 + 8 + length, f.length);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(f, 24, length);
        assertEquals((int) crc.getValue(), b.getInt(20));
        assertEquals(7, b.getLong(24));
        assertEquals(1007, b.getLong(32));
        assertEquals(1, b.getInt(40));
        assertEquals(3, b.getInt(44));
        assertEquals(0, b.getLong(48)); // client id
        assertEquals(JournalFormat.KIND_COMMAND, b.getInt(56));
        assertEquals(3, b.getInt(60)); // len 0: "SET"
    }

    /** A version 1 segment (no client id, no kind) as the previous release wrote it. */
    static byte[] v1Segment(long firstSeq, long seq, long timeMs, int db, String... args) {
        int body = 24;
        for (String a : args) {
            body += 4 + a.length();
        }
        ByteBuffer b = ByteBuffer.allocate(16 + 8 + body);
        b.putInt(JournalFormat.MAGIC).putInt(1).putLong(firstSeq);
        b.putInt(body).putInt(0).putLong(seq).putLong(timeMs).putInt(db).putInt(args.length);
        for (String a : args) {
            b.putInt(a.length()).put(a.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(b.array(), 24, body);
        b.putInt(20, (int) crc.getValue());
        return b.array();
    }

    @Test
    void shouldReadVersion1SegmentsAndAppendAfterThemInANewSegment() throws Exception {
        Files.createDirectories(dir);
        Files.write(JournalFormat.segmentPath(dir, JournalFiles.PREFIX, 0), v1Segment(0, 3, 1003, 2, "SET", "k", "v"));
        try (Journal j = JournalFiles.open(dir, 1 << 20, "always")) {
            j.append(4, 1004, 0, 9, JournalFormat.KIND_COMMAND, JournalFiles.args("INCR", "n"));
            j.append(5, 1005, 0, 0, JournalFormat.KIND_TICK, null);
            j.endOfBatch();
        }
        assertEquals(2, JournalFormat.segments(dir, JournalFiles.PREFIX).size());
        List<String> seen = new java.util.ArrayList<>();
        JournalScan scan = JournalScan.scan(dir, JournalFiles.PREFIX, new JournalScan.Visitor() {
            @Override
            public void record(long seq, long t, int db, byte[][] a) {
            }

            @Override
            public void event(long seq, long t, int db, long client, int kind, byte[][] a) {
                seen.add(seq + " " + t + " " + db + " " + client + " " + kind + " " + a.length);
            }
        });
        assertEquals(null, scan.damage);
        assertEquals(List.of("3 1003 2 0 0 3", "4 1004 0 9 0 2", "5 1005 0 0 1 0"), seen);
    }

    @Test
    void shouldKeepBinaryArgumentsAndRecordsLargerThanTheBuffer() throws Exception {
        byte[] big = new byte[3 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        try (Journal j = JournalFiles.open(dir, 64 << 20, "no")) {
            io.ringstore.engine.command.Args a = new io.ringstore.engine.command.Args();
            a.add("SET".getBytes());
            a.add(new byte[] {0, '\r', '\n', (byte) 0xff});
            a.add(big);
            j.append(1, 2, 0, 0, JournalFormat.KIND_COMMAND, a);
            j.endOfBatch();
        }
        byte[][][] got = new byte[1][][];
        JournalScan scan = JournalScan.scan(dir, JournalFiles.PREFIX, (s, t, db, args) -> got[0] = args);
        assertNull(scan.damage);
        assertArrayEquals(new byte[] {0, '\r', '\n', (byte) 0xff}, got[0][1]);
        assertArrayEquals(big, got[0][2]);
    }

    @Test
    void shouldRotateSegmentsBySizeAndNameThemByFirstSequence() throws Exception {
        long[] seqs = new long[200];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = 10 + 2L * i;
        }
        JournalFiles.write(dir, 4096, seqs);
        List<Path> segs = JournalFormat.segments(dir, JournalFiles.PREFIX);
        assertTrue(segs.size() > 2, "segments: " + segs);
        assertEquals(0, JournalFormat.firstSeqOf(segs.get(0), JournalFiles.PREFIX));
        for (int i = 1; i < segs.size(); i++) {
            assertTrue(Files.size(segs.get(i - 1)) >= 4096);
        }
        List<String> records = JournalFiles.read(dir);
        assertEquals(200, records.size());
        assertEquals("408 1408 0 SET k408 v408", records.get(199));
    }

    @Test
    void shouldResumeTheNewestSegmentAfterARestart() throws Exception {
        JournalFiles.write(dir, 1 << 20, 1, 2);
        try (Journal j = JournalFiles.open(dir, 1 << 20, "everysec")) {
            assertEquals(3, j.nextSeq());
            j.append(3, 1003, 0, 0, JournalFormat.KIND_COMMAND, JournalFiles.args("INCR", "n"));
            j.endOfBatch();
        }
        assertEquals(1, JournalFormat.segments(dir, JournalFiles.PREFIX).size());
        assertEquals("3 1003 0 INCR n", JournalFiles.read(dir).get(2));
    }

    /**
     * The everysec bound, measured: writes every few ms for 3.5 s; each background force records
     * how old the oldest write it made durable was. That age is the power-loss window: about one
     * second (the flusher's period) plus the force, never several seconds.
     */
    @Test
    void everysecShouldForceEveryWriteWithinAboutOneSecond() throws Exception {
        JournalScan scan = JournalRecovery.check(dir, JournalFiles.PREFIX, System.err);
        io.ringstore.engine.JournalStatus status = new io.ringstore.engine.JournalStatus();
        try (Journal j = new Journal(dir, JournalFiles.PREFIX, 1 << 20, "everysec", scan, status, e -> {
            throw new java.io.UncheckedIOException(e);
        })) {
            long end = System.nanoTime() + 3_500_000_000L;
            for (long seq = 1; System.nanoTime() < end; seq++) {
                j.append(seq, 1000 + seq, 0, 0, JournalFormat.KIND_COMMAND, JournalFiles.args("SET", "k" + seq, "v"));
                j.endOfBatch();
                Thread.sleep(2);
            }
            assertTrue(status.maxFsyncLagMs >= 500, "forces happened, each covering writes up to a second old: "
                    + status.maxFsyncLagMs);
            assertTrue(status.maxFsyncLagMs <= 1800, "oldest unforced write when forced: " + status.maxFsyncLagMs + " ms");
            System.out.println("everysec: oldest write made durable by a background force was "
                    + status.maxFsyncLagMs + " ms old (last " + status.lastFsyncLagMs + " ms)");
        }
    }
}
