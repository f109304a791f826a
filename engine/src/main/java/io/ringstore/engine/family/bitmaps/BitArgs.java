package io.ringstore.engine.family.bitmaps;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.StringValue;
import io.ringstore.engine.util.Numbers;

/**
 * What the bit commands share: bit offset parsing (getBitOffsetFromArgument), BITFIELD's type
 * parsing (getBitfieldTypeFromArgument) and the write lookup that creates or zero-pads the string
 * (lookupStringForBitCommand). Stateless but for one digits buffer per shard thread.
 */
final class BitArgs {
    /** Digits of an int-encoded value for the read path, one buffer per shard thread. */
    private static final ThreadLocal<byte[]> DIGITS = ThreadLocal.withInitial(() -> new byte[24]);
    private static final long DIRTY = 1L << 32;

    private BitArgs() {
    }

    static byte[] digits() {
        return DIGITS.get();
    }

    /**
     * getBitOffsetFromArgument: argument {@code i} as a bit offset, or -1 after replying "bit
     * offset is not an integer or out of range". With {@code bits > 0} (BITFIELD) a "#n" offset
     * means n times bits. The byte it falls in must be below proto-max-bulk-len.
     */
    static long offset(CommandContext c, int i, int bits) {
        byte[] buf = c.args.buf();
        int off = c.args.off(i);
        int len = c.args.len(i);
        int hash = bits > 0 && len > 0 && buf[off] == '#' ? 1 : 0;
        long[] out = c.scratchLong();
        if (!Numbers.parseLong(buf, off + hash, len - hash, out)) {
            c.reply.error(Errors.BIT_OFFSET);
            return -1;
        }
        long offset = hash == 1 ? out[0] * bits : out[0];
        if (offset < 0 || (offset >> 3) >= maxBytes(c)) {
            c.reply.error(Errors.BIT_OFFSET);
            return -1;
        }
        return offset;
    }

    /**
     * proto-max-bulk-len, kept below what the JVM allocates (with room for BITFIELD's widest
     * field past the last offset).
     */
    private static long maxBytes(CommandContext c) {
        return Math.min(c.engine.options.protoMaxBulkLen.number(), StringValue.MAX_ARRAY - 16);
    }

    /**
     * getBitfieldTypeFromArgument: "i1".."i64" or "u1".."u63" (lower-case sign), as
     * {@code bits} for unsigned and {@code -bits} for signed; 0 after replying the type error.
     */
    static int type(CommandContext c, int i) {
        byte[] buf = c.args.buf();
        int off = c.args.off(i);
        int len = c.args.len(i);
        if (len == 0 || (buf[off] != 'i' && buf[off] != 'u')) {
            c.reply.error(Errors.BITFIELD_TYPE);
            return 0;
        }
        boolean signed = buf[off] == 'i';
        long[] out = c.scratchLong();
        if (!Numbers.parseLong(buf, off + 1, len - 1, out) || out[0] < 1 || out[0] > (signed ? 64 : 63)) {
            c.reply.error(Errors.BITFIELD_TYPE);
            return 0;
        }
        return signed ? -(int) out[0] : (int) out[0];
    }

    /**
     * lookupStringForBitCommand: the string at key argument {@code keyArg}, made raw and long
     * enough to hold bit {@code maxBit}: a missing key is created with an exact zeroed array, an
     * existing one zero-padded as sdsgrowzero. Returns the slot, with {@link #dirty} telling
     * whether the key was created or grew, or -1 after replying WRONGTYPE (or OOM when the heap
     * cannot hold it).
     */
    static long stringForBits(CommandContext c, int keyArg, long maxBit) {
        Db db = c.db(keyArg);
        Dict d = db.dict();
        int needed = (int) (maxBit >>> 3) + 1;
        int slot = c.writeKey(db, keyArg);
        if (slot < 0) {
            byte[] fresh;
            try {
                fresh = new byte[needed];
            } catch (OutOfMemoryError e) {
                c.reply.error(Errors.OOM);
                return -1;
            }
            slot = db.insert(c.args.copy(keyArg), c.hash(keyArg), ObjectType.STRING, ObjectType.ENC_RAW, c.now);
            StringValue.storeOwned(d, slot, fresh, ObjectType.ENC_RAW);
            return slot | DIRTY;
        }
        if (db.type(slot) != ObjectType.STRING) {
            c.wrongType();
            return -1;
        }
        int oldLen = StringValue.length(d, slot);
        if (StringValue.growZero(d, slot, needed) == null) {
            c.reply.error(Errors.OOM);
            return -1;
        }
        return needed > oldLen ? slot | DIRTY : slot;
    }

    static int slot(long found) {
        return (int) found;
    }

    static boolean dirty(long found) {
        return (found & DIRTY) != 0;
    }
}
