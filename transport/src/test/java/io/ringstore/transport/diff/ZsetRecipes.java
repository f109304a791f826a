package io.ringstore.transport.diff;

import java.util.List;

import static io.ringstore.transport.diff.Normalizer.EXACT;
import static io.ringstore.transport.diff.Normalizer.SCAN;
import static io.ringstore.transport.diff.Normalizer.SHAPE;

/**
 * Recipes of the sorted set family (Redis 7.0.15's t_zset.c). Members come from a small pool so
 * commands meet each other; scores are mostly small integers (ties, so member order matters) with
 * edge cases: inf, -inf, -0, fractions, malformed text, NaN-producing increments. Range bounds
 * cover "(" exclusive, inf, empty and malformed scores, and "[", "(", "-", "+" lex items.
 * Keys of the universe stay "listpack" (at most a few dozen short members); one dedicated key,
 * {@link #BIG}, is made "skiplist" with 150+ members whose scores grow with their names, so a lex
 * range over it is well defined (over members of mixed scores Redis's skiplist answer depends on
 * its random levels). ZRANDMEMBER is compared by shape, ZSCAN as a scan.
 */
final class ZsetRecipes {
    static final String FAMILY = "zsets";
    static final String BIG = "{t}bigzset";

    private ZsetRecipes() {
    }

