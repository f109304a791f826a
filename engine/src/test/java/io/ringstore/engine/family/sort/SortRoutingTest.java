package io.ringstore.engine.family.sort;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.command.CommandSpec;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.command.Ingress;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.family.Commands;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

import static io.ringstore.engine.testing.Fixtures.T0;
import static io.ringstore.engine.testing.Fixtures.keyOnShard;
import static io.ringstore.engine.testing.Resp.OK;
import static io.ringstore.engine.testing.Resp.array;
import static io.ringstore.engine.testing.Resp.bulk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where SORT runs: its key positions (COMMAND GETKEYS, as sortGetKeys and sortROGetKeys report them
 * in redis-server 7.0.15), the barrier a BY/GET pattern that reads other keys asks for, and the
 * same answers on two shards alone, inside MULTI and from scripts.
 */
@Timeout(60)
class SortRoutingTest {
    private static final CommandTable TABLE = Commands.table();
    private static final String NIL = "$-1\r\n";

    private static RequestEvent keys(String... args) {
        RequestEvent e = new RequestEvent();
        e.clear();
        for (String a : args) {
            e.args.add(a.getBytes(StandardCharsets.UTF_8));
        }
        CommandSpec spec = TABLE.get(args[0]);
        Ingress.findKeys(e, spec);
        return e;
    }

    private static String keyNames(RequestEvent e) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < e.keyCount; k++) {
            b.append(k == 0 ? "" : " ").append(e.args.string(e.keyPos[k]));
        }
        return b.toString();
    }

    @Test
    void shouldFindTheKeysRedisFindsAndAskForABarrierOnlyForPatterns() {
        assertEquals("k d", keyNames(keys("sort", "k", "store", "d")));
        assertEquals("k by", keyNames(keys("sort", "k", "store", "by", "store", "d")));
        assertEquals("k", keyNames(keys("sort_ro", "k", "by", "x", "get", "y")));
        assertEquals("k", keyNames(keys("sort", "k", "by", "x", "get", "y", "store")));
        assertEquals("k d2", keyNames(keys("sort", "k", "limit", "1", "store", "store", "d2")));
        assertEquals("k", keyNames(keys("sort_ro", "k", "store", "d")));
        assertEquals("k e", keyNames(keys("sort", "k", "STORE", "d", "get", "#", "STORE", "e")));
        assertEquals("k x", keyNames(keys("sort", "k", "foo", "store", "x")));

        assertFalse(keys("sort", "k").anyShardKeys);
        assertFalse(keys("sort", "k", "by", "nosort", "get", "#", "limit", "0", "1", "alpha", "desc").anyShardKeys);
        assertFalse(keys("sort", "k", "get", "nostar", "store", "d").anyShardKeys, "a GET without '*' reads nothing");
        assertFalse(keys("sort", "k", "by", "nosort", "by", "w_*").anyShardKeys, "nosort stays once set");
        assertTrue(keys("sort", "k", "by", "w_*").anyShardKeys);
        assertTrue(keys("sort", "k", "by", "nosort", "get", "o_*").anyShardKeys);
        assertTrue(keys("sort", "k", "get", "h_*->f", "store", "d").anyShardKeys);
        assertTrue(keys("sort_ro", "k", "get", "#", "get", "o_*").anyShardKeys);
        assertTrue(keys("sort", "k", "store", "by", "store", "d").anyShardKeys,
                "stores to d while Redis's key finder names 'by': only a barrier reaches both");
        assertFalse(keys("sort", "k", "foo", "by", "w_*").anyShardKeys, "a syntax error touches nothing");
    }

    @Test
    void shouldReplyGetkeysAsRedis() {
        try (EmbeddedEngine e = new EmbeddedEngine(2, new ManualClock(T0), new Config())) {
            assertEquals(array(bulk("k"), bulk("d")), e.call("COMMAND", "GETKEYS", "SORT", "k", "STORE", "d"));
            assertEquals(array(bulk("k")), e.call("COMMAND", "GETKEYS", "SORT_RO", "k", "BY", "x", "GET", "y"));
            assertEquals(array(bulk("k"), bulk("by")), e.call("COMMAND", "GETKEYS", "SORT", "k", "STORE", "by", "STORE", "d"));
        }
    }

    @Test
    void shouldReadPatternsAndStoreAcrossShardsAloneInMultiAndInScripts() {
        try (EmbeddedEngine e = new EmbeddedEngine(2, new ManualClock(T0), new Config())) {
            String l = keyOnShard(e, "l", 0);
            String d = keyOnShard(e, "d", 1);
            assertEquals(":2\r\n", e.call("RPUSH", l, "2", "1"));
            // w_1 and w_2, o_1 land where they land: both shards among the four keys below
            assertEquals(OK, e.call("MSET", "w_1", "9", "w_2", "3", "o_1", "one", "o_2", "two"));
            String sorted = array(bulk("two"), bulk("2"), bulk("one"), bulk("1"));
            assertEquals(sorted, e.call("SORT", l, "BY", "w_*", "GET", "o_*", "GET", "#"));
            assertEquals(":2\r\n", e.call("SORT", l, "BY", "w_*", "STORE", d));
            assertEquals(array(bulk("2"), bulk("1")), e.call("LRANGE", d, "0", "-1"));
            assertEquals(OK, e.call("MULTI"));
            e.call("SORT", l, "BY", "w_*", "GET", "o_*", "GET", "#");
            e.call("SORT", l, "DESC", "STORE", d);
            assertEquals("*2\r\n" + sorted + ":2\r\n", e.call("EXEC"));
            assertEquals(array(bulk("2"), bulk("1")), e.call("LRANGE", d, "0", "-1"));
            assertEquals(sorted, e.call("EVAL", "return redis.call('SORT', KEYS[1], 'BY', 'w_*', 'GET', 'o_*', 'GET', '#')",
                    "1", l));
            // a set sorted BY nosort from a script is sorted ALPHA (the same answer on a replica): Redis 7.0.15
            assertEquals(":4\r\n", e.call("SADD", "s", "c", "a", "b", "10"));
            assertEquals(array(bulk("10"), bulk("a"), bulk("b"), bulk("c")),
                    e.call("EVAL", "return redis.call('SORT', KEYS[1], 'BY', 'nosort')", "1", "s"));
            assertEquals(array(bulk("b"), bulk("a")),
                    e.call("EVAL", "return redis.call('SORT', KEYS[1], 'BY', 'nosort', 'DESC', 'LIMIT', '1', '2')", "1", "s"));
            String x = keyOnShard(e, "x", 1);
            assertEquals(":2\r\n", e.call("RPUSH", x, "1", "3"));
            assertEquals(array(bulk("one"), bulk("1"), NIL, bulk("3")), e.call("SORT", x, "GET", "o_*", "GET", "#"));
        }
    }

    @Test
    void shouldRefusePatternsInAScriptRoutedByItsKeys() {
        Config config = new Config();
        assertEquals(null, config.setAtStartup("script-routing", "keys"));
        try (EmbeddedEngine e = new EmbeddedEngine(2, new ManualClock(T0), config)) {
            assertEquals(":1\r\n", e.call("RPUSH", "l", "1"));
            assertEquals(array(bulk("1")), e.call("EVAL", "return redis.call('SORT', KEYS[1], 'BY', 'nosort', 'GET', '#')",
                    "1", "l"));
            assertTrue(e.call("EVAL", "return redis.call('SORT', KEYS[1], 'BY', 'w_*')", "1", "l")
                    .startsWith("-ERR Script attempted to access a non local key in a cluster node"));
        }
    }
}
