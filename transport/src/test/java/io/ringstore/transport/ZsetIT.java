package io.ringstore.transport;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.resps.Tuple;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A leaderboard through real clients on the real server (1 and 2 shards): many players added in a
 * pipeline, scores bumped with ZINCRBY, the top read with ZREVRANGE WITHSCORES, ranks with ZRANK,
 * checked against a model; then a cross-shard ZUNIONSTORE of two boards through Lettuce.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZsetIT {
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
    void shouldKeepALeaderboardThroughJedis() {
        for (TestServer s : List.of(one, two)) {
            try (Jedis j = new Jedis("127.0.0.1", s.port())) {
                j.del("board");
                Random rnd = new Random(7);
                Map<String, Long> model = new HashMap<>();
                Pipeline p = j.pipelined();
                for (int i = 0; i < 1000; i++) {
                    long score = rnd.nextInt(100_000);
                    model.put("player" + i, score);
                    p.zadd("board", score, "player" + i);
                }
                p.sync();
                for (int i = 0; i < 500; i++) {
                    String who = "player" + rnd.nextInt(1000);
                    long by = rnd.nextInt(1000) - 200;
                    long now = model.merge(who, by, Long::sum);
                    assertEquals((double) now, j.zincrby("board", by, who));
                }
                assertEquals(1000L, j.zcard("board"));
                assertEquals("skiplist", j.objectEncoding("board"));
                List<Map.Entry<String, Long>> sorted = model.entrySet().stream()
                        .sorted((a, b) -> a.getValue().equals(b.getValue()) ? b.getKey().compareTo(a.getKey())
                                : Long.compare(b.getValue(), a.getValue()))
                        .toList();
                List<Tuple> top = j.zrevrangeWithScores("board", 0, 9);
                for (int k = 0; k < 10; k++) {
                    assertEquals(sorted.get(k).getKey(), top.get(k).getElement());
                    assertEquals((double) sorted.get(k).getValue(), top.get(k).getScore());
                }
                for (int k = 0; k < 1000; k += 97) {
                    String who = sorted.get(k).getKey();
                    assertEquals(Long.valueOf(k), j.zrevrank("board", who));
                    assertEquals(Long.valueOf(999 - k), j.zrank("board", who));
                }
                assertNull(j.zrank("board", "nobody"));
            }
        }
    }

    @Test
    void shouldMergeBoardsAcrossShardsThroughLettuce() {
        for (TestServer s : List.of(one, two)) {
            RedisClient client = RedisClient.create("redis://127.0.0.1:" + s.port());
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                RedisCommands<String, String> r = c.sync();
                r.del("week1", "week2", "total");
                r.zadd("week1", 10.0, "ann", 20.0, "bob");
                r.zadd("week2", 5.0, "bob", 7.0, "cid");
                assertEquals(3L, r.zunionstore("total", "week1", "week2"));
                List<ScoredValue<String>> all = r.zrangeWithScores("total", 0, -1);
                assertEquals(List.of(ScoredValue.just(7, "cid"), ScoredValue.just(10, "ann"), ScoredValue.just(25, "bob")), all);
                assertEquals(ScoredValue.just(7, "cid"), r.zpopmin("total"));
                assertEquals(2L, r.zcard("total"));
            } finally {
                client.shutdown();
            }
        }
    }
}
