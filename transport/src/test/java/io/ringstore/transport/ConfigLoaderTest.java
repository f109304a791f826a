package io.ringstore.transport;

import io.ringstore.engine.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The config file and command line as redis-server reads them, for options with several words. */
@Timeout(30)
class ConfigLoaderTest {
    @Test
    void shouldMergeClientOutputBufferLimitLinesAsRedisDoes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ringstore.conf");
        Files.writeString(file, "# one class a line, as redis.conf writes them\n"
                + "client-output-buffer-limit normal 1mb 512kb 5\n"
                + "client-output-buffer-limit replica 1gb 1gb 0\n");
        Config c = ConfigLoader.load(new String[] {file.toString(), "--client-output-buffer-limit", "pubsub", "0", "0", "0"});
        assertEquals("normal 1048576 524288 5 slave 1073741824 1073741824 0 pubsub 0 0 0", c.get("client-output-buffer-limit"));
    }

    @Test
    void shouldStopStartUpOnABadLimitNamingTheLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ringstore.conf");
        Files.writeString(file, "port 0\nclient-output-buffer-limit master 1 2 3\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(new String[] {file.toString()}));
        assertTrue(e.getMessage().contains("ringstore.conf:2")
                && e.getMessage().contains("Invalid client class specified in buffer limit configuration."), e.getMessage());
    }

    /**
     * The /etc/redis/redis.conf Debian's redis-server 7.0 package ships (the package
     * scripts/install-redis installs) loads as it is: every directive is a parameter Ringstore implements or
     * stores, memory values with units included (issue 13: before, its first unknown name stopped
     * start-up). Skipped where the package is not installed.
     */
    @Test
    void shouldLoadTheStockRedisConf() throws Exception {
        Path stock = Path.of("/etc/redis/redis.conf");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(stock), "no /etc/redis/redis.conf here");
        Config c = ConfigLoader.load(new String[] {stock.toString(), "--port", "0"});
        assertEquals("67108864", c.get("auto-aof-rewrite-min-size"), "64mb, a memory value");
        assertEquals("yes", c.get("replica-read-only"));
        assertEquals("0", c.get("port"), "the command line still wins");
    }

    @Test
    void shouldRefuseAPasswordItWouldNotEnforce(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ringstore.conf");
        Files.writeString(file, "requirepass secret\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(new String[] {file.toString()}));
        assertTrue(e.getMessage().contains("'requirepass' is not supported by Ringstore yet"), e.getMessage());
    }
}
