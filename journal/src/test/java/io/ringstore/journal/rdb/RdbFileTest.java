package io.ringstore.journal.rdb;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.rdb.RdbOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RDB files written by {@link RdbFileWriter} and loaded by {@link RdbImport} into engines of one
 * and two shards (same DEBUG DIGEST), keys already expired at load time skipped and counted, a
 * zero checksum accepted, and every kind of damage refused with a message naming file, byte offset
 * (and key), leaving the engine empty: a bad CRC, truncation at many points, an unknown type, a
 * newer version, a bad signature, module data, a duplicate key, a db past the configured count.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RdbFileTest {
    private static final long NOW = 1_800_000_000_000L;
    private final AtomicLong now = new AtomicLong(NOW);
    private Path dir;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("rdbfiletest");
    }

    @AfterEach
    void tearDown() throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private EmbeddedEngine engine(int shards) {
        return new EmbeddedEngine(shards, now::get, new Config(), (e, s, b) -> { }, false);
    }

    private static void fill(EmbeddedEngine e) {
        e.call("FUNCTION", "LOAD", "#!lua name=lib1\nredis.register_function('f1', function(keys, args) return 1 end)");
        e.call("SET", "str", "hello");
        e.call("SET", "int", "42");
        e.call("SET", "soon", "x", "PX", "1000");
        e.call("SET", "later", "y", "PX", "100000");
        for (int i = 0; i < 300; i++) {
            e.call("RPUSH", "list", "item-" + i);
            e.call("SADD", "set", Integer.toString(i));
            e.call("ZADD", "zset", Integer.toString(i), "m" + i);
            e.call("HSET", "hash", "f" + i, "v" + i);
        }
        e.call("HSET", "small", "a", "1");
        e.call("XADD", "stream", "1-1", "k", "v");
        e.call("SELECT", "2");
        e.call("SET", "in2", "two");
        e.call("SELECT", "0");
    }

    private static String digest(EmbeddedEngine e) {
        return e.call("DEBUG", "DIGEST");
    }

    private Path export(int shards) throws Exception {
        Path file = dir.resolve("out.rdb");
        try (EmbeddedEngine a = engine(shards)) {
            fill(a);
            assertEquals(11, RdbFileWriter.write(a.context(), file, NOW));
        }
        return file;
    }

    private void assertEmpty(EmbeddedEngine e) {
        for (int db = 0; db < 16; db++) {
            e.call("SELECT", Integer.toString(db));
            assertEquals(":0\r\n", e.call("DBSIZE"), "db " + db + " after a refused load");
        }
        e.call("SELECT", "0");
        assertEquals("*0\r\n", e.call("FUNCTION", "LIST"));
    }

    @Test
    void shouldLoadWhatTheWriterWroteUnderEitherShardCount() throws Exception {
        String before;
        try (EmbeddedEngine a = engine(2)) {
            fill(a);
            before = digest(a);
        }
        Path file = export(2);
        for (int shards = 1; shards <= 2; shards++) {
            try (EmbeddedEngine b = engine(shards)) {
                RdbImport.Result r = RdbImport.load(file, b.context(), NOW, log);
                assertEquals(new RdbImport.Result(10, 11, 0, 0, 1), r);
                assertEquals(before, digest(b));
                assertEquals(":1000\r\n", b.call("PTTL", "soon"));
                assertEquals("$8\r\nlistpack\r\n", b.call("OBJECT", "ENCODING", "small"));
                assertEquals("$8\r\nlistpack\r\n", b.call("OBJECT", "ENCODING", "hash"));
                assertEquals("$8\r\nskiplist\r\n", b.call("OBJECT", "ENCODING", "zset"));
                assertEquals("$6\r\nintset\r\n", b.call("OBJECT", "ENCODING", "set"));
                assertEquals(":1\r\n", b.call("FCALL", "f1", "0"));
            }
        }
        String text = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Loading RDB produced by version 7.0.15"), text);
        assertTrue(text.contains("Done loading RDB, keys loaded: 11, keys expired: 0."), text);
    }

    @Test
    void shouldSkipKeysAlreadyExpiredAtLoadTime() throws Exception {
        Path file = export(1);
        try (EmbeddedEngine b = engine(1)) {
            RdbImport.Result r = RdbImport.load(file, b.context(), NOW + 5000, log);
            assertEquals(10, r.keysLoaded());
            assertEquals(1, r.keysExpired());
            assertEquals(":0\r\n", b.call("EXISTS", "soon"));
            assertEquals(":1\r\n", b.call("EXISTS", "later"));
        }
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("keys loaded: 10, keys expired: 1."));
    }

    @Test
    void shouldAcceptAZeroChecksum() throws Exception {
        Path file = export(1);
        byte[] b = Files.readAllBytes(file);
        Arrays.fill(b, b.length - 8, b.length, (byte) 0);
        Files.write(file, b);
        try (EmbeddedEngine e = engine(1)) {
            assertEquals(11, RdbImport.load(file, e.context(), NOW, log).keysLoaded());
        }
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("saved with checksum disabled"));
    }

    private RdbFileException refused(Path file) throws Exception {
        try (EmbeddedEngine e = engine(2)) {
            RdbFileException ex = assertThrows(RdbFileException.class, () -> RdbImport.load(file, e.context(), NOW, log));
            assertTrue(ex.getMessage().contains(file.toString()), ex.getMessage());
            assertEmpty(e);
            return ex;
        }
    }

    @Test
    void shouldRefuseABadChecksumAndLoadNothing() throws Exception {
        Path file = export(1);
        byte[] b = Files.readAllBytes(file);
        b[b.length - 1] ^= 1;
        Files.write(file, b);
        String m = refused(file).getMessage();
        assertTrue(m.contains("at byte " + (b.length - 8)) && m.contains("Wrong RDB checksum expected: ("), m);
    }

    @Test
    void shouldRefuseAChangedValueByItsChecksum() throws Exception {
        Path file = export(1);
        byte[] b = Files.readAllBytes(file);
        int at = indexOf(b, "hello".getBytes(StandardCharsets.US_ASCII));
        b[at] = 'j';
        Files.write(file, b);
        assertTrue(refused(file).getMessage().contains("Wrong RDB checksum"));
    }

    @Test
    void shouldRefuseEveryTruncationAndLoadNothing() throws Exception {
        Path file = export(1);
        byte[] b = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.rdb");
        for (int len = 0; len < b.length; len += Math.max(1, b.length / 97)) {
            Files.write(cut, Arrays.copyOf(b, len));
            String m = refused(cut).getMessage();
            assertTrue(m.contains("at byte ") && m.contains("Nothing was loaded"), len + ": " + m);
        }
    }

    @Test
    void shouldNameTheKeyWhoseValueIsCutShort() throws Exception {
        Path file = export(1);
        byte[] b = Files.readAllBytes(file);
        int at = indexOf(b, "hello".getBytes(StandardCharsets.US_ASCII));
        Path cut = dir.resolve("cut.rdb");
        Files.write(cut, Arrays.copyOf(b, at + 2));
        String m = refused(cut).getMessage();
        assertTrue(m.contains("(key 'str' in db 0)") && m.contains("past the end"), m);
    }

    /** A file: REDIS000v, then {@code body} written through an RdbOutput, EOF and the CRC64. */
    static byte[] file(int version, java.util.function.Consumer<RdbOutput> body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RdbOutput out = new RdbOutput(bytes);
        byte[] magic = String.format("REDIS%04d", version).getBytes(StandardCharsets.US_ASCII);
        out.write(magic, 0, magic.length);
        body.accept(out);
        out.writeByte(RdbOpcode.EOF);
        long crc = out.crc();
        for (int i = 0; i < 8; i++) {
            bytes.write((int) (crc >>> (8 * i)));
        }
        return bytes.toByteArray();
    }

    private static void stringKey(RdbOutput out, String key, String value) {
        out.writeByte(0);
        out.writeString(key.getBytes(StandardCharsets.US_ASCII));
        out.writeString(value.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void shouldRefuseAnUnknownTypeNamingTheKey() throws Exception {
        Path f = Files.write(dir.resolve("u.rdb"), file(10, out -> {
            out.writeByte(RdbOpcode.SELECTDB);
            out.writeLength(0);
            stringKey(out, "before", "v");
            out.writeByte(200);
            out.writeString("odd".getBytes(StandardCharsets.US_ASCII));
            out.writeString("v".getBytes(StandardCharsets.US_ASCII));
        }));
        String m = refused(f).getMessage();
        assertTrue(m.contains("at byte 21 (key 'odd' in db 0): Unknown RDB encoding type 200"), m);
    }

    @Test
    void shouldRefuseANewerVersionAndABadSignature() throws Exception {
        Path f = Files.write(dir.resolve("v11.rdb"), file(11, out -> { }));
        assertTrue(refused(f).getMessage().contains("Can't handle RDB format version 11"));
        Path g = Files.write(dir.resolve("sig.rdb"), "RUBBISH0010xxxxxxxxxx".getBytes(StandardCharsets.US_ASCII));
        assertTrue(refused(g).getMessage().contains("Wrong signature trying to load DB from file"));
    }

    @Test
    void shouldRefuseModuleData() throws Exception {
        long id = (((long) ('A' - 'A')) << 58) | 5; // a module type name of "AAAAAAAAA"... any id will do
        Path aux = Files.write(dir.resolve("aux.rdb"), file(10, out -> {
            out.writeByte(RdbOpcode.MODULE_AUX);
            out.writeLength(id);
        }));
        assertTrue(refused(aux).getMessage().contains("The RDB file contains AUX module data I can't load: no matching module 'AAAAAAAAA'"));
        Path type = Files.write(dir.resolve("mod.rdb"), file(10, out -> {
            out.writeByte(RdbOpcode.MODULE_2);
            out.writeString("mk".getBytes(StandardCharsets.US_ASCII));
            out.writeLength(id);
        }));
        String m = refused(type).getMessage();
        assertTrue(m.contains("(key 'mk' in db 0): The RDB file contains module data I can't load: no matching module type"), m);
    }

    @Test
    void shouldRefuseADuplicateKeyAndADbPastTheCount() throws Exception {
        Path dup = Files.write(dir.resolve("dup.rdb"), file(10, out -> {
            stringKey(out, "k", "1");
            stringKey(out, "k", "2");
        }));
        assertTrue(refused(dup).getMessage().contains("RDB has duplicated key 'k' in DB 0"));
        Path db = Files.write(dir.resolve("db.rdb"), file(10, out -> {
            stringKey(out, "k", "1");
            out.writeByte(RdbOpcode.SELECTDB);
            out.writeLength(16);
        }));
        assertTrue(refused(db).getMessage().contains("configured to handle more than 16 databases"));
    }

    @Test
    void shouldLoadAPreReleaseFunctionRecordAsRedis70Does() throws Exception {
        Path f = Files.write(dir.resolve("fn.rdb"), file(10, out -> {
            out.writeByte(RdbOpcode.FUNCTION_PRE_GA);
            out.writeString("oldlib".getBytes(StandardCharsets.US_ASCII));
            out.writeString("LUA".getBytes(StandardCharsets.US_ASCII));
            out.writeLength(1);
            out.writeString("a description".getBytes(StandardCharsets.US_ASCII));
            out.writeString("redis.register_function('oldf', function(keys, args) return 7 end)".getBytes(StandardCharsets.US_ASCII));
        }));
        try (EmbeddedEngine e = engine(1)) {
            assertEquals(1, RdbImport.load(f, e.context(), NOW, log).libraries());
            assertEquals(":7\r\n", e.call("FCALL", "oldf", "0"));
        }
    }

    @Test
    void shouldApplyIdleTimeAndAcceptFrequency() throws Exception {
        Path f = Files.write(dir.resolve("idle.rdb"), file(10, out -> {
            out.writeByte(RdbOpcode.IDLE);
            out.writeLength(1000);
            stringKey(out, "idle", "v");
            out.writeByte(RdbOpcode.FREQ);
            out.writeByte(7);
            stringKey(out, "freq", "v");
            out.writeByte(RdbOpcode.RESIZEDB);
            out.writeLength(2);
            out.writeLength(0);
            stringKey(out, "plain", "v");
        }));
        try (EmbeddedEngine e = engine(1)) {
            assertEquals(3, RdbImport.load(f, e.context(), NOW, log).keysLoaded());
            assertEquals(":1000\r\n", e.call("OBJECT", "IDLETIME", "idle"));
            assertEquals(":0\r\n", e.call("OBJECT", "IDLETIME", "plain"));
            assertEquals("$1\r\nv\r\n", e.call("GET", "freq"));
        }
    }

    @Test
    void shouldRefuseABrokenLibraryWithRedissText() throws Exception {
        Path f = Files.write(dir.resolve("badfn.rdb"), file(10, out -> {
            out.writeByte(RdbOpcode.FUNCTION2);
            out.writeString("#!lua name=x\nthis is not lua".getBytes(StandardCharsets.US_ASCII));
        }));
        assertTrue(refused(f).getMessage().contains("Failed loading library, "));
    }

    @Test
    void shouldExportASavedDirectoryThroughTheToolsCommandLine() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        String before;
        try (EmbeddedEngine a = engine(2)) {
            a.context().snapshots = new io.ringstore.journal.SnapshotStore(data, "dump.rss", null);
            fill(a);
            assertEquals("+OK\r\n", a.call("SAVE"));
            before = digest(a);
        }
        Path out = dir.resolve("exported.rdb");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(text, true, StandardCharsets.UTF_8);
        assertEquals(0, RdbExportTool.run(new String[] {data.toString(), out.toString()}, ps), text.toString(StandardCharsets.UTF_8));
        assertTrue(text.toString(StandardCharsets.UTF_8).contains("wrote 11 keys to " + out));
        try (Stream<Path> files = Files.list(data)) {
            assertEquals(1, files.count(), "the tool wrote nothing into the data directory");
        }
        try (EmbeddedEngine b = engine(1)) {
            RdbImport.load(out, b.context(), NOW, log);
            assertEquals(before, digest(b));
        }
        assertEquals(2, RdbExportTool.run(new String[] {data.toString()}, ps));
        assertEquals(2, RdbExportTool.run(new String[] {"--bogus", data.toString(), out.toString()}, ps));
        assertEquals(2, RdbExportTool.run(new String[] {dir.resolve("missing").toString(), out.toString()}, ps));
    }

    private static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= b.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