    static void addTo(List<Recipe> r) {
        r.add(new Recipe("zadd", FAMILY, 10, EXACT, ZsetRecipes::zadd));
        r.add(new Recipe("zincrby", FAMILY, 3, EXACT, g -> g.add("ZINCRBY").add(g.key()).add(score(g)).add(member(g))));
        r.add(new Recipe("zrem", FAMILY, 3, EXACT, g -> members(g.add("ZREM").add(g.key()), 1, 3)));
        r.add(new Recipe("zcard", FAMILY, 2, EXACT, g -> g.add("ZCARD").add(g.key())));
        r.add(new Recipe("zscore", FAMILY, 2, EXACT, g -> g.add("ZSCORE").add(g.key()).add(member(g))));
        r.add(new Recipe("zmscore", FAMILY, 2, EXACT, g -> members(g.add("ZMSCORE").add(g.key()), 1, 3)));
        r.add(new Recipe("zrank", FAMILY, 2, EXACT, g -> g.add("ZRANK").add(g.key()).add(member(g))));
        r.add(new Recipe("zrevrank", FAMILY, 2, EXACT, g -> g.add("ZREVRANK").add(g.key()).add(member(g))));
        r.add(new Recipe("zcount", FAMILY, 2, EXACT, g -> g.add("ZCOUNT").add(g.key()).add(bound(g), bound(g))));
        r.add(new Recipe("zlexcount", FAMILY, 2, EXACT, g -> g.add("ZLEXCOUNT").add(g.key()).add(lex(g), lex(g))));
        r.add(new Recipe("zrange", FAMILY, 5, EXACT, g -> zrange(g.add("ZRANGE").add(g.key()), true)));
        r.add(new Recipe("zrangestore", FAMILY, 2, EXACT, g -> zrange(g.add("ZRANGESTORE").add(g.key()).add(g.key()), false)));
        r.add(new Recipe("zrevrange", FAMILY, 2, EXACT, g -> rank(g.add("ZREVRANGE").add(g.key()))));
        r.add(new Recipe("zrangebyscore", FAMILY, 2, EXACT, g -> byScore(g.add("ZRANGEBYSCORE").add(g.key()))));
        r.add(new Recipe("zrevrangebyscore", FAMILY, 2, EXACT, g -> byScore(g.add("ZREVRANGEBYSCORE").add(g.key()))));
        r.add(new Recipe("zrangebylex", FAMILY, 2, EXACT, g -> byLex(g.add("ZRANGEBYLEX").add(g.key()))));
        r.add(new Recipe("zrevrangebylex", FAMILY, 2, EXACT, g -> byLex(g.add("ZREVRANGEBYLEX").add(g.key()))));
        r.add(new Recipe("zremrangebyrank", FAMILY, 1, EXACT,
                g -> g.add("ZREMRANGEBYRANK").add(g.key()).add(index(g), index(g))));
        r.add(new Recipe("zremrangebyscore", FAMILY, 1, EXACT,
                g -> g.add("ZREMRANGEBYSCORE").add(g.key()).add(bound(g), bound(g))));
        r.add(new Recipe("zremrangebylex", FAMILY, 1, EXACT, g -> g.add("ZREMRANGEBYLEX").add(g.key()).add(lex(g), lex(g))));
        r.add(new Recipe("zpopmin", FAMILY, 2, EXACT, g -> pop(g.add("ZPOPMIN").add(g.key()))));
        r.add(new Recipe("zpopmax", FAMILY, 2, EXACT, g -> pop(g.add("ZPOPMAX").add(g.key()))));
        r.add(new Recipe("zmpop", FAMILY, 2, EXACT, ZsetRecipes::zmpop));
        r.add(new Recipe("zrandmember", FAMILY, 2, SHAPE, ZsetRecipes::zrandmember));
        r.add(new Recipe("zunion", FAMILY, 2, EXACT, g -> algebra(g.add("ZUNION"), true, true)));
        r.add(new Recipe("zinter", FAMILY, 2, EXACT, g -> algebra(g.add("ZINTER"), true, true)));
        r.add(new Recipe("zdiff", FAMILY, 2, EXACT, g -> algebra(g.add("ZDIFF"), false, true)));
        r.add(new Recipe("zunionstore", FAMILY, 2, EXACT, g -> algebra(g.add("ZUNIONSTORE").add(g.key()), true, false)));
        r.add(new Recipe("zinterstore", FAMILY, 2, EXACT, g -> algebra(g.add("ZINTERSTORE").add(g.key()), true, false)));
        r.add(new Recipe("zdiffstore", FAMILY, 2, EXACT, g -> algebra(g.add("ZDIFFSTORE").add(g.key()), false, false)));
        r.add(new Recipe("zintercard", FAMILY, 2, EXACT, ZsetRecipes::zintercard));
        r.add(new Recipe("zscan", FAMILY, 2, SCAN, ZsetRecipes::zscan));
        r.add(new Recipe("(big zset) zadd", FAMILY, 2, EXACT, ZsetRecipes::bigAdd));
        r.add(new Recipe("(big zset) zrange", FAMILY, 1, EXACT, g -> zrange(g.add("ZRANGE").add(BIG), true)));
        r.add(new Recipe("(big zset) zrank", FAMILY, 1, EXACT,
                g -> g.add(g.pick("ZRANK", "ZREVRANK", "ZSCORE"), BIG, bigMember(g))));
        r.add(new Recipe("(big zset) zcount", FAMILY, 1, EXACT, g -> g.add(g.pick("ZCOUNT", "ZLEXCOUNT"), BIG)
                .add(g.chance(0.5) ? new String[] {bigBound(g), bigBound(g)} : new String[] {lex(g), lex(g)})));
        r.add(new Recipe("(big zset) zrem", FAMILY, 1, EXACT, g -> g.add(g.pick("ZREM", "ZREM", "ZPOPMIN", "ZPOPMAX"), BIG)
                .add(g.chance(0.5) ? bigMember(g) : "2")));
        r.add(new Recipe("(big zset) zscan", FAMILY, 1, SCAN, g -> g.add("ZSCAN", BIG, "0", "COUNT", "100000")));
        r.add(new Recipe("(big zset) zremrange", FAMILY, 1, EXACT, g -> g.add("ZREMRANGEBYRANK", BIG,
                Integer.toString(g.between(-160, 160)), Integer.toString(g.between(-160, 160)))));
    }

    /** A member: mostly one of a few short names, sometimes any value of at most 64 bytes. */
    static byte[] member(ArgGen g) {
        if (g.chance(0.9)) {
            return ArgGen.b(g.pick("a", "b", "c", "d", "e", "", "1", "2", "aa", "ab", "B", "é"));
        }
        while (true) {
            byte[] v = g.value();
            if (v.length <= 64) {
                return v;
            }
        }
    }

    private static void members(ArgGen g, int lo, int hi) {
        int n = g.between(lo, hi);
        for (int i = 0; i < n; i++) {
            g.add(member(g));
        }
    }

    /** A score: mostly a small integer (ties), sometimes an edge case or a malformed float. */
    static String score(ArgGen g) {
        int r = g.between(0, 9);
        if (r < 6) {
            return Integer.toString(g.between(-3, 5));
        }
        if (r < 8) {
            return g.pick("inf", "-inf", "+inf", "-0", "0.5", "1.1", "-2.25", "1e3", "3.0e-3", "0x10", "1e-320",
                    "1.7976931348623157e308", "0.1", "123456789.123");
        }
        return g.floating();
    }

