package io.ringstore.transport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real redis-cli binary against Ringstore. Skipped when redis-cli is not on the PATH, unless
 * RINGSTORE_REQUIRE_REDIS=1 says it must be there.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisCliIT {
    static Path cli;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        cli = findOnPath("redis-cli");
        if (cli == null && "1".equals(System.getenv("RINGSTORE_REQUIRE_REDIS"))) {
            fail("redis-cli is not on the PATH and RINGSTORE_REQUIRE_REDIS=1");
        }
        assumeTrue(cli != null, "redis-cli is not installed");
        server = TestServer.start("shards", "2");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Path findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Result of one redis-cli run: exit code and everything it printed (stdout then stderr). */
    record Run(int exit, String out, String err) {
    }

    private static Run cli(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(cli.toString());
        cmd.add("-p");
        cmd.add(Integer.toString(server.port()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Path out = Files.createTempFile("redis-cli", ".out");
        Path err = Files.createTempFile("redis-cli", ".err");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        try {
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                fail("redis-cli " + args.length + " args did not finish");
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void shouldPing() throws Exception {
        Run r = cli(null, "PING");
        assertEquals(0, r.exit(), r.err());
        assertEquals("PONG\n", r.out());
    }

    @Test
    void shouldSetAndGet() throws Exception {
        assertEquals("OK\n", cli(null, "SET", "cli:key", "hello world").out());
        assertEquals("hello world\n", cli(null, "GET", "cli:key").out());
        assertEquals("\n", cli(null, "GET", "cli:missing").out(), "nil prints as an empty line when not a tty");
        Run err = cli(null, "NOPE");
        assertEquals("ERR unknown command 'NOPE', with args beginning with: \n\n", err.out(), "as redis-cli prints it for redis-server");
    }

    @Test
    void shouldPrintInfoAndConfig() throws Exception {
        Run info = cli(null, "INFO", "server");
        assertEquals(0, info.exit(), info.err());
        assertTrue(info.out().startsWith("# Server\r\nredis_version:7.0.15\r\n"), info.out());
        assertTrue(info.out().contains("tcp_port:" + server.port() + "\r\n"), info.out());
        assertEquals("hz\n10\n", cli(null, "CONFIG", "GET", "hz").out());
        Run resp3 = cli(null, "-3", "CONFIG", "GET", "hz");
        assertEquals("hz 10\n", resp3.out(), resp3.err());
    }

    /**
     * With commands on stdin redis-cli starts like its interactive mode: it asks COMMAND DOCS for
     * every command's help first (seen with MONITOR against redis-server 7.0), then runs the lines.
     */
    @Test
    void shouldStartUpThroughCommandDocs() throws Exception {
        Run r = cli("PING\nSET cli:stdin 42\nGET cli:stdin\nCOMMAND COUNT\n");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("PONG", lines[0], r.out());
        assertEquals("OK", lines[1]);
        assertEquals("42", lines[2]);
        assertTrue(Long.parseLong(lines[3]) > 20, r.out());
        assertFalse(r.err().contains("ERR"), r.err());
        Run docs = cli(null, "COMMAND", "DOCS", "echo");
        assertTrue(docs.out().contains("Echo the given string"), docs.out());
    }

    @Test
    void shouldTakeMassInsertionThroughPipeMode() throws Exception {
        StringBuilder proto = new StringBuilder();
        int n = 2000;
        for (int i = 0; i < n; i++) {
            String k = "pipe:" + i;
            proto.append("*3\r\n$3\r\nSET\r\n$").append(k.length()).append("\r\n").append(k).append("\r\n$1\r\nv\r\n");
        }
        proto.append("*1\r\n$4\r\nNOPE\r\n");
        Run r = cli(proto.toString(), "--pipe");
        assertTrue(r.out().contains("errors: 1, replies: " + (n + 1)), r.out() + r.err());
        assertEquals("v\n", cli(null, "GET", "pipe:1999").out());
    }
}
