package io.ringstore.engine.config;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The data path's option handles are the Config's own Option objects (under their names and their
 * aliases), so CONFIG SET changes what commands read at once. The encoding thresholds are proved
 * through behaviour by HashFamilyTest, ConfigFamilyTest (the ziplist aliases), SetFamilyTest,
 * ZsetFamilyTest and ListNodeSizeTest; proto-max-bulk-len at run time here.
 */
@Timeout(30)
class EngineOptionsTest {
    private static final String TOO_LARGE = "-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n";

    @Test
    void shouldHandTheConfigsOwnOptionsUnderNamesAndAliases() {
        Config config = new Config();
        EngineOptions o = new EngineOptions(config);
        assertSame(config.option("list-max-listpack-size"), o.listMaxListpackSize);
        assertSame(config.option("set-max-intset-entries"), o.setMaxIntsetEntries);
        assertSame(config.option("hash-max-ziplist-entries"), o.hashMaxListpackEntries);
        assertSame(config.option("hash-max-ziplist-value"), o.hashMaxListpackValue);
        assertSame(config.option("zset-max-ziplist-entries"), o.zsetMaxListpackEntries);
        assertSame(config.option("zset-max-ziplist-value"), o.zsetMaxListpackValue);
        assertSame(config.option("stream-node-max-bytes"), o.streamNodeMaxBytes);
        assertSame(config.option("stream-node-max-entries"), o.streamNodeMaxEntries);
        assertSame(config.option("proto-max-bulk-len"), o.protoMaxBulkLen);
        assertSame(config.option("hz"), o.hz);
        assertSame(config.option("save"), o.save);
    }

    @Test
    void shouldSeeAConfigSetThroughTheHandle() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(1_000_000), new Config())) {
            EngineOptions o = e.context().options;
            assertEquals("+OK\r\n", e.call("CONFIG", "SET", "hash-max-ziplist-entries", "2", "stream-node-max-entries", "7"));
            assertEquals(2, o.hashMaxListpackEntries.number());
            assertEquals(7, o.streamNodeMaxEntries.number());
            e.call("HSET", "h", "a", "1", "b", "2", "c", "3");
            assertEquals("$9\r\nhashtable\r\n", e.call("OBJECT", "ENCODING", "h"));
        }
    }

    @Test
    void shouldBoundSetrangeByAProtoMaxBulkLenSetAtRunTime() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(1_000_000), new Config())) {
            int max = 1024 * 1024;
            assertEquals(":" + (max + 1) + "\r\n", e.call("SETRANGE", "a", Integer.toString(max - 1), "ab"));
            assertEquals("+OK\r\n", e.call("CONFIG", "SET", "proto-max-bulk-len", "1mb"));
            assertEquals(TOO_LARGE, e.call("SETRANGE", "b", Integer.toString(max - 1), "ab"));
            assertEquals(":" + max + "\r\n", e.call("SETRANGE", "b", Integer.toString(max - 2), "ab"));
            assertEquals("+OK\r\n", e.call("CONFIG", "SET", "proto-max-bulk-len", "512mb"));
            assertEquals(":" + (max + 1) + "\r\n", e.call("SETRANGE", "b", Integer.toString(max - 1), "ab"));
        }
    }
}
