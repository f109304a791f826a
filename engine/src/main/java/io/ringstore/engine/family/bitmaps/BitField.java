package io.ringstore.engine.family.bitmaps;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.StringValue;

/**
 * BITFIELD key [GET type offset | SET type offset value | INCRBY type offset increment |
 * OVERFLOW WRAP|SAT|FAIL] ... and BITFIELD_RO (GET only), as bitfieldGeneric: the whole line is
 * parsed first (an error replies alone, nothing runs), then the key is looked up (for reading
 * when every operation is a GET, else created or zero-padded up to the farthest bit written), then
 * the operations run in order, one reply element each (null for an INCRBY/SET refused by OVERFLOW
 * FAIL). The key is signalled and "setbit" notified once when some write changed a value or the
 * string was created or grew. Runs on the shard thread that owns the key.
 */
final class BitField {
    static final int GET = 0;
    static final int SET = 1;
    static final int INCRBY = 2;
    static final int WRAP = 0;
    static final int SAT = 1;
    static final int FAIL = 2;
    private static final byte[] GET_NAME = {'g', 'e', 't'};
    private static final byte[] SET_NAME = {'s', 'e', 't'};
    private static final byte[] INCRBY_NAME = {'i', 'n', 'c', 'r', 'b', 'y'};
    private static final byte[] OVERFLOW_NAME = {'o', 'v', 'e', 'r', 'f', 'l', 'o', 'w'};
    private static final byte[][] OVERFLOWS = {{'w', 'r', 'a', 'p'}, {'s', 'a', 't'}, {'f', 'a', 'i', 'l'}};

    private BitField() {
    }

    static void bitfield(CommandContext c, boolean readOnlyCommand) {
        int argc = c.args.count();
        int cap = (argc - 2) / 3 + 1;
        int[] opcode = new int[cap];
        int[] bits = new int[cap]; // negative: signed
        int[] overflow = new int[cap];
        long[] offset = new long[cap];
        long[] value = new long[cap];
        int n = 0;
        int ow = WRAP;
        boolean readonly = true;
        long highest = 0;
        for (int j = 2; j < argc; j++) {
            int rem = argc - j - 1;
            int code;
            if (c.argIs(j, GET_NAME) && rem >= 2) {
                code = GET;
            } else if (c.argIs(j, SET_NAME) && rem >= 3) {
                code = SET;
            } else if (c.argIs(j, INCRBY_NAME) && rem >= 3) {
                code = INCRBY;
            } else if (c.argIs(j, OVERFLOW_NAME) && rem >= 1) {
                j++;
                ow = 0;
                while (ow < OVERFLOWS.length && !c.argIs(j, OVERFLOWS[ow])) {
                    ow++;
                }
                if (ow == OVERFLOWS.length) {
                    c.reply.error(Errors.BITFIELD_OVERFLOW);
                    return;
                }
                continue;
            } else {
                c.syntaxError();
                return;
            }
            int type = BitArgs.type(c, j + 1);
            if (type == 0) {
                return;
            }
            int width = Math.abs(type);
            long at = BitArgs.offset(c, j + 2, width);
            if (at < 0) {
                return;
            }
            long v = 0;
            if (code != GET) {
                readonly = false;
                highest = Math.max(highest, at + width - 1);
                if (!c.longOrReply(j + 3)) {
                    return;
                }
                v = c.num;
            }
            opcode[n] = code;
            bits[n] = type;
            overflow[n] = ow;
            offset[n] = at;
            value[n] = v;
            n++;
            j += code == GET ? 2 : 3;
        }
        Db db = c.db(1);
        Dict d = db.dict();
        int slot;
        boolean dirty = false;
        if (readonly) {
            slot = c.readKey(db, 1);
            if (slot >= 0 && db.type(slot) != ObjectType.STRING) {
                c.wrongType();
                return;
            }
        } else {
            if (readOnlyCommand) {
                c.reply.error(Errors.BITFIELD_RO_GET);
                return;
            }
            long found = BitArgs.stringForBits(c, 1, highest);
            if (found < 0) {
                return;
            }
            slot = BitArgs.slot(found);
            dirty = BitArgs.dirty(found);
        }
        c.reply.array(n);
        int changes = 0;
        for (int k = 0; k < n; k++) {
            if (opcode[k] == GET) {
                long got = 0;
                if (slot >= 0) {
                    byte[] p = StringValue.view(d, slot, BitArgs.digits());
                    got = get(p, StringValue.length(d, slot), offset[k], bits[k]);
                }
                c.reply.integer(got);
                continue;
            }
            byte[] p = StringValue.view(d, slot, null); // raw after stringForBits, long enough
            int width = Math.abs(bits[k]);
            long old = get(p, p.length, offset[k], bits[k]);
            long incr = opcode[k] == INCRBY ? value[k] : 0;
            long base = opcode[k] == INCRBY ? old : value[k];
            long[] limit = c.scratchLong();
            int over = bits[k] < 0
                    ? checkSigned(base, incr, width, overflow[k], limit)
                    : checkUnsigned(base, incr, width, overflow[k], limit);
            if (over != 0 && overflow[k] == FAIL) {
                c.reply.nullBulk();
                continue;
            }
            long fresh = over != 0 ? limit[0] : base + incr;
            c.reply.integer(opcode[k] == INCRBY ? fresh : old);
            set(p, offset[k], width, fresh);
            if (dirty || old != fresh) {
                changes++;
            }
        }
        if (changes > 0) {
            c.signalModifiedKey(1);
            c.notify(NotifyFlags.STRING, "setbit", 1);
        }
    }

