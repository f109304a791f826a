package io.ringstore.transport.diff;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A redis-server child process on a free loopback port that loads and SAVEs the RDB file
 * {@code dir/dbfilename} (automatic saves off, DEBUG enabled), for the RDB file tests. Unlike
 * {@link RedisProcess} the directory is the caller's and is left in place. Owned by the test thread.
 */
final class RdbRedis implements AutoCloseable {
    private final Process process;
    final int port;
    final Path log;

    private RdbRedis(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts redis-server on {@code dir/dbfilename}, or skips the test when redis-server is missing. */
    static RdbRedis start(Path dir, String dbfilename) throws Exception {
        Path binary = RedisProcess.locate();
        if (binary == null) {
            if ("1".equals(System.getenv(RedisProcess.REQUIRE_ENV))) {
                throw new IllegalStateException("redis-server not found");
            }
            Assumptions.abort("redis-server not found; RDB file test skipped");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("redis-" + port + ".log");
        Process p = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--dbfilename", dbfilename,
                "--enable-debug-command", "yes", "--daemonize", "no", "--logfile", "")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RdbRedis r = new RdbRedis(p, port, log);
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            if (!p.isAlive()) {
                throw new IOException("redis-server exited with " + p.exitValue() + ":\n" + r.logText());
            }
            try (RespClient c = RespClient.connect(port)) {
                if (c.call("PING").canonical().equals("+PONG")) {
                    return r;
                }
            } catch (IOException notYet) {
                // still loading or starting
            }
            if (System.currentTimeMillis() - deadline > 0) {
                r.close();
                throw new IOException("redis-server did not answer PING:\n" + r.logText());
            }
            Thread.sleep(20);
        }
    }

    /** Starts redis-server on a file that it must refuse; returns its log once it has exited. */
    static String refuse(Path dir, String dbfilename) throws Exception {
        Path binary = RedisProcess.locate();
        Assumptions.assumeTrue(binary != null, "redis-server not found");
        Path log = dir.resolve("redis-refuse.log");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--dir", dir.toString(),
                "--dbfilename", dbfilename, "--daemonize", "no", "--logfile", "")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("redis-server did not refuse " + dbfilename);
        }
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    String logText() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
