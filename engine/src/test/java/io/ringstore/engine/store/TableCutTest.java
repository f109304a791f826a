package io.ringstore.engine.store;

import io.ringstore.engine.util.ByteHash;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The BGSAVE cut against a model: a dict is cut, then random writes (inserts that grow the table
 * and start rehashes, removals with long backward shifts, in-place changes of the value objects,
 * shrinks, clear) interleave with background steps. Whatever the interleaving, the entries the
 * cut writes must be exactly the dict as it was at the cut: every key once, with the value it had
 * then. Run with the real hash and with a weak one that makes long probe runs.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TableCutTest {

    /** Collects what the cuts write: key -> value text at the time it was written. */
    private static final class Collector implements TableCut.Sink {
        final Map<String, String> written = new HashMap<>();
        final List<TableCut> cuts = new ArrayList<>();
        int finished;
        String duplicate;

        @Override
        public void add(TableCut cut) {
            cuts.add(cut);
        }

        @Override
        public void entry(int db, Object table, int slot) {
            String k = new String(Dict.keyAt(table, slot), StandardCharsets.UTF_8);
            byte[] v = (byte[]) Dict.valueAt(table, slot);
            if (written.put(k, new String(v, StandardCharsets.UTF_8)) != null && duplicate == null) {
                duplicate = k;
            }
        }

        @Override
        public void finished(TableCut cut) {
            finished++;
        }

        boolean done() {
            return cuts.stream().allMatch(TableCut::finished);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void cutWritesExactlyTheDictAsItWasAtTheCut(int seed) {
        run(seed, k -> ByteHash.hash(k, 0, k.length));
    }

    @ParameterizedTest
    @ValueSource(ints = {11, 12, 13})
    void cutSurvivesLongProbeRuns(int seed) {
        run(seed, k -> (k.length * 31 + k[k.length - 1]) & 0x3F); // few distinct homes: long runs
    }

    private static void run(int seed, ToIntFunction<byte[]> h) {
        Random rnd = new Random(seed);
        Dict d = new Dict();
        Map<String, String> model = new HashMap<>();
        int keys = 200 + rnd.nextInt(3000);
        for (int i = 0; i < keys; i++) {
            put(d, model, h, "k" + rnd.nextInt(keys * 2), "v" + i);
        }
        if (rnd.nextBoolean()) {
            // cut in the middle of a growth rehash: both tables hold entries
            for (int i = 0; !d.rehashing() && i < 100_000; i++) {
                put(d, model, h, "g" + i, "g");
            }
            assertTrue(d.rehashing());
        }
        Map<String, String> atCut = new HashMap<>(model);
        Collector c = new Collector();
        assertEquals(atCut.size(), d.beginCut(c, 0));
        int ops = 0;
        while (!c.done()) {
            int op = rnd.nextInt(100);
            if (op < 30) {
                put(d, model, h, "k" + rnd.nextInt(keys * 3), "w" + ops);
            } else if (op < 55) {
                remove(d, model, h, "k" + rnd.nextInt(keys * 2));
            } else if (op < 80) {
                mutateInPlace(d, model, h, "k" + rnd.nextInt(keys * 2));
            } else if (op < 83) {
                d.rehashStep(1 + rnd.nextInt(64));
            } else if (op < 84) {
                d.maybeShrink();
            } else if (op == 84 && rnd.nextInt(20) == 0) {
                d.clear();
                model.clear();
            } else {
                for (TableCut cut : c.cuts) {
                    if (!cut.finished()) {
                        cut.step(1 + rnd.nextInt(4));
                        break;
                    }
                }
            }
            ops++;
        }
        assertNull(c.duplicate, "a key was written twice");
        assertEquals(atCut, c.written, "seed " + seed + " after " + ops + " operations");
        assertEquals(c.cuts.size(), c.finished);
        // the live dict is the model and no longer calls back
        assertEquals(model.size(), d.size());
        for (Map.Entry<String, String> e : model.entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
            int slot = d.find(k, 0, k.length, h.applyAsInt(k));
            assertTrue(slot >= 0, e.getKey());
            assertEquals(e.getValue(), new String((byte[]) d.value(slot), StandardCharsets.UTF_8));
        }
        int before = c.written.size();
        put(d, model, h, "after-the-cut", "x");
        assertEquals(before, c.written.size());
        assertFalse(c.written.containsKey("after-the-cut"));
    }

    private static void put(Dict d, Map<String, String> model, ToIntFunction<byte[]> h, String key, String value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int hash = h.applyAsInt(k);
        int slot = d.find(k, 0, k.length, hash);
        if (slot < 0) {
            slot = d.insert(k, hash);
        }
        d.setValue(slot, value.getBytes(StandardCharsets.UTF_8)); // a new object: the old one is untouched
        model.put(key, value);
    }

    private static void remove(Dict d, Map<String, String> model, ToIntFunction<byte[]> h, String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int slot = d.find(k, 0, k.length, h.applyAsInt(k));
        if (slot >= 0) {
            d.removeAt(slot);
            model.remove(key);
        }
    }

    /** Overwrites the value's bytes in place, as APPEND into spare capacity or LPUSH do. */
    private static void mutateInPlace(Dict d, Map<String, String> model, ToIntFunction<byte[]> h, String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int slot = d.find(k, 0, k.length, h.applyAsInt(k));
        if (slot >= 0) {
            byte[] v = (byte[]) d.value(slot);
            java.util.Arrays.fill(v, (byte) 'Z');
            model.put(key, new String(v, StandardCharsets.UTF_8));
        }
    }
}