    /** A score range bound: "(" exclusive, infinities, malformed ones. */
    static String bound(ArgGen g) {
        if (g.chance(0.8)) {
            String s = g.chance(0.8) ? Integer.toString(g.between(-3, 5)) : g.pick("inf", "-inf", "+inf", "1.5", "-0");
            return g.chance(0.3) ? "(" + s : s;
        }
        return g.pick("", "(", "abc", "nan", "(nan", " 1", "1 ", "1e400", "((1", "1e", "-", "0x1p2", "(inf", "+inf");
    }

    /** A lex range item. */
    static String lex(ArgGen g) {
        if (g.chance(0.85)) {
            return g.pick("-", "+", "[", "(", "[a", "(a", "[b", "(b", "[c", "(c", "[aa", "(ab", "[e", "(é", "[1");
        }
        return g.pick("a", "", "+a", "-a", "[\u0000", "(z", "[B");
    }

    static String index(ArgGen g) {
        return g.chance(0.9) ? Integer.toString(g.between(-6, 6)) : g.pick("abc", "9223372036854775807",
                "-9223372036854775808", "1.5");
    }

    /** ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member...: options in any order and combination. */
    private static void zadd(ArgGen g) {
        g.add("ZADD").add(g.key());
        if (g.chance(0.4)) {
            int n = g.between(1, 3);
            for (int i = 0; i < n; i++) {
                g.add(g.pick("NX", "XX", "GT", "LT", "CH", "INCR", "ch", "nx", "gt"));
            }
        }
        int pairs = g.chance(0.9) ? g.between(1, 4) : 0;
        for (int i = 0; i < pairs; i++) {
            g.add(score(g)).add(member(g));
        }
        if (g.chance(0.05)) {
            g.add(score(g)); // a score without its member
        }
    }

    /** ZRANGE key min max [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES], any mix. */
    private static void zrange(ArgGen g, boolean withScoresAllowed) {
        int kind = g.between(0, 2);
        if (kind == 0) {
            g.add(index(g), index(g));
        } else if (kind == 1) {
            g.add(bound(g), bound(g));
        } else {
            g.add(lex(g), lex(g));
        }
        if (kind == 1 || g.chance(0.05)) {
            g.add(g.pick("BYSCORE", "byscore"));
        }
        if (kind == 2 || g.chance(0.05)) {
            g.add("BYLEX");
        }
        if (g.chance(0.4)) {
            g.add("REV");
        }
        if (g.chance(kind == 0 ? 0.05 : 0.4)) {
            limit(g);
        }
        if (g.chance(withScoresAllowed ? 0.4 : 0.05)) {
            g.add("WITHSCORES");
        }
    }

    private static void limit(ArgGen g) {
        g.add("LIMIT", g.chance(0.85) ? Integer.toString(g.between(-1, 4)) : g.pick("abc", "9223372036854775807"),
                g.chance(0.85) ? Integer.toString(g.between(-2, 4)) : g.pick("abc", "1.5"));
    }

    private static void rank(ArgGen g) {
        g.add(index(g), index(g));
        if (g.chance(0.4)) {
            g.add(g.pick("WITHSCORES", "withscores", "REV", "LIMIT"));
        }
    }

    private static void byScore(ArgGen g) {
        g.add(bound(g), bound(g));
        if (g.chance(0.4)) {
            g.add("WITHSCORES");
        }
        if (g.chance(0.3)) {
            limit(g);
        }
        if (g.chance(0.03)) {
            g.add(g.pick("REV", "BYLEX"));
        }
    }

    private static void byLex(ArgGen g) {
        g.add(lex(g), lex(g));
        if (g.chance(0.3)) {
            limit(g);
        }
        if (g.chance(0.05)) {
            g.add(g.pick("WITHSCORES", "REV", "LIMIT"));
        }
    }

    private static void pop(ArgGen g) {
        if (g.chance(0.6)) {
            g.add(g.chance(0.85) ? Integer.toString(g.between(0, 4)) : g.pick("-1", "abc", "1000"));
        }
        if (g.chance(0.03)) {
            g.add("1");
        }
    }

