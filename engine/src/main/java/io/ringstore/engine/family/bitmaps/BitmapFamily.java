package io.ringstore.engine.family.bitmaps;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.StringValue;

/**
 * Bitmap commands (Redis's bitops.c): the command rows, and SETBIT/GETBIT themselves. Bitmaps are
 * string values ({@link StringValue}): GET returns their bytes, bit 0 is the most significant bit
 * of the first byte. Counting and searching live in {@link BitCounts}, BITOP in {@link BitOp},
 * BITFIELD in {@link BitField}, the shared argument parsing and the write lookup in
 * {@link BitArgs}. Runs on the shard thread that owns the key (BITOP over keys of several shards
 * at a barrier, on shard 0).
 */
public final class BitmapFamily {
    private static final String PER_SUBCOMMAND = "O(1) for each subcommand specified";

    private BitmapFamily() {
    }

    public static void register(CommandTable t) {
        t.group("bitmap");
        t.add("setbit", 4, "write denyoom", 1, 1, 1, BitmapFamily::setbit)
                .doc("2.2.0", "Sets or clears the bit at offset in the string value stored at key", "O(1)");
        t.add("getbit", 3, "readonly fast", 1, 1, 1, BitmapFamily::getbit)
                .doc("2.2.0", "Returns the bit value at offset in the string value stored at key", "O(1)");
        t.add("bitcount", -2, "readonly", 1, 1, 1, BitCounts::bitcount)
                .doc("2.6.0", "Count set bits in a string", "O(N)");
        t.add("bitpos", -3, "readonly", 1, 1, 1, BitCounts::bitpos)
                .doc("2.8.7", "Find first bit set or clear in a string", "O(N)");
        t.add("bitop", -4, "write denyoom", 2, -1, 1, BitOp::bitop)
                .doc("2.6.0", "Perform bitwise operations between strings", "O(N)");
        t.add("bitfield", -2, "write denyoom", 1, 1, 1, c -> BitField.bitfield(c, false))
                .doc("3.2.0", "Perform arbitrary bitfield integer operations on strings", PER_SUBCOMMAND);
        t.add("bitfield_ro", -2, "readonly fast", 1, 1, 1, c -> BitField.bitfield(c, true))
                .doc("6.0.0", "Perform arbitrary bitfield integer operations on strings. Read-only variant of BITFIELD",
                        PER_SUBCOMMAND);
    }

    /**
     * SETBIT key offset value: replies the bit's old value. The offset is checked before the
     * value, both before the key. The string is created or zero-padded to reach the bit, and
     * becomes raw even when nothing changes (dbUnshareStringValue); the key is signalled and
     * "setbit" notified only when it was created, grew, or the bit flipped (Redis 7.0).
     */
    static void setbit(CommandContext c) {
        long offset = BitArgs.offset(c, 2, 0);
        if (offset < 0) {
            return;
        }
        if (!c.parseLong(3) || (c.num & ~1L) != 0) {
            c.reply.error(Errors.BIT_VALUE);
            return;
        }
        boolean on = c.num == 1;
        long found = BitArgs.stringForBits(c, 1, offset);
        if (found < 0) {
            return;
        }
        Db db = c.db(1);
        int slot = BitArgs.slot(found);
        byte[] b = StringValue.view(db.dict(), slot, null);
        int at = (int) (offset >>> 3);
        int mask = 1 << (7 - (int) (offset & 7));
        boolean was = (b[at] & mask) != 0;
        if (BitArgs.dirty(found) || was != on) {
            b[at] = (byte) (on ? b[at] | mask : b[at] & ~mask);
            c.signalModifiedKey(1);
            c.notify(NotifyFlags.STRING, "setbit", 1);
        }
        c.reply.raw(was ? Replies.ONE : Replies.ZERO);
    }

    /** GETBIT key offset: 0 past the end and for a missing key; an int reads its digits. */
    static void getbit(CommandContext c) {
        long offset = BitArgs.offset(c, 2, 0);
        if (offset < 0) {
            return;
        }
        Db db = c.db(1);
        int slot = c.readKey(db, 1);
        if (slot < 0) {
            c.reply.raw(Replies.ZERO);
            return;
        }
        if (db.type(slot) != ObjectType.STRING) {
            c.wrongType();
            return;
        }
        byte[] b = StringValue.view(db.dict(), slot, BitArgs.digits());
        long at = offset >>> 3;
        boolean set = at < StringValue.length(db.dict(), slot) && (b[(int) at] & (1 << (7 - (int) (offset & 7)))) != 0;
        c.reply.raw(set ? Replies.ONE : Replies.ZERO);
    }
}
