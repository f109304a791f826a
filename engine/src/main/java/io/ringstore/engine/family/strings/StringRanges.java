package io.ringstore.engine.family.strings;

import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.StringValue;

/**
 * Commands that read or edit part of a string: APPEND, STRLEN, GETRANGE (and its old name SUBSTR)
 * and SETRANGE. Edits leave the value "raw" encoded, as Redis's in-place sds edits do, and keep
 * the key's TTL. A growing edit reserves spare capacity as sds does ({@link StringValue}), so
 * repeated APPENDs cost amortised O(1) per byte. Growth is bounded by proto-max-bulk-len with
 * Redis's error. Runs on the shard thread that owns the key.
 */
final class StringRanges {
    /**
     * Digits of an int-encoded value for GETRANGE, one buffer per shard thread: keeps the read
     * path allocation-free without widening CommandContext.
     */
    private static final ThreadLocal<byte[]> DIGITS = ThreadLocal.withInitial(() -> new byte[24]);

    private StringRanges() {
    }

    /** APPEND key value: creates the key like SET when missing; replies the new length. */
    static void append(CommandContext c) {
        int slot = opAppend(c, 1, 2);
        if (slot < 0) {
            StringStatus.replyError(c, -slot);
        } else {
            c.reply.integer(StringValue.length(c.db(1).dict(), slot));
        }
    }

    /**
     * Appends argument {@code valArg} to the string at {@code keyArg}. A missing key is created
     * with SET's encoding choice; an existing one becomes raw. Returns the slot or a negated
     * {@link StringStatus}.
     */
    static int opAppend(CommandContext c, int keyArg, int valArg) {
        Db db = c.db(keyArg);
        Dict d = db.dict();
        int slot = c.writeKey(db, keyArg);
        int addLen = c.args.len(valArg);
        if (slot < 0) {
            slot = db.insert(c.args.copy(keyArg), c.hash(keyArg), ObjectType.STRING, ObjectType.ENC_RAW, c.now);
            StringValue.store(d, slot, c.args.buf(), c.args.off(valArg), addLen, c.scratchLong());
            c.signalModifiedKey(keyArg);
            c.notify(NotifyFlags.STRING, "append", keyArg);
            return slot;
        }
        if (db.type(slot) != ObjectType.STRING) {
            return -StringStatus.WRONG_TYPE;
        }
        if (exceedsMax(c, StringValue.length(d, slot), addLen)) {
            return -StringStatus.TOO_LARGE;
        }
        if (!StringValue.append(d, slot, c.args.buf(), c.args.off(valArg), addLen)) {
            return -StringStatus.OUT_OF_MEMORY;
        }
        c.signalModifiedKey(keyArg); // even for an empty suffix, as appendCommand
        c.notify(NotifyFlags.STRING, "append", keyArg);
        return slot;
    }

    /** STRLEN key: 0 for a missing key, the length of the text for an int. */
    static void strlen(CommandContext c) {
        Db db = c.db(1);
        int slot = c.readKey(db, 1);
        if (slot < 0) {
            c.reply.raw(Replies.ZERO);
        } else if (db.type(slot) != ObjectType.STRING) {
            c.wrongType();
        } else {
            c.reply.integer(StringValue.length(db.dict(), slot));
        }
    }

