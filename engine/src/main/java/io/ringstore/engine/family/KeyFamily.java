package io.ringstore.engine.family;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.store.Db;

/**
 * Keyspace commands (Redis's db.c and expire.c): existence, deletion, expiry, iteration, renames.
 * Multi-key commands find each key's own database through the context, so the same code runs on
 * one shard or at a barrier. Runs on a shard thread.
 */
public final class KeyFamily {
    private KeyFamily() {
    }

    public static void register(CommandTable t) {
        t.group("generic");
        t.add("del", -2, "write", 1, -1, 1, KeyFamily::del);
        t.add("unlink", -2, "write fast", 1, -1, 1, KeyFamily::del);
        t.add("exists", -2, "readonly fast", 1, -1, 1, KeyFamily::exists);
    }

    static void del(CommandContext c) {
        long deleted = 0;
        for (int i = 1; i < c.args.count(); i++) {
            Db db = c.db(i);
            int slot = c.writeKey(db, i);
            if (slot >= 0) {
                db.delete(slot);
                deleted++;
            }
        }
        c.reply.integer(deleted);
    }

    static void exists(CommandContext c) {
        long n = 0;
        for (int i = 1; i < c.args.count(); i++) {
            Db db = c.db(i);
            if (c.readKey(db, i) >= 0) {
                n++;
            }
        }
        c.reply.integer(n);
    }
}
