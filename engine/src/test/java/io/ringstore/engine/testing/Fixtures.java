package io.ringstore.engine.testing;

import io.ringstore.engine.EmbeddedEngine;

import java.nio.charset.StandardCharsets;

/**
 * What engine tests share besides RESP ({@link Resp}): the manual clock's start time and keys
 * placed on a chosen shard. Stateless; any thread.
 */
public final class Fixtures {
    /** Start time of the tests' manual clocks (November 2023, in Unix milliseconds). */
    public static final long T0 = 1_700_000_000_000L;

    private Fixtures() {
    }

    /** A key named prefix+N owned by {@code shard} (mod the engine's shard count). */
    public static String keyOnShard(EmbeddedEngine e, String prefix, int shard) {
        int n = e.context().shards.length;
        for (int i = 0; ; i++) {
            byte[] k = (prefix + i).getBytes(StandardCharsets.UTF_8);
            if (e.context().shardOfKey(k, 0, k.length) == shard % n) {
                return prefix + i;
            }
        }
    }
}