    /**
     * get(Un)signedBitfield: {@code |type|} bits from bit {@code offset}, bits past {@code len}
     * bytes reading as zero; sign-extended when {@code type} is negative.
     */
    static long get(byte[] p, long len, long offset, int type) {
        int width = Math.abs(type);
        long v = 0;
        for (int j = 0; j < width; j++, offset++) {
            long at = offset >>> 3;
            int bit = at < len ? (p[(int) at] >> (7 - (int) (offset & 7))) & 1 : 0;
            v = (v << 1) | bit;
        }
        if (type < 0 && width < 64 && (v & (1L << (width - 1))) != 0) {
            v |= -1L << width;
        }
        return v;
    }

    /** setUnsignedBitfield: the low {@code width} bits of {@code v} at bit {@code offset}. */
    static void set(byte[] p, long offset, int width, long v) {
        for (int j = 0; j < width; j++, offset++) {
            int at = (int) (offset >>> 3);
            int mask = 1 << (7 - (int) (offset & 7));
            boolean on = (v & (1L << (width - 1 - j))) != 0;
            p[at] = (byte) (on ? p[at] | mask : p[at] & ~mask);
        }
    }

    /**
     * checkUnsignedBitfieldOverflow: 0 when {@code value + incr} fits {@code width} unsigned bits
     * ({@code value} read as unsigned), else 1 (over) or -1 (under), with the WRAP or SAT result
     * in {@code limit[0]}.
     */
    static int checkUnsigned(long value, long incr, int width, int ow, long[] limit) {
        long max = width == 64 ? -1L : (1L << width) - 1;
        long maxIncr = max - value;
        long minIncr = -value;
        if (Long.compareUnsigned(value, max) > 0 || (incr > 0 && incr > maxIncr)) {
            if (ow == WRAP) {
                limit[0] = wrapUnsigned(value, incr, width);
            } else if (ow == SAT) {
                limit[0] = max;
            }
            return 1;
        }
        if (incr < 0 && incr < minIncr) {
            if (ow == WRAP) {
                limit[0] = wrapUnsigned(value, incr, width);
            } else if (ow == SAT) {
                limit[0] = 0;
            }
            return -1;
        }
        return 0;
    }

    private static long wrapUnsigned(long value, long incr, int width) {
        return (value + incr) & ~(-1L << width);
    }

    /**
     * checkSignedBitfieldOverflow: 0 when {@code value + incr} fits {@code width} signed bits,
     * else 1 (over) or -1 (under), with the WRAP or SAT result in {@code limit[0]}.
     */
    static int checkSigned(long value, long incr, int width, int ow, long[] limit) {
        long max = width == 64 ? Long.MAX_VALUE : (1L << (width - 1)) - 1;
        long min = -max - 1;
        long maxIncr = max - value; // may wrap, as in Redis; read only once value is in range
        long minIncr = min - value;
        if (value > max || (width != 64 && incr > maxIncr) || (value >= 0 && incr > 0 && incr > maxIncr)) {
            if (ow == WRAP) {
                limit[0] = wrapSigned(value, incr, width);
            } else if (ow == SAT) {
                limit[0] = max;
            }
            return 1;
        }
        if (value < min || (width != 64 && incr < minIncr) || (value < 0 && incr < 0 && incr < minIncr)) {
            if (ow == WRAP) {
                limit[0] = wrapSigned(value, incr, width);
            } else if (ow == SAT) {
                limit[0] = min;
            }
            return -1;
        }
        return 0;
    }

    private static long wrapSigned(long value, long incr, int width) {
        long c = value + incr;
        if (width < 64) {
            long mask = -1L << width;
            c = (c & (1L << (width - 1))) != 0 ? c | mask : c & ~mask;
        }
        return c;
    }
}
