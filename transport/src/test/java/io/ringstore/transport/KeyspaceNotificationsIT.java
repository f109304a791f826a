package io.ringstore.transport;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keyspace notifications through a real client: a Jedis subscriber of {@code __key*__:*} on a
 * server started with {@code notify-keyspace-events KEA} receives the events of another
 * connection's writes in order, an {@code expired} event from the server's own active expiry,
 * and nothing once CONFIG SET turns notifications off. 1 and 2 shards.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KeyspaceNotificationsIT {
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldDeliverKeyspaceAndKeyeventMessagesToAJedisSubscriber(int shards) throws Exception {
        try (TestServer s = TestServer.start("shards", Integer.toString(shards), "notify-keyspace-events", "KEA");
             Jedis w = new Jedis("127.0.0.1", s.port())) {
            assertEquals(java.util.Map.of("notify-keyspace-events", "AKE"), w.configGet("notify-keyspace-events"));
            List<String> got = new CopyOnWriteArrayList<>();
            CountDownLatch expired = new CountDownLatch(2);
            CountDownLatch done = new CountDownLatch(1);
            JedisPubSub listener = new JedisPubSub() {
                @Override
                public void onPMessage(String pattern, String channel, String message) {
                    got.add(channel + " " + message);
                    if (message.equals("expired") || channel.endsWith(":expired")) {
                        expired.countDown();
                    }
                }

                @Override
                public void onMessage(String channel, String message) {
                    done.countDown();
                }
            };
            CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> {
                try (Jedis sub = new Jedis("127.0.0.1", s.port())) {
                    sub.psubscribe(listener, "__key*__:*");
                }
            });
            assertTrue(waitFor(() -> w.pubsubNumPat() == 1L));
            w.set("k", "1");
            w.lpush("l", "a", "b");
            w.rpop("l");
            w.hset("h", "f", "v");
            w.del("k", "h");
            var tx = w.multi();
            tx.incr("n");
            tx.expire("n", 100);
            tx.exec();
            w.psetex("short", 50, "v");
            assertTrue(expired.await(20, TimeUnit.SECONDS), "active expiry (the server's ticker) raises expired");
            List<String> want = new ArrayList<>();
            String[][] events = {{"k", "set"}, {"l", "lpush"}, {"l", "rpop"}, {"h", "hset"}, {"k", "del"}, {"h", "del"},
                {"n", "incrby"}, {"n", "expire"}, {"short", "set"}, {"short", "expire"}, {"short", "expired"}};
            for (String[] ev : events) {
                want.add("__keyspace@0__:" + ev[0] + " " + ev[1]);
                want.add("__keyevent@0__:" + ev[1] + " " + ev[0]);
            }
            assertEquals(want, got);
            w.configSet("notify-keyspace-events", "");
            w.set("quiet", "1");
            listener.subscribe("end");
            assertTrue(waitFor(() -> w.pubsubNumSub("end").getOrDefault("end", 0L) == 1L));
            w.publish("end", "x");
            assertTrue(done.await(20, TimeUnit.SECONDS));
            assertEquals(want, got, "nothing after notifications were switched off");
            listener.punsubscribe();
            listener.unsubscribe();
            loop.get(20, TimeUnit.SECONDS);
        }
    }

    private static boolean waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (c.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }
}
