package io.ringstore.transport.diff;

import java.util.ArrayList;
import java.util.List;

import static io.ringstore.transport.diff.Normalizer.EXACT;

/**
 * Recipes of SORT and SORT_RO (Redis's sort.c), and a writer of their inputs. BY and GET patterns
 * must name keys that exist, so a writer fills keys of SORT's own: lists {@code sl}/{@code sl2}, an
 * intset {@code ss}, a sorted set {@code sz}, and for each element e of a small pool the weight
 * {@code w_e} (an integer), the hash {@code h_e} (f: an integer, g: a word) and the string
 * {@code o_e}; the universe's own values ("1", "a", "x"...) hit them too, and "{t}*", "{u}*" and
 * "*" make universe keys out of elements. No other recipe writes these keys.
 *
 * <p>Forms are kept to those whose reply redis-server 7.0.15 decides by itself:
 * <ul>
 * <li>Numeric sorts only of lists whose elements, weights and hash fields are integers or words:
 * Redis parses other values with strtod without clearing errno first, so an ERANGE left by an
 * earlier command (ZADD 1e400) fails a later SORT of floats at random.</li>
 * <li>Ties (ALPHA with BY, NUL bytes under strcoll, BY nosort on a set) only where the input order
 * is Redis's own too: a list, an intset (ascending). A hashtable set or a sorted set without
 * nosort is read in dict order in Redis, so they are sorted ALPHA without BY, or stored (bytes).</li>
 * </ul>
 */
final class SortRecipes {
    static final String FAMILY = "sort";
    private static final String[] ELEMS = {"1", "2", "3", "5", "8", "10", "-4", "x", "y"};
    private static final String[] BY = {"w_*", "h_*->f", "h_*->g", "nosort", "nokey_*", "o_*", "{t}*", "*"};
    /** BY patterns whose values are integers or missing: numeric sorts never strtod them (see above). */
    private static final String[] NUMERIC_BY = {"w_*", "h_*->f", "nosort", "nokey_*"};
    private static final String[] GET = {"#", "o_*", "h_*->g", "h_*->f", "w_*", "nostar", "{u}*", "*", "h_*->"};

    private SortRecipes() {
    }

    static void addTo(List<Recipe> r) {
        r.add(new Recipe("sort", FAMILY, 5, EXACT, g -> sort(g, false)));
        r.add(new Recipe("sort_ro", FAMILY, 2, EXACT, g -> sort(g, true)));
        r.add(new Recipe("sort (input)", FAMILY, 5, EXACT, SortRecipes::input));
    }

    private static String elem(ArgGen g) {
        return g.chance(0.85) ? ELEMS[g.rnd.nextInt(ELEMS.length - 2)] : g.pick("x", "y");
    }

    private static String integer(ArgGen g) {
        return Integer.toString(g.rnd.nextInt(21) - 10);
    }

    /** Writes one of SORT's inputs: a list, the intset, the sorted set, a weight, hash or string, or deletes one. */
    static void input(ArgGen g) {
        int form = g.rnd.nextInt(9);
        if (form < 2) {
            g.add("RPUSH").add(g.pick("sl", "sl2"));
            for (int i = g.between(1, 6); i > 0; i--) {
                g.add(elem(g));
            }
        } else if (form == 2) {
            g.add("SADD", "ss");
            for (int i = g.between(1, 4); i > 0; i--) {
                g.add(ELEMS[g.rnd.nextInt(ELEMS.length - 2)]);
            }
        } else if (form == 3) {
            g.add("ZADD", "sz");
            for (int i = g.between(1, 3); i > 0; i--) {
                g.add(integer(g)).add(elem(g));
            }
        } else if (form == 4) {
            g.add("SET").add("w_" + elem(g)).add(integer(g));
        } else if (form == 5) {
            g.add("HSET").add("h_" + elem(g)).add("f").add(integer(g)).add("g").add(g.word());
        } else if (form == 6) {
            g.add("SET").add("o_" + elem(g)).add(g.word());
        } else if (form == 7) {
            g.add("DEL").add(g.pick("sl", "sl2", "ss", "sz", "sd")).add("w_" + elem(g));
        } else {
            g.add("LTRIM").add(g.pick("sl", "sl2")).add(Integer.toString(g.rnd.nextInt(3)))
                    .add(Integer.toString(g.rnd.nextInt(8) - 1));
        }
    }

    /** SORT or SORT_RO of one of the inputs, with options drawn for what that input allows, in random order. */
    static void sort(ArgGen g, boolean readonly) {
        g.add(readonly ? "SORT_RO" : "SORT");
        int target = g.rnd.nextInt(20);
        List<byte[][]> opts = new ArrayList<>();
        boolean store = !readonly && g.chance(0.3);
        if (target < 10) { // a list: every option; numeric weights only from integer-valued keys
            g.add(g.pick("sl", "sl2"));
            boolean alpha = g.chance(0.4);
            if (alpha) {
                opts.add(words("ALPHA"));
            }
            if (g.chance(0.6)) {
                opts.add(words("BY", alpha ? g.pick(BY) : g.pick(NUMERIC_BY)));
            }
        } else if (target < 13) { // the intset: ALPHA (numeric would parse its members with strtod)
            g.add("ss");
            opts.add(words("ALPHA"));
            if (g.chance(0.5)) {
                opts.add(words("BY", g.pick(BY)));
            }
        } else if (target < 16) { // the sorted set: ALPHA without BY, or nosort
            g.add("sz");
            opts.add(g.chance(0.5) ? words("ALPHA") : words("BY", "nosort"));
        } else if (!readonly) { // a universe key: stored, ALPHA (bytes) or nosort
            g.add(g.key());
            opts.add(g.chance(0.7) ? words("ALPHA") : words("BY", "nosort"));
            store = true;
        } else { // a universe key: only refusals decided before the key is read
            g.add(g.key());
            opts.add(words(g.pick("STORE", "FOO", "LIMIT"), "x"));
        }
        if (g.chance(0.3)) {
            opts.add(words("DESC"));
        } else if (g.chance(0.1)) {
            opts.add(words("ASC"));
        }
        if (g.chance(0.4)) {
            opts.add(words("LIMIT", Integer.toString(g.rnd.nextInt(8) - 2), Integer.toString(g.rnd.nextInt(8) - 2)));
        }
        for (int i = g.chance(0.5) ? g.between(1, 3) : 0; i > 0; i--) {
            opts.add(words("GET", g.pick(GET)));
        }
        if (store) {
            opts.add(new byte[][] {ArgGen.b("STORE"), g.chance(0.6) ? ArgGen.b("sd") : g.key()});
        }
        if (g.chance(0.03)) {
            opts.add(words("LIMIT", g.pick("a", "1.5", ""), "1"));
        }
        java.util.Collections.shuffle(opts, g.rnd);
        for (byte[][] o : opts) {
            for (byte[] w : o) {
                g.add(w);
            }
        }
        if (g.chance(0.05)) {
            // a refusal, last: in the middle GET or STORE would swallow the next option (ALPHA), and BY
            // without '*' would read a hashtable set in Redis's dict order
            g.add(g.pick("LIMIT", "GET", "STORE", "BY", "FOO", "LIMIT 1", "DESCX"));
        }
    }

    private static byte[][] words(String... w) {
        byte[][] out = new byte[w.length][];
        for (int i = 0; i < w.length; i++) {
            out[i] = ArgGen.b(w[i]);
        }
        return out;
    }
}
