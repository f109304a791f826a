package io.ringstore.engine.family.scripting;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ringstore.engine.testing.Fixtures.T0;
import static io.ringstore.engine.testing.Fixtures.keyOnShard;
import static io.ringstore.engine.testing.Resp.OK;
import static io.ringstore.engine.testing.Resp.arr;
import static io.ringstore.engine.testing.Resp.array;
import static io.ringstore.engine.testing.Resp.bulk;
import static io.ringstore.engine.testing.Resp.error;
import static io.ringstore.engine.testing.Resp.num;
import static io.ringstore.engine.testing.Resp.simple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EVAL/EVALSHA/SCRIPT wired to the engine: the cache at ingress (EVALSHA resolved in the
 * connection's order), the shard's Lua runtime, redis.call through the command table, the
 * host-side refusals, scripts inside MULTI, and scripts touching keys of several shards (a barrier).
 * The differential test compares the same against redis-server.
 */
@Timeout(60)
class ScriptingTest {
    private static final String RETURN_ONE_SHA = "e0e1f9fabfc9d4800c877a703b823ac0578ff8db";

    private static EmbeddedEngine engine(int shards) {
        return new EmbeddedEngine(shards, new ManualClock(T0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRunScriptsThatReachKeysOnEveryShard(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            String a = keyOnShard(e, "a", 0);
            String b = keyOnShard(e, "b", 1);
            assertEquals(num(1), e.call("EVAL", "return 1", "0"));
            assertEquals(OK, e.call("EVAL", "return redis.call('SET', KEYS[1], ARGV[1])", "1", a, "v"));
            // b is not declared: Redis standalone allows it, and so does a barrier.
            assertEquals(arr("v", "w"), e.call("EVAL",
                    "redis.call('set', ARGV[1], 'w') return {redis.call('get', KEYS[1]), redis.call('get', ARGV[1])}",
                    "1", a, b));
            assertEquals(bulk("w"), e.call("GET", b));
        }
    }

    @Test
    void shouldResolveEvalshaFromTheCacheAndAnswerNoscript() {
        try (EmbeddedEngine e = engine(1)) {
            assertEquals(error("NOSCRIPT No matching script. Please use EVAL."), e.call("EVALSHA", RETURN_ONE_SHA, "0"));
            assertEquals(error("ERR Number of keys can't be negative"), e.call("EVALSHA", RETURN_ONE_SHA, "-1"),
                    "numkeys is checked before the cache, as evalGenericCommand does");
            assertEquals(num(1), e.call("EVAL", "return 1", "0"));
            assertEquals(num(1), e.call("EVALSHA", RETURN_ONE_SHA.toUpperCase(), "0"), "EVAL cached it; any case");
            assertEquals(array(num(1), num(0)), e.call("SCRIPT", "EXISTS", RETURN_ONE_SHA, "ffff"));
            assertEquals(OK, e.call("SCRIPT", "FLUSH"));
            assertEquals(error("NOSCRIPT No matching script. Please use EVAL."), e.call("EVALSHA", RETURN_ONE_SHA, "0"));
            assertEquals(bulk(RETURN_ONE_SHA), e.call("SCRIPT", "LOAD", "return 1"));
            assertEquals(num(1), e.call("EVALSHA", RETURN_ONE_SHA, "0"));
            assertEquals(error("ERR SCRIPT FLUSH only support SYNC|ASYNC option"), e.call("SCRIPT", "FLUSH", "BAD"));
            assertTrue(e.call("SCRIPT", "LOAD", "return (").startsWith("-ERR Error compiling script (new function): "));
        }
    }

    @Test
    void shouldRefuseWhatAScriptMayNotCallWithRedisTexts() {
        try (EmbeddedEngine e = engine(1)) {
            assertTrue(e.call("EVAL", "return redis.call('nosuch')", "0")
                    .startsWith("-ERR Unknown Redis command called from script script: "));
            assertTrue(e.call("EVAL", "return redis.call('get')", "0")
                    .startsWith("-ERR Wrong number of args calling Redis command from script script: "));
            assertTrue(e.call("EVAL", "return redis.call('multi')", "0")
                    .startsWith("-ERR This Redis command is not allowed from script script: "));
            assertTrue(e.call("EVAL_RO", "return redis.call('set', KEYS[1], 'x')", "1", "k")
                    .startsWith("-ERR Write commands are not allowed from read-only scripts. script: "));
            assertTrue(e.call("EVAL", "#!lua flags=no-writes\nreturn redis.call('set', KEYS[1], 'x')", "1", "k")
                    .startsWith("-ERR Write commands are not allowed from read-only scripts. script: "));
            assertEquals(error("ERR Number of keys can't be greater than number of args"), e.call("EVAL", "return 1", "2", "a"));
            assertEquals(num(0), e.call("EXISTS", "k"));
            // Blocking list commands are noscript in 7.0 (BLPOP's flags); SELECT changes the script's db only.
            assertTrue(e.call("EVAL", "return redis.call('blpop', 'l', 0)", "0")
                    .startsWith("-ERR This Redis command is not allowed from script script: "));
            assertEquals(num(1), e.call("EVAL", "redis.call('select', 3) redis.call('set', 'in3', 1) return redis.call('dbsize')", "0"));
            assertEquals(num(0), e.call("EXISTS", "in3"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRunScriptsInsideExecAndServeBlockedClientsAfterwards(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            ClientSession blocked = e.newSession();
            assertEquals("", e.call(blocked, "BLPOP", "q", "0"));
            assertEquals(OK, e.call("MULTI"));
            assertEquals(simple("QUEUED"), e.call("EVAL", "return redis.call('rpush', KEYS[1], 'job')", "1", "q"));
            assertEquals(simple("QUEUED"), e.call("EVALSHA", RETURN_ONE_SHA, "0"));
            assertEquals(array(num(1), error("NOSCRIPT No matching script. Please use EVAL.")), e.call("EXEC"));
            assertEquals(arr("q", "job"), e.deferredReply(blocked, 2000));
            assertEquals(num(0), e.call("LLEN", "q"));
        }
    }

    /**
     * node-redis's multi() sends a script's first use as EVAL and the next ones as EVALSHA, with
     * the cache possibly empty: at EXEC the EVAL has cached the body by the time the EVALSHA runs.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRunAnEvalshaOfAScriptEvaledEarlierInTheSameTransaction(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            String noscript = error("NOSCRIPT No matching script. Please use EVAL.");
            assertEquals(OK, e.call("MULTI"));
            assertEquals(simple("QUEUED"), e.call("EVAL", "return 1", "0"));
            assertEquals(simple("QUEUED"), e.call("EVALSHA", RETURN_ONE_SHA.toUpperCase(), "0"));
            assertEquals(simple("QUEUED"), e.call("EVALSHA_RO", RETURN_ONE_SHA, "0"));
            assertEquals(array(num(1), num(1), num(1)), e.call("EXEC"));
            assertEquals(array(num(1)), e.call("SCRIPT", "EXISTS", RETURN_ONE_SHA));
            // not when numkeys made the EVAL fail (it cached nothing), nor past a SCRIPT FLUSH
            assertEquals(OK, e.call("SCRIPT", "FLUSH"));
            assertEquals(OK, e.call("MULTI"));
            assertEquals(simple("QUEUED"), e.call("EVAL", "return 1", "1"));
            assertEquals(simple("QUEUED"), e.call("EVALSHA", RETURN_ONE_SHA, "0"));
            assertEquals(array(error("ERR Number of keys can't be greater than number of args"), noscript), e.call("EXEC"));
            assertEquals(OK, e.call("MULTI"));
            assertEquals(simple("QUEUED"), e.call("EVAL", "return 1", "0"));
            assertEquals(simple("QUEUED"), e.call("SCRIPT", "FLUSH"));
            assertEquals(simple("QUEUED"), e.call("EVALSHA", RETURN_ONE_SHA, "0"));
            assertEquals(array(num(1), OK, noscript), e.call("EXEC"));
        }
    }
}
