package io.ringstore.engine.family.keyspace;

import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ObjectType;

/**
 * Keyspace commands (Redis's db.c, expire.c and object.c): existence, deletion, types, expiry,
 * iteration, renames and copies, OBJECT. This class holds the table rows and the simple per-key
 * commands; the larger groups live beside it ({@link ExpireCommands}, {@link KeyMoves},
 * {@link KeyListing}, {@link ScanCommand}, {@link ObjectCommands}). Multi-key commands find each
 * key's own database through the context, so the same code runs on one shard or at a barrier.
 * Runs on a shard thread (shard 0's at a barrier).
 */
public final class KeyFamily {
    private KeyFamily() {
    }

    public static void register(CommandTable t) {
        t.group("generic");
        t.add("del", -2, "write", 1, -1, 1, KeyFamily::del);
        t.add("unlink", -2, "write fast", 1, -1, 1, KeyFamily::del);
        t.add("exists", -2, "readonly fast", 1, -1, 1, KeyFamily::exists);
        t.add("touch", -2, "readonly fast", 1, -1, 1, KeyFamily::touch);
        t.add("type", 2, "readonly fast", 1, 1, 1, KeyFamily::type);
        t.add("expire", -3, "write fast", 1, 1, 1, c -> ExpireCommands.expire(c, ExpireCommands.SECONDS, false, "expire"));
        t.add("pexpire", -3, "write fast", 1, 1, 1, c -> ExpireCommands.expire(c, ExpireCommands.MS, false, "pexpire"));
        t.add("expireat", -3, "write fast", 1, 1, 1, c -> ExpireCommands.expire(c, ExpireCommands.SECONDS, true, "expireat"));
        t.add("pexpireat", -3, "write fast", 1, 1, 1, c -> ExpireCommands.expire(c, ExpireCommands.MS, true, "pexpireat"));
        t.add("ttl", 2, "readonly fast", 1, 1, 1, c -> ExpireCommands.ttl(c, false, false));
        t.add("pttl", 2, "readonly fast", 1, 1, 1, c -> ExpireCommands.ttl(c, true, false));
        t.add("expiretime", 2, "readonly fast", 1, 1, 1, c -> ExpireCommands.ttl(c, false, true));
        t.add("pexpiretime", 2, "readonly fast", 1, 1, 1, c -> ExpireCommands.ttl(c, true, true));
        t.add("persist", 2, "write fast", 1, 1, 1, ExpireCommands::persist);
        t.add("keys", 2, "readonly all_shards", 0, 0, 0, KeyListing::keys);
        t.add("scan", -2, "readonly all_shards", 0, 0, 0, ScanCommand::scan);
        t.add("randomkey", 1, "readonly all_shards", 0, 0, 0, KeyListing::randomkey);
        t.add("rename", 3, "write", 1, 2, 1, c -> KeyMoves.rename(c, false));
        t.add("renamenx", 3, "write fast", 1, 2, 1, c -> KeyMoves.rename(c, true));
        t.add("copy", -3, "write denyoom", 1, 2, 1, KeyMoves::copy);
        t.add("move", 3, "write fast", 1, 1, 1, KeyMoves::move);
        t.add("swapdb", 3, "write fast all_shards", 0, 0, 0, KeyMoves::swapdb);
        ObjectCommands.register(t);
    }

    /**
     * Redis's lookupKeyReadWithFlags(LOOKUP_NOTOUCH): lazy expiry and keyspace hit/miss counting
     * (on the key's own shard) without refreshing the LRU clock, raising {@code keymiss} on a miss.
     * EXISTS, TYPE and TTL use it.
     */
    static int readNoTouch(CommandContext c, Db db, int i) {
        return readNoTouch(c, db, i, true);
    }

    /** {@link #readNoTouch}; OBJECT passes {@code notifyMiss} false (Redis adds LOOKUP_NONOTIFY). */
    static int readNoTouch(CommandContext c, Db db, int i, boolean notifyMiss) {
        return db.lookupReadNoTouch(c.args.buf(), c.args.off(i), c.args.len(i), c.hash(i), c.now, notifyMiss);
    }

    /**
     * Whether a deadline (0 = none) has passed at {@code nowMs}, by the same rule as
     * {@link Db#lookup}; used where keys are judged without a lookup (KEYS, RANDOMKEY).
     */
    static boolean expired(long deadlineMs, long nowMs) {
        return Db.isExpired(deadlineMs, nowMs);
    }

    static void del(CommandContext c) {
        long deleted = 0;
        for (int i = 1; i < c.args.count(); i++) {
            Db db = c.db(i);
            int slot = c.writeKey(db, i);
            if (slot >= 0) {
                db.delete(slot);
                c.signalModifiedKey(i);
                c.notify(NotifyFlags.GENERIC, "del", i);
                deleted++;
            }
        }
        c.reply.integer(deleted);
    }

    /** EXISTS key...: a key named twice counts twice; no LRU touch (LOOKUP_NOTOUCH). */
    static void exists(CommandContext c) {
        long n = 0;
        for (int i = 1; i < c.args.count(); i++) {
            if (readNoTouch(c, c.db(i), i) >= 0) {
                n++;
            }
        }
        c.reply.integer(n);
    }

    /** TOUCH key...: a read lookup (hit/miss counted, LRU refreshed) of each key; the number found. */
    static void touch(CommandContext c) {
        long n = 0;
        for (int i = 1; i < c.args.count(); i++) {
            if (c.readKey(c.db(i), i) >= 0) {
                n++;
            }
        }
        c.reply.integer(n);
    }

    static void type(CommandContext c) {
        Db db = c.db(1);
        int slot = readNoTouch(c, db, 1);
        c.reply.raw(slot < 0 ? TYPE_NONE : TYPE_REPLIES[db.type(slot)]);
    }

    private static final byte[] TYPE_NONE = Replies.b("+none\r\n");
    private static final byte[][] TYPE_REPLIES = new byte[16][];

    static {
        for (int t = 0; t < TYPE_REPLIES.length; t++) {
            String name = ObjectType.typeName(t);
            TYPE_REPLIES[t] = Replies.b("+" + (name.equals("none") ? "unknown" : name) + "\r\n");
        }
    }
}
