package io.ringstore.engine.store;

import io.ringstore.engine.reply.ReplyBuffer;
import io.ringstore.engine.util.Numbers;

import java.util.Arrays;

/**
 * How a string value sits in a {@link Dict} slot, with Redis's encodings. Shard-thread only, like
 * the dict.
 *
 * <pre>
 *   encoding   value (Object)                      num (long)
 *   int        null                                the integer
 *   embstr     byte[] of exactly the length        0
 *   raw        byte[] = text + spare capacity      spare byte count (0 when exact)
 *
 *   raw value: | text: length bytes | spare: num bytes, all zero |
 *              0                    length                       value.length
 * </pre>
 *
 * <p>A raw string grows as Redis's sds does (sdsMakeRoomFor, greedy): when APPEND or a growing
 * SETRANGE needs more room than the spare, the new array is twice the needed length, or the needed
 * length plus {@link #MAX_PREALLOC} beyond that, so repeated appends copy each byte a constant
 * number of times on average. {@code num} counts the spare rather than the length so that an
 * exact array with num 0 is a valid value of every non-int encoding: code that moves a whole
 * entry (RENAME, MOVE, SWAPDB) or stores an exact array needs to know nothing about capacity.
 *
 * <p>Every reader goes through this class: {@link #length}, {@link #reply}, {@link #view} (in
 * place, read path), {@link #toLong}, {@link #bytes} and {@link #copy} (exact-length arrays), so
 * no caller sees the spare bytes; every writer too ({@link #store}, {@link #append},
 * {@link #setRange}, ...), which keeps the spare zeroed.
 */
public final class StringValue {
    /** SDS_MAX_PREALLOC: growth doubles up to this length, then adds this much. */
    public static final int MAX_PREALLOC = 1024 * 1024;
    /** Longest array the JVM allocates. */
    public static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private StringValue() {
    }

    /**
     * Stores bytes copied from {@code src} with Redis's tryObjectEncoding choice: int when the text
     * is a canonical long of at most 20 chars, else embstr/raw by length. The array is exact (a
     * same-size old array is overwritten in place). Keeps type STRING and the LRU.
     */
    public static void store(Dict d, int slot, byte[] src, int off, int len, long[] scratch) {
        int meta = d.meta(slot);
        if (len <= 20 && Numbers.parseLong(src, off, len, scratch)) {
            d.setValue(slot, null);
            d.setNum(slot, scratch[0]);
            d.setMeta(slot, ObjectType.meta(ObjectType.STRING, ObjectType.ENC_INT, ObjectType.lru(meta)));
            return;
        }
        Object old = d.value(slot);
        byte[] b;
        if (old instanceof byte[] && ((byte[]) old).length == len && ObjectType.type(meta) == ObjectType.STRING) {
            b = (byte[]) old; // same size: overwrite in place, no allocation
        } else {
            b = new byte[len];
        }
        System.arraycopy(src, off, b, 0, len);
        d.setValue(slot, b);
        d.setNum(slot, 0);
        int enc = len <= ObjectType.EMBSTR_LIMIT ? ObjectType.ENC_EMBSTR : ObjectType.ENC_RAW;
        d.setMeta(slot, ObjectType.meta(ObjectType.STRING, enc, ObjectType.lru(meta)));
    }

    /** Stores an integer value (INCR family): "int" encoding, no bytes. */
    public static void storeLong(Dict d, int slot, long v) {
        d.setValue(slot, null);
        d.setNum(slot, v);
        d.setMeta(slot, ObjectType.meta(ObjectType.STRING, ObjectType.ENC_INT, ObjectType.lru(d.meta(slot))));
    }

    /** Stores an exact-length array the caller hands over, with an explicit encoding (INCRBYFLOAT). */
    public static void storeOwned(Dict d, int slot, byte[] owned, int encoding) {
        d.setValue(slot, owned);
        d.setNum(slot, 0);
        d.setMeta(slot, ObjectType.meta(ObjectType.STRING, encoding, ObjectType.lru(d.meta(slot))));
    }

