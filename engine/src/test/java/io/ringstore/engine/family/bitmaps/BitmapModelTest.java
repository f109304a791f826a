package io.ringstore.engine.family.bitmaps;

import io.ringstore.engine.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * BITCOUNT, BITPOS and BITOP on random strings against a simple model: a {@link BitSet} over the
 * same bytes (bit i = bit {@code 7 - i % 8} of byte {@code i / 8}, as Redis numbers them), with
 * Redis's range rules applied to whole bit positions rather than to bytes and edge masks. Keys are
 * spread over the shards, so on two shards BITOP reads and writes across them at a barrier.
 */
class BitmapModelTest extends BitmapEngineTest {
    private static final int KEYS = 5;

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldMatchTheBitSetModel(int shards) {
        start(shards);
        Random rnd = new Random(13L * shards + 7);
        String[] keys = new String[KEYS];
        for (int k = 0; k < KEYS; k++) {
            keys[k] = Fixtures.keyOnShard(e, "bm" + k + "-", k % shards);
        }
        byte[][] values = new byte[KEYS][];
        for (int round = 0; round < 300; round++) {
            int k = rnd.nextInt(KEYS);
            values[k] = store(keys[k], rnd);
            for (int q = 0; q < 10; q++) {
                int j = rnd.nextInt(KEYS);
                checkBitcount(keys[j], values[j], rnd);
                checkBitpos(keys[j], values[j], rnd);
            }
            checkBitop(keys, values, rnd);
        }
    }

    /** Writes random bytes (or nothing: a missing key) with one BITFIELD, or deletes the key. */
    private byte[] store(String key, Random rnd) {
        call("DEL", key);
        if (rnd.nextInt(8) == 0) {
            return null;
        }
        byte[] v = new byte[rnd.nextInt(12)];
        for (int i = 0; i < v.length; i++) {
            int kind = rnd.nextInt(4);
            v[i] = (byte) (kind == 0 ? 0 : kind == 1 ? 0xFF : rnd.nextInt(256));
        }
        if (v.length == 0) {
            call("SET", key, "");
            return v;
        }
        List<String> args = new ArrayList<>(List.of("BITFIELD", key));
        for (int i = 0; i < v.length; i++) {
            args.addAll(List.of("SET", "u8", "#" + i, Integer.toString(v[i] & 0xFF)));
        }
        call(args.toArray(new String[0]));
        assertEquals(bulk(v), call("GET", key));
        return v;
    }

    private void checkBitcount(String key, byte[] v, Random rnd) {
        List<String> args = new ArrayList<>(List.of("BITCOUNT", key));
        long expected;
        if (v == null) {
            expected = 0;
        } else {
            BitSet bits = bits(v);
            long[] range = {0, v.length * 8L - 1};
            if (rnd.nextBoolean()) {
                long start = index(rnd);
                long end = index(rnd);
                int unit = rnd.nextInt(3);
                args.addAll(List.of(Long.toString(start), Long.toString(end)));
                if (unit > 0) {
                    args.add(unit == 1 ? "BYTE" : "BIT");
                }
                range = start < 0 && end < 0 && start > end ? null : range(start, end, unit == 2, v.length);
            }
            expected = range == null || range[0] > range[1] ? 0 : bits.get((int) range[0], (int) range[1] + 1).cardinality();
        }
        assertEquals(":" + expected + "\r\n", call(args.toArray(new String[0])), args.toString());
    }

