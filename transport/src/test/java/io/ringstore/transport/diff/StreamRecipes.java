package io.ringstore.transport.diff;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import static io.ringstore.transport.diff.Normalizer.EXACT;
import static io.ringstore.transport.diff.Normalizer.STREAM;
import static io.ringstore.transport.diff.Normalizer.STREAM_PENDING;
import static io.ringstore.transport.diff.Normalizer.STREAM_TIMES;

/**
 * Recipes of the stream family (Redis 7.0's t_stream.c). Most commands use explicit ids from a
 * per-stream "clock" that mostly moves forward, so ids mean the same on both servers; one key,
 * {@link #AUTO}, gets "*" ids, and replies that can show them use the STREAM normalizers (auto ids
 * masked, never whole replies). Idle thresholds are 0 or an hour and claim times are far in the
 * past, so which entries qualify never depends on how many milliseconds apart the servers run.
 * BLOCK is only generated in forms that fail before blocking (a real block would stall Redis).
 * Node limits are changed now and then (CONFIG SET stream-node-max-entries / -bytes) so node
 * boundaries and '~' trimming are exercised with few entries.
 */
final class StreamRecipes {
    static final String FAMILY = "streams";
    static final String AUTO = "{t}auto";
    /** A stream only ever appended to by "(big stream) xadd" (and read or trimmed by the rest), so it grows past node limits. */
    static final String BIG = "{t}big";
    private static final String[] OWN = {"{t}s1", "{t}s2", "{u}s3", "s4", BIG};
    private static final String[] GROUPS = {"g1", "g2", "g3"};
    private static final String[] CONSUMERS = {"alice", "bob", "carol"};
    /** The id clock of each generator (one per seed's stream), so the same seed gives the same ids. */
    private static final Map<ArgGen, long[]> CLOCKS = Collections.synchronizedMap(new WeakHashMap<>());

    private StreamRecipes() {
    }