    /**
     * GETRANGE key start end (and SUBSTR): both ends inclusive, negative ones count from the end,
     * clamped into the string as getrangeCommand does (so "-100 -50" on a short string yields its
     * first byte). Indexes are parsed before the key is looked up. Allocation-free.
     */
    static void getrange(CommandContext c) {
        if (!c.longOrReply(2)) {
            return;
        }
        long start = c.num;
        if (!c.longOrReply(3)) {
            return;
        }
        long end = c.num;
        Db db = c.db(1);
        int slot = c.readKey(db, 1);
        if (slot < 0) {
            c.reply.raw(Replies.EMPTY_BULK);
            return;
        }
        if (db.type(slot) != ObjectType.STRING) {
            c.wrongType();
            return;
        }
        Dict d = db.dict();
        byte[] text = StringValue.view(d, slot, DIGITS.get());
        int len = StringValue.length(d, slot);
        if (start < 0 && end < 0 && start > end) {
            c.reply.raw(Replies.EMPTY_BULK);
            return;
        }
        if (start < 0) {
            start = len + start;
        }
        if (end < 0) {
            end = len + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (end < 0) {
            end = 0;
        }
        if (end >= len) {
            end = len - 1;
        }
        if (start > end || len == 0) {
            c.reply.raw(Replies.EMPTY_BULK);
        } else {
            c.reply.bulk(text, (int) start, (int) (end - start + 1));
        }
    }

    /** SETRANGE key offset value: replies the length after the write. */
    static void setrange(CommandContext c) {
        if (!c.longOrReply(2)) {
            return;
        }
        long offset = c.num;
        if (offset < 0) {
            c.reply.error(Errors.OFFSET_OUT_OF_RANGE);
            return;
        }
        long[] newLen = c.scratchLong();
        int status = opSetRange(c, 1, offset, 3, newLen);
        if (status != StringStatus.OK) {
            StringStatus.replyError(c, status);
        } else {
            c.reply.integer(newLen[0]);
        }
    }

    /**
     * Writes argument {@code valArg} at {@code offset} of the string at {@code keyArg}, padding
     * with zero bytes, as setrangeCommand: an empty value changes nothing (and creates nothing); a
     * missing key gets an exact array; an existing value is edited in place when the result fits
     * its array and grows greedily otherwise ({@link StringValue#setRange}). Leaves the resulting
     * length in {@code newLen[0]}; returns a {@link StringStatus}.
     */
    static int opSetRange(CommandContext c, int keyArg, long offset, int valArg, long[] newLen) {
        Db db = c.db(keyArg);
        Dict d = db.dict();
        int slot = c.writeKey(db, keyArg);
        int valLen = c.args.len(valArg);
        int oldLen = 0;
        if (slot >= 0) {
            if (db.type(slot) != ObjectType.STRING) {
                return StringStatus.WRONG_TYPE;
            }
            oldLen = StringValue.length(d, slot);
        }
        if (valLen == 0) {
            newLen[0] = oldLen;
            return StringStatus.OK;
        }
        if (exceedsMax(c, offset, valLen)) {
            return StringStatus.TOO_LARGE;
        }
        if (slot < 0) {
            byte[] fresh = allocate((int) (offset + valLen)); // sdsnewlen: a new key's array is exact
            if (fresh == null) {
                return StringStatus.OUT_OF_MEMORY;
            }
            System.arraycopy(c.args.buf(), c.args.off(valArg), fresh, (int) offset, valLen);
            slot = db.insert(c.args.copy(keyArg), c.hash(keyArg), ObjectType.STRING, ObjectType.ENC_RAW, c.now);
            StringValue.storeOwned(d, slot, fresh, ObjectType.ENC_RAW);
        } else if (!StringValue.setRange(d, slot, (int) offset, c.args.buf(), c.args.off(valArg), valLen)) {
            return StringStatus.OUT_OF_MEMORY;
        }
        newLen[0] = StringValue.length(d, slot);
        c.signalModifiedKey(keyArg); // not for an empty value (returned above), as setrangeCommand
        c.notify(NotifyFlags.STRING, "setrange", keyArg);
        return StringStatus.OK;
    }

    /** checkStringLength: whether {@code size + extra} passes proto-max-bulk-len (overflow-safe). */
    private static boolean exceedsMax(CommandContext c, long size, long extra) {
        long max = Math.min(c.engine.options.protoMaxBulkLen.number(), StringValue.MAX_ARRAY);
        return size > max - extra;
    }

    /** A zeroed array, or null when the heap cannot hold it (Redis would be out of memory too). */
    private static byte[] allocate(int n) {
        try {
            return new byte[n];
        } catch (OutOfMemoryError e) {
            return null;
        }
    }
}
