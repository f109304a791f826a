package io.ringstore.transport.diff;

import java.util.List;

import static io.ringstore.transport.diff.Normalizer.EXACT;
import static io.ringstore.transport.diff.Normalizer.PAIRS_SORTED;
import static io.ringstore.transport.diff.Normalizer.SCAN;
import static io.ringstore.transport.diff.Normalizer.SHAPE;
import static io.ringstore.transport.diff.Normalizer.SORTED;

/**
 * Recipes of the hash family (Redis 7.0's t_hash.c). Hashes on the shared keys stay small (a few
 * fields, values of at most 64 bytes), so they stay "listpack" and field order is compared
 * exactly. One dedicated key, {@link #BIG}, is made "hashtable" (a 100-byte value, sometimes 520
 * fields) and read only by the "(big hash)" recipes, whose replies are compared order-insensitively:
 * a hashtable's order is its hash order, which Ringstore does not reproduce. HRANDFIELD picks are
 * random, so only their shape (counts and nesting) is compared.
 */
final class HashRecipes {
    static final String FAMILY = "hashes";
    static final String BIG = "{t}bighash";

    private HashRecipes() {
    }

    static void addTo(List<Recipe> r) {
        r.add(new Recipe("hset", FAMILY, 6, EXACT, g -> pairs(g, "HSET")));
        r.add(new Recipe("hmset", FAMILY, 2, EXACT, g -> pairs(g, "HMSET")));
        r.add(new Recipe("hsetnx", FAMILY, 2, EXACT, g -> g.add("HSETNX").add(g.key()).add(field(g)).add(value(g))));
        r.add(new Recipe("hget", FAMILY, 3, EXACT, g -> g.add("HGET").add(g.key()).add(field(g))));
        r.add(new Recipe("hmget", FAMILY, 2, EXACT, g -> fields(g, "HMGET")));
        r.add(new Recipe("hdel", FAMILY, 3, EXACT, g -> fields(g, "HDEL")));
        r.add(new Recipe("hlen", FAMILY, 2, EXACT, g -> g.add("HLEN").add(g.key())));
        r.add(new Recipe("hstrlen", FAMILY, 2, EXACT, g -> g.add("HSTRLEN").add(g.key()).add(field(g))));
        r.add(new Recipe("hexists", FAMILY, 2, EXACT, g -> g.add("HEXISTS").add(g.key()).add(field(g))));
        r.add(new Recipe("hkeys", FAMILY, 2, EXACT, g -> g.add("HKEYS").add(g.key())));
        r.add(new Recipe("hvals", FAMILY, 2, EXACT, g -> g.add("HVALS").add(g.key())));
        r.add(new Recipe("hgetall", FAMILY, 3, EXACT, g -> g.add("HGETALL").add(g.key())));
        r.add(new Recipe("hincrby", FAMILY, 3, EXACT, g -> g.add("HINCRBY").add(g.key()).add(field(g))
                .add(g.chance(0.8) ? Integer.toString(g.between(-5, 5)) : g.integer())));
        r.add(new Recipe("hincrbyfloat", FAMILY, 3, EXACT, g -> g.add("HINCRBYFLOAT").add(g.key()).add(field(g))
                .add(g.pick("1.5", "-0.25", "10", "3e2", "-7", "0.1", "abc", "inf", "-inf", "nan", "", "1e5000"))));
        r.add(new Recipe("hrandfield", FAMILY, 3, SHAPE, HashRecipes::hrandfield));
        r.add(new Recipe("hscan", FAMILY, 2, EXACT, HashRecipes::hscan));
        r.add(new Recipe("(big hash) hset", FAMILY, 1, EXACT, HashRecipes::bigSet));
        r.add(new Recipe("(big hash) hgetall", FAMILY, 1, PAIRS_SORTED, g -> g.add("HGETALL", BIG)));
        r.add(new Recipe("(big hash) hkeys", FAMILY, 1, SORTED, g -> g.add(g.pick("HKEYS", "HVALS"), BIG)));
        r.add(new Recipe("(big hash) hscan", FAMILY, 1, SCAN, g -> g.add("HSCAN", BIG, "0", "COUNT", "100000")));
        r.add(new Recipe("(big hash) hdel", FAMILY, 1, EXACT, g -> g.add("HDEL", BIG).add(field(g))));
    }

    /** A field: mostly one of a few names (so commands meet each other), sometimes any value. */
    private static String field(ArgGen g) {
        return g.chance(0.9) ? g.pick("f1", "f2", "f3", "a", "n", "") : g.pick("x", "hello world", "ключ", "\r\n");
    }

    /** A value of at most 64 bytes, so the shared keys stay listpack. */
    private static byte[] value(ArgGen g) {
        while (true) {
            byte[] v = g.value();
            if (v.length <= 64) {
                return v;
            }
        }
    }

    private static void pairs(ArgGen g, String name) {
        g.add(name).add(g.key());
        int n = g.between(1, 3);
        for (int i = 0; i < n; i++) {
            g.add(field(g)).add(value(g));
        }
    }

    private static void fields(ArgGen g, String name) {
        g.add(name).add(g.key());
        int n = g.between(1, 3);
        for (int i = 0; i < n; i++) {
            g.add(field(g));
        }
    }

    /**
     * HRANDFIELD key [count [WITHVALUES]], count mostly small of either sign, sometimes malformed or
     * past WITHVALUES' +-LONG_MAX/2 guard. Never a huge negative count that passes the guards: the
     * reference would try to build the reply (and dies trying, as seen with -4611686018427387903).
     */
    private static void hrandfield(ArgGen g) {
        g.add("HRANDFIELD").add(g.key());
        if (g.chance(0.7)) {
            if (g.chance(0.05)) {
                // -4611686018427387904 passes the guards only without WITHVALUES: then the reference
                // builds a reply of 2^62 fields; so it always comes with WITHVALUES (an error)
                g.add("-4611686018427387904", "WITHVALUES");
                return;
            }
            g.add(g.chance(0.85) ? Integer.toString(g.between(-5, 8)) : g.pick(g.integer(), "-9223372036854775808",
                    "4611686018427387904"));
            if (g.chance(0.5)) {
                g.add(g.pick("WITHVALUES", "withvalues", "junk"));
            }
        }
    }

    /** HSCAN key cursor [MATCH p] [COUNT n]: small hashes answer whole with cursor 0. */
    private static void hscan(ArgGen g) {
        g.add("HSCAN").add(g.key()).add(g.chance(0.9) ? "0" : g.pick("x", "-1", "12"));
        if (g.chance(0.4)) {
            g.add(g.pick("MATCH", "match"), g.pick("f*", "*", "a", "[fa]*", "?"));
        }
        if (g.chance(0.4)) {
            g.add(g.pick("COUNT", "count"), g.chance(0.8) ? Integer.toString(g.between(1, 5)) : g.integer());
        }
        if (g.chance(0.05)) {
            g.add(g.pick("TYPE", "junk"));
        }
    }

    /** Makes BIG a hashtable: a 100-byte value, or now and then 520 fields. */
    private static void bigSet(ArgGen g) {
        g.add("HSET", BIG);
        if (g.chance(0.1)) {
            for (int i = 0; i < 520; i++) {
                g.add("b" + i, Integer.toString(i));
            }
        } else {
            g.add(field(g), "y".repeat(100));
            g.add(field(g)).add(value(g));
        }
    }
}
