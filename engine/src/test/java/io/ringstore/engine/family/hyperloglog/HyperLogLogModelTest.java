package io.ringstore.engine.family.hyperloglog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Randomised checks against a model: 16384 plain registers fed with the elements' hllPatLen, a
 * HashSet of the distinct elements. PFADD replies 1 exactly when a model register rises, the
 * registers (PFDEBUG GETREG of a copy) equal the model's, PFCOUNT stays within six standard errors
 * (1.04 / sqrt(16384)) of the true cardinality, a sparse value and its dense copy count the same,
 * and the union's count equals the merged key's. On one and two shards (the keys spread over both).
 */
class HyperLogLogModelTest extends HyperLogLogEngineTest {
    private static final double RELERR = 1.04 / Math.sqrt(HllLayout.REGISTERS);

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldFollowTheRegisterModelWithinStandardError(int shards) {
        start(shards);
        Random rnd = new Random(20261203L + shards);
        int[][] model = new int[2][HllLayout.REGISTERS];
        List<Set<String>> distinct = List.of(new HashSet<>(), new HashSet<>());
        String[] keys = {"a", "b"};
        for (int round = 0; round < 300; round++) {
            int k = rnd.nextInt(2);
            int n = 1 + rnd.nextInt(round < 100 ? 5 : 200);
            List<String> args = new ArrayList<>(List.of("PFADD", keys[k]));
            boolean rises = round == 0 || distinct.get(k).isEmpty();
            for (int i = 0; i < n; i++) {
                // a mix of repeats and new elements of varied lengths (0 to 40 bytes)
                String ele = rnd.nextInt(4) == 0 ? "r" + rnd.nextInt(50) : randomElement(rnd);
                args.add(ele);
                distinct.get(k).add(ele);
                byte[] b = ele.getBytes(StandardCharsets.ISO_8859_1);
                long pat = MurmurHash64A.patLen(b, 0, b.length);
                int idx = MurmurHash64A.index(pat);
                if (MurmurHash64A.count(pat) > model[k][idx]) {
                    model[k][idx] = MurmurHash64A.count(pat);
                    rises = true;
                }
            }
            assertEquals(rises ? ":1\r\n" : ":0\r\n", call(args.toArray(new String[0])), "round " + round);
            if (round % 25 == 24) {
                for (int j = 0; j < 2; j++) {
                    checkKey(keys[j], model[j], distinct.get(j).size());
                }
                long union = countOf(call("PFCOUNT", "a", "b"));
                assertEquals("+OK\r\n", call("PFMERGE", "u", "a", "b"));
                assertEquals(union, countOf(call("PFCOUNT", "u")));
                Set<String> all = new HashSet<>(distinct.get(0));
                all.addAll(distinct.get(1));
                assertWithinError(all.size(), union);
            }
        }
    }

    /** Registers equal the model's (through a copy: GETREG turns its key dense), counts agree sparse and dense. */
    private void checkKey(String key, int[] model, int cardinality) {
        long count = countOf(call("PFCOUNT", key));
        assertWithinError(cardinality, count);
        assertEquals("+OK\r\n", call("SET", "copy", value(key)));
        assertEquals(count, countOf(call("PFCOUNT", "copy")));
        String encoding = call("PFDEBUG", "ENCODING", key);
        StringBuilder expected = new StringBuilder("*16384\r\n");
        for (int r : model) {
            expected.append(':').append(r).append("\r\n");
        }
        assertEquals(expected.toString(), call("PFDEBUG", "GETREG", "copy"));
        assertEquals("+dense\r\n", call("PFDEBUG", "ENCODING", "copy"));
        assertEquals(encoding, call("PFDEBUG", "ENCODING", key));
    }

    private static void assertWithinError(long cardinality, long estimate) {
        long maxerr = (long) Math.ceil(RELERR * 6 * cardinality) + 1;
        assertTrue(Math.abs(estimate - cardinality) <= maxerr,
                "estimate " + estimate + " for " + cardinality + " elements, allowed error " + maxerr);
    }

    private static long countOf(String reply) {
        assertTrue(reply.startsWith(":"), reply);
        return Long.parseLong(reply.substring(1, reply.length() - 2));
    }

    private static String randomElement(Random rnd) {
        char[] c = new char[rnd.nextInt(41)];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) rnd.nextInt(256);
        }
        return new String(c);
    }

    @Test
    void shouldPromoteASparseValueWhenARegisterPassesThirtyTwo() {
        HllBuffer h = new HllBuffer().wrap(HllLayout.newSparse());
        assertEquals(1, HllSparse.set(h, 5, 3, 3000));
        assertEquals(1, HllSparse.set(h, 16383, 32, 3000));
        assertEquals(0, HllSparse.set(h, 16383, 32, 3000));
        assertEquals(HllLayout.SPARSE, HllLayout.encoding(h.b));
        assertEquals(1, HllSparse.set(h, 100, 33, 3000));
        assertEquals(HllLayout.DENSE, HllLayout.encoding(h.b));
        assertEquals(HllLayout.DENSE_SIZE, h.len);
        for (int i = 0; i < HllLayout.REGISTERS; i++) {
            int expected = i == 5 ? 3 : i == 16383 ? 32 : i == 100 ? 33 : 0;
            assertEquals(expected, HllLayout.get(h.b, i), "register " + i);
        }
        assertTrue(!HllLayout.validCache(h.b), "the cache was invalidated by the sparse edits");
    }

    @Test
    void shouldKeepNeighbouringDenseRegistersIntact() {
        byte[] dense = new byte[HllLayout.DENSE_SIZE];
        Random rnd = new Random(7);
        int[] model = new int[HllLayout.REGISTERS];
        for (int n = 0; n < 200_000; n++) {
            int i = rnd.nextInt(HllLayout.REGISTERS);
            int v = rnd.nextInt(HllLayout.REGISTER_MAX + 1);
            HllLayout.set(dense, i, v);
            model[i] = v;
        }
        for (int i = 0; i < HllLayout.REGISTERS; i++) {
            assertEquals(model[i], HllLayout.get(dense, i), "register " + i);
        }
    }
}
