package io.ringstore.transport;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The real server, in-process on port 0, driven by Jedis and Lettuce (sync, pipelined, many connections). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientsIT {
    static TestServer one;
    static TestServer two;

    @BeforeAll
    static void start() throws Exception {
        one = TestServer.start();
        two = TestServer.start("shards", "2");
    }

    @AfterAll
    static void stop() {
        one.close();
        two.close();
    }

    @Test
    void shouldSetAndGetThroughJedis() {
        for (TestServer s : List.of(one, two)) {
            try (Jedis j = new Jedis("127.0.0.1", s.port())) {
                assertEquals("PONG", j.ping());
                assertEquals("OK", j.set("jedis:k", "v1"));
                assertEquals("v1", j.get("jedis:k"));
                assertNull(j.get("jedis:missing"));
                assertEquals(1L, j.del("jedis:k"));
                Exception e = assertThrows(Exception.class, () -> j.sendCommand(() -> "NOPE".getBytes()));
                assertEquals("ERR unknown command 'NOPE', with args beginning with: ", e.getMessage());
            }
        }
    }

    @Test
    void shouldAnswerPipelinedCommandsInOrder() {
        for (TestServer s : List.of(one, two)) {
            try (Jedis j = new Jedis("127.0.0.1", s.port())) {
                Pipeline p = j.pipelined();
                List<Response<String>> gets = new ArrayList<>();
                for (int i = 0; i < 5000; i++) {
                    p.set("p:" + i, Integer.toString(i));
                    gets.add(p.get("p:" + i));
                }
                p.sync();
                for (int i = 0; i < 5000; i++) {
                    assertEquals(Integer.toString(i), gets.get(i).get());
                }
            }
        }
    }

    @Test
    void shouldServeLettuceSyncAndAsync() throws Exception {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + two.port());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            RedisCommands<String, String> sync = c.sync();
            assertEquals("OK", sync.set("lettuce:a", "1"));
            assertEquals("1", sync.get("lettuce:a"));
            RedisAsyncCommands<String, String> async = c.async();
            List<RedisFuture<String>> fs = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                async.set("lettuce:" + i, "v" + i);
                fs.add(async.get("lettuce:" + i));
            }
            for (int i = 0; i < 1000; i++) {
                assertEquals("v" + i, fs.get(i).get(10, TimeUnit.SECONDS));
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void shouldKeepManyConnectionsIndependent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                int id = t;
                fs.add(pool.submit(() -> {
                    try (Jedis j = new Jedis("127.0.0.1", two.port())) {
                        j.select(id % 4);
                        for (int i = 0; i < 200; i++) {
                            j.set("c" + id + ":" + i, "x" + i);
                            assertEquals("x" + i, j.get("c" + id + ":" + i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
