package io.ringstore.engine.family;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.StringValue;

/**
 * String commands (Redis's t_string.c). Each handler parses, runs its shard op against the key's
 * database, and writes the reply. Runs on the shard thread that owns the key.
 */
public final class StringFamily {
    private static final byte[] NX = Replies.b("nx");
    private static final byte[] XX = Replies.b("xx");
    private static final byte[] GET = Replies.b("get");
    private static final byte[] EX = Replies.b("ex");
    private static final byte[] PX = Replies.b("px");
    private static final byte[] EXAT = Replies.b("exat");
    private static final byte[] PXAT = Replies.b("pxat");
    private static final byte[] KEEPTTL = Replies.b("keepttl");

    static final int SET_NX = 1;
    static final int SET_XX = 2;
    static final int SET_GET = 4;
    static final int SET_KEEPTTL = 8;
    static final int SET_EXPIRE = 16;

    private StringFamily() {
    }

    public static void register(CommandTable t) {
        t.group("string");
        t.add("get", 2, "readonly fast", 1, 1, 1, StringFamily::get);
        t.add("set", -3, "write denyoom", 1, 1, 1, StringFamily::set);
        t.add("setnx", 3, "write denyoom fast", 1, 1, 1, StringFamily::setnx);
        t.add("setex", 4, "write denyoom", 1, 1, 1, c -> setWithExpire(c, ExpireArgs.UNIT_SECONDS, "setex"));
        t.add("psetex", 4, "write denyoom", 1, 1, 1, c -> setWithExpire(c, ExpireArgs.UNIT_MS, "psetex"));
    }

    static void get(CommandContext c) {
        Db db = c.db(1);
        int slot = c.readKey(db, 1);
        if (slot < 0) {
            c.reply.nullBulk();
        } else if (db.type(slot) != ObjectType.STRING) {
            c.wrongType();
        } else {
            StringValue.reply(c.reply, db.dict(), slot);
        }
    }

    /**
     * SET key value [NX|XX] [GET] [EX s|PX ms|EXAT ts|PXAT ms|KEEPTTL], t_string.c's
     * parseExtendedStringArgumentsOrReply + setGenericCommand.
     */
    static void set(CommandContext c) {
        int flags = 0;
        int expireArg = 0;
        int unit = ExpireArgs.UNIT_SECONDS;
        boolean absolute = false;
        int argc = c.args.count();
        for (int i = 3; i < argc; i++) {
            boolean hasNext = i + 1 < argc;
            if (c.argIs(i, NX) && (flags & SET_XX) == 0) {
                flags |= SET_NX;
            } else if (c.argIs(i, XX) && (flags & SET_NX) == 0) {
                flags |= SET_XX;
            } else if (c.argIs(i, GET)) {
                flags |= SET_GET;
            } else if (c.argIs(i, KEEPTTL) && (flags & SET_EXPIRE) == 0) {
                flags |= SET_KEEPTTL;
            } else if (hasNext && (flags & (SET_KEEPTTL | SET_EXPIRE)) == 0
                    && (c.argIs(i, EX) || c.argIs(i, PX) || c.argIs(i, EXAT) || c.argIs(i, PXAT))) {
                flags |= SET_EXPIRE;
                unit = c.argIs(i, EX) || c.argIs(i, EXAT) ? ExpireArgs.UNIT_SECONDS : ExpireArgs.UNIT_MS;
                absolute = c.argIs(i, EXAT) || c.argIs(i, PXAT);
                expireArg = ++i; // validated after the whole line parses, as Redis does
            } else {
                c.syntaxError();
                return;
            }
        }
        long deadline = 0;
        if (expireArg > 0) {
            deadline = ExpireArgs.deadline(c, expireArg, unit, absolute, "set");
            if (deadline == Long.MIN_VALUE) {
                return;
            }
        }
        opSet(c, 1, 2, flags, deadline);
    }

    /**
     * The set shard op and its reply: honours NX/XX/GET/KEEPTTL, stores the value with Redis's
     * encoding, sets or clears the deadline.
     */
    static void opSet(CommandContext c, int keyArg, int valArg, int flags, long deadline) {
        Db db = c.db(keyArg);
        int slot = c.writeKey(db, keyArg);
        if ((flags & SET_GET) != 0) {
            if (slot >= 0 && db.type(slot) != ObjectType.STRING) {
                c.wrongType();
                return;
            }
            if (slot < 0) {
                c.reply.nullBulk();
            } else {
                StringValue.reply(c.reply, db.dict(), slot);
            }
        }
        if (((flags & SET_NX) != 0 && slot >= 0) || ((flags & SET_XX) != 0 && slot < 0)) {
            if ((flags & SET_GET) == 0) {
                c.reply.nullBulk();
            }
            return;
        }
        Dict d = db.dict();
        if (slot < 0) {
            slot = db.insert(c.args.copy(keyArg), c.hash(keyArg), ObjectType.STRING, ObjectType.ENC_RAW, c.now);
        } else if (db.type(slot) != ObjectType.STRING) {
            d.setValue(slot, null); // overwrite of another type: drop it so the byte[] reuse path is not taken
        }
        StringValue.store(d, slot, c.args.buf(), c.args.off(valArg), c.args.len(valArg), c.scratchLong());
        if ((flags & SET_KEEPTTL) == 0) {
            d.setExpire(slot, deadline);
        }
        if ((flags & SET_GET) == 0) {
            c.reply.ok();
        }
    }

    static void setnx(CommandContext c) {
        Db db = c.db(1);
        int slot = c.writeKey(db, 1);
        if (slot >= 0) {
            c.reply.raw(Replies.ZERO);
            return;
        }
        slot = db.insert(c.args.copy(1), c.hash(1), ObjectType.STRING, ObjectType.ENC_RAW, c.now);
        StringValue.store(db.dict(), slot, c.args.buf(), c.args.off(2), c.args.len(2), c.scratchLong());
        c.reply.raw(Replies.ONE);
    }

    static void setWithExpire(CommandContext c, int unit, String name) {
        long deadline = ExpireArgs.deadline(c, 2, unit, false, name);
        if (deadline == Long.MIN_VALUE) {
            return;
        }
        opSet(c, 1, 3, 0, deadline);
    }
}
