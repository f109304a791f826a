package io.ringstore.transport.diff;

import java.util.List;

import static io.ringstore.transport.diff.Normalizer.EXACT;

/**
 * Recipes of the blocking commands on one connection. Nobody else writes, so a command either
 * finds data and replies at once, or blocks until its short timeout and replies a null array;
 * both are deterministic. Timeouts are 0.01 s (never 0: nothing would ever serve it), sometimes
 * malformed, negative or out of range. Low weights: a blocked command costs up to one tick.
 */
final class BlockingRecipes {
    static final String FAMILY = "blocking";

    private BlockingRecipes() {
    }

    static void addTo(List<Recipe> r) {
        r.add(new Recipe("blpop", FAMILY, 1, EXACT, g -> bpop(g, "BLPOP")));
        r.add(new Recipe("brpop", FAMILY, 1, EXACT, g -> bpop(g, "BRPOP")));
        r.add(new Recipe("bzpopmin", FAMILY, 1, EXACT, g -> bpop(g, "BZPOPMIN")));
        r.add(new Recipe("bzpopmax", FAMILY, 1, EXACT, g -> bpop(g, "BZPOPMAX")));
        r.add(new Recipe("blmove", FAMILY, 1, EXACT, g -> {
            g.add("BLMOVE");
            g.keys(2).forEach(g::add);
            g.add(g.pick("LEFT", "RIGHT", "left", "up"), g.pick("LEFT", "RIGHT", "right"));
            g.add(timeout(g));
        }));
        r.add(new Recipe("brpoplpush", FAMILY, 1, EXACT, g -> {
            g.add("BRPOPLPUSH");
            g.keys(2).forEach(g::add);
            g.add(timeout(g));
        }));
        r.add(new Recipe("blmpop", FAMILY, 1, EXACT, g -> mpop(g, "BLMPOP", "LEFT", "RIGHT")));
        r.add(new Recipe("bzmpop", FAMILY, 1, EXACT, g -> mpop(g, "BZMPOP", "MIN", "MAX")));
        r.add(new Recipe("client|unblock", FAMILY, 1, EXACT, g -> {
            // nobody is blocked on a single connection: 0, or an argument error
            g.add("CLIENT", "UNBLOCK", g.chance(0.8) ? Integer.toString(g.between(-1, 50)) : g.integer());
            if (g.chance(0.5)) {
                g.add(g.pick("TIMEOUT", "ERROR", "error", "junk"));
            }
            if (g.chance(0.05)) {
                g.add("extra");
            }
        }));
    }

    private static String timeout(ArgGen g) {
        return g.chance(0.85) ? "0.01" : g.pick("-1", "abc", "nan", "1e16", "inf", "-0.5", " 1", "0x1p-7");
    }

    private static void bpop(ArgGen g, String name) {
        g.add(name);
        g.keys(g.between(1, 3)).forEach(g::add);
        g.add(timeout(g));
    }

    private static void mpop(ArgGen g, String name, String first, String second) {
        int n = g.between(1, 3);
        g.add(name, timeout(g));
        g.add(g.chance(0.9) ? Integer.toString(n) : g.pick("0", "-1", "abc", "9"));
        g.keys(n).forEach(g::add);
        g.add(g.chance(0.9) ? g.pick(first, second, first.toLowerCase(), second.toLowerCase()) : g.pick("UP", ""));
        if (g.chance(0.5)) {
            g.add("COUNT", g.chance(0.85) ? Integer.toString(g.between(1, 5)) : g.pick("0", "-1", "abc"));
        }
        if (g.chance(0.05)) {
            g.add(g.pick("COUNT", "junk"));
        }
    }
}
