package io.ringstore.engine.family.pubsub;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ringstore.engine.testing.Fixtures.T0;
import static io.ringstore.engine.testing.Resp.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * SUBSCRIBE/PSUBSCRIBE/UNSUBSCRIBE/PUBLISH/PUBSUB on the in-process engine, replies and messages
 * byte for byte as redis-server 7.0.15 sends them (taken from it with the same commands), on one
 * and two shards: messages in publish order (also from EXEC and scripts), RESP2 subscribed mode
 * and its PING, RESP3 pushes, RESET and a close dropping subscriptions.
 */
@Timeout(60)
class PubSubTest {
    private static EmbeddedEngine engine(int shards) {
        return new EmbeddedEngine(shards, new ManualClock(T0));
    }

    private static String message(String ch, String msg) {
        return "*3\r\n$7\r\nmessage\r\n$" + ch.length() + "\r\n" + ch + "\r\n$" + msg.length() + "\r\n" + msg + "\r\n";
    }

    private static String pmessage(String pat, String ch, String msg) {
        return "*4\r\n$8\r\npmessage\r\n$" + pat.length() + "\r\n" + pat + "\r\n$" + ch.length() + "\r\n" + ch + "\r\n$"
                + msg.length() + "\r\n" + msg + "\r\n";
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldDeliverMessagesInPublishOrderAndCountReceivers(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            ClientSession sub = e.newSession();
            assertEquals("*3\r\n$9\r\nsubscribe\r\n$3\r\nch1\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$3\r\nch2\r\n:2\r\n",
                    e.call(sub, "SUBSCRIBE", "ch1", "ch2"));
            assertEquals("*3\r\n$10\r\npsubscribe\r\n$2\r\nc*\r\n:3\r\n", e.call(sub, "PSUBSCRIBE", "c*"));
            assertEquals(":2\r\n", e.call("PUBLISH", "ch1", "hello"), "a channel and a pattern: two receivers");
            assertEquals(":0\r\n", e.call("PUBLISH", "zz", "x"));
            assertEquals(message("ch1", "hello"), e.deferredReply(sub, 2000));
            assertEquals(pmessage("c*", "ch1", "hello"), e.deferredReply(sub, 2000));
            assertEquals(OK, e.call("MULTI"));
            e.call("PUBLISH", "ch2", "m1");
            e.call("EVAL", "return redis.call('PUBLISH', 'ch2', 'm2')", "0");
            assertEquals("*2\r\n:2\r\n:2\r\n", e.call("EXEC"));
            assertEquals(message("ch2", "m1"), e.deferredReply(sub, 2000));
            assertEquals(pmessage("c*", "ch2", "m1"), e.deferredReply(sub, 2000));
            assertEquals(message("ch2", "m2"), e.deferredReply(sub, 2000), "EXEC's and the script's messages in order");
            assertEquals(pmessage("c*", "ch2", "m2"), e.deferredReply(sub, 2000));
            assertEquals("*4\r\n$3\r\nch1\r\n:1\r\n$2\r\nzz\r\n:0\r\n", e.call("PUBSUB", "NUMSUB", "ch1", "zz"));
            assertEquals(":1\r\n", e.call("PUBSUB", "NUMPAT"));
            assertEquals("*1\r\n$3\r\nch2\r\n", e.call("PUBSUB", "CHANNELS", "*2"));
            assertEquals("*3\r\n$11\r\nunsubscribe\r\n$3\r\nch1\r\n:2\r\n*3\r\n$11\r\nunsubscribe\r\n$3\r\nch2\r\n:1\r\n",
                    e.call(sub, "UNSUBSCRIBE"));
            assertEquals("*3\r\n$12\r\npunsubscribe\r\n$2\r\nc*\r\n:0\r\n", e.call(sub, "PUNSUBSCRIBE"));
            assertEquals("*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n", e.call(sub, "UNSUBSCRIBE"));
            assertEquals(":0\r\n", e.call("PUBLISH", "ch1", "gone"));
            assertNull(e.deferredReply(sub, 100));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRestrictRESP2SubscribedModeAndLeaveItOnReset(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            ClientSession sub = e.newSession();
            e.call(sub, "SUBSCRIBE", "a");
            assertEquals("-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are"
                    + " allowed in this context\r\n", e.call(sub, "GET", "x"));
            assertEquals("*2\r\n$4\r\npong\r\n$0\r\n\r\n", e.call(sub, "PING"));
            assertEquals("*2\r\n$4\r\npong\r\n$2\r\nhi\r\n", e.call(sub, "PING", "hi"));
            assertEquals("+RESET\r\n", e.call(sub, "RESET"));
            assertEquals("$-1\r\n", e.call(sub, "GET", "x"), "RESET left subscribed mode");
            assertEquals(":0\r\n", e.call("PUBLISH", "a", "x"), "and dropped the subscription");
            ClientSession sub3 = e.newSession();
            e.call(sub3, "HELLO", "3");
            assertEquals(">3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n", e.call(sub3, "SUBSCRIBE", "a"));
            assertEquals(">3\r\n$7\r\nmessage\r\n$1\r\na\r\n$4\r\nself\r\n:1\r\n", e.call(sub3, "PUBLISH", "a", "self"),
                    "a message to the publisher itself comes before PUBLISH's reply, as redis-server writes it");
            assertEquals("_\r\n", e.call(sub3, "GET", "x"), "RESP3 clients may run anything");
            assertEquals(":1\r\n", e.call("PUBLISH", "a", "x"));
            assertEquals(">3\r\n$7\r\nmessage\r\n$1\r\na\r\n$1\r\nx\r\n", e.deferredReply(sub3, 2000));
            e.disconnect(sub3);
            assertEquals(":0\r\n", e.call("PUBLISH", "a", "y"), "a closed subscriber is dropped");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldKeepShardChannelsApartFromChannelsAndPatterns(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            ClientSession sub = e.newSession();
            e.call(sub, "HELLO", "3");
            // Replies as redis-server 7.0.15 sends them for the same commands.
            assertEquals(">3\r\n$10\r\nssubscribe\r\n$1\r\na\r\n:1\r\n>3\r\n$10\r\nssubscribe\r\n$1\r\nb\r\n:2\r\n",
                    e.call(sub, "SSUBSCRIBE", "a", "b"));
            assertEquals(">3\r\n$9\r\nsubscribe\r\n$1\r\nx\r\n:1\r\n", e.call(sub, "SUBSCRIBE", "x"),
                    "channel counts leave shard channels out");
            e.call(sub, "PSUBSCRIBE", "*");
            assertEquals(":1\r\n", e.call("SPUBLISH", "a", "hi"), "patterns do not match shard channels");
            assertEquals(">3\r\n$8\r\nsmessage\r\n$1\r\na\r\n$2\r\nhi\r\n", e.deferredReply(sub, 2000));
            assertEquals(":0\r\n", e.call("SPUBLISH", "x", "hi"), "a plain channel is not a shard channel");
            assertEquals(":1\r\n", e.call("PUBLISH", "a", "hi"), "nor the other way round: only the pattern matches");
            assertEquals(">4\r\n$8\r\npmessage\r\n$1\r\n*\r\n$1\r\na\r\n$2\r\nhi\r\n", e.deferredReply(sub, 2000));
            assertEquals("*2\r\n$1\r\na\r\n$1\r\nb\r\n", sorted(e.call("PUBSUB", "SHARDCHANNELS")));
            assertEquals("*1\r\n$1\r\nb\r\n", e.call("PUBSUB", "SHARDCHANNELS", "b*"));
            assertEquals("*4\r\n$1\r\na\r\n:1\r\n$1\r\nz\r\n:0\r\n", e.call("PUBSUB", "SHARDNUMSUB", "a", "z"));
            assertEquals("*1\r\n$1\r\nx\r\n", e.call("PUBSUB", "CHANNELS"));
            assertEquals(">3\r\n$12\r\nsunsubscribe\r\n$1\r\na\r\n:1\r\n>3\r\n$12\r\nsunsubscribe\r\n$1\r\nb\r\n:0\r\n",
                    e.call(sub, "SUNSUBSCRIBE"));
            assertEquals(">3\r\n$12\r\nsunsubscribe\r\n_\r\n:0\r\n", e.call(sub, "SUNSUBSCRIBE"));
            assertEquals("*0\r\n", e.call("PUBSUB", "SHARDCHANNELS"));
            assertEquals("-ERR The command has no key arguments\r\n", e.call("COMMAND", "GETKEYS", "SPUBLISH", "a", "m"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRefuseSsubscribeInsideExecAndStayOutOfSubscribedMode(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            ClientSession c = e.newSession();
            assertEquals(OK, e.call(c, "MULTI"));
            assertEquals("+QUEUED\r\n", e.call(c, "SSUBSCRIBE", "a"));
            assertEquals("*1\r\n-ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client\r\n", e.call(c, "EXEC"));
            assertEquals("$-1\r\n", e.call(c, "GET", "x"), "not subscribed, so RESP2 may run anything");
            ClientSession s = e.newSession();
            e.call(s, "SSUBSCRIBE", "a");
            assertEquals("-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are"
                    + " allowed in this context\r\n", e.call(s, "GET", "x"), "shard channels alone put RESP2 in subscribed mode");
            assertEquals("*3\r\n$12\r\nsunsubscribe\r\n$1\r\na\r\n:0\r\n", e.call(s, "SUNSUBSCRIBE", "a"));
            assertEquals("$-1\r\n", e.call(s, "GET", "x"));
        }
    }

    /**
     * Two publishers whose PUBLISHes run on different shards (their home shards), one subscriber
     * subscribed at a barrier just before: each shard's registry copy already holds the
     * subscription, and every message arrives, in publish order.
     */
    @Timeout(60)
    @org.junit.jupiter.api.Test
    void shouldSeeASubscriptionOnEveryShardCopyAtOnce() {
        try (EmbeddedEngine e = engine(2)) {
            ClientSession p0 = e.newSession();
            ClientSession p1 = e.newSession();
            ClientSession sub = e.newSession();
            for (int round = 0; round < 20; round++) {
                String ch = "c" + round;
                e.call(sub, "SUBSCRIBE", ch);
                assertEquals(":1\r\n", e.call(p0, "PUBLISH", ch, "a"));
                assertEquals(":1\r\n", e.call(p1, "PUBLISH", ch, "b"));
                assertEquals(message(ch, "a"), e.deferredReply(sub, 2000));
                assertEquals(message(ch, "b"), e.deferredReply(sub, 2000));
                e.call(sub, "UNSUBSCRIBE", ch);
                assertEquals(":0\r\n", e.call(p0, "PUBLISH", ch, "a"));
                assertEquals(":0\r\n", e.call(p1, "PUBLISH", ch, "b"));
            }
        }
    }

    /** One PUBLISH to RESP2 and RESP3 subscribers and to the RESP3 publisher itself: each in its protocol, once. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldEncodeEachReceiverInItsOwnProtocol(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            ClientSession two = e.newSession();
            ClientSession three = e.newSession();
            ClientSession self = e.newSession();
            e.call(three, "HELLO", "3");
            e.call(self, "HELLO", "3");
            e.call(two, "SUBSCRIBE", "mix");
            e.call(three, "SUBSCRIBE", "mix");
            e.call(self, "SUBSCRIBE", "mix");
            assertEquals(">3\r\n$7\r\nmessage\r\n$3\r\nmix\r\n$2\r\nhi\r\n:3\r\n", e.call(self, "PUBLISH", "mix", "hi"));
            assertEquals(message("mix", "hi"), e.deferredReply(two, 2000));
            assertEquals(">3\r\n$7\r\nmessage\r\n$3\r\nmix\r\n$2\r\nhi\r\n", e.deferredReply(three, 2000));
            assertNull(e.deferredReply(self, 100), "the publisher got its copy ahead of PUBLISH's reply, not twice");
            e.call(two, "UNSUBSCRIBE", "mix");
            assertEquals(":2\r\n", e.call("PUBLISH", "mix", "again"), "a later PUBLISH sees the changed set");
            assertNull(e.deferredReply(two, 100));
        }
    }

    /** An array reply of bulk strings with its elements sorted (registry iteration order is a hash order, as Redis's). */
    private static String sorted(String array) {
        String[] lines = array.split("\r\n");
        java.util.List<String> items = new java.util.ArrayList<>();
        for (int i = 1; i + 1 < lines.length; i += 2) {
            items.add(lines[i] + "\r\n" + lines[i + 1] + "\r\n");
        }
        java.util.Collections.sort(items);
        return lines[0] + "\r\n" + String.join("", items);
    }
}
