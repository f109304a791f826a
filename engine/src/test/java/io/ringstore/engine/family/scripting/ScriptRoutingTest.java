package io.ringstore.engine.family.scripting;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.ringstore.engine.testing.Fixtures.T0;
import static io.ringstore.engine.testing.Fixtures.keyOnShard;
import static io.ringstore.engine.testing.Resp.OK;
import static io.ringstore.engine.testing.Resp.array;
import static io.ringstore.engine.testing.Resp.bulk;
import static io.ringstore.engine.testing.Resp.num;
import static io.ringstore.engine.testing.Resp.simple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code script-routing keys} on two shards: a script runs on the shard of its declared keys (a
 * barrier when they span shards), reaches undeclared keys of that shard, and gets Redis Cluster's
 * error for another shard's key or a command that needs every shard; the default (barrier)
 * reaches any key. The same inside MULTI.
 */
@Timeout(60)
class ScriptRoutingTest {
    private static EmbeddedEngine engine(String routing) {
        Config config = new Config();
        assertEquals(null, config.setAtStartup("script-routing", routing));
        return new EmbeddedEngine(2, new ManualClock(T0), config);
    }

    private static String nonLocal(String script) {
        return "-ERR Script attempted to access a non local key in a cluster node script: "
                + io.ringstore.engine.script.LuaRuntime.sha1hex(script.getBytes(), 0, script.length())
                + ", on @user_script:1.\r\n";
    }

    @Test
    void shouldRunAScriptWhereItsKeysLiveAndRefuseAnotherShardsKey() {
        try (EmbeddedEngine e = engine("keys")) {
            String base = keyOnShard(e, "x", 0);
            String a = "{" + base + "}k"; // the slot of base, on shard 0
            String a2 = "{" + base + "}other"; // same slot as a, not declared
            String sameShardOtherSlot = keyOnShard(e, "a", 0);
            String b = keyOnShard(e, "b", 1);
            assertEquals(OK, e.call("EVAL", "return redis.call('SET', KEYS[1], ARGV[1])", "1", a, "v"));
            String undeclaredLocal = "redis.call('SET', ARGV[1], 'w') return redis.call('GET', ARGV[1])";
            assertEquals(bulk("w"), e.call("EVAL", undeclaredLocal, "1", a, a2), "an undeclared key of a declared slot");
            String remote = "return redis.call('GET', ARGV[1])";
            assertEquals(nonLocal(remote), e.call("EVAL", remote, "1", a, b));
            assertEquals(nonLocal(remote), e.call("EVAL", remote, "1", a, sameShardOtherSlot),
                    "by slot, not shard: the answer cannot change with the shard count");
            String all = "return redis.call('DBSIZE')";
            assertEquals(nonLocal(all), e.call("EVAL", all, "1", a));
            assertEquals(array(bulk("v"), bulk("w")), e.call("EVAL",
                    "return {redis.call('GET', KEYS[1]), redis.call('GET', KEYS[2])}", "2", a, a2));
            assertEquals(OK, e.call("EVAL", "redis.call('SET', KEYS[2], 'x') return redis.call('SET', KEYS[1], 'y')",
                    "2", a, b), "declared keys on both shards: a barrier");
            assertEquals(bulk("x"), e.call("GET", b));
            // pcall sees the refusal as an error reply, as Redis Cluster's scripts do
            assertTrue(e.call("EVAL", "return redis.pcall('GET', ARGV[1])", "1", a, b)
                    .startsWith("-ERR Script attempted to access a non local key in a cluster node"));
            assertEquals(simple("QUEUED"), multiThen(e, "EVAL", remote, "1", a, b));
            String exec = e.call("EXEC");
            assertTrue(exec.startsWith("*1\r\n-ERR Script attempted to access a non local key"), exec);
        }
    }

    @Test
    void shouldReachEveryShardAtABarrierByDefault() {
        try (EmbeddedEngine e = engine("barrier")) {
            String a = keyOnShard(e, "a", 0);
            String b = keyOnShard(e, "b", 1);
            assertEquals(OK, e.call("SET", b, "remote"));
            assertEquals(bulk("remote"), e.call("EVAL", "return redis.call('GET', ARGV[1])", "1", a, b));
            assertEquals(num(1), e.call("EVAL", "return redis.call('DBSIZE')", "0"));
        }
    }

    private static String multiThen(EmbeddedEngine e, String... command) {
        assertEquals(OK, e.call("MULTI"));
        return e.call(command);
    }
}
