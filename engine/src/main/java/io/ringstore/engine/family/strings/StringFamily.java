package io.ringstore.engine.family.strings;

import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.family.shared.ExpireArgs;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.StringValue;

/**
 * String commands (Redis's t_string.c): the command rows, and the get/set commands themselves.
 * Counters live in {@link StringCounters}, partial reads and edits in {@link StringRanges},
 * multi-key commands in {@link StringMulti}, LCS in {@link LcsCommand}. Each handler parses, runs
 * its shard op against the key's database, and writes the reply. Runs on the shard thread that
 * owns the key (or shard 0 at a barrier for multi-key commands spanning shards).
 */
public final class StringFamily {
    private StringFamily() {
    }

    public static void register(CommandTable t) {
        t.group("string");
        t.add("get", 2, "readonly fast", 1, 1, 1, StringFamily::get);
        t.add("set", -3, "write denyoom", 1, 1, 1, StringFamily::set);
        t.add("setnx", 3, "write denyoom fast", 1, 1, 1, StringFamily::setnx);
        t.add("setex", 4, "write denyoom", 1, 1, 1, StringFamily::setex);
        t.add("psetex", 4, "write denyoom", 1, 1, 1, StringFamily::psetex);
        t.add("getset", 3, "write denyoom fast", 1, 1, 1, StringFamily::getset);
        t.add("getdel", 2, "write fast", 1, 1, 1, StringFamily::getdel);
        t.add("getex", -2, "write fast", 1, 1, 1, StringFamily::getex);
        t.add("mget", -2, "readonly fast", 1, -1, 1, StringMulti::mget);
        t.add("mset", -3, "write denyoom", 1, -1, 2, StringMulti::mset);
        t.add("msetnx", -3, "write denyoom", 1, -1, 2, StringMulti::msetnx);
        t.add("append", 3, "write denyoom fast", 1, 1, 1, StringRanges::append);
        t.add("strlen", 2, "readonly fast", 1, 1, 1, StringRanges::strlen);
        t.add("getrange", 4, "readonly", 1, 1, 1, StringRanges::getrange);
        t.add("substr", 4, "readonly", 1, 1, 1, StringRanges::getrange);
        t.add("setrange", 4, "write denyoom", 1, 1, 1, StringRanges::setrange);
        t.add("incr", 2, "write denyoom fast", 1, 1, 1, StringCounters::incr);
        t.add("decr", 2, "write denyoom fast", 1, 1, 1, StringCounters::decr);
        t.add("incrby", 3, "write denyoom fast", 1, 1, 1, StringCounters::incrby);
        t.add("decrby", 3, "write denyoom fast", 1, 1, 1, StringCounters::decrby);
        t.add("incrbyfloat", 3, "write denyoom fast", 1, 1, 1, StringCounters::incrbyfloat);
        t.add("lcs", -3, "readonly", 1, 2, 1, LcsCommand::lcs);
    }

    static void get(CommandContext c) {
        replyValue(c, 1);
    }

    /**
     * getGenericCommand: replies the string at key argument {@code keyArg} (null when missing).
     * Returns false after replying WRONGTYPE, so GET-then-write commands stop there.
     */
    static boolean replyValue(CommandContext c, int keyArg) {
        Db db = c.db(keyArg);
        int slot = c.readKey(db, keyArg);
        if (slot < 0) {
            c.reply.nullBulk();
        } else if (db.type(slot) != ObjectType.STRING) {
            c.wrongType();
            return false;
        } else {
            StringValue.reply(c.reply, db.dict(), slot);
        }
        return true;
    }

    /**
     * SET key value [NX|XX] [GET] [EX s|PX ms|EXAT ts|PXAT ms|KEEPTTL]: the whole line parses
     * before the expiry is validated, as setCommand does.
     */
    static void set(CommandContext c) {
        long parsed = StringSetArgs.parse(c, true);
        if (parsed < 0) {
            return;
        }
        long deadline = StringSetArgs.deadline(c, parsed, "set");
        if (deadline != Long.MIN_VALUE) {
            opSet(c, 1, 2, StringSetArgs.flags(parsed), deadline);
        }
    }

    static void setex(CommandContext c) {
        setWithExpire(c, ExpireArgs.UNIT_SECONDS, "setex");
    }

    static void psetex(CommandContext c) {
        setWithExpire(c, ExpireArgs.UNIT_MS, "psetex");
    }

    private static void setWithExpire(CommandContext c, int unit, String name) {
        long deadline = ExpireArgs.deadline(c, 2, unit, false, name);
        if (deadline != Long.MIN_VALUE) {
            opSet(c, 1, 3, 0, deadline);
        }
    }

