package io.ringstore.engine.family.sort;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.shard.ShardState;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.HashValue;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.StringValue;
import io.ringstore.engine.util.ByteHash;

import java.util.Arrays;

/**
 * lookupKeyByPattern: the value a BY or GET pattern names for one element. "#" is the element
 * itself; otherwise the first '*' is replaced by the element to make a key name, and a "->field"
 * after the '*' reads that field of a hash there instead of a string. Patterns are C strings to
 * Redis: '*', "->" and "#" are searched up to the first NUL byte. The key is read on the shard
 * that owns it (SORT with such a pattern runs at a barrier when there are several shards), with a
 * read lookup (keyspace hit or miss, {@code keymiss}, lazy expiry). One per SORT, on the shard
 * thread running it; the key name is built in a reused scratch array.
 */
final class SortPattern {
    private final CommandContext c;
    private byte[] key = new byte[64];

    SortPattern(CommandContext c) {
        this.c = c;
    }

    /** Whether pattern argument {@code i} is "#" (spat[0] == '#' && spat[1] == '\0'). */
    static boolean isSelf(byte[] b, int off, int len) {
        return len > 0 && b[off] == '#' && (len == 1 || b[off + 1] == 0);
    }

    /** strchr(pattern, '*'): the offset of the first '*' before any NUL, or -1. */
    static int star(byte[] b, int off, int len) {
        for (int i = off; i < off + len && b[i] != 0; i++) {
            if (b[i] == '*') {
                return i;
            }
        }
        return -1;
    }

    /** Whether a pattern argument makes SORT read other keys: it has a '*' and is not "#". */
    static boolean readsKeys(byte[] b, int off, int len) {
        return !isSelf(b, off, len) && star(b, off, len) >= 0;
    }

    /**
     * The value pattern argument {@code p} names for element {@code elem}: a new array holding a
     * string's bytes or the hash field's value, the element itself for "#", or null when there is
     * no '*', the key is missing, holds another type, or the hash has no such field.
     */
    byte[] lookup(int p, byte[] elem) {
        byte[] b = c.args.buf();
        int off = c.args.off(p);
        int len = c.args.len(p);
        if (isSelf(b, off, len)) {
            return elem;
        }
        int star = star(b, off, len);
        if (star < 0) {
            return null;
        }
        int arrow = arrow(b, star + 1, off + len);
        int fieldLen = 0;
        if (arrow >= 0 && arrow + 2 < off + len && b[arrow + 2] != 0) {
            fieldLen = off + len - arrow - 2;
        }
        int prefix = star - off;
        int postfix = len - prefix - 1 - (fieldLen > 0 ? fieldLen + 2 : 0);
        int keyLen = prefix + elem.length + postfix;
        if (key.length < keyLen) {
            key = new byte[Math.max(keyLen, key.length * 2)];
        }
        byte[] k = key;
        System.arraycopy(b, off, k, 0, prefix);
        System.arraycopy(elem, 0, k, prefix, elem.length);
        System.arraycopy(b, star + 1, k, prefix + elem.length, postfix);
        Db db = dbFor(k, keyLen);
        int slot = db.lookupRead(k, 0, keyLen, ByteHash.hash(k, 0, keyLen), c.now);
        if (slot < 0) {
            return null;
        }
        Dict d = db.dict();
        if (fieldLen > 0) {
            if (db.type(slot) != ObjectType.HASH) {
                return null;
            }
            HashValue h = (HashValue) d.value(slot);
            int at = h.find(b, arrow + 2, fieldLen);
            if (at < 0) {
                return null;
            }
            int vo = h.valueOff(at);
            return Arrays.copyOfRange(h.array(at), vo, vo + h.valueLen(at));
        }
        if (db.type(slot) != ObjectType.STRING) {
            return null;
        }
        return StringValue.copy(d, slot);
    }

    /** strstr(p, "->") up to the first NUL: the offset of the arrow, or -1. */
    private static int arrow(byte[] b, int from, int end) {
        for (int i = from; i + 1 < end && b[i] != 0; i++) {
            if (b[i] == '-' && b[i + 1] == '>') {
                return i;
            }
        }
        return -1;
    }

    /** The database holding key {@code k}: its own shard's at a barrier, else the running shard's. */
    private Db dbFor(byte[] k, int len) {
        int sid = c.shardId();
        ShardState s = c.engine.shards[sid >= 0 ? sid : c.engine.shardOfKey(k, 0, len)];
        return s.db(c.dbIndex);
    }
}
