package io.ringstore.engine.family.bitmaps;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.StringValue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * BITCOUNT and BITPOS: ranges in bytes or (BIT) in bits, negative ones counting from the end and
 * clamped into the string as bitcountCommand/bitposCommand do; a bit range is turned into a byte
 * range with masks for the partial edge bytes, exactly as Redis does, so the odd corners (an
 * inverted negative range, BITPOS's zero padding when no end is given) answer the same. Read in
 * place, eight bytes at a time. Runs on the shard thread that owns the key.
 */
final class BitCounts {
    /** Eight bytes as one big-endian long: bit 0 of the string is the long's sign bit. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final byte[] BIT = {'b', 'i', 't'};
    private static final byte[] BYTE = {'b', 'y', 't', 'e'};

    private BitCounts() {
    }

    /** BITCOUNT key [start end [BYTE|BIT]]: the key is looked up before the range is parsed. */
    static void bitcount(CommandContext c) {
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
        Dict d = db.dict();
        byte[] p = StringValue.view(d, slot, BitArgs.digits());
        long strlen = StringValue.length(d, slot);
        int argc = c.args.count();
        long start;
        long end;
        int firstMask = 0;
        int lastMask = 0;
        if (argc == 4 || argc == 5) {
            if (!c.longOrReply(2)) {
                return;
            }
            start = c.num;
            if (!c.longOrReply(3)) {
                return;
            }
            end = c.num;
            if (start < 0 && end < 0 && start > end) {
                c.reply.raw(Replies.ZERO);
                return;
            }
            int unit = argc == 5 ? unit(c, 4) : 0;
            if (unit < 0) {
                return;
            }
            boolean isBit = unit == 1;
            long totlen = isBit ? strlen << 3 : strlen;
            start = clampStart(start, totlen);
            end = clampEnd(end, totlen);
            if (isBit && start <= end) {
                firstMask = ~((1 << (8 - (int) (start & 7))) - 1) & 0xFF;
                lastMask = (1 << (7 - (int) (end & 7))) - 1;
                start >>= 3;
                end >>= 3;
            }
        } else if (argc == 2) {
            start = 0;
            end = strlen - 1;
        } else {
            c.syntaxError();
            return;
        }
        if (start > end) {
            c.reply.raw(Replies.ZERO);
            return;
        }
        long count = popcount(p, (int) start, (int) (end - start + 1));
        count -= Integer.bitCount(p[(int) start] & firstMask) + Integer.bitCount(p[(int) end] & lastMask);
        c.reply.integer(count);
    }

    /**
     * BITPOS key bit [start [end [BYTE|BIT]]]: the bit is checked first, then the key (a missing
     * one is all zeros: 0 for a clear bit, -1 for a set one), then the range. Without an end a
     * clear bit is found past the string's end (zero padding); with one, -1.
     */
    static void bitpos(CommandContext c) {
        if (!c.longOrReply(2)) {
            return;
        }
        if (c.num != 0 && c.num != 1) {
            c.reply.error(Errors.BITPOS_BIT);
            return;
        }
        int bit = (int) c.num;
        Db db = c.db(1);
        int slot = c.readKey(db, 1);
        if (slot < 0) {
            c.reply.raw(bit == 1 ? Replies.MINUS_ONE : Replies.ZERO);
            return;
        }
        if (db.type(slot) != ObjectType.STRING) {
            c.wrongType();
            return;
        }
        Dict d = db.dict();
        byte[] p = StringValue.view(d, slot, BitArgs.digits());
        long strlen = StringValue.length(d, slot);
        int argc = c.args.count();
        long start;
        long end;
        boolean endGiven = false;
        int firstMask = 0;
        int lastMask = 0;
        if (argc >= 4 && argc <= 6) {
            if (!c.longOrReply(3)) {
                return;
            }
            start = c.num;
            int unit = argc == 6 ? unit(c, 5) : 0;
            if (unit < 0) {
                return;
            }
            boolean isBit = unit == 1;
            if (argc >= 5) {
                if (!c.longOrReply(4)) {
                    return;
                }
                end = c.num;
                endGiven = true;
            } else {
                end = isBit ? (strlen << 3) + 7 : strlen - 1;
            }
            long totlen = isBit ? strlen << 3 : strlen;
            start = clampStart(start, totlen);
            end = clampEnd(end, totlen);
            if (isBit && start <= end) {
                firstMask = ~((1 << (8 - (int) (start & 7))) - 1) & 0xFF;
                lastMask = (1 << (7 - (int) (end & 7))) - 1;
                start >>= 3;
                end >>= 3;
            }
        } else if (argc == 3) {
            start = 0;
            end = strlen - 1;
        } else {
            c.syntaxError();
            return;
        }
        if (start > end) {
            c.reply.raw(Replies.MINUS_ONE);
            return;
        }
        c.reply.integer(search(p, (int) start, (int) end, bit, firstMask, lastMask, endGiven));
    }

    /**
     * bitposCommand's search of bytes {@code start..end} with the edge masks: the masked first
     * byte, the whole bytes, then the masked last byte, each stopping early on a find.
     */
    private static long search(byte[] p, int start, int end, int bit, int firstMask, int lastMask, boolean endGiven) {
        long bytes = end - start + 1;
        long pos;
        found:
        {
            if (firstMask != 0) {
                int tmp = bit == 1 ? p[start] & ~firstMask : p[start] | firstMask;
                if (lastMask != 0 && bytes == 1) {
                    tmp = bit == 1 ? tmp & ~lastMask : tmp | lastMask;
                }
                pos = bitpos(tmp, bit);
                if (bytes == 1 || (pos != -1 && pos != 8)) {
                    break found;
                }
                start++;
                bytes--;
            }
            long cur = bytes - (lastMask != 0 ? 1 : 0);
            if (cur > 0) {
                pos = bitpos(p, start, (int) cur, bit);
                if (bytes == cur || (pos != -1 && pos != cur << 3)) {
                    break found;
                }
                start += (int) cur;
                bytes -= cur;
            }
            int tmp = bit == 1 ? p[end] & ~lastMask : p[end] | lastMask;
            pos = bitpos(tmp, bit);
        }
        if (endGiven && bit == 0 && pos == bytes << 3) {
            return -1;
        }
        return pos == -1 ? -1 : pos + ((long) start << 3);
    }

    /** redisBitpos over the one byte {@code b}. */
    private static long bitpos(int b, int bit) {
        b &= 0xFF;
        if (b == (bit == 1 ? 0 : 0xFF)) {
            return bit == 1 ? -1 : 8;
        }
        return Integer.numberOfLeadingZeros(bit == 1 ? b : ~b & 0xFF) - 24;
    }

    /** The BYTE|BIT argument {@code i}: 0 for BYTE, 1 for BIT, -1 after a syntax error. */
    private static int unit(CommandContext c, int i) {
        if (c.argIs(i, BIT)) {
            return 1;
        }
        if (c.argIs(i, BYTE)) {
            return 0;
        }
        c.syntaxError();
        return -1;
    }

    private static long clampStart(long start, long totlen) {
        if (start < 0) {
            start = totlen + start;
        }
        return Math.max(start, 0);
    }

    private static long clampEnd(long end, long totlen) {
        if (end < 0) {
            end = totlen + end;
        }
        if (end < 0) {
            end = 0;
        }
        return end >= totlen ? totlen - 1 : end;
    }

    /** redisPopcount: the set bits of {@code count} bytes from {@code from}. */
    static long popcount(byte[] p, int from, int count) {
        long bits = 0;
        int i = from;
        int end = from + count;
        for (; i + 8 <= end; i += 8) {
            bits += Long.bitCount((long) LONGS.get(p, i));
        }
        for (; i < end; i++) {
            bits += Integer.bitCount(p[i] & 0xFF);
        }
        return bits;
    }

    /**
     * redisBitpos: the position, relative to {@code from}, of the first bit equal to {@code bit}
     * in {@code count} bytes; for a clear bit not found, {@code count * 8} (the string is taken as
     * zero-padded on the right); for a set bit not found, -1.
     */
    static long bitpos(byte[] p, int from, int count, int bit) {
        long skip = bit == 1 ? 0 : -1L;
        int i = from;
        int end = from + count;
        for (; i + 8 <= end; i += 8) {
            long w = (long) LONGS.get(p, i);
            if (w != skip) {
                return ((long) (i - from) << 3) + Long.numberOfLeadingZeros(bit == 1 ? w : ~w);
            }
        }
        for (; i < end; i++) {
            int b = p[i] & 0xFF;
            if (b != (bit == 1 ? 0 : 0xFF)) {
                return ((long) (i - from) << 3) + Integer.numberOfLeadingZeros(bit == 1 ? b : ~b & 0xFF) - 24;
            }
        }
        return bit == 1 ? -1 : (long) count << 3;
    }
}
