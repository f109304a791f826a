package io.ringstore.transport;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.config.Config;
import io.ringstore.journal.rdb.RdbFileWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --rdb-import} through the real server process: the file is loaded before the port opens,
 * with appendonly the import and an acknowledged write survive {@code kill -9} and a restart
 * without the option, and a damaged file stops start-up (exit status 1) with a line naming it.
 */
@Timeout(90)
class RdbImportIT {
    private Path dir;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("rdbimport");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private Process launch(String... extra) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xss1m", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
                "io.ringstore.transport.RingstoreServer", "--port", "0", "--dir", dir.toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        processes.add(p);
        return p;
    }

    private static int awaitReady(Process p, StringBuilder seen) throws Exception {
        return DurabilityIT.awaitReady(p, seen);
    }

    private Path writeFile() throws Exception {
        Path file = dir.resolve("in.rdb");
        try (EmbeddedEngine e = new EmbeddedEngine(1, System::currentTimeMillis, new Config(), (ev, s, b) -> { }, false)) {
            for (int i = 0; i < 1000; i++) {
                e.call("SET", "key:" + i, "value:" + i);
            }
            e.call("RPUSH", "list", "a", "b", "c");
            e.call("SELECT", "4");
            e.call("HSET", "h", "f", "v");
            RdbFileWriter.write(e.context(), file, System.currentTimeMillis());
        }
        return file;
    }

    @Test
    void shouldImportAtStartupAndKeepImportAndWritesAcrossKillNine() throws Exception {
        writeFile();
        Process p = launch("--rdb-import", "in.rdb", "--appendonly", "yes", "--appendfsync", "always");
        StringBuilder seen = new StringBuilder();
        int port = awaitReady(p, seen);
        assertTrue(seen.toString().contains("Done loading RDB, keys loaded: 1002, keys expired: 0."), seen.toString());
        assertTrue(seen.toString().contains("Loading RDB produced by version 7.0.15"), seen.toString());
        try (Jedis j = new Jedis("127.0.0.1", port)) {
            assertEquals(1001L, j.dbSize());
            assertEquals("value:999", j.get("key:999"));
            assertEquals("OK", j.set("written", "after import"));
            assertEquals(4L, j.rpush("list", "d"));
        }
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9
        Process q = launch("--appendonly", "yes");
        int port2 = awaitReady(q, new StringBuilder());
        try (Jedis j = new Jedis("127.0.0.1", port2)) {
            assertEquals(1002L, j.dbSize());
            assertEquals("after import", j.get("written"));
            assertEquals(List.of("a", "b", "c", "d"), j.lrange("list", 0, -1));
            j.select(4);
            assertEquals("v", j.hget("h", "f"));
        }
    }

    @Test
    void shouldStopStartupOnADamagedFileNamingIt() throws Exception {
        Path file = writeFile();
        byte[] b = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(b, b.length - 100));
        Process p = launch("--rdb-import", "in.rdb");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains(file + " cannot be loaded: at byte ") && out.contains("Nothing was loaded"), out);
        assertTrue(!out.contains("Ringstore ready"), out);
    }
}
