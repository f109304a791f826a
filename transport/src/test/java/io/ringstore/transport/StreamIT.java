package io.ringstore.transport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamGroupInfo;
import redis.clients.jedis.resps.StreamPendingEntry;
import redis.clients.jedis.resps.StreamPendingSummary;
import redis.clients.jedis.util.JedisClusterCRC16;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An event log with a consumer group through Jedis, on 1 and 2 shards: a producer appends with
 * auto ids, two consumers share the work, one acknowledges, the other dies and its pending
 * entries are claimed (XCLAIM, then XAUTOCLAIM); and one XREADGROUP over two streams that live on
 * different shards.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamIT {
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

    private static List<StreamEntry> entries(List<Map.Entry<String, List<StreamEntry>>> reply) {
        List<StreamEntry> out = new ArrayList<>();
        if (reply != null) {
            reply.forEach(e -> out.addAll(e.getValue()));
        }
        return out;
    }

    @Test
    void shouldShareAnEventLogBetweenConsumersAndReclaimADeadOnesWork() throws Exception {
        for (TestServer s : List.of(one, two)) {
            try (Jedis producer = new Jedis("127.0.0.1", s.port());
                 Jedis alice = new Jedis("127.0.0.1", s.port());
                 Jedis bob = new Jedis("127.0.0.1", s.port())) {
                String key = "events";
                producer.del(key);
                assertEquals("OK", producer.xgroupCreate(key, "workers", new StreamEntryID(), true));
                List<StreamEntryID> ids = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    ids.add(producer.xadd(key, StreamEntryID.NEW_ENTRY, Map.of("n", Integer.toString(i))));
                }
                for (int i = 1; i < ids.size(); i++) {
                    assertTrue(ids.get(i).compareTo(ids.get(i - 1)) > 0, "auto ids grow");
                }
                assertEquals(20L, producer.xlen(key));

                Map<String, StreamEntryID> fresh = Map.of(key, StreamEntryID.UNRECEIVED_ENTRY);
                List<StreamEntry> forAlice = entries(alice.xreadGroup("workers", "alice",
                        XReadGroupParams.xReadGroupParams().count(6), fresh));
                List<StreamEntry> forBob = entries(bob.xreadGroup("workers", "bob",
                        XReadGroupParams.xReadGroupParams().count(4), fresh));
                assertEquals(ids.subList(0, 6), forAlice.stream().map(StreamEntry::getID).toList());
                assertEquals(ids.subList(6, 10), forBob.stream().map(StreamEntry::getID).toList());
                assertEquals("7", forBob.get(1).getFields().get("n"));

                assertEquals(6L, alice.xack(key, "workers", forAlice.stream().map(StreamEntry::getID)
                        .toArray(StreamEntryID[]::new)));
                StreamPendingSummary summary = producer.xpending(key, "workers");
                assertEquals(4L, summary.getTotal());
                assertEquals(ids.get(6), summary.getMinId());
                assertEquals(ids.get(9), summary.getMaxId());
                assertEquals(Map.of("bob", 4L), summary.getConsumerMessageCount());

                // bob dies; after 300 ms alice takes two of his entries that waited at least 200 ms
                Thread.sleep(300);
                List<StreamEntry> claimed = alice.xclaim(key, "workers", "alice", 200, XClaimParams.xClaimParams(),
                        ids.get(6), ids.get(7));
                assertEquals(ids.subList(6, 8), claimed.stream().map(StreamEntry::getID).toList());
                List<StreamPendingEntry> mine = producer.xpending(key, "workers",
                        redis.clients.jedis.params.XPendingParams.xPendingParams().count(10).consumer("alice"));
                assertEquals(2, mine.size());
                assertEquals(2L, mine.get(0).getDeliveredTimes());
                assertTrue(mine.get(0).getIdleTime() < 200, "a claim resets the idle time");

                // the rest of bob's work, but not what alice just claimed (idle again below 200 ms)
                Map.Entry<StreamEntryID, List<StreamEntry>> auto = alice.xautoclaim(key, "workers", "alice", 200,
                        new StreamEntryID(), XAutoClaimParams.xAutoClaimParams().count(10));
                assertEquals(ids.subList(8, 10), auto.getValue().stream().map(StreamEntry::getID).toList());
                assertEquals(new StreamEntryID(), auto.getKey(), "cursor 0-0: the PEL was scanned to its end");
                assertEquals(4L, alice.xack(key, "workers", ids.get(6), ids.get(7), ids.get(8), ids.get(9)));
                assertEquals(0L, producer.xpending(key, "workers").getTotal());

                List<StreamGroupInfo> groups = producer.xinfoGroups(key);
                assertEquals(1, groups.size());
                assertEquals(ids.get(9), groups.get(0).getLastDeliveredId());
                assertEquals(2L, groups.get(0).getConsumers());
                assertEquals(10L, producer.xtrim(key, 10, false));
                List<StreamEntry> rest = entries(alice.xreadGroup("workers", "alice",
                        XReadGroupParams.xReadGroupParams().count(100), fresh));
                assertEquals(ids.subList(10, 20), rest.stream().map(StreamEntry::getID).toList());
            }
        }
    }

    @Test
    void shouldReadGroupsOverStreamsOnDifferentShards() {
        String a = "orders";
        String b = null;
        for (int i = 0; b == null; i++) {
            String k = "payments" + i;
            if ((JedisClusterCRC16.getSlot(k) * 2 >>> 14) != (JedisClusterCRC16.getSlot(a) * 2 >>> 14)) {
                b = k;
            }
        }
        assertNotEquals(JedisClusterCRC16.getSlot(a) * 2 >>> 14, JedisClusterCRC16.getSlot(b) * 2 >>> 14);
        for (TestServer s : List.of(one, two)) {
            try (Jedis j = new Jedis("127.0.0.1", s.port())) {
                j.del(a, b);
                j.xgroupCreate(a, "g", new StreamEntryID(), true);
                j.xgroupCreate(b, "g", new StreamEntryID(), true);
                j.xadd(a, new StreamEntryID(1, 1), Map.of("o", "1"));
                j.xadd(b, new StreamEntryID(2, 1), Map.of("p", "1"));
                j.xadd(b, new StreamEntryID(3, 1), Map.of("p", "2"));
                List<Map.Entry<String, List<StreamEntry>>> reply = j.xreadGroup("g", "c",
                        XReadGroupParams.xReadGroupParams(), Map.of(a, StreamEntryID.UNRECEIVED_ENTRY,
                                b, StreamEntryID.UNRECEIVED_ENTRY));
                Set<String> seen = new HashSet<>();
                for (Map.Entry<String, List<StreamEntry>> e : reply) {
                    for (StreamEntry x : e.getValue()) {
                        seen.add(e.getKey() + "/" + x.getID());
                    }
                }
                assertEquals(Set.of(a + "/1-1", b + "/2-1", b + "/3-1"), seen);
                assertEquals(1L, j.xpending(a, "g").getTotal());
                assertEquals(2L, j.xpending(b, "g").getTotal());
                List<Map.Entry<String, List<StreamEntry>>> plain = j.xread(XReadParams.xReadParams().count(1),
                        Map.of(a, new StreamEntryID(), b, new StreamEntryID(2, 1)));
                assertEquals(2, plain.size());
            }
        }
    }
}
