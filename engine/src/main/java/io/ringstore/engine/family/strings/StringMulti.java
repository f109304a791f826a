package io.ringstore.engine.family.strings;

import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.StringValue;

/**
 * MGET, MSET and MSETNX. Every key finds its own database through {@link CommandContext#db}, so
 * the same loop runs on one shard or, when the keys span shards, at a barrier where shard 0 runs
 * it with the others parked: that makes MSET and MSETNX all-or-nothing across shards too.
 */
final class StringMulti {
    private StringMulti() {
    }

    /** MGET key...: one entry per key, null for a missing key or one of another type. */
    static void mget(CommandContext c) {
        int argc = c.args.count();
        c.reply.array(argc - 1);
        for (int i = 1; i < argc; i++) {
            Db db = c.db(i);
            int slot = c.readKey(db, i);
            if (slot < 0 || db.type(slot) != ObjectType.STRING) {
                c.reply.nullBulk();
            } else {
                StringValue.reply(c.reply, db.dict(), slot);
            }
        }
    }

    static void mset(CommandContext c) {
        if (checkPairs(c)) {
            setAll(c);
            c.reply.ok();
        }
    }

    /** MSETNX: 0 and nothing written if any key exists (of any type); else sets all and 1. */
    static void msetnx(CommandContext c) {
        if (!checkPairs(c)) {
            return;
        }
        int argc = c.args.count();
        for (int i = 1; i < argc; i += 2) {
            if (c.writeKey(c.db(i), i) >= 0) {
                c.reply.raw(Replies.ZERO);
                return;
            }
        }
        setAll(c);
        c.reply.raw(Replies.ONE);
    }

    /** Arity beyond the table's -3: keys and values must pair up. */
    private static boolean checkPairs(CommandContext c) {
        if (c.args.count() % 2 == 0) {
            c.reply.error(Errors.wrongArgs(c.event.cmd.fullName));
            return false;
        }
        return true;
    }

    /** Sets every pair in order (a repeated key ends with its last value), clearing TTLs. */
    private static void setAll(CommandContext c) {
        int argc = c.args.count();
        for (int i = 1; i < argc; i += 2) {
            Db db = c.db(i);
            int slot = StringFamily.storeString(c, db, c.writeKey(db, i), i, i + 1);
            db.dict().setExpire(slot, 0);
            c.signalModifiedKey(i);
            c.notify(NotifyFlags.STRING, "set", i);
        }
    }
}
