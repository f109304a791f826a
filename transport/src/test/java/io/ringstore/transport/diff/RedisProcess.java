package io.ringstore.transport.diff;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} child process on a free loopback port, in its own temporary
 * directory, with persistence off; the reference the differential tests (and TransactionsIT's
 * redis-cli session) compare against.
 * {@link #startOrSkip()} aborts the calling test (JUnit assumption) when no redis-server is
 * installed, unless {@code RINGSTORE_REQUIRE_REDIS=1}, when it fails loudly instead: CI sets that
 * so a missing reference can never turn into silently skipped tests. Owned by the test thread.
 */
public final class RedisProcess implements AutoCloseable {
    static final String REQUIRE_ENV = "RINGSTORE_REQUIRE_REDIS";
    private static final long START_TIMEOUT_MS = 10_000;

    private final Process process;
    private final Path dir;
    private final Thread reaper;
    public final int port;

    private RedisProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.reaper = new Thread(process::destroyForcibly, "redis-server-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * The redis-server binary: $RINGSTORE_REDIS_SERVER if set, else the first on the PATH, else
     * Debian's /usr/bin/redis-server; null when none is executable.
     */
    static Path locate() {
        String env = System.getenv("RINGSTORE_REDIS_SERVER");
        if (env != null && !env.isEmpty()) {
            Path p = Paths.get(env);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(File.pathSeparator)) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Paths.get(d, "redis-server");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        Path debian = Paths.get("/usr/bin/redis-server");
        return Files.isExecutable(debian) ? debian : null;
    }

    /** Starts redis-server, or skips (or, with RINGSTORE_REQUIRE_REDIS=1, fails) when it is missing. */
    public static RedisProcess startOrSkip() throws Exception {
        Path binary = locate();
        if (binary == null) {
            String msg = "redis-server not found (PATH, /usr/bin, $RINGSTORE_REDIS_SERVER): install it with scripts/install-redis";
            if ("1".equals(System.getenv(REQUIRE_ENV))) {
                throw new IllegalStateException(msg + " (" + REQUIRE_ENV + "=1 makes this an error)");
            }
            // Surefire counts a class aborted in @BeforeAll as "0 tests run": say it plainly too.
            System.err.println("differential: SKIPPED: " + msg + " (set " + REQUIRE_ENV + "=1 to make this fail)");
            Assumptions.abort(msg + "; differential test skipped");
        }
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // a free port can be taken between probe and bind
            try {
                return start(binary);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private static RedisProcess start(Path binary) throws Exception {
        int port = freePort();
        Path dir = Files.createTempDirectory("ringstore-diff-redis-");
        Path log = dir.resolve("redis.log");
        ProcessBuilder pb = new ProcessBuilder(binary.toString(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--daemonize", "no", "--logfile", "", "--protected-mode", "yes")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process p = pb.start();
        RedisProcess r = new RedisProcess(p, dir, port);
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (true) {
            if (!p.isAlive()) {
                String out = Files.readString(log, StandardCharsets.UTF_8);
                r.close();
                throw new IOException("redis-server exited with " + p.exitValue() + " on port " + port + ":\n" + out);
            }
            try (RespClient c = RespClient.connect(port)) {
                if (c.call("PING").canonical().equals("+PONG")) {
                    return r;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (System.currentTimeMillis() - deadline > 0) {
                r.close();
                throw new IOException("redis-server did not answer PING on port " + port + " within "
                        + START_TIMEOUT_MS + " ms");
            }
            Thread.sleep(20);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The version line redis-server reports, for the test log. */
    String version() throws IOException {
        try (RespClient c = RespClient.connect(port)) {
            String info = c.call("INFO", "server").text();
            for (String line : info.split("\r\n")) {
                if (line.startsWith("redis_version:")) {
                    return line.substring("redis_version:".length());
                }
            }
            return "unknown";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it kills the process anyway
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (Path f : all) {
                Files.deleteIfExists(f);
            }
        } catch (IOException ignored) {
            // a leftover temp dir is harmless
        }
    }
}