    static void addTo(List<Recipe> r) {
        r.add(new Recipe("xadd", FAMILY, 10, EXACT, StreamRecipes::xadd));
        r.add(new Recipe("(auto id) xadd", FAMILY, 1, STREAM, g -> g.add("XADD", AUTO, "*", field(g)).add(value(g))));
        r.add(new Recipe("(big stream) xadd", FAMILY, 4, EXACT, g -> g.add("XADD", BIG).add(g.chance(0.3)
                ? new String[] {"MAXLEN", "~", g.pick("10", "30", "60")} : new String[0])
                .add((clock(g)[0] += g.between(0, 2)) + "-*", field(g)).add(value(g))));
        r.add(new Recipe("xlen", FAMILY, 2, EXACT, g -> g.add("XLEN").add(key(g))));
        r.add(new Recipe("xrange", FAMILY, 4, STREAM, g -> range(g, "XRANGE")));
        r.add(new Recipe("xrevrange", FAMILY, 3, STREAM, g -> range(g, "XREVRANGE")));
        r.add(new Recipe("xdel", FAMILY, 2, EXACT, StreamRecipes::xdel));
        r.add(new Recipe("xtrim", FAMILY, 2, EXACT, StreamRecipes::xtrim));
        r.add(new Recipe("xread", FAMILY, 4, STREAM, StreamRecipes::xread));
        r.add(new Recipe("xsetid", FAMILY, 1, EXACT, StreamRecipes::xsetid));
        r.add(new Recipe("xgroup|create", FAMILY, 3, EXACT, StreamRecipes::xgroupCreate));
        r.add(new Recipe("xgroup|setid", FAMILY, 1, EXACT, g -> g.add("XGROUP", "SETID").add(key(g))
                .add(group(g), g.chance(0.3) ? "$" : id(g)).add(g.chance(0.2) ? new String[] {"ENTRIESREAD",
                    g.pick("0", "3", "-1", "-2", "x")} : new String[0])));
        r.add(new Recipe("xgroup|destroy", FAMILY, 1, EXACT, g -> g.add("XGROUP", "DESTROY").add(key(g)).add(group(g))));
        r.add(new Recipe("xgroup|createconsumer", FAMILY, 1, EXACT, g -> g.add("XGROUP", "CREATECONSUMER").add(key(g))
                .add(group(g), consumer(g))));
        r.add(new Recipe("xgroup|delconsumer", FAMILY, 1, EXACT, g -> g.add("XGROUP", "DELCONSUMER").add(key(g))
                .add(group(g), consumer(g))));
        r.add(new Recipe("xgroup|help", FAMILY, 1, EXACT, g -> g.add("XGROUP", "HELP")));
        r.add(new Recipe("xreadgroup", FAMILY, 6, STREAM, StreamRecipes::xreadgroup));
        // BLOCK on one connection: served at once when an id has entries after it, otherwise it
        // blocks and times out (a null array) after 10 ms: '$', '>' with nothing new, or an id
        // past the stream's end. Counted with the blocking family.
        r.add(new Recipe("(block) xread", BlockingRecipes.FAMILY, 1, STREAM, g -> {
            g.add("XREAD");
            if (g.chance(0.3)) {
                g.add("COUNT", g.pick("1", "2", "0"));
            }
            g.add("BLOCK", blockMs(g));
            streams(g, false);
        }));
        r.add(new Recipe("(block) xreadgroup", BlockingRecipes.FAMILY, 1, STREAM, g -> {
            g.add("XREADGROUP", "GROUP", group(g), consumer(g));
            if (g.chance(0.3)) {
                g.add("COUNT", g.pick("1", "2", "0"));
            }
            if (g.chance(0.15)) {
                g.add("NOACK");
            }
            g.add("BLOCK", blockMs(g));
            streams(g, true);
        }));
        r.add(new Recipe("xack", FAMILY, 3, EXACT, StreamRecipes::xack));
        r.add(new Recipe("xpending", FAMILY, 3, STREAM_PENDING, StreamRecipes::xpending));
        r.add(new Recipe("xclaim", FAMILY, 3, STREAM, StreamRecipes::xclaim));
        r.add(new Recipe("xautoclaim", FAMILY, 2, STREAM, StreamRecipes::xautoclaim));
        r.add(new Recipe("xinfo|stream", FAMILY, 2, EXACT, StreamRecipes::xinfoStream));
        r.add(new Recipe("(full) xinfo|stream", FAMILY, 1, STREAM_TIMES, g -> g.add("XINFO", "STREAM").add(key(g))
                .add("FULL").add(g.chance(0.5) ? new String[] {"COUNT", g.pick("0", "1", "2", "-1", "x")} : new String[0])));
        r.add(new Recipe("xinfo|groups", FAMILY, 2, EXACT, g -> g.add("XINFO", "GROUPS").add(key(g))));
        r.add(new Recipe("xinfo|consumers", FAMILY, 1, STREAM_TIMES, g -> g.add("XINFO", "CONSUMERS").add(key(g))
                .add(group(g))));
        r.add(new Recipe("xinfo|help", FAMILY, 1, EXACT, g -> g.add("XINFO", "HELP")));
        r.add(new Recipe("(stream nodes) config|set", FAMILY, 1, EXACT, g -> g.add("CONFIG", "SET").add(g.chance(0.7)
                ? new String[] {"stream-node-max-entries", g.pick("3", "5", "100")}
                : new String[] {"stream-node-max-bytes", g.pick("4096", "150", "0")})));
    }

    /** A stream key: mostly the streams' own keys, sometimes any key of the universe (WRONGTYPE paths). */
    private static byte[] key(ArgGen g) {
        if (g.chance(0.75)) {
            return ArgGen.b(g.pick(OWN));
        }
        return g.chance(0.1) ? ArgGen.b(AUTO) : g.key();
    }

    private static String group(ArgGen g) {
        return g.chance(0.95) ? g.pick(GROUPS) : g.pick("nogroup", "");
    }

    private static String consumer(ArgGen g) {
        return g.pick(CONSUMERS);
    }

    private static String field(ArgGen g) {
        return g.chance(0.8) ? g.pick("f", "g") : g.pick("h", "123", "", "x y");
    }

    private static byte[] value(ArgGen g) {
        return g.chance(0.7) ? ArgGen.b(g.pick("1", "v", "hello", "-5", "300", "")) : g.value();
    }

    private static long[] clock(ArgGen g) {
        return CLOCKS.computeIfAbsent(g, x -> new long[] {1});
    }

    /** An explicit id near the clock: mostly a recent one, sometimes old, small or odd forms. */
    private static String id(ArgGen g) {
        long now = clock(g)[0];
        if (g.chance(0.85)) {
            long ms = Math.max(0, now - g.between(0, 6));
            return g.chance(0.2) ? Long.toString(ms) : ms + "-" + g.between(0, 3);
        }
        return g.pick("0", "0-0", "0-1", "1", "18446744073709551615-18446744073709551615", "18446744073709551615",
                "abc", "-", "+", "1-x", "-1", "1-2-3", "", "01-1", " 1", "+1");
    }

