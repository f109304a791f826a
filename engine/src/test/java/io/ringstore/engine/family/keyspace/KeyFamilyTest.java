package io.ringstore.engine.family.keyspace;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.store.ShardStats;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ringstore.engine.testing.Fixtures.T0;
import static io.ringstore.engine.testing.Fixtures.keyOnShard;
import static io.ringstore.engine.testing.Resp.OK;
import static io.ringstore.engine.testing.Resp.bulk;
import static io.ringstore.engine.testing.Resp.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** DEL, UNLINK, EXISTS, TOUCH, TYPE through the real engine, on one and two shards. */
@Timeout(30)
class KeyFamilyTest {
    static long hits(EmbeddedEngine e) {
        long n = 0;
        for (var s : e.context().shards) {
            n += s.stats.keyspaceHits;
        }
        return n;
    }

    static long misses(EmbeddedEngine e) {
        long n = 0;
        for (var s : e.context().shards) {
            n += s.stats.keyspaceMisses;
        }
        return n;
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldDeleteAndUnlinkKeysOnEveryShard(int shards) {
        try (EmbeddedEngine e = new EmbeddedEngine(shards, new ManualClock(T0))) {
            String a = keyOnShard(e, "a", 0);
            String b = keyOnShard(e, "b", 1);
            e.call("SET", a, "1");
            e.call("SET", b, "2");
            e.call("SET", "c", "3");
            assertEquals(num(2), e.call("DEL", a, b, "missing"));
            assertEquals(num(1), e.call("UNLINK", "c", "c"));
            assertEquals(num(0), e.call("DBSIZE"));
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldCountExistingKeysOnceForEveryMention(int shards) {
        try (EmbeddedEngine e = new EmbeddedEngine(shards, new ManualClock(T0))) {
            String a = keyOnShard(e, "a", 0);
            String b = keyOnShard(e, "b", 1);
            e.call("SET", a, "1");
            e.call("SET", b, "2");
            assertEquals(num(4), e.call("EXISTS", a, b, a, "nokey", b));
            assertEquals(num(0), e.call("EXISTS", "nokey"));
        }
    }

    @Test
    void shouldNotRefreshTheLruClockOnExistsTypeOrTtl() {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = new EmbeddedEngine(1, clock)) {
            e.call("SET", "k", "v");
            clock.advance(10_000);
            e.call("EXISTS", "k");
            e.call("TYPE", "k");
            e.call("TTL", "k");
            e.call("PTTL", "k");
            e.call("EXPIRETIME", "k");
            e.call("OBJECT", "ENCODING", "k");
            assertEquals(num(10), e.call("OBJECT", "IDLETIME", "k"));
            e.call("TOUCH", "k");
            assertEquals(num(0), e.call("OBJECT", "IDLETIME", "k"));
        }
    }

    @Test
    void shouldCountKeyspaceHitsAndMissesAsRedisDoes() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            e.call("SET", "k", "v");
            long h = hits(e);
            long m = misses(e);
            e.call("EXISTS", "k", "nokey");
            e.call("TYPE", "k");
            e.call("TTL", "nokey");
            e.call("TOUCH", "k", "nokey");
            e.call("OBJECT", "ENCODING", "k");
            assertEquals(h + 4, hits(e));
            assertEquals(m + 3, misses(e));
            e.call("EXPIRE", "k", "100");
            e.call("PERSIST", "k");
            e.call("KEYS", "*");
            e.call("SCAN", "0");
            assertEquals(h + 4, hits(e), "write lookups and plain iteration count nothing");
            assertEquals(m + 3, misses(e));
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldTouchKeysAndCountThoseFound(int shards) {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = new EmbeddedEngine(shards, clock)) {
            String a = keyOnShard(e, "a", 0);
            String b = keyOnShard(e, "b", 1);
            e.call("SET", a, "1");
            e.call("SET", b, "2");
            clock.advance(5_000);
            assertEquals(num(2), e.call("TOUCH", a, b, "nokey"));
            assertEquals(num(0), e.call("OBJECT", "IDLETIME", a));
            assertEquals(num(0), e.call("OBJECT", "IDLETIME", b));
            assertEquals(num(0), e.call("TOUCH", "nokey"));
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldReportStringForAStringAndNoneForMissingOrExpiredKeys(int shards) {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = new EmbeddedEngine(shards, clock)) {
            e.call("SET", "s", "v");
            e.call("SET", "n", "12");
            e.call("SET", "gone", "v", "PX", "10");
            assertEquals("+string\r\n", e.call("TYPE", "s"));
            assertEquals("+string\r\n", e.call("TYPE", "n"));
            assertEquals("+none\r\n", e.call("TYPE", "missing"));
            clock.advance(11);
            assertEquals("+none\r\n", e.call("TYPE", "gone"));
            assertEquals(num(2), e.call("DBSIZE"));
        }
    }

    @Test
    void shouldRejectWrongArityWithRedisErrors() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            assertEquals("-ERR wrong number of arguments for 'exists' command\r\n", e.call("EXISTS"));
            assertEquals("-ERR wrong number of arguments for 'touch' command\r\n", e.call("TOUCH"));
            assertEquals("-ERR wrong number of arguments for 'type' command\r\n", e.call("TYPE", "a", "b"));
            assertEquals("-ERR wrong number of arguments for 'expire' command\r\n", e.call("EXPIRE", "a"));
            assertEquals("-ERR wrong number of arguments for 'keys' command\r\n", e.call("KEYS"));
            assertEquals("-ERR wrong number of arguments for 'randomkey' command\r\n", e.call("RANDOMKEY", "x"));
            assertEquals("-ERR wrong number of arguments for 'rename' command\r\n", e.call("RENAME", "a"));
            assertEquals("-ERR wrong number of arguments for 'swapdb' command\r\n", e.call("SWAPDB", "0"));
        }
    }

    @Test
    void shouldKeepStatsPerShard() {
        try (EmbeddedEngine e = new EmbeddedEngine(2, new ManualClock(T0))) {
            String b = keyOnShard(e, "b", 1);
            e.call("SET", b, "1");
            ShardStats s1 = e.context().shards[1].stats;
            long before = s1.keyspaceHits;
            e.call("EXISTS", b);
            assertEquals(before + 1, s1.keyspaceHits);
            assertNotEquals(0, s1.keyspaceHits);
        }
    }
}
