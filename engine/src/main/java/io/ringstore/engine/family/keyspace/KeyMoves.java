package io.ringstore.engine.family.keyspace;

import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.shard.ShardState;
import io.ringstore.engine.store.CollectionValue;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.StringValue;

import java.util.Arrays;

/**
 * Commands that move or copy whole entries between keys and databases: RENAME, RENAMENX, COPY,
 * MOVE, SWAPDB (Redis's db.c). An entry is its value, num word (see {@link StringValue}), meta
 * word and deadline; it moves with all of them, so the TTL travels with the key. Source and
 * destination Dbs come from the context per key argument, so when the two keys live on different
 * shards the command runs at a barrier and simply moves the entry from one shard's Db to the
 * other's. Runs on the owning shard thread, or on shard 0's at a barrier.
 */
final class KeyMoves {
    private static final byte[] REPLACE = Replies.b("replace");
    private static final byte[] DB = Replies.b("db");

    static final int NOT_DONE = 0;
    static final int DONE = 1;

    private KeyMoves() {
    }

    /**
     * RENAME / RENAMENX key newkey. A missing source is an error even when both names are equal; an
     * existing one renamed onto itself is a no-op (OK, or 0 for RENAMENX).
     */
    static void rename(CommandContext c, boolean nx) {
        Db src = c.db(1);
        int slot = c.writeKey(src, 1);
        if (slot < 0) {
            c.reply.error(Errors.NO_SUCH_KEY);
            return;
        }
        if (sameArg(c, 1, 2)) {
            c.reply.raw(nx ? Replies.ZERO : Replies.OK);
            return;
        }
        int status = opRename(c, src, slot, nx);
        if (nx) {
            c.reply.raw(status == DONE ? Replies.ONE : Replies.ZERO);
        } else {
            c.reply.ok();
        }
    }

    /**
     * The rename shard op: the entry at {@code slot} of {@code src} becomes key argument 2, replacing
     * an existing key unless {@code nx}. Returns DONE or NOT_DONE (nx and the target exists).
     */
    static int opRename(CommandContext c, Db src, int slot, boolean nx) {
        Dict sd = src.dict();
        Object value = sd.value(slot);
        long num = sd.num(slot);
        int meta = sd.meta(slot);
        long deadline = sd.expire(slot);
        Db dst = c.db(2);
        int target = c.writeKey(dst, 2);
        if (target >= 0) {
            if (nx) {
                return NOT_DONE;
            }
            dst.delete(target);
        }
        // The target lookup or delete may have shifted the source entry: find it again.
        src.delete(sd.find(c.args.buf(), c.args.off(1), c.args.len(1), c.hash(1)));
        put(dst, c.args.copy(2), c.hash(2), value, num, meta, deadline);
        c.signalModifiedKey(1);
        c.signalModifiedKey(2);
        c.notify(NotifyFlags.GENERIC, "rename_from", 1);
        c.notify(NotifyFlags.GENERIC, "rename_to", 2);
        return DONE;
    }

    /** COPY source destination [DB destination-db] [REPLACE]: 1 if copied, else 0. */
    static void copy(CommandContext c) {
        int dstDb = c.dbIndex;
        boolean replace = false;
        int argc = c.args.count();
        for (int j = 3; j < argc; j++) {
            if (c.argIs(j, REPLACE)) {
                replace = true;
            } else if (c.argIs(j, DB) && j + 1 < argc) {
                int id = parseDbIndex(c, j + 1);
                if (id < 0) {
                    return;
                }
                dstDb = id;
                j++;
            } else {
                c.syntaxError();
                return;
            }
        }
        if (dstDb == c.dbIndex && sameArg(c, 1, 2)) {
            c.reply.error(Errors.SAME_OBJECT);
            return;
        }
        c.reply.raw(opCopy(c, dstDb, replace) == DONE ? Replies.ONE : Replies.ZERO);
    }

    /**
     * The copy shard op: a deep copy of key argument 1's value (strings get an exact-length copy of
     * their bytes from {@link StringValue#unshare}, collections {@link CollectionValue#duplicate()})
     * stored as key argument 2 in database {@code dstDb} with the same encoding and deadline and a
     * fresh LRU clock. Returns NOT_DONE when the source is missing, or the target exists without
     * {@code replace}.
     */
    static int opCopy(CommandContext c, int dstDb, boolean replace) {
        Db src = c.db(1);
        int slot = c.readKey(src, 1);
        if (slot < 0) {
            return NOT_DONE;
        }
        Dict sd = src.dict();
        Object value = sd.value(slot);
        long num = sd.num(slot);
        int meta = sd.meta(slot);
        long deadline = sd.expire(slot);
        Db dst = c.shardFor(2).db(dstDb);
        int target = c.writeKey(dst, 2);
        if (target >= 0) {
            if (!replace) {
                return NOT_DONE;
            }
            dst.delete(target);
        }
        int freshMeta = ObjectType.withLru(meta, ObjectType.lruClock(c.now));
        boolean string = ObjectType.type(meta) == ObjectType.STRING;
        Object copied = string || value == null ? value : ((CollectionValue) value).duplicate();
        int copySlot = put(dst, c.args.copy(2), c.hash(2), copied, num, freshMeta, deadline);
        if (string) {
            StringValue.unshare(dst.dict(), copySlot); // the bytes were the source's until here
        }
        c.signalModifiedKey(dstDb, 2); // only the destination, as copyCommand
        c.notify(NotifyFlags.GENERIC, "copy_to", dstDb, 2);
        return DONE;
    }