    /** The id of an XADD: the clock moves forward; sometimes "ms-*", an old id, or a malformed one. */
    private static String newId(ArgGen g) {
        long[] c = clock(g);
        c[0] += g.between(0, 2);
        double p = g.rnd.nextDouble();
        if (p < 0.6) {
            return c[0] + "-" + g.between(0, 5);
        } else if (p < 0.8) {
            return c[0] + "-*";
        } else if (p < 0.9) {
            return Long.toString(c[0] + 1);
        }
        return g.pick("0-0", "0", "1-1", "abc", "-", "5-*", "18446744073709551615-18446744073709551614", "-1",
                "0-*");
    }

    private static void trimSpec(ArgGen g) {
        boolean minId = g.chance(0.4);
        g.add(minId ? g.pick("MINID", "minid") : g.pick("MAXLEN", "maxlen"));
        if (g.chance(0.7)) {
            g.add(g.pick("~", "=", "~", "~"));
        }
        if (minId) {
            g.add(g.chance(0.9) ? id(g) : g.pick("-", "x"));
        } else {
            g.add(g.chance(0.9) ? Integer.toString(g.between(0, 12)) : g.pick("-1", "x", "100000"));
        }
        if (g.chance(0.25)) {
            g.add("LIMIT", g.pick("0", "1", "3", "10", "-1", "x"));
        }
    }

    private static void xadd(ArgGen g) {
        g.add("XADD").add(key(g));
        if (g.chance(0.1)) {
            g.add("NOMKSTREAM");
        }
        if (g.chance(0.3)) {
            trimSpec(g);
        }
        if (g.chance(0.05)) {
            g.add("LIMIT", "5");
        }
        g.add(newId(g));
        int n = g.chance(0.9) ? g.between(1, 3) : 0;
        for (int i = 0; i < n; i++) {
            g.add(field(g)).add(value(g));
        }
        if (n == 0 || g.chance(0.03)) {
            g.add("odd");
        }
    }

    private static String bound(ArgGen g, boolean start) {
        double p = g.rnd.nextDouble();
        if (p < 0.35) {
            return start ? "-" : "+";
        } else if (p < 0.8) {
            return id(g);
        } else if (p < 0.92) {
            return "(" + id(g);
        }
        return g.pick("-", "+", "(-", "(+", "(", "x", "(0-0", "(18446744073709551615-18446744073709551615");
    }

    private static void range(ArgGen g, String cmd) {
        g.add(cmd).add(key(g));
        if (cmd.equals("XRANGE")) {
            g.add(bound(g, true), bound(g, false));
        } else {
            g.add(bound(g, false), bound(g, true));
        }
        if (g.chance(0.4)) {
            g.add(g.pick("COUNT", "count"), g.pick("0", "1", "2", "5", "-1", "x"));
        }
        if (g.chance(0.03)) {
            g.add("junk");
        }
    }

    private static void xdel(ArgGen g) {
        g.add("XDEL").add(key(g));
        int n = g.between(1, 3);
        for (int i = 0; i < n; i++) {
            g.add(id(g));
        }
    }

    private static void xtrim(ArgGen g) {
        g.add("XTRIM").add(key(g));
        if (g.chance(0.95)) {
            trimSpec(g);
        } else {
            g.add(g.pick("junk", "LIMIT"), "1");
        }
    }

    private static void xsetid(ArgGen g) {
        g.add("XSETID").add(key(g)).add(g.chance(0.8) ? clock(g)[0] + g.between(0, 3) + "-0" : id(g));
        if (g.chance(0.3)) {
            g.add("ENTRIESADDED", g.pick("0", "5", "100", "-1", "x"));
        }
        if (g.chance(0.3)) {
            g.add("MAXDELETEDID", id(g));
        }
        if (g.chance(0.03)) {
            g.add("junk");
        }
    }

    private static void streams(ArgGen g, boolean group) {
        int n = g.chance(0.7) ? 1 : g.between(2, 3);
        List<byte[]> keys = n == 1 ? List.of(key(g)) : g.chance(0.5) ? g.keys(n) : List.of(key(g), key(g));
        g.add(g.pick("STREAMS", "streams"));
        for (byte[] k : keys) {
            g.add(k);
        }
        for (int i = 0; i < keys.size(); i++) {
            if (group) {
                g.add(g.chance(0.75) ? ">" : g.chance(0.8) ? g.pick("0", "0-0", id(g)) : g.pick("$", "x"));
            } else {
                g.add(g.chance(0.7) ? g.pick("0", "0-0", id(g)) : g.pick("$", ">", "x", "-"));
            }
        }
        if (g.chance(0.03)) {
            g.add("unbalanced");
        }
    }

