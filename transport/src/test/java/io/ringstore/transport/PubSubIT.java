package io.ringstore.transport;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pub/sub through a real client (Jedis's JedisPubSub on its own connection, as applications use
 * it): channel and pattern messages in publish order from plain PUBLISH, MULTI/EXEC and a script,
 * PUBLISH's receiver counts, and a subscriber that disconnects being dropped. 1 and 2 shards.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PubSubIT {
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldDeliverEveryMessageInPublishOrderToAJedisSubscriber(int shards) throws Exception {
        try (TestServer s = TestServer.start("shards", Integer.toString(shards));
             Jedis pub = new Jedis("127.0.0.1", s.port())) {
            List<String> got = new CopyOnWriteArrayList<>();
            CountDownLatch subscribed = new CountDownLatch(2);
            CountDownLatch done = new CountDownLatch(1);
            JedisPubSub listener = new JedisPubSub() {
                @Override
                public void onSubscribe(String channel, int count) {
                    subscribed.countDown();
                }

                @Override
                public void onPSubscribe(String pattern, int count) {
                    subscribed.countDown();
                }

                @Override
                public void onMessage(String channel, String message) {
                    got.add(channel + ":" + message);
                    if (message.equals("end")) {
                        done.countDown();
                    }
                }

                @Override
                public void onPMessage(String pattern, String channel, String message) {
                    got.add(pattern + "/" + channel + ":" + message);
                }
            };
            CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> {
                try (Jedis sub = new Jedis("127.0.0.1", s.port())) {
                    sub.subscribe(listener, "prices");
                }
            });
            assertTrue(waitFor(() -> pub.pubsubNumSub("prices").getOrDefault("prices", 0L) == 1L));
            listener.psubscribe("news.*");
            assertTrue(waitFor(() -> pub.pubsubNumPat() == 1L));
            for (int i = 0; i < 100; i++) {
                assertEquals(1L, pub.publish("prices", "p" + i));
            }
            assertEquals(1L, pub.publish("news.fx", "n1"));
            var tx = pub.multi();
            tx.publish("prices", "tx1");
            tx.publish("news.rates", "tx2");
            tx.exec();
            assertEquals(1L, pub.eval("return redis.call('PUBLISH', 'prices', 'lua')"));
            assertEquals(1L, pub.publish("prices", "end"));
            assertTrue(done.await(20, TimeUnit.SECONDS));
            List<String> want = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
                want.add("prices:p" + i);
            }
            want.addAll(List.of("news.*/news.fx:n1", "prices:tx1", "news.*/news.rates:tx2", "prices:lua", "prices:end"));
            assertEquals(want, got);
            listener.unsubscribe();
            listener.punsubscribe();
            loop.get(20, TimeUnit.SECONDS); // the subscriber left subscribed mode and closed
            assertTrue(waitFor(() -> pub.publish("prices", "after") == 0L), "a closed subscriber is dropped");
            assertEquals(0L, pub.pubsubNumPat());
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