    /**
     * appendCommand's edit of an existing string: adds {@code n} bytes of {@code src} at the end,
     * in the spare capacity when they fit, else in a greedily grown array. The value becomes raw.
     * The caller has checked the type and proto-max-bulk-len. Returns false, with the value
     * unchanged, when the heap cannot hold the grown array.
     */
    public static boolean append(Dict d, int slot, byte[] src, int off, int n) {
        int len = length(d, slot);
        byte[] b = room(d, slot, len, len + n);
        if (b == null) {
            return false;
        }
        System.arraycopy(src, off, b, len, n);
        setRaw(d, slot, b, len + n);
        return true;
    }

    /**
     * setrangeCommand's edit of an existing string: writes {@code n} bytes of {@code src} at
     * {@code offset}, zero-filling any gap past the current end (sdsgrowzero), in place when the
     * result fits the array. The value becomes raw. The caller has checked the type, that n > 0 and
     * that {@code offset + n} passes proto-max-bulk-len. Returns false, with the value unchanged,
     * when the heap cannot hold the grown array.
     */
    public static boolean setRange(Dict d, int slot, int offset, byte[] src, int off, int n) {
        int len = length(d, slot);
        int end = offset + n;
        byte[] b = room(d, slot, len, Math.max(end, len));
        if (b == null) {
            return false;
        }
        if (offset > len) {
            Arrays.fill(b, len, offset, (byte) 0); // spare is zero already; cheap and certain
        }
        System.arraycopy(src, off, b, offset, n);
        setRaw(d, slot, b, Math.max(end, len));
        return true;
    }

    /**
     * lookupStringForBitCommand's edit of an existing string (dbUnshareStringValue, then
     * sdsgrowzero): the value becomes raw and at least {@code needed} bytes long, zero-padded,
     * growing greedily as sds does. Returns the array to edit in place (its first {@link #length}
     * bytes are the value; edit only those), or null, with the value unchanged, when the heap
     * cannot hold it. The caller has checked the type and proto-max-bulk-len.
     */
    public static byte[] growZero(Dict d, int slot, int needed) {
        int len = length(d, slot);
        int target = Math.max(len, needed);
        byte[] b = room(d, slot, len, target);
        if (b != null) {
            setRaw(d, slot, b, target);
        }
        return b;
    }

    /**
     * Stores {@code b} as the raw value of {@code len} bytes, for an editor that manages an sds-like
     * array itself (HyperLogLog's sparse opcodes grow and shrink in place). The bytes of {@code b}
     * past {@code len} must be zero.
     */
    public static void storeRaw(Dict d, int slot, byte[] b, int len) {
        setRaw(d, slot, b, len);
    }

    public static boolean isInt(Dict d, int slot) {
        return ObjectType.encoding(d.meta(slot)) == ObjectType.ENC_INT;
    }

    public static int length(Dict d, int slot) {
        if (isInt(d, slot)) {
            return Numbers.longLength(d.num(slot));
        }
        return ((byte[]) d.value(slot)).length - (int) d.num(slot);
    }

    /** Writes the value as a bulk string reply without allocating. */
    public static void reply(ReplyBuffer r, Dict d, int slot) {
        if (isInt(d, slot)) {
            r.bulkLong(d.num(slot));
        } else {
            r.bulk((byte[]) d.value(slot), 0, length(d, slot));
        }
    }

    /**
     * getLongLongFromObject: the value as a strict 64-bit integer in {@code out[0]} (the slot's
     * number for int encoding; otherwise the text parsed in place, so an appended "raw" run of
     * digits counts). False when it is not one. Allocation-free.
     */
    public static boolean toLong(Dict d, int slot, long[] out) {
        if (isInt(d, slot)) {
            out[0] = d.num(slot);
            return true;
        }
        return Numbers.parseLong((byte[]) d.value(slot), 0, length(d, slot), out);
    }

    /**
     * The bytes to read in place, for the read path (GETRANGE, INCR's parse): the stored array,
     * whose first {@link #length} bytes are the value (do not modify it, do not keep it past the
     * command), or for int encoding the digits written into {@code digits} (at least 20 bytes).
     */
    public static byte[] view(Dict d, int slot, byte[] digits) {
        if (isInt(d, slot)) {
            Numbers.writeLong(digits, 0, d.num(slot));
            return digits;
        }
        return (byte[]) d.value(slot);
    }