    private void checkBitpos(String key, byte[] v, Random rnd) {
        int bit = rnd.nextInt(2);
        List<String> args = new ArrayList<>(List.of("BITPOS", key, Integer.toString(bit)));
        long expected;
        if (v == null) {
            expected = bit == 1 ? -1 : 0;
        } else {
            BitSet bits = bits(v);
            long[] range = {0, v.length * 8L - 1};
            boolean endGiven = false;
            int form = rnd.nextInt(4); // whole, start, start end, start end unit
            if (form > 0) {
                long start = index(rnd);
                args.add(Long.toString(start));
                boolean isBit = false;
                long end = Long.MAX_VALUE;
                if (form > 1) {
                    end = index(rnd);
                    args.add(Long.toString(end));
                    endGiven = true;
                }
                if (form > 2) {
                    isBit = rnd.nextBoolean();
                    args.add(isBit ? "BIT" : "BYTE");
                }
                range = range(start, end, isBit, v.length);
            }
            if (range[0] > range[1]) {
                expected = -1;
            } else {
                int from = (int) range[0];
                int found = bit == 1 ? bits.nextSetBit(from) : bits.nextClearBit(from);
                if (found >= 0 && found <= range[1]) {
                    expected = found;
                } else {
                    expected = bit == 1 || endGiven ? -1 : v.length * 8L;
                }
            }
        }
        assertEquals(":" + expected + "\r\n", call(args.toArray(new String[0])), args.toString());
    }

    private void checkBitop(String[] keys, byte[][] values, Random rnd) {
        String[] ops = {"AND", "OR", "XOR", "NOT"};
        String op = ops[rnd.nextInt(ops.length)];
        int n = op.equals("NOT") ? 1 : 1 + rnd.nextInt(KEYS);
        int dest = rnd.nextInt(KEYS);
        List<String> args = new ArrayList<>(List.of("BITOP", op, keys[dest]));
        byte[][] src = new byte[n][];
        int max = 0;
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(KEYS);
            args.add(keys[k]);
            src[i] = values[k] == null ? new byte[0] : values[k];
            max = Math.max(max, src[i].length);
        }
        BitSet out = bits(src[0]);
        if (op.equals("NOT")) {
            out.flip(0, max * 8);
        }
        for (int i = 1; i < n; i++) {
            BitSet b = bits(src[i]);
            if (op.equals("AND")) {
                out.and(b);
            } else if (op.equals("OR")) {
                out.or(b);
            } else {
                out.xor(b);
            }
        }
        assertEquals(":" + max + "\r\n", call(args.toArray(new String[0])), args.toString());
        if (max == 0) {
            assertEquals(":0\r\n", call("EXISTS", keys[dest]));
            values[dest] = null;
            return;
        }
        byte[] expected = bytes(out, max);
        assertEquals(bulk(expected), call("GET", keys[dest]), args.toString());
        values[dest] = expected;
    }

    /**
     * Redis's range rules on whole bits: negative indexes count from the end, then both are
     * clamped into the string; an end of {@code Long.MAX_VALUE} means "to the end". Byte indexes
     * cover their eight bits. Returns {first bit, last bit}; first > last when empty.
     */
    private static long[] range(long start, long end, boolean isBit, int length) {
        long total = isBit ? length * 8L : length;
        if (start < 0) {
            start += total;
        }
        if (end < 0) {
            end += total;
        }
        start = Math.max(start, 0);
        end = Math.min(Math.max(end, 0), total - 1);
        if (start > end) {
            return new long[] {1, 0};
        }
        return isBit ? new long[] {start, end} : new long[] {start * 8, end * 8 + 7};
    }

    private static long index(Random rnd) {
        return rnd.nextInt(10) == 0 ? (rnd.nextBoolean() ? 1L : -1L) * rnd.nextInt(1000) : rnd.nextInt(41) - 20;
    }

    private static BitSet bits(byte[] v) {
        BitSet b = new BitSet();
        for (int i = 0; i < v.length * 8; i++) {
            if ((v[i / 8] & (0x80 >> (i % 8))) != 0) {
                b.set(i);
            }
        }
        return b;
    }

    private static byte[] bytes(BitSet b, int length) {
        byte[] v = new byte[length];
        for (int i = b.nextSetBit(0); i >= 0 && i < length * 8; i = b.nextSetBit(i + 1)) {
            v[i / 8] |= (byte) (0x80 >> (i % 8));
        }
        return v;
    }

    private static String bulk(byte[] v) {
        return "$" + v.length + "\r\n" + new String(v, StandardCharsets.ISO_8859_1) + "\r\n";
    }
}
