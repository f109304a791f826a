package io.ringstore.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SHUTDOWN through a real client: option errors, the final SAVE, the server really stopping. */
@Timeout(60)
class ShutdownIT {
    @TempDir
    Path dir;

    private static long snapshots(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("dump\\.rss\\.\\d+")).count();
        }
    }

    private static void shutdownAndAwait(TestServer s, Jedis j, String... args) throws Exception {
        // success closes the connection without a reply, as Redis does
        assertThrows(JedisConnectionException.class, () -> j.sendCommand(Protocol.Command.SHUTDOWN, args));
        CompletableFuture.runAsync(() -> {
            try {
                s.server.awaitClose();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }).get(20, TimeUnit.SECONDS);
    }

    @Test
    void shouldRejectBadOptionsAndStayUp() throws Exception {
        try (TestServer s = TestServer.start("dir", dir.toString()); Jedis j = new Jedis("127.0.0.1", s.port())) {
            assertEquals("ERR syntax error", assertThrows(JedisDataException.class,
                    () -> j.sendCommand(Protocol.Command.SHUTDOWN, "later")).getMessage());
            assertEquals("ERR syntax error", assertThrows(JedisDataException.class,
                    () -> j.sendCommand(Protocol.Command.SHUTDOWN, "SAVE", "NOSAVE")).getMessage());
            assertEquals("ERR syntax error", assertThrows(JedisDataException.class,
                    () -> j.sendCommand(Protocol.Command.SHUTDOWN, "ABORT", "NOW")).getMessage());
            assertEquals("ERR No shutdown in progress.", assertThrows(JedisDataException.class,
                    () -> j.sendCommand(Protocol.Command.SHUTDOWN, "ABORT")).getMessage());
            assertEquals("PONG", j.ping());
        }
    }

    @Test
    void shutdownSaveShouldWriteASnapshotThatTheNextStartLoads() throws Exception {
        TestServer s = TestServer.start("dir", dir.toString(), "shards", "2");
        try (Jedis j = new Jedis("127.0.0.1", s.port())) {
            for (int i = 0; i < 100; i++) {
                j.set("k" + i, "v" + i);
            }
            shutdownAndAwait(s, j, "SAVE");
        }
        assertEquals(1, snapshots(dir));
        try (TestServer s2 = TestServer.start("dir", dir.toString()); Jedis j = new Jedis("127.0.0.1", s2.port())) {
            assertEquals(100, j.dbSize());
            assertEquals("v42", j.get("k42"));
        }
    }

    @Test
    void shutdownWithoutSaveRulesShouldNotSaveButSaveRulesShould() throws Exception {
        TestServer s = TestServer.start("dir", dir.toString());
        try (Jedis j = new Jedis("127.0.0.1", s.port())) {
            j.set("a", "1");
            shutdownAndAwait(s, j);
        }
        assertEquals(0, snapshots(dir));
        TestServer s2 = TestServer.start("dir", dir.toString(), "save", "3600 1");
        try (Jedis j = new Jedis("127.0.0.1", s2.port())) {
            j.set("a", "1");
            assertEquals("Background saving started", j.bgsave()); // abandoned or finished: either way
            shutdownAndAwait(s2, j, "NOW");
        }
        assertTrue(snapshots(dir) >= 1);
        try (TestServer s3 = TestServer.start("dir", dir.toString()); Jedis j = new Jedis("127.0.0.1", s3.port())) {
            assertEquals("1", j.get("a"));
        }
    }
}
