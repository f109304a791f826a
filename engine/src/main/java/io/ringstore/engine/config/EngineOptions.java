package io.ringstore.engine.config;

/**
 * The options commands and the ticker read while running, resolved by name once, when the engine
 * context is built. Each field is the {@link Config}'s own {@link Config.Option}, the object
 * CONFIG SET (under the name or an alias such as hash-max-ziplist-entries) updates, so a change
 * takes effect at the next read, and a read is one volatile load with no name lookup or hashing
 * (Redis reads server.hash_max_listpack_entries the same way). Immutable; any thread.
 */
public final class EngineOptions {
    /** Node size of lists created from now on (ListValue). */
    public final Config.Option listMaxListpackSize;
    /** Integer sets stay "intset" up to this many members (SetValue). */
    public final Config.Option setMaxIntsetEntries;
    public final Config.Option hashMaxListpackEntries;
    public final Config.Option hashMaxListpackValue;
    public final Config.Option zsetMaxListpackEntries;
    public final Config.Option zsetMaxListpackValue;
    public final Config.Option streamNodeMaxBytes;
    public final Config.Option streamNodeMaxEntries;
    /** A sparse HyperLogLog turns dense rather than grow past this many bytes (HllSparse). */
    public final Config.Option hllSparseMaxBytes;
    /** Bounds SETRANGE/APPEND results and LCS's transient memory. */
    public final Config.Option protoMaxBulkLen;
    /** Tick rate, read by the ticker before each sleep. */
    public final Config.Option hz;
    /** The automatic BGSAVE rules, checked by the ticker before each tick. */
    public final Config.Option save;
    /** Milliseconds a script runs before other clients get -BUSY (alias lua-time-limit). */
    public final Config.Option busyReplyThreshold;
    /** "barrier" (scripts may touch any key) or "keys" (scripts run where their declared keys live). */
    public final Config.Option scriptRouting;
    /** Output buffer limits per client class, read by the transport's reply stage after each append. */
    public final Config.Option clientOutputBufferLimit;
    /** The keyspace notification classes on ({@link NotifyFlags} bits in {@code number()}; 0 = off). */
    public final Config.Option notifyKeyspaceEvents;
    /** Keys the tracking tables remember at most, over all shards (0 = no limit). */
    public final Config.Option trackingTableMaxKeys;

    public EngineOptions(Config config) {
        listMaxListpackSize = resolve(config, "list-max-listpack-size");
        setMaxIntsetEntries = resolve(config, "set-max-intset-entries");
        hashMaxListpackEntries = resolve(config, "hash-max-listpack-entries");
        hashMaxListpackValue = resolve(config, "hash-max-listpack-value");
        zsetMaxListpackEntries = resolve(config, "zset-max-listpack-entries");
        zsetMaxListpackValue = resolve(config, "zset-max-listpack-value");
        streamNodeMaxBytes = resolve(config, "stream-node-max-bytes");
        streamNodeMaxEntries = resolve(config, "stream-node-max-entries");
        hllSparseMaxBytes = resolve(config, "hll-sparse-max-bytes");
        protoMaxBulkLen = resolve(config, "proto-max-bulk-len");
        hz = resolve(config, "hz");
        save = resolve(config, "save");
        busyReplyThreshold = resolve(config, "busy-reply-threshold");
        scriptRouting = resolve(config, "script-routing");
        clientOutputBufferLimit = resolve(config, "client-output-buffer-limit");
        notifyKeyspaceEvents = resolve(config, "notify-keyspace-events");
        trackingTableMaxKeys = resolve(config, "tracking-table-max-keys");
    }

    private static Config.Option resolve(Config config, String name) {
        Config.Option o = config.option(name);
        if (o == null) {
            throw new IllegalArgumentException("no option " + name);
        }
        return o;
    }
}
