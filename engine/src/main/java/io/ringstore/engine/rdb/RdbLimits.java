package io.ringstore.engine.rdb;

import io.ringstore.engine.config.EngineOptions;

/**
 * The encoding thresholds a loaded object is converted by, as Redis applies them on load
 * (list-max-listpack-size, set-max-intset-entries, hash- and zset-max-listpack-entries/-value),
 * read once per RESTORE or file. Immutable.
 */
public final class RdbLimits {
    public final long listFill;
    public final long setMaxIntsetEntries;
    public final long hashMaxEntries;
    public final long hashMaxValue;
    public final long zsetMaxEntries;
    public final long zsetMaxValue;

    public RdbLimits(long listFill, long setMaxIntsetEntries, long hashMaxEntries, long hashMaxValue,
                     long zsetMaxEntries, long zsetMaxValue) {
        this.listFill = listFill;
        this.setMaxIntsetEntries = setMaxIntsetEntries;
        this.hashMaxEntries = hashMaxEntries;
        this.hashMaxValue = hashMaxValue;
        this.zsetMaxEntries = zsetMaxEntries;
        this.zsetMaxValue = zsetMaxValue;
    }

    /** Redis 7.0's defaults. */
    public static RdbLimits defaults() {
        return new RdbLimits(-2, 512, 512, 64, 128, 64);
    }

    public static RdbLimits of(EngineOptions o) {
        return new RdbLimits(o.listMaxListpackSize.number(), o.setMaxIntsetEntries.number(),
                o.hashMaxListpackEntries.number(), o.hashMaxListpackValue.number(),
                o.zsetMaxListpackEntries.number(), o.zsetMaxListpackValue.number());
    }
}
