package io.ringstore.transport.diff;

import java.util.List;

import static io.ringstore.transport.diff.Normalizer.EXACT;

/**
 * Recipes of the bitmap family (Redis's bitops.c). Offsets stay small, so no command makes either
 * server allocate a large string; the out-of-range ones are refused before anything is allocated.
 */
final class BitmapRecipes {
    static final String FAMILY = "bitmaps";

    private BitmapRecipes() {
    }

    static void addTo(List<Recipe> r) {
        r.add(new Recipe("setbit", FAMILY, 6, EXACT, g -> g.add("SETBIT").add(g.key()).add(bitOffset(g))
                .add(g.chance(0.9) ? g.pick("0", "1") : g.pick("2", "-1", "x", "", "01"))));
        r.add(new Recipe("getbit", FAMILY, 4, EXACT, g -> g.add("GETBIT").add(g.key())
                .add(g.chance(0.9) ? bitOffset(g) : "4294967295")));
        r.add(new Recipe("bitcount", FAMILY, 4, EXACT, BitmapRecipes::bitcount));
        r.add(new Recipe("bitpos", FAMILY, 4, EXACT, BitmapRecipes::bitpos));
        r.add(new Recipe("bitop", FAMILY, 3, EXACT, BitmapRecipes::bitop));
        r.add(new Recipe("bitfield", FAMILY, 4, EXACT, g -> bitfield(g, "BITFIELD", 0.6)));
        r.add(new Recipe("bitfield_ro", FAMILY, 2, EXACT, g -> bitfield(g, "BITFIELD_RO", 0.05)));
    }

    /** A bit offset: mostly within a few bytes, sometimes negative, malformed or past 512 MB. */
    private static String bitOffset(ArgGen g) {
        if (g.chance(0.9)) {
            return Integer.toString(g.rnd.nextInt(g.chance(0.8) ? 48 : 400));
        }
        return g.pick("-1", "abc", "1.5", "4294967296", "", "+1");
    }

    /** An index of a BITCOUNT/BITPOS range: small, negative, sometimes huge or malformed. */
    private static String index(ArgGen g) {
        if (g.chance(0.9)) {
            return Integer.toString(g.rnd.nextInt(61) - 30);
        }
        return g.pick("9223372036854775807", "-9223372036854775808", "abc", "1.5");
    }

    private static String unit(ArgGen g) {
        return g.chance(0.9) ? g.pick("BIT", "BYTE", "bit", "byte") : g.pick("WORD", "");
    }

    /** BITCOUNT key [start end [BYTE|BIT]], sometimes with one index only (a syntax error). */
    static void bitcount(ArgGen g) {
        g.add("BITCOUNT").add(g.key());
        int form = g.rnd.nextInt(10);
        if (form >= 3) {
            g.add(index(g));
            if (form >= 4) {
                g.add(index(g));
            }
            if (form >= 7) {
                g.add(unit(g));
            }
        }
    }

    /** BITPOS key bit [start [end [BYTE|BIT]]]. */
    static void bitpos(ArgGen g) {
        g.add("BITPOS").add(g.key()).add(g.chance(0.95) ? g.pick("0", "1") : g.pick("2", "-1", "x"));
        int form = g.rnd.nextInt(10);
        if (form >= 2) {
            g.add(index(g));
            if (form >= 5) {
                g.add(index(g));
            }
            if (form >= 7) {
                g.add(unit(g));
            }
        }
    }

    /** BITOP op destkey key [key ...], keys from one hash-tag group half the time. */
    static void bitop(ArgGen g) {
        String op = g.chance(0.95) ? g.pick("AND", "OR", "XOR", "NOT", "and", "Xor") : g.pick("NAND", "");
        List<byte[]> keys = g.keys(op.equalsIgnoreCase("NOT") && g.chance(0.9) ? 2 : g.between(2, 4));
        g.add("BITOP").add(op);
        keys.forEach(g::add);
    }

    /** BITFIELD key with one to four subcommands; {@code writes} is the share of SET/INCRBY. */
    static void bitfield(ArgGen g, String name, double writes) {
        g.add(name).add(g.key());
        int n = g.between(0, 4);
        for (int i = 0; i < n; i++) {
            if (g.chance(0.15)) {
                g.add("OVERFLOW").add(g.chance(0.95) ? g.pick("WRAP", "SAT", "FAIL", "sat", "fail") : "BOGUS");
                continue;
            }
            boolean write = g.chance(writes);
            String sub = write ? g.pick("SET", "INCRBY", "incrby") : g.pick("GET", "get");
            g.add(sub).add(type(g));
            g.add(g.chance(0.3) ? "#" + g.rnd.nextInt(6) : bitOffset(g));
            if (write) {
                g.add(g.chance(0.7) ? Integer.toString(g.rnd.nextInt(601) - 300) : g.integer());
            }
        }
        if (g.chance(0.03)) {
            g.add(g.pick("GET", "FOO", "OVERFLOW"));
        }
    }

    /** A field type: mostly valid (u1..u63, i1..i64), sometimes not. */
    private static String type(ArgGen g) {
        if (g.chance(0.92)) {
            boolean signed = g.chance(0.5);
            int bits = g.chance(0.7) ? new int[] {1, 2, 4, 5, 8, 16}[g.rnd.nextInt(6)] : g.between(1, signed ? 64 : 63);
            return (signed ? "i" : "u") + bits;
        }
        return g.pick("u64", "i65", "i0", "U8", "u", "8", "u08");
    }
}