    /**
     * The value's bytes as an exact-length array: a new one for int encoding or spare capacity,
     * else the stored array itself (do not modify it).
     */
    public static byte[] bytes(Dict d, int slot) {
        if (isInt(d, slot)) {
            return Numbers.toBytes(d.num(slot));
        }
        byte[] b = (byte[]) d.value(slot);
        return d.num(slot) == 0 ? b : Arrays.copyOf(b, length(d, slot));
    }

    /**
     * The exact-length bytes of a string entry handed to a {@link Dict.Visitor} (whose slot may be
     * in the table being drained, so the dict's slot accessors do not apply): a new array for int
     * encoding or spare capacity, else the stored array (do not modify it). For snapshots and
     * DEBUG DIGEST.
     */
    public static byte[] bytesAt(Object table, int slot) {
        int meta = Dict.metaAt(table, slot);
        long num = Dict.numAt(table, slot);
        if (ObjectType.encoding(meta) == ObjectType.ENC_INT) {
            return Numbers.toBytes(num);
        }
        byte[] b = (byte[]) Dict.valueAt(table, slot);
        return num == 0 ? b : Arrays.copyOf(b, b.length - (int) num);
    }

    /** A private exact-length copy of the value's bytes (digits for int encoding). */
    public static byte[] copy(Dict d, int slot) {
        if (isInt(d, slot)) {
            return Numbers.toBytes(d.num(slot));
        }
        return Arrays.copyOf((byte[]) d.value(slot), length(d, slot));
    }

    /**
     * Gives the string at {@code slot} its own exact-length bytes, for COPY, which first stores
     * the source's value object: as dupStringObject, the copy has no spare capacity. Int encoding
     * has no bytes and is left alone.
     */
    public static void unshare(Dict d, int slot) {
        if (!isInt(d, slot)) {
            d.setValue(slot, copy(d, slot));
            d.setNum(slot, 0);
        }
    }

    /**
     * sdsMakeRoomFor's greedy rule: the capacity to allocate for a string that must hold
     * {@code needed} bytes: twice that below {@link #MAX_PREALLOC}, else {@link #MAX_PREALLOC} more,
     * never more than the JVM allocates.
     */
    public static int capacityFor(int needed) {
        long cap = needed < MAX_PREALLOC ? 2L * needed : (long) needed + MAX_PREALLOC;
        return (int) Math.max(needed, Math.min(cap, MAX_ARRAY));
    }

    /**
     * An array that holds the current {@code len} bytes of the value at its start and has room for
     * {@code needed} bytes: the stored array when it is raw-capable and large enough, else a new
     * one (the current bytes copied in; greedy capacity when growing, exact when not, as
     * dbUnshareStringValue then sdsgrowzero). Null when the heap cannot hold it.
     */
    private static byte[] room(Dict d, int slot, int len, int needed) {
        if (!isInt(d, slot)) {
            byte[] b = (byte[]) d.value(slot);
            if (needed <= b.length) {
                return b;
            }
        }
        byte[] grown = allocate(needed > len ? capacityFor(needed) : needed, needed);
        if (grown != null) {
            if (isInt(d, slot)) {
                Numbers.writeLong(grown, 0, d.num(slot));
            } else {
                System.arraycopy((byte[]) d.value(slot), 0, grown, 0, len);
            }
        }
        return grown;
    }

    /** A zeroed array of {@code capacity} bytes, else of {@code needed}, else null (heap full). */
    private static byte[] allocate(int capacity, int needed) {
        try {
            return new byte[capacity];
        } catch (OutOfMemoryError e) {
            if (capacity == needed) {
                return null;
            }
        }
        try {
            return new byte[needed];
        } catch (OutOfMemoryError e) {
            return null;
        }
    }

    private static void setRaw(Dict d, int slot, byte[] b, int len) {
        d.setValue(slot, b);
        d.setNum(slot, b.length - len);
        d.setMeta(slot, ObjectType.meta(ObjectType.STRING, ObjectType.ENC_RAW, ObjectType.lru(d.meta(slot))));
    }
}