    /** Mostly 10 ms; now and then 0.01 s written wrong, negative or not a number. */
    private static String blockMs(ArgGen g) {
        return g.chance(0.9) ? "10" : g.pick("-1", "x", "0.01", "1e1", "10 ");
    }

    private static void xread(ArgGen g) {
        g.add("XREAD");
        if (g.chance(0.4)) {
            g.add("COUNT", g.pick("1", "2", "0", "-1", "x"));
        }
        if (g.chance(0.05)) {
            g.add("BLOCK", g.pick("-1", "x", "1.5"));
        }
        if (g.chance(0.03)) {
            g.add(g.pick("NOACK", "GROUP", "junk"));
            if (g.chance(0.5)) {
                g.add("g1", "c");
            }
        }
        streams(g, false);
    }

    private static void xreadgroup(ArgGen g) {
        g.add("XREADGROUP");
        if (g.chance(0.97)) {
            g.add("GROUP", group(g), consumer(g));
        }
        if (g.chance(0.4)) {
            g.add("COUNT", g.pick("1", "2", "3", "0", "-1", "x"));
        }
        if (g.chance(0.15)) {
            g.add("NOACK");
        }
        if (g.chance(0.03)) {
            g.add("BLOCK", g.pick("-1", "x"));
        }
        streams(g, true);
    }

    private static void xgroupCreate(ArgGen g) {
        g.add("XGROUP", "CREATE").add(key(g)).add(group(g));
        g.add(g.chance(0.4) ? "$" : g.chance(0.6) ? "0" : id(g));
        if (g.chance(0.5)) {
            g.add(g.pick("MKSTREAM", "mkstream"));
        }
        if (g.chance(0.2)) {
            g.add("ENTRIESREAD", g.pick("0", "2", "-1", "-3", "x"));
        }
        if (g.chance(0.03)) {
            g.add("junk");
        }
    }

    private static void xack(ArgGen g) {
        g.add("XACK").add(key(g)).add(group(g));
        int n = g.between(1, 3);
        for (int i = 0; i < n; i++) {
            g.add(id(g));
        }
    }

    private static String idle(ArgGen g) {
        return g.pick("0", "0", "3600000", "-5", "x");
    }

    private static void xpending(ArgGen g) {
        g.add("XPENDING").add(key(g)).add(group(g));
        if (g.chance(0.4)) {
            return;
        }
        if (g.chance(0.3)) {
            g.add("IDLE", idle(g));
        }
        g.add(bound(g, true), bound(g, false), g.pick("1", "3", "10", "0", "-1", "x"));
        if (g.chance(0.4)) {
            g.add(g.chance(0.9) ? consumer(g) : "nobody");
        }
        if (g.chance(0.03)) {
            g.add("junk");
        }
    }

    private static void xclaim(ArgGen g) {
        g.add("XCLAIM").add(key(g)).add(group(g), consumer(g), idle(g));
        int n = g.between(1, 3);
        for (int i = 0; i < n; i++) {
            g.add(id(g));
        }
        int opts = g.between(0, 3);
        for (int i = 0; i < opts; i++) {
            switch (g.between(0, 7)) {
                case 0 -> g.add("JUSTID");
                case 1 -> g.add("FORCE");
                case 2 -> g.add("RETRYCOUNT", g.pick("0", "5", "x"));
                case 3 -> g.add("TIME", g.pick("1000", "-1", "x"));
                case 4 -> g.add("IDLE", g.pick("0", "10000000000", "x"));
                case 5 -> g.add("LASTID", id(g));
                case 6 -> g.add("junk");
                default -> g.add("justid");
            }
        }
    }

    private static void xautoclaim(ArgGen g) {
        g.add("XAUTOCLAIM").add(key(g)).add(group(g), consumer(g), idle(g));
        g.add(g.chance(0.8) ? g.pick("0", "0-0", "-") : bound(g, true));
        if (g.chance(0.5)) {
            g.add("COUNT", g.pick("1", "2", "100", "0", "-1", "x"));
        }
        if (g.chance(0.3)) {
            g.add("JUSTID");
        }
        if (g.chance(0.03)) {
            g.add("junk");
        }
    }

    private static void xinfoStream(ArgGen g) {
        byte[] k = key(g);
        if (new String(k, java.nio.charset.StandardCharsets.UTF_8).equals(AUTO)) {
            k = ArgGen.b(OWN[0]); // radix-tree-nodes depends on the auto ids' clock bytes
        }
        g.add("XINFO", "STREAM").add(k);
        if (g.chance(0.05)) {
            g.add(g.pick("junk", "FULL", "FULL"), "COUNT");
        }
    }
}
