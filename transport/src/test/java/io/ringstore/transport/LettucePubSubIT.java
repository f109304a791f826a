package io.ringstore.transport;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pub/sub through Lettuce's pub/sub connection, over RESP2 and RESP3 and on 1 and 2 shards:
 * channel, pattern and shard-channel messages arrive in publish order with PUBLISH's counts, and
 * over RESP3 the same connection runs ordinary commands between the pushes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LettucePubSubIT {
    @ParameterizedTest
    @CsvSource({"1,RESP2", "1,RESP3", "2,RESP2", "2,RESP3"})
    void shouldDeliverChannelPatternAndShardMessagesInOrder(int shards, String protocol) throws Exception {
        try (TestServer s = TestServer.start("shards", Integer.toString(shards))) {
            RedisClient client = RedisClient.create("redis://127.0.0.1:" + s.port());
            client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.valueOf(protocol)).build());
            try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
                 StatefulRedisConnection<String, String> pub = client.connect()) {
                List<String> got = new CopyOnWriteArrayList<>();
                int n = 200;
                CountDownLatch done = new CountDownLatch(1);
                sub.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        got.add(channel + ":" + message);
                        if (message.equals("end")) {
                            done.countDown();
                        }
                    }

                    @Override
                    public void message(String pattern, String channel, String message) {
                        got.add(pattern + "/" + channel + ":" + message);
                    }

                    @Override
                    public void smessage(String channel, String message) {
                        got.add("s/" + channel + ":" + message);
                    }
                });
                sub.sync().subscribe("ticks", "done");
                sub.sync().psubscribe("tick*");
                sub.sync().ssubscribe("shardy");
                if (protocol.equals("RESP3")) {
                    sub.sync().set("k", "v");
                    assertEquals("v", sub.sync().get("k"), "a RESP3 subscriber runs ordinary commands");
                }
                for (int i = 0; i < n; i++) {
                    assertEquals(2L, pub.sync().publish("ticks", "m" + i), "a channel and a pattern");
                    assertEquals(1L, pub.sync().spublish("shardy", "s" + i));
                }
                pub.sync().publish("done", "end");
                assertTrue(done.await(20, TimeUnit.SECONDS), "all messages arrive: " + got.size());
                assertEquals(3 * n + 1, got.size());
                for (int i = 0; i < n; i++) {
                    assertEquals("ticks:m" + i, got.get(3 * i));
                    assertEquals("tick*/ticks:m" + i, got.get(3 * i + 1));
                    assertEquals("s/shardy:s" + i, got.get(3 * i + 2));
                }
            } finally {
                client.shutdown();
            }
        }
    }
}
