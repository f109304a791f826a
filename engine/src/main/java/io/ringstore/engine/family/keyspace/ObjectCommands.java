package io.ringstore.engine.family.keyspace;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.family.shared.ServerHelp;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ObjectType;

/**
 * OBJECT ENCODING | FREQ | IDLETIME | REFCOUNT | HELP (Redis's object.c). The key is read without
 * refreshing its LRU clock (hits and misses are counted, as Redis's objectCommandLookup does);
 * a missing key replies null. Runs on the shard thread that owns the key.
 *
 * <p>The only eviction policy today is noeviction, so LFU data is never tracked: FREQ replies
 * Redis's "not selected" error and IDLETIME always answers from the LRU clock in the meta word.
 */
final class ObjectCommands {
    /** Redis's OBJ_SHARED_REFCOUNT: the refcount of shared integer objects. */
    static final long SHARED_REFCOUNT = Integer.MAX_VALUE;
    /** Redis's OBJ_SHARED_INTEGERS: int-encoded values in [0, this) are shared objects. */
    static final long SHARED_INTEGERS = 10_000;

    private static final byte[][] ENCODING_REPLIES = new byte[16][];

    static {
        for (int e = 0; e < ENCODING_REPLIES.length; e++) {
            String name = ObjectType.encodingName(e);
            ENCODING_REPLIES[e] = Replies.b("$" + name.length() + "\r\n" + name + "\r\n");
        }
    }

    private ObjectCommands() {
    }

    static void register(CommandTable t) {
        t.container("object", -2, "");
        t.sub("object", "encoding", 3, "readonly", 2, 2, 1, ObjectCommands::encoding);
        t.sub("object", "freq", 3, "readonly", 2, 2, 1, ObjectCommands::freq);
        t.sub("object", "idletime", 3, "readonly", 2, 2, 1, ObjectCommands::idletime);
        t.sub("object", "refcount", 3, "readonly", 2, 2, 1, ObjectCommands::refcount);
        t.sub("object", "help", 2, "loading stale", 0, 0, 0, ObjectCommands::help);
    }

    /** The key's slot in {@code db}, or -1 after replying null. */
    private static int lookupOrNull(CommandContext c, Db db) {
        int slot = KeyFamily.readNoTouch(c, db, 2, false);
        if (slot < 0) {
            c.reply.nullBulk();
        }
        return slot;
    }

    static void encoding(CommandContext c) {
        Db db = c.db(2);
        int slot = lookupOrNull(c, db);
        if (slot >= 0) {
            c.reply.raw(ENCODING_REPLIES[db.encoding(slot)]);
        }
    }

    static void freq(CommandContext c) {
        if (lookupOrNull(c, c.db(2)) >= 0) {
            c.reply.error(Errors.FREQ_NOT_LFU);
        }
    }

    static void idletime(CommandContext c) {
        Db db = c.db(2);
        int slot = lookupOrNull(c, db);
        if (slot >= 0) {
            c.reply.integer(ObjectType.idleSeconds(ObjectType.lru(db.dict().meta(slot)), c.now));
        }
    }

    /**
     * The reference count Redis would report: int-encoded strings in [0, 10000) are its shared
     * integer objects (INT_MAX); every other value is referenced once by its key.
     */
    static void refcount(CommandContext c) {
        Db db = c.db(2);
        int slot = lookupOrNull(c, db);
        if (slot < 0) {
            return;
        }
        Dict d = db.dict();
        boolean shared = db.type(slot) == ObjectType.STRING && db.encoding(slot) == ObjectType.ENC_INT
                && d.num(slot) >= 0 && d.num(slot) < SHARED_INTEGERS;
        c.reply.integer(shared ? SHARED_REFCOUNT : 1);
    }

    static void help(CommandContext c) {
        ServerHelp.reply(c, "OBJECT",
                "ENCODING <key>",
                "    Return the kind of internal representation used in order to store the value",
                "    associated with a <key>.",
                "FREQ <key>",
                "    Return the access frequency index of the <key>. The returned integer is",
                "    proportional to the logarithm of the recent access frequency of the key.",
                "IDLETIME <key>",
                "    Return the idle time of the <key>, that is the approximated number of",
                "    seconds elapsed since the last access to the key.",
                "REFCOUNT <key>",
                "    Return the number of references of the value associated with the specified",
                "    <key>.");
    }
}
