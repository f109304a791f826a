package io.ringstore.transport.diff;

import java.util.List;

import static io.ringstore.transport.diff.Normalizer.ANY_INTEGER;
import static io.ringstore.transport.diff.Normalizer.ANY_KEY;
import static io.ringstore.transport.diff.Normalizer.EXACT;
import static io.ringstore.transport.diff.Normalizer.SCAN;
import static io.ringstore.transport.diff.Normalizer.SORTED;
import static io.ringstore.transport.diff.Normalizer.TTL_CLASS;

/** Recipes of the keyspace family (Redis's db.c, expire.c, object.c). */
final class KeyspaceRecipes {
    static final String FAMILY = "keyspace";

    private KeyspaceRecipes() {
    }

    static void addTo(List<Recipe> r) {
        r.add(new Recipe("del", FAMILY, 5, EXACT, g -> multiKey(g, "DEL")));
        r.add(new Recipe("unlink", FAMILY, 3, EXACT, g -> multiKey(g, "UNLINK")));
        r.add(new Recipe("exists", FAMILY, 5, EXACT, g -> multiKey(g, "EXISTS")));
        r.add(new Recipe("touch", FAMILY, 2, EXACT, g -> multiKey(g, "TOUCH")));
        r.add(new Recipe("type", FAMILY, 4, EXACT, g -> g.add("TYPE").add(g.key())));
        r.add(new Recipe("expire", FAMILY, 4, EXACT, g -> expireLike(g, "EXPIRE", g.ttlSeconds())));
        r.add(new Recipe("pexpire", FAMILY, 3, EXACT, g -> expireLike(g, "PEXPIRE", g.ttlMs())));
        r.add(new Recipe("expireat", FAMILY, 3, EXACT, g -> expireLike(g, "EXPIREAT", g.unixSeconds(true))));
        r.add(new Recipe("pexpireat", FAMILY, 3, EXACT, g -> expireLike(g, "PEXPIREAT", g.unixMs(true))));
        r.add(new Recipe("ttl", FAMILY, 4, TTL_CLASS, g -> g.add("TTL").add(g.key())));
        r.add(new Recipe("pttl", FAMILY, 3, TTL_CLASS, g -> g.add("PTTL").add(g.key())));
        r.add(new Recipe("expiretime", FAMILY, 2, TTL_CLASS, g -> g.add("EXPIRETIME").add(g.key())));
        r.add(new Recipe("pexpiretime", FAMILY, 2, TTL_CLASS, g -> g.add("PEXPIRETIME").add(g.key())));
        r.add(new Recipe("persist", FAMILY, 3, EXACT, g -> g.add("PERSIST").add(g.key())));
        r.add(new Recipe("keys", FAMILY, 2, SORTED, g -> g.add("KEYS", g.pattern())));
        r.add(new Recipe("scan", FAMILY, 2, SCAN, KeyspaceRecipes::scan));
        r.add(new Recipe("randomkey", FAMILY, 1, ANY_KEY, g -> g.add("RANDOMKEY")));
        r.add(new Recipe("rename", FAMILY, 3, EXACT, g -> twoKeys(g, "RENAME")));
        r.add(new Recipe("renamenx", FAMILY, 2, EXACT, g -> twoKeys(g, "RENAMENX")));
        r.add(new Recipe("copy", FAMILY, 3, EXACT, KeyspaceRecipes::copy));
        r.add(new Recipe("move", FAMILY, 2, EXACT, g -> g.add("MOVE").add(g.key()).add(g.db())));
        r.add(new Recipe("swapdb", FAMILY, 1, EXACT, g -> g.add("SWAPDB", g.db(), g.db())));
        r.add(new Recipe("object|encoding", FAMILY, 3, EXACT, g -> g.add("OBJECT", g.pick("ENCODING", "encoding")).add(g.key())));
        r.add(new Recipe("object|refcount", FAMILY, 1, EXACT, g -> g.add("OBJECT", "REFCOUNT").add(g.key())));
        r.add(new Recipe("object|idletime", FAMILY, 1, ANY_INTEGER, g -> g.add("OBJECT", "IDLETIME").add(g.key())));
        r.add(new Recipe("object|freq", FAMILY, 1, EXACT, g -> g.add("OBJECT", "FREQ").add(g.key())));
        r.add(new Recipe("object|help", FAMILY, 1, EXACT, g -> g.add("OBJECT", "HELP")));
    }

    static void multiKey(ArgGen g, String name) {
        g.add(name);
        g.keys(g.between(1, 4)).forEach(g::add);
    }

    static void twoKeys(ArgGen g, String name) {
        g.add(name);
        g.keys(2).forEach(g::add);
    }

    /** EXPIRE-like: key, time, and now and then NX/XX/GT/LT (or a conflicting pair). */
    static void expireLike(ArgGen g, String name, String time) {
        g.add(name).add(g.key()).add(time);
        if (g.chance(0.35)) {
            g.add(g.pick("NX", "XX", "GT", "LT", "gt", "lt"));
        }
        if (g.chance(0.05)) {
            g.add(g.pick("NX", "XX", "GT", "LT", "BOGUS"));
        }
    }

    /**
     * SCAN 0 COUNT 1000 [MATCH p] [TYPE t]: one call covers this small keyspace. No other valid
     * cursor: where a scan resumes depends on the hash table's size and history ("-1" is one too:
     * Redis reads it as 2^64-1).
     */
    static void scan(ArgGen g) {
        g.add("SCAN", g.chance(0.95) ? "0" : g.pick("abc", "1.5", "", "18446744073709551616"));
        g.add("COUNT", g.chance(0.95) ? "1000" : g.pick("0", "-1", "abc"));
        if (g.chance(0.4)) {
            g.add("MATCH", g.pattern());
        }
        if (g.chance(0.2)) {
            g.add("TYPE", g.pick("string", "list", "set", "hash", "zset", "nosuchtype"));
        }
    }

    /** COPY source destination [DB n] [REPLACE]. */
    static void copy(ArgGen g) {
        g.add("COPY");
        g.keys(2).forEach(g::add);
        if (g.chance(0.4)) {
            g.add("DB", g.db());
        }
        if (g.chance(0.4)) {
            g.add(g.pick("REPLACE", "replace"));
        }
    }
}
