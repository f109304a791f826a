package io.ringstore.transport.diff;

import java.util.List;
import java.util.Locale;

import static io.ringstore.transport.diff.Normalizer.EXACT;

/**
 * Recipes of the geo family (Redis's geo.c). Coordinates come mostly from a small set of fixed
 * decimals (the Sicily examples, the antimeridian, the latitude limits, shared places so that
 * distances tie), otherwise random ones with six decimals, sometimes invalid; members from a few
 * names so FROMMEMBER and GEODIST find them. Replies, distances and coordinates included, are
 * compared exactly.
 */
final class GeoRecipes {
    static final String FAMILY = "geo";
    private static final String[] LONS = {"13.361389", "15.087269", "0", "180", "-180", "179.9999", "-179.9999",
        "2.3522", "-0.1276", "139.6917", "15", "-73.9857"};
    private static final String[] LATS = {"38.115556", "37.502669", "0", "85.05112878", "-85.05112878", "85", "-85",
        "48.8566", "51.5072", "35.6895", "37", "40.7484"};
    private static final String[] MEMBERS = {"Palermo", "Catania", "a", "b", "c", "d", "p1", "p2"};

    private GeoRecipes() {
    }

    static void addTo(List<Recipe> r) {
        r.add(new Recipe("geoadd", FAMILY, 8, EXACT, GeoRecipes::geoadd));
        r.add(new Recipe("geodist", FAMILY, 3, EXACT, g -> {
            g.add("GEODIST").add(g.key()).add(member(g), member(g));
            if (g.chance(0.6)) {
                g.add(unit(g));
            }
        }));
        r.add(new Recipe("geopos", FAMILY, 3, EXACT, g -> members(g.add("GEOPOS").add(g.key()), 1, 4)));
        r.add(new Recipe("geohash", FAMILY, 3, EXACT, g -> members(g.add("GEOHASH").add(g.key()), 1, 4)));
        r.add(new Recipe("geosearch", FAMILY, 8, EXACT, g -> geosearch(g, false)));
        r.add(new Recipe("geosearchstore", FAMILY, 4, EXACT, g -> geosearch(g, true)));
        r.add(new Recipe("georadius", FAMILY, 3, EXACT, g -> georadius(g, "GEORADIUS", true)));
        r.add(new Recipe("georadius_ro", FAMILY, 2, EXACT, g -> georadius(g, "GEORADIUS_RO", true)));
        r.add(new Recipe("georadiusbymember", FAMILY, 3, EXACT, g -> georadius(g, "GEORADIUSBYMEMBER", false)));
        r.add(new Recipe("georadiusbymember_ro", FAMILY, 2, EXACT,
                g -> georadius(g, "GEORADIUSBYMEMBER_RO", false)));
    }

    static String member(ArgGen g) {
        return g.chance(0.95) ? g.pick(MEMBERS) : g.pick("nope", "", "é");
    }

    private static ArgGen members(ArgGen g, int lo, int hi) {
        int n = g.between(lo, hi);
        for (int i = 0; i < n; i++) {
            g.add(member(g));
        }
        return g;
    }

    private static String lon(ArgGen g) {
        int r = g.rnd.nextInt(100);
        if (r < 55) {
            return g.pick(LONS);
        }
        if (r < 97) {
            return String.format(Locale.ROOT, "%.6f", g.rnd.nextDouble() * 360 - 180);
        }
        return g.pick("181", "-180.000001", "abc", "", "nan", "inf", "1e400");
    }

    private static String lat(ArgGen g) {
        int r = g.rnd.nextInt(100);
        if (r < 55) {
            return g.pick(LATS);
        }
        if (r < 97) {
            return String.format(Locale.ROOT, "%.6f", g.rnd.nextDouble() * 170 - 85);
        }
        return g.pick("85.06", "-90", "x", "-inf", "0x10");
    }

