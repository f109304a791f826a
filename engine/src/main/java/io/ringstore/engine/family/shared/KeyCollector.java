package io.ringstore.engine.family.shared;

import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.util.Glob;

import java.util.Arrays;

/**
 * Collects key references (and the shard each came from) while KEYS or SCAN walks a Dict, so the
 * reply's length is known before it is written. Optionally filters as it goes (KEYS: pattern and
 * not yet expired). The visitor never modifies the Dict; callers act on the collected keys after
 * the walk. One instance per thread, reused across commands so the walk allocates nothing in the
 * steady state; {@link #release()} drops the references when the command is done.
 */
public final class KeyCollector implements Dict.Visitor {
    private static final int INITIAL = 64;
    /** Above this many entries the arrays are dropped after use, so one huge KEYS does not pin them. */
    private static final int KEEP_MAX = 1 << 16;
    private static final ThreadLocal<KeyCollector> PER_THREAD = ThreadLocal.withInitial(KeyCollector::new);

    public byte[][] keys = new byte[INITIAL][];
    public int[] shards = new int[INITIAL];
    public int count;
    /** Shard recorded with keys visited next. */
    public int shard;

    private boolean filter;
    private byte[] pattern;
    private int patternOff;
    private int patternLen;
    private boolean allKeys;
    private long nowMs;

    private KeyCollector() {
    }

    /** The calling thread's collector, empty and unfiltered. */
    public static KeyCollector acquire() {
        KeyCollector k = PER_THREAD.get();
        k.count = 0;
        k.shard = 0;
        k.filter = false;
        return k;
    }

    /** Keep only keys matching the glob (Redis's "*" shortcut included) whose deadline is after nowMs. */
    public KeyCollector filtered(byte[] p, int off, int len, long nowMs) {
        this.filter = true;
        this.pattern = p;
        this.patternOff = off;
        this.patternLen = len;
        this.allKeys = len == 1 && p[off] == '*';
        this.nowMs = nowMs;
        return this;
    }

    @Override
    public void visit(Dict dict, Object table, int slot) {
        byte[] key = Dict.keyAt(table, slot);
        if (filter) {
            if (!allKeys && !Glob.match(pattern, patternOff, patternLen, key, 0, key.length, false)) {
                return;
            }
            if (Db.isExpired(Dict.expireAt(table, slot), nowMs)) {
                return; // KEYS skips expired keys without deleting them, as Redis's keyIsExpired check
            }
        }
        add(key);
    }

    public void add(byte[] key) {
        if (count == keys.length) {
            keys = Arrays.copyOf(keys, count * 2);
            shards = Arrays.copyOf(shards, count * 2);
        }
        keys[count] = key;
        shards[count] = shard;
        count++;
    }

    /** Drops key references (and oversized arrays) once the reply is written. */
    public void release() {
        if (keys.length > KEEP_MAX) {
            keys = new byte[INITIAL][];
            shards = new int[INITIAL];
        } else {
            Arrays.fill(keys, 0, count, null);
        }
        count = 0;
        pattern = null;
    }
}
