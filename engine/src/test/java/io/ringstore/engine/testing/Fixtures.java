package io.ringstore.engine.testing;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.store.WatchedKeys;
import io.ringstore.engine.store.Watcher;
import io.ringstore.engine.util.ByteHash;

import java.nio.charset.StandardCharsets;

/**
 * What engine tests share besides RESP ({@link Resp}): the manual clock's start time, keys placed
 * on a chosen shard, and WATCH registration for tests that come before the WATCH command. Stateless;
 * any thread.
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

    /**
     * Registers {@code w} as a watcher of {@code key} in database {@code db} on the shard owning the
     * key, as WATCH will. The shard's state is touched from the calling thread, so call it only while
     * the engine is idle: no ticker, no command in flight (each {@link EmbeddedEngine#call} returns
     * after its command ran, and the next one's publication orders this write before it).
     */
    public static void watch(EmbeddedEngine e, Watcher w, int db, String key, long nowMs) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int shard = e.context().shardOfKey(k, 0, k.length);
        e.context().shards[shard].db(db).watch(w, shard, k, 0, k.length, ByteHash.hash(k, 0, k.length), nowMs);
    }

    /** Removes every key {@code w} watches, on every shard (UNWATCH); same threading rule as {@link #watch}. */
    public static void unwatch(EmbeddedEngine e, Watcher w) {
        for (int shard = 0; shard < e.context().shards.length; shard++) {
            WatchedKeys.unwatchAll(w, shard);
        }
    }
}
