package io.ringstore.transport;

import io.ringstore.engine.testing.FaultyCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failures injected into a real server, seen through real clients: a command whose ring slot
 * cannot be prepared, a command that throws while executing, and a journal that cannot write.
 * The failing client gets an error and keeps its connection; every other client keeps being
 * served; INFO counts what happened.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FailureIsolationIT {
    private static String call(Jedis j, String command) {
        return String.valueOf(j.sendCommand(() -> command.getBytes(StandardCharsets.US_ASCII), new String[0]));
    }

    private static long info(Jedis j, String section, String field) {
        Matcher m = Pattern.compile(field + ":(\\S+)").matcher(j.info(section));
        assertTrue(m.find(), field + " missing");
        return Long.parseLong(m.group(1));
    }

    @Test
    void shouldServeOtherClientsWhileOneClientsPreparationFails() throws Exception {
        for (String shards : new String[] {"1", "2"}) {
            try (TestServer s = TestServer.start(FaultyCommands.table(), "shards", shards)) {
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                    List<Future<Integer>> others = new ArrayList<>();
                    for (int t = 0; t < 4; t++) {
                        int id = t;
                        others.add(pool.submit(() -> {
                            try (Jedis j = new Jedis("127.0.0.1", s.port())) {
                                for (int i = 0; i < 500; i++) {
                                    j.set("c" + id + ":" + i, Integer.toString(i));
                                    assertEquals(Integer.toString(i), j.get("c" + id + ":" + i));
                                }
                                return 500;
                            }
                        }));
                    }
                    try (Jedis failing = new Jedis("127.0.0.1", s.port())) {
                        for (int i = 0; i < 200; i++) {
                            JedisDataException e = assertThrows(JedisDataException.class, () -> call(failing, "FAILPREPARE"));
                            assertTrue(e.getMessage().startsWith("ERR internal error preparing 'failprepare'"), e.getMessage());
                        }
                        assertEquals("PONG", failing.ping()); // the connection is intact
                        for (Future<Integer> f : others) {
                            assertEquals(500, f.get(60, TimeUnit.SECONDS));
                        }
                        assertEquals(200, info(failing, "stats", "ringstore_ingress_errors"));
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    @Test
    void shouldKeepPipelinedNeighboursOfAFailedSlot() throws Exception {
        for (String shards : new String[] {"1", "2"}) {
            try (TestServer s = TestServer.start(FaultyCommands.table(), "shards", shards);
                 Jedis j = new Jedis("127.0.0.1", s.port())) {
                Pipeline p = j.pipelined();
                Response<String> set = p.set("a", "1");
                Response<Object> failed = p.sendCommand(() -> "FAILPREPARE".getBytes(StandardCharsets.US_ASCII), new String[0]);
                Response<Long> incr = p.incr("a");
                Response<Object> thrown = p.sendCommand(() -> "FAILEXECUTE".getBytes(StandardCharsets.US_ASCII), new String[0]);
                Response<String> get = p.get("a");
                p.sync();
                assertEquals("OK", set.get());
                assertTrue(assertThrows(JedisDataException.class, failed::get).getMessage()
                        .startsWith("ERR internal error preparing 'failprepare'"));
                assertEquals(2L, incr.get());
                assertTrue(assertThrows(JedisDataException.class, thrown::get).getMessage()
                        .startsWith("ERR internal error executing 'failexecute'"));
                assertEquals("2", get.get());
                assertEquals(1, info(j, "stats", "ringstore_stage_errors"));
            }
        }
    }

    @Test
    void shouldRefuseWritesWithMisconfWhenTheJournalCannotWrite() throws Exception {
        Path dir = Files.createTempDirectory("failure-isolation");
        try (TestServer s = TestServer.start("appendonly", "yes", "appendfsync", "everysec",
                "journal-max-segment-size", "4096", "dir", dir.toString());
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            assertEquals("OK", j.set("before", "1"));
            deleteTree(dir); // the next segment cannot be created: a real write failure
            String value = "x".repeat(200);
            JedisDataException refused = null;
            for (int i = 0; i < 1000 && refused == null; i++) {
                try {
                    j.set("k" + i, value);
                } catch (JedisDataException e) {
                    refused = e;
                }
            }
            assertTrue(refused != null && refused.getMessage().startsWith("MISCONF Errors writing to the AOF file: "),
                    String.valueOf(refused));
            assertTrue(j.info("persistence").contains("aof_last_write_status:err"));
            assertEquals("1", j.get("before"));
            assertTrue(assertThrows(JedisDataException.class, () -> j.set("after", "1")).getMessage().startsWith("MISCONF"));
            assertTrue(assertThrows(JedisDataException.class, j::ping).getMessage().startsWith("MISCONF"));
            assertEquals(Boolean.FALSE, j.exists("after"));
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