    /** MOVE key db: 1 if moved, 0 if the key is missing here or present there. */
    static void move(CommandContext c) {
        int id = parseDbIndex(c, 2);
        if (id < 0) {
            return;
        }
        if (id == c.dbIndex) {
            c.reply.error(Errors.SAME_OBJECT);
            return;
        }
        c.reply.raw(opMove(c, id) == DONE ? Replies.ONE : Replies.ZERO);
    }

    /** The move shard op: both databases are on the key's own shard; the key bytes change owner, not copied. */
    static int opMove(CommandContext c, int dstDb) {
        Db src = c.db(1);
        int slot = c.writeKey(src, 1);
        if (slot < 0) {
            return NOT_DONE;
        }
        Db dst = c.shardFor(1).db(dstDb);
        if (c.writeKey(dst, 1) >= 0) {
            return NOT_DONE;
        }
        // dst is another Dict, so the lookup there left the source slot where it was.
        Dict sd = src.dict();
        byte[] key = sd.key(slot);
        int hash = sd.hash(slot);
        Object value = sd.value(slot);
        long num = sd.num(slot);
        int meta = sd.meta(slot);
        long deadline = sd.expire(slot);
        src.delete(slot);
        put(dst, key, hash, value, num, meta, deadline);
        c.signalModifiedKey(1);
        c.signalModifiedKey(dstDb, 1);
        c.notify(NotifyFlags.GENERIC, "move_from", 1);
        c.notify(NotifyFlags.GENERIC, "move_to", dstDb, 1);
        return DONE;
    }

    /** SWAPDB index1 index2: every shard swaps its two Db slices; runs at a barrier (all_shards). */
    static void swapdb(CommandContext c) {
        if (!c.parseLong(1) || c.num != (int) c.num) {
            c.reply.error(Errors.INVALID_FIRST_DB);
            return;
        }
        long a = c.num;
        if (!c.parseLong(2) || c.num != (int) c.num) {
            c.reply.error(Errors.INVALID_SECOND_DB);
            return;
        }
        long b = c.num;
        int n = c.engine.databases;
        if (a < 0 || a >= n || b < 0 || b >= n) {
            c.reply.error(Errors.DB_INDEX);
            return;
        }
        if (a != b) {
            for (ShardState s : c.engine.shards) {
                s.db((int) a).touchAllWatched(s.db((int) b), c.now);
                s.db((int) b).touchAllWatched(s.db((int) a), c.now);
                s.swap((int) a, (int) b);
            }
        }
        c.reply.ok();
    }

    /**
     * Argument i as a database index (getIntFromObjectOrReply + selectDb's range check), replying
     * with Redis's error (not an integer; outside int range; no such database) and returning -1.
     */
    static int parseDbIndex(CommandContext c, int i) {
        if (!c.longOrReply(i)) {
            return -1;
        }
        if (c.num != (int) c.num) {
            c.reply.error(Errors.INT_RANGE);
            return -1;
        }
        if (c.num < 0 || c.num >= c.engine.databases) {
            c.reply.error(Errors.DB_INDEX);
            return -1;
        }
        return (int) c.num;
    }

    /**
     * Inserts a complete entry (the key array is handed over) and returns its slot: Redis's dbAdd
     * of RENAME, COPY and MOVE, so it raises the {@code new} event.
     */
    static int put(Db db, byte[] key, int hash, Object value, long num, int meta, long deadlineMs) {
        Dict d = db.dict();
        int slot = d.insert(key, hash);
        d.setValue(slot, value);
        d.setNum(slot, num);
        d.setMeta(slot, meta);
        d.setExpire(slot, deadlineMs);
        db.added(key);
        return slot;
    }

    static boolean sameArg(CommandContext c, int i, int j) {
        return c.args.len(i) == c.args.len(j) && Arrays.equals(c.args.buf(), c.args.off(i), c.args.off(i) + c.args.len(i),
                c.args.buf(), c.args.off(j), c.args.off(j) + c.args.len(j));
    }
}