    private static String unit(ArgGen g) {
        return g.chance(0.95) ? g.pick("m", "km", "ft", "mi", "KM", "Mi") : g.pick("parsec", "", "kms");
    }

    private static String distance(ArgGen g) {
        int r = g.rnd.nextInt(100);
        if (r < 60) {
            return g.pick("0", "1", "10", "100", "200", "500", "1000", "3000", "5000", "20000", "50000");
        }
        if (r < 96) {
            return Integer.toString(g.rnd.nextInt(2_000_000));
        }
        return g.pick("-1", "abc", "inf", "1e30", "0.5");
    }

    /** GEOADD key [NX|XX] [CH] lon lat member ..., sometimes with a broken triple. */
    private static void geoadd(ArgGen g) {
        g.add("GEOADD").add(g.key());
        if (g.chance(0.2)) {
            g.add(g.pick("NX", "XX", "nx", "xx"));
        }
        if (g.chance(0.2)) {
            g.add(g.pick("CH", "ch"));
        }
        if (g.chance(0.02)) {
            g.add(g.pick("NX", "GT"));
        }
        int n = g.between(1, 4);
        for (int i = 0; i < n; i++) {
            g.add(lon(g), lat(g), member(g));
        }
        if (g.chance(0.02)) {
            g.add(lon(g));
        }
    }

    /** The shared options of the searches, in random order, sometimes repeated or malformed. */
    private static void options(ArgGen g, boolean withs) {
        if (g.chance(0.4)) {
            g.add(g.pick("ASC", "DESC", "asc", "desc"));
        }
        if (g.chance(0.4)) {
            g.add("COUNT").add(g.chance(0.95) ? Integer.toString(g.between(1, 6)) : g.pick("0", "-1", "x"));
            if (g.chance(0.4)) {
                g.add("ANY");
            }
        } else if (g.chance(0.03)) {
            g.add("ANY");
        }
        if (withs) {
            for (String w : new String[] {"WITHCOORD", "WITHDIST", "WITHHASH"}) {
                if (g.chance(0.3)) {
                    g.add(w);
                }
            }
        }
    }

    /** GEOSEARCH key | GEOSEARCHSTORE dst src, FROMMEMBER/FROMLONLAT, BYRADIUS/BYBOX, options. */
    private static void geosearch(ArgGen g, boolean store) {
        if (store) {
            List<byte[]> k = g.keys(2);
            g.add("GEOSEARCHSTORE").add(k.get(0)).add(k.get(1));
        } else {
            g.add("GEOSEARCH").add(g.key());
        }
        boolean boxFirst = g.chance(0.3);
        if (!boxFirst || g.chance(0.97)) {
            if (g.chance(0.5)) {
                g.add("FROMMEMBER").add(member(g));
            } else {
                g.add("FROMLONLAT").add(lon(g), lat(g));
            }
        }
        if (g.chance(0.97)) {
            if (g.chance(0.6)) {
                g.add("BYRADIUS").add(distance(g)).add(unit(g));
            } else {
                g.add("BYBOX").add(distance(g), distance(g)).add(unit(g));
            }
        }
        options(g, !store || g.chance(0.05));
        if (store && g.chance(0.4)) {
            g.add("STOREDIST");
        }
    }

    /** GEORADIUS key lon lat | GEORADIUSBYMEMBER key member, radius unit, options, STORE/STOREDIST. */
    private static void georadius(ArgGen g, String name, boolean coords) {
        List<byte[]> k = g.keys(2);
        g.add(name).add(k.get(0));
        if (coords) {
            g.add(lon(g), lat(g));
        } else {
            g.add(member(g));
        }
        g.add(distance(g)).add(unit(g));
        boolean store = g.chance(name.endsWith("_RO") ? 0.05 : 0.4);
        options(g, !store || g.chance(0.05));
        if (store) {
            g.add(g.pick("STORE", "STOREDIST", "store", "storedist")).add(k.get(1));
        }
    }
}
