package io.ringstore.transport.diff;

import java.util.List;

import static io.ringstore.transport.diff.Normalizer.EXACT;

/** Recipes of the string family (Redis's t_string.c). */
final class StringRecipes {
    static final String FAMILY = "strings";

    private StringRecipes() {
    }

    static void addTo(List<Recipe> r) {
        r.add(new Recipe("get", FAMILY, 12, EXACT, g -> g.add("GET").add(g.key())));
        r.add(new Recipe("set", FAMILY, 16, EXACT, StringRecipes::set));
        r.add(new Recipe("setnx", FAMILY, 3, EXACT, g -> g.add("SETNX").add(g.key()).add(g.value())));
        r.add(new Recipe("setex", FAMILY, 3, EXACT, g -> g.add("SETEX").add(g.key()).add(g.ttlSeconds()).add(g.value())));
        r.add(new Recipe("psetex", FAMILY, 3, EXACT, g -> g.add("PSETEX").add(g.key()).add(g.ttlMs()).add(g.value())));
        r.add(new Recipe("getset", FAMILY, 3, EXACT, g -> g.add("GETSET").add(g.key()).add(g.value())));
        r.add(new Recipe("getdel", FAMILY, 3, EXACT, g -> g.add("GETDEL").add(g.key())));
        r.add(new Recipe("getex", FAMILY, 4, EXACT, StringRecipes::getex));
        r.add(new Recipe("mget", FAMILY, 4, EXACT, g -> {
            g.add("MGET");
            g.keys(g.between(1, 4)).forEach(g::add);
        }));
        r.add(new Recipe("mset", FAMILY, 4, EXACT, g -> msetLike(g, "MSET")));
        r.add(new Recipe("msetnx", FAMILY, 3, EXACT, g -> msetLike(g, "MSETNX")));
        r.add(new Recipe("append", FAMILY, 4, EXACT, g -> g.add("APPEND").add(g.key()).add(g.chance(0.5) ? ArgGen.b(g.word()) : g.value())));
        r.add(new Recipe("strlen", FAMILY, 3, EXACT, g -> g.add("STRLEN").add(g.key())));
        r.add(new Recipe("getrange", FAMILY, 3, EXACT, g -> g.add("GETRANGE").add(g.key()).add(g.offset(), g.offset())));
        r.add(new Recipe("setrange", FAMILY, 3, EXACT, g -> g.add("SETRANGE").add(g.key()).add(g.offset())
                .add(g.chance(0.1) ? ArgGen.b("") : ArgGen.b(g.word()))));
        r.add(new Recipe("incr", FAMILY, 4, EXACT, g -> g.add("INCR").add(g.key())));
        r.add(new Recipe("decr", FAMILY, 3, EXACT, g -> g.add("DECR").add(g.key())));
        r.add(new Recipe("incrby", FAMILY, 4, EXACT, g -> g.add("INCRBY").add(g.key()).add(g.integer())));
        r.add(new Recipe("decrby", FAMILY, 3, EXACT, g -> g.add("DECRBY").add(g.key()).add(g.integer())));
        r.add(new Recipe("incrbyfloat", FAMILY, 4, EXACT, g -> g.add("INCRBYFLOAT").add(g.key()).add(g.floating())));
        r.add(new Recipe("lcs", FAMILY, 2, EXACT, StringRecipes::lcs));
    }

    /** SET key value [NX|XX] [GET] [EX|PX|EXAT|PXAT|KEEPTTL], options shuffled, sometimes invalid. */
    static void set(ArgGen g) {
        g.add(g.pick("SET", "set", "Set")).add(g.key()).add(g.value());
        if (g.chance(0.35)) {
            g.add(g.pick("NX", "XX", "nx", "xx"));
        }
        if (g.chance(0.2)) {
            g.add(g.pick("GET", "get"));
        }
        if (g.chance(0.4)) {
            if (g.chance(0.2)) {
                g.add(g.pick("KEEPTTL", "keepttl"));
            } else {
                g.expiryOption(false);
            }
        }
        if (g.chance(0.08)) { // conflicting or malformed options
            g.add(g.pick("NX", "XX", "EX", "KEEPTTL", "PX", "GET", "BOGUS", "EXAT"));
        }
        if (g.chance(0.15) && g.size() > 4) { // the order of options is free
            List<byte[]> a = g.argList();
            java.util.Collections.shuffle(a.subList(3, a.size()), g.rnd);
        }
    }

    /** GETEX key [EX|PX|EXAT|PXAT|PERSIST]. */
    static void getex(ArgGen g) {
        g.add("GETEX").add(g.key());
        int r = g.rnd.nextInt(10);
        if (r < 5) {
            g.expiryOption(true);
        } else if (r < 7) {
            g.add(g.pick("PERSIST", "persist"));
        } else if (r == 7) {
            g.add(g.pick("EX", "PERSIST", "BOGUS")).add(g.pick("PERSIST", "EX", "100000000"));
        }
    }

    static void msetLike(ArgGen g, String name) {
        g.add(name);
        List<byte[]> keys = g.keys(g.between(1, 4));
        for (byte[] k : keys) {
            g.add(k).add(g.value());
        }
    }

    /** LCS key1 key2 [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN]. */
    static void lcs(ArgGen g) {
        g.add("LCS");
        g.keys(2).forEach(g::add);
        if (g.chance(0.3)) {
            g.add(g.pick("LEN", "len"));
        }
        if (g.chance(0.4)) {
            g.add(g.pick("IDX", "idx"));
        }
        if (g.chance(0.3)) {
            g.add("MINMATCHLEN", g.pick("0", "1", "2", "4", "-1", "abc"));
        }
        if (g.chance(0.3)) {
            g.add("WITHMATCHLEN");
        }
        if (g.chance(0.05)) {
            g.add("BOGUS");
        }
    }
}
