package io.ringstore.transport.diff;

import java.util.List;

import static io.ringstore.transport.diff.Normalizer.EXACT;

/**
 * Recipes of the list family (Redis 7.0's t_list.c; the blocking forms are in BlockingRecipes). Elements come
 * mostly from a few short words so LPOS, LREM and LINSERT find matches; indexes are mostly small,
 * sometimes negative, huge or malformed.
 */
final class ListRecipes {
    static final String FAMILY = "lists";

    private ListRecipes() {
    }

    static void addTo(List<Recipe> r) {
        r.add(new Recipe("lpush", FAMILY, 6, EXACT, g -> push(g, "LPUSH")));
        r.add(new Recipe("rpush", FAMILY, 6, EXACT, g -> push(g, "RPUSH")));
        r.add(new Recipe("lpushx", FAMILY, 2, EXACT, g -> push(g, "LPUSHX")));
        r.add(new Recipe("rpushx", FAMILY, 2, EXACT, g -> push(g, "RPUSHX")));
        r.add(new Recipe("lpop", FAMILY, 3, EXACT, g -> pop(g, "LPOP")));
        r.add(new Recipe("rpop", FAMILY, 3, EXACT, g -> pop(g, "RPOP")));
        r.add(new Recipe("llen", FAMILY, 2, EXACT, g -> g.add("LLEN").add(g.key())));
        r.add(new Recipe("lrange", FAMILY, 4, EXACT, g -> g.add("LRANGE").add(g.key()).add(index(g), index(g))));
        r.add(new Recipe("lindex", FAMILY, 2, EXACT, g -> g.add("LINDEX").add(g.key()).add(index(g))));
        r.add(new Recipe("lset", FAMILY, 2, EXACT, g -> g.add("LSET").add(g.key()).add(index(g)).add(element(g))));
        r.add(new Recipe("linsert", FAMILY, 2, EXACT, g -> g.add("LINSERT").add(g.key())
                .add(g.pick("BEFORE", "AFTER", "before", "after", "middle")).add(element(g)).add(element(g))));
        r.add(new Recipe("lrem", FAMILY, 2, EXACT, g -> g.add("LREM").add(g.key())
                .add(g.chance(0.8) ? Integer.toString(g.between(-3, 3)) : g.integer()).add(element(g))));
        r.add(new Recipe("ltrim", FAMILY, 2, EXACT, g -> g.add("LTRIM").add(g.key()).add(index(g), index(g))));
        r.add(new Recipe("lpos", FAMILY, 3, EXACT, ListRecipes::lpos));
        r.add(new Recipe("lmove", FAMILY, 3, EXACT, g -> {
            g.add("LMOVE");
            g.keys(2).forEach(g::add);
            g.add(g.pick("LEFT", "RIGHT", "left", "right", "up"), g.pick("LEFT", "RIGHT", "left", "right"));
        }));
        r.add(new Recipe("rpoplpush", FAMILY, 2, EXACT, g -> {
            g.add("RPOPLPUSH");
            g.keys(2).forEach(g::add);
        }));
        r.add(new Recipe("lmpop", FAMILY, 3, EXACT, ListRecipes::lmpop));
    }

    private static void push(ArgGen g, String name) {
        g.add(name).add(g.key());
        int n = g.between(1, 4);
        for (int i = 0; i < n; i++) {
            g.add(element(g));
        }
    }

    private static void pop(ArgGen g, String name) {
        g.add(name).add(g.key());
        if (g.chance(0.4)) {
            g.add(g.chance(0.8) ? Integer.toString(g.between(0, 5)) : g.integer());
        }
    }

    /** An element: mostly a short word (so searches match), sometimes any value. */
    private static byte[] element(ArgGen g) {
        return g.chance(0.8) ? ArgGen.b(g.pick("a", "b", "c", "hello", "")) : g.value();
    }

    /** A list index: mostly small and either sign, sometimes huge or malformed. */
    private static String index(ArgGen g) {
        return g.chance(0.85) ? Integer.toString(g.between(-8, 8)) : g.integer();
    }

    /** LPOS key element [RANK r] [COUNT n] [MAXLEN m], options shuffled, sometimes malformed. */
    private static void lpos(ArgGen g) {
        g.add("LPOS").add(g.key()).add(element(g));
        int opts = g.between(0, 3);
        for (int i = 0; i < opts; i++) {
            switch (g.between(0, 3)) {
                case 0:
                    g.add(g.pick("RANK", "rank"), g.chance(0.8) ? Integer.toString(g.between(-3, 3)) : g.integer());
                    break;
                case 1:
                    g.add(g.pick("COUNT", "count"), g.chance(0.8) ? Integer.toString(g.between(0, 3)) : g.integer());
                    break;
                case 2:
                    g.add(g.pick("MAXLEN", "maxlen"), g.chance(0.8) ? Integer.toString(g.between(0, 4)) : g.integer());
                    break;
                default:
                    g.add(g.pick("RANK", "BOGUS", "COUNT"));
                    break;
            }
        }
    }

    /**
     * LMPOP numkeys key... LEFT|RIGHT [COUNT n]. numkeys stays small or malformed: 7.0.15 computes
     * the direction's index as numkeys + 2 without an overflow check, so a huge numkeys is not sent.
     */
    private static void lmpop(ArgGen g) {
        int n = g.between(1, 3);
        g.add("LMPOP");
        g.add(g.chance(0.9) ? Integer.toString(n) : g.pick("0", "-1", "abc", "4", "9"));
        g.keys(n).forEach(g::add);
        g.add(g.pick("LEFT", "RIGHT", "left", "right", "middle"));
        if (g.chance(0.5)) {
            g.add(g.pick("COUNT", "count"), g.chance(0.8) ? Integer.toString(g.between(1, 4)) : g.integer());
        }
        if (g.chance(0.05)) {
            g.add(g.pick("COUNT", "junk"));
        }
    }
}
