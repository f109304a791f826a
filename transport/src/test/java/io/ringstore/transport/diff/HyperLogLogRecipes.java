package io.ringstore.transport.diff;

import java.util.List;

import static io.ringstore.transport.diff.Normalizer.EXACT;

/**
 * Recipes of the HyperLogLog family (Redis's hyperloglog.c). Elements come from a small pool, so
 * repeats are common and a key stays sparse for a while; now and then a PFADD of many elements
 * grows it past hll-sparse-max-bytes into the dense form. The other families' writers (APPEND,
 * SETRANGE, SETBIT, SET) reach the same keys, so corrupt and non-HLL strings get generated too,
 * and the end-of-run snapshot compares every HLL's bytes. PFSELFTEST is left out (a second or more
 * per call on both servers); the engine tests run it.
 */
final class HyperLogLogRecipes {
    static final String FAMILY = "hyperloglog";

    private HyperLogLogRecipes() {
    }

    static void addTo(List<Recipe> r) {
        r.add(new Recipe("pfadd", FAMILY, 6, EXACT, HyperLogLogRecipes::pfadd));
        r.add(new Recipe("pfcount", FAMILY, 4, EXACT, g -> keys(g.add("PFCOUNT"), 1 + g.rnd.nextInt(3))));
        r.add(new Recipe("pfmerge", FAMILY, 3, EXACT, g -> keys(g.add("PFMERGE"), 1 + g.rnd.nextInt(4))));
        r.add(new Recipe("pfdebug", FAMILY, 2, EXACT, g -> g.add("PFDEBUG")
                .add(g.chance(0.95) ? g.pick("ENCODING", "DECODE", "TODENSE", "encoding", "GETREG") : g.pick("NOPE", ""))
                .add(g.key())));
    }

    /** PFADD key [element ...]: mostly a few pool elements, sometimes none, sometimes hundreds. */
    private static void pfadd(ArgGen g) {
        g.add("PFADD").add(g.key());
        int n = g.chance(0.1) ? 0 : g.chance(0.85) ? 1 + g.rnd.nextInt(4) : 100 + g.rnd.nextInt(900);
        for (int i = 0; i < n; i++) {
            if (g.chance(0.95)) {
                g.add("e" + g.rnd.nextInt(n > 10 ? 5000 : 300));
            } else {
                g.add(g.value());
            }
        }
    }

    /** n keys, half the time of one hash-tag group (one shard), else from anywhere (a barrier). */
    private static ArgGen keys(ArgGen g, int n) {
        for (byte[] k : g.keys(n)) {
            g.add(k);
        }
        return g;
    }
}