    /** ZMPOP numkeys key... MIN|MAX [COUNT n], sometimes malformed. */
    private static void zmpop(ArgGen g) {
        int n = g.between(1, 3);
        g.add("ZMPOP").add(g.chance(0.9) ? Integer.toString(n) : g.pick("0", "-1", "abc", "9"));
        g.keys(n).forEach(g::add);
        g.add(g.chance(0.9) ? g.pick("MIN", "MAX", "min", "max") : g.pick("LEFT", ""));
        if (g.chance(0.5)) {
            g.add("COUNT", g.chance(0.85) ? Integer.toString(g.between(1, 5)) : g.pick("0", "-1", "abc"));
        }
        if (g.chance(0.05)) {
            g.add(g.pick("COUNT", "junk"));
        }
    }

    /** ZRANDMEMBER key [count [WITHSCORES]]: small counts (a huge negative one builds a huge reply). */
    private static void zrandmember(ArgGen g) {
        g.add("ZRANDMEMBER").add(g.key());
        if (g.chance(0.7)) {
            if (g.chance(0.1)) {
                // past WITHSCORES' +-LONG_MAX/2 guard: an error. Never a huge negative count without
                // WITHSCORES: the reference would try to build that reply and die.
                g.add(g.pick("4611686018427387904", "-4611686018427387904"), "WITHSCORES");
                return;
            }
            g.add(g.chance(0.9) ? Integer.toString(g.between(-6, 8)) : g.pick("abc", "-9223372036854775808", "1000"));
            if (g.chance(0.5)) {
                g.add(g.pick("WITHSCORES", "withscores", "junk"));
            }
        }
    }

    /** ZUNION/ZINTER/ZDIFF[STORE] numkeys key... [WEIGHTS w...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]. */
    private static void algebra(ArgGen g, boolean weights, boolean withScores) {
        int n = g.between(1, 3);
        g.add(g.chance(0.92) ? Integer.toString(n) : g.pick("0", "-1", "abc", "7"));
        g.keys(n).forEach(g::add);
        if ((weights || g.chance(0.05)) && g.chance(0.4)) {
            g.add(g.pick("WEIGHTS", "weights"));
            int w = g.chance(0.9) ? n : n + 1;
            for (int i = 0; i < w; i++) {
                g.add(g.chance(0.8) ? g.pick("1", "2", "-1", "0", "0.5", "inf", "-inf") : g.pick("abc", "nan", ""));
            }
        }
        if ((weights || g.chance(0.05)) && g.chance(0.4)) {
            g.add("AGGREGATE", g.pick("SUM", "MIN", "MAX", "max", "avg"));
        }
        if ((withScores || g.chance(0.05)) && g.chance(0.4)) {
            g.add("WITHSCORES");
        }
    }

    /** ZINTERCARD numkeys key... [LIMIT n]. */
    private static void zintercard(ArgGen g) {
        int n = g.between(1, 3);
        g.add("ZINTERCARD").add(g.chance(0.9) ? Integer.toString(n) : g.pick("0", "-1", "abc", "5"));
        g.keys(n).forEach(g::add);
        if (g.chance(0.4)) {
            g.add(g.pick("LIMIT", "limit", "WITHSCORES"), g.chance(0.8) ? Integer.toString(g.between(0, 4))
                    : g.pick("-1", "abc"));
        }
    }

    /** ZSCAN key 0 [MATCH p] COUNT 1000: one call covers a small sorted set. */
    private static void zscan(ArgGen g) {
        g.add("ZSCAN").add(g.key()).add(g.chance(0.9) ? "0" : g.pick("abc", "18446744073709551616", " 0")); // not "-1": strtoul wraps it to a real cursor into hash order
        if (g.chance(0.3)) {
            g.add("MATCH", g.pick("*", "a*", "?", "[ab]", "é"));
        }
        if (g.chance(0.05)) {
            g.add(g.pick("TYPE", "COUNT"), g.pick("zset", "0"));
        }
        g.add("COUNT", "1000");
    }

    private static String bigMember(ArgGen g) {
        return String.format("m%03d", g.between(0, 199));
    }

    private static String bigBound(ArgGen g) {
        String s = Integer.toString(g.between(-5, 205));
        return g.chance(0.3) ? "(" + s : s;
    }

    /** ZADD {t}bigzset i m%03d...: scores grow with names, 30 at a time, so it passes 128 members. */
    private static void bigAdd(ArgGen g) {
        g.add("ZADD", BIG);
        int from = g.between(0, 170);
        for (int i = from; i < from + 30; i++) {
            g.add(Integer.toString(i), String.format("m%03d", i));
        }
    }
}
