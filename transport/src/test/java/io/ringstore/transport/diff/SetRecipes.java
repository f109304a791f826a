package io.ringstore.transport.diff;

import java.util.List;

import static io.ringstore.transport.diff.Normalizer.EXACT;
import static io.ringstore.transport.diff.Normalizer.SCAN;
import static io.ringstore.transport.diff.Normalizer.SHAPE;
import static io.ringstore.transport.diff.Normalizer.SORTED;

/**
 * Recipes of the set family (Redis 7.0.15's t_set.c). Members are mostly small integers (so sets
 * stay "intset" for a while and OBJECT ENCODING is exercised) or short words (which convert them
 * to "hashtable"). Replies in hash order (SMEMBERS, SINTER, SUNION, SDIFF, SSCAN) are compared
 * sorted. Random picks cannot match two servers: SRANDMEMBER compares shape only, and SPOP is
 * generated only where its outcome is determined (a count of at least any set's size, 0, or
 * invalid), because a random pop would make the two keyspaces differ from then on.
 */
final class SetRecipes {
    static final String FAMILY = "sets";

    private SetRecipes() {
    }

    static void addTo(List<Recipe> r) {
        r.add(new Recipe("sadd", FAMILY, 8, EXACT, g -> members(g.add("SADD").add(g.key()), 1, 5)));
        r.add(new Recipe("srem", FAMILY, 3, EXACT, g -> members(g.add("SREM").add(g.key()), 1, 3)));
        r.add(new Recipe("scard", FAMILY, 2, EXACT, g -> g.add("SCARD").add(g.key())));
        r.add(new Recipe("sismember", FAMILY, 2, EXACT, g -> g.add("SISMEMBER").add(g.key()).add(member(g))));
        r.add(new Recipe("smismember", FAMILY, 2, EXACT, g -> members(g.add("SMISMEMBER").add(g.key()), 1, 3)));
        r.add(new Recipe("smembers", FAMILY, 3, SORTED, g -> g.add("SMEMBERS").add(g.key())));
        r.add(new Recipe("srandmember", FAMILY, 2, SHAPE, g -> {
            g.add("SRANDMEMBER").add(g.key());
            if (g.chance(0.7)) {
                g.add(g.chance(0.8) ? Integer.toString(g.between(-4, 4)) : g.pick("1000", "-0", "abc",
                        "-9223372036854775808", "9223372036854775807"));
            }
        }));
        r.add(new Recipe("spop", FAMILY, 2, SORTED, g -> {
            g.add("SPOP").add(g.key());
            g.add(g.pick("1000", "0", "-1", "abc", "1.5"));
        }));
        r.add(new Recipe("smove", FAMILY, 3, EXACT, g -> {
            g.add("SMOVE");
            g.keys(2).forEach(g::add);
            g.add(member(g));
        }));
        r.add(new Recipe("sinter", FAMILY, 2, SORTED, g -> keys(g.add("SINTER"))));
        r.add(new Recipe("sintercard", FAMILY, 2, EXACT, SetRecipes::sintercard));
        r.add(new Recipe("sinterstore", FAMILY, 2, EXACT, g -> keys(g.add("SINTERSTORE").add(g.key()))));
        r.add(new Recipe("sunion", FAMILY, 2, SORTED, g -> keys(g.add("SUNION"))));
        r.add(new Recipe("sunionstore", FAMILY, 2, EXACT, g -> keys(g.add("SUNIONSTORE").add(g.key()))));
        r.add(new Recipe("sdiff", FAMILY, 2, SORTED, g -> keys(g.add("SDIFF"))));
        r.add(new Recipe("sdiffstore", FAMILY, 2, EXACT, g -> keys(g.add("SDIFFSTORE").add(g.key()))));
        r.add(new Recipe("sscan", FAMILY, 2, SCAN, SetRecipes::sscan));
    }

    /** A member: mostly a small integer (intset), sometimes a word or any value. */
    private static byte[] member(ArgGen g) {
        int r = g.between(0, 9);
        if (r < 6) {
            return ArgGen.b(Integer.toString(g.between(-5, 12)));
        }
        return r < 9 ? ArgGen.b(g.pick("a", "b", "c", "hello", "")) : g.value();
    }

    private static void members(ArgGen g, int lo, int hi) {
        int n = g.between(lo, hi);
        for (int i = 0; i < n; i++) {
            g.add(member(g));
        }
    }

    private static void keys(ArgGen g) {
        g.keys(g.between(1, 3)).forEach(g::add);
    }

    /** SINTERCARD numkeys key... [LIMIT n], sometimes with a malformed numkeys or option. */
    private static void sintercard(ArgGen g) {
        int n = g.between(1, 3);
        g.add("SINTERCARD");
        g.add(g.chance(0.9) ? Integer.toString(n) : g.pick("0", "-1", "abc", "5"));
        g.keys(n).forEach(g::add);
        if (g.chance(0.4)) {
            g.add(g.pick("LIMIT", "limit", "LIMITS"), g.chance(0.8) ? Integer.toString(g.between(0, 4))
                    : g.pick("-1", "abc"));
        }
    }

    /** SSCAN key 0 [MATCH p] COUNT 1000: one call covers a small set (see the SCAN recipe). */
    private static void sscan(ArgGen g) {
        g.add("SSCAN").add(g.key()).add(g.chance(0.9) ? "0" : g.pick("abc", "18446744073709551616")); // not "-1": strtoul wraps it to a real cursor into hash order
        if (g.chance(0.3)) {
            g.add("MATCH", g.pick("*", "1*", "a*", "?", "h[a-z]llo"));
        }
        if (g.chance(0.05)) {
            g.add(g.pick("TYPE", "COUNT"), g.pick("set", "0"));
        }
        g.add("COUNT", "1000");
    }
}