    /**
     * setGenericCommand: with GET, replies the old value first (WRONGTYPE stops everything);
     * then NX/XX decide; then the value is stored with SET's encoding choice and the deadline is
     * set, or cleared unless KEEPTTL. The old value is replied before the store because the store
     * may reuse its bytes in place.
     */
    static void opSet(CommandContext c, int keyArg, int valArg, int flags, long deadline) {
        boolean withGet = (flags & StringSetArgs.GET) != 0;
        if (withGet && !replyValue(c, keyArg)) {
            return;
        }
        Db db = c.db(keyArg);
        int slot = c.writeKey(db, keyArg);
        if (((flags & StringSetArgs.NX) != 0 && slot >= 0) || ((flags & StringSetArgs.XX) != 0 && slot < 0)) {
            if (!withGet) {
                c.reply.nullBulk();
            }
            return;
        }
        slot = storeString(c, db, slot, keyArg, valArg);
        if ((flags & StringSetArgs.KEEPTTL) == 0) {
            db.dict().setExpire(slot, deadline);
        }
        c.signalModifiedKey(keyArg); // setKey's signal; a failed NX/XX returned above untouched
        c.notify(NotifyFlags.STRING, "set", keyArg);
        if (deadline != 0) {
            c.notify(NotifyFlags.GENERIC, "expire", keyArg);
        }
        if (!withGet) {
            c.reply.ok();
        }
    }

    /**
     * setKey's value half: stores argument {@code valArg} at {@code slot} (inserting the key when
     * {@code slot} is -1), replacing a value of any type, with SET's int/embstr/raw choice. The
     * TTL is untouched. Returns the key's slot.
     */
    static int storeString(CommandContext c, Db db, int slot, int keyArg, int valArg) {
        Dict d = db.dict();
        if (slot < 0) {
            slot = db.insert(c.args.copy(keyArg), c.hash(keyArg), ObjectType.STRING, ObjectType.ENC_RAW, c.now);
        } else if (db.type(slot) != ObjectType.STRING) {
            d.setValue(slot, null); // another type's value must not be taken for reusable bytes
        }
        StringValue.store(d, slot, c.args.buf(), c.args.off(valArg), c.args.len(valArg), c.scratchLong());
        return slot;
    }

    /** SETNX key value: 1 when set, 0 when the key exists (whatever its type). */
    static void setnx(CommandContext c) {
        Db db = c.db(1);
        int slot = c.writeKey(db, 1);
        if (slot >= 0) {
            c.reply.raw(Replies.ZERO);
            return;
        }
        storeString(c, db, -1, 1, 2);
        c.signalModifiedKey(1);
        c.notify(NotifyFlags.STRING, "set", 1);
        c.reply.raw(Replies.ONE);
    }

    /** GETSET key value: the old value, then a plain SET (which clears the TTL). */
    static void getset(CommandContext c) {
        if (!replyValue(c, 1)) {
            return;
        }
        Db db = c.db(1);
        int slot = storeString(c, db, c.writeKey(db, 1), 1, 2);
        db.dict().setExpire(slot, 0);
        c.signalModifiedKey(1);
        c.notify(NotifyFlags.STRING, "set", 1);
    }

    /** GETDEL key: the value, then the key is gone. */
    static void getdel(CommandContext c) {
        Db db = c.db(1);
        int slot = c.readKey(db, 1);
        if (slot < 0) {
            c.reply.nullBulk();
        } else if (db.type(slot) != ObjectType.STRING) {
            c.wrongType();
        } else {
            StringValue.reply(c.reply, db.dict(), slot);
            db.delete(slot);
            c.signalModifiedKey(1);
            c.notify(NotifyFlags.GENERIC, "del", 1);
        }
    }

    /**
     * GETEX key [EX s|PX ms|EXAT ts|PXAT ms|PERSIST]: options are parsed first, the key looked up
     * (a missing key replies null even when the expiry is malformed), then the expiry validated.
     * An absolute deadline already past deletes the key after its value is replied.
     */
    static void getex(CommandContext c) {
        long parsed = StringSetArgs.parse(c, false);
        if (parsed < 0) {
            return;
        }
        Db db = c.db(1);
        int slot = c.readKey(db, 1);
        if (slot < 0) {
            c.reply.nullBulk();
            return;
        }
        if (db.type(slot) != ObjectType.STRING) {
            c.wrongType();
            return;
        }
        long deadline = StringSetArgs.deadline(c, parsed, "getex");
        if (deadline == Long.MIN_VALUE) {
            return;
        }
        Dict d = db.dict();
        StringValue.reply(c.reply, d, slot);
        boolean absolute = StringSetArgs.has(parsed, StringSetArgs.EXAT | StringSetArgs.PXAT);
        if (absolute && deadline <= c.now) {
            db.delete(slot);
            c.signalModifiedKey(1);
            c.notify(NotifyFlags.GENERIC, "del", 1);
        } else if (deadline != 0) {
            d.setExpire(slot, deadline);
            c.signalModifiedKey(1);
            c.notify(NotifyFlags.GENERIC, "expire", 1);
        } else if (StringSetArgs.has(parsed, StringSetArgs.PERSIST) && d.expire(slot) != 0) {
            d.setExpire(slot, 0); // removeExpire: signalled only when there was a TTL to remove
            c.signalModifiedKey(1);
            c.notify(NotifyFlags.GENERIC, "persist", 1);
        }
    }
}
