package io.ringstore.transport.diff;

import java.util.List;

import static io.ringstore.transport.diff.Normalizer.EXACT;
import static io.ringstore.transport.diff.Normalizer.HELLO;

/**
 * Recipes of the connection family: PING, ECHO, SELECT, HELLO (switching RESP2/RESP3 mid-stream,
 * so every later reply is compared in both protocols), RESET, QUIT (the harness reconnects), and
 * unknown commands.
 */
final class ConnectionRecipes {
    static final String FAMILY = "connection";

    private ConnectionRecipes() {
    }

    static void addTo(List<Recipe> r) {
        r.add(new Recipe("ping", FAMILY, 2, EXACT, g -> {
            g.add(g.pick("PING", "ping"));
            if (g.chance(0.5)) {
                g.add(g.value());
            }
        }));
        r.add(new Recipe("echo", FAMILY, 2, EXACT, g -> g.add("ECHO").add(g.value())));
        r.add(new Recipe("select", FAMILY, 6, EXACT, g -> g.add(g.pick("SELECT", "select"), g.db())));
        r.add(new Recipe("hello", FAMILY, 2, HELLO, ConnectionRecipes::hello));
        r.add(new Recipe("reset", FAMILY, 1, EXACT, g -> g.add("RESET")));
        r.add(new Recipe("quit", FAMILY, 1, EXACT, g -> g.add(g.pick("QUIT", "quit"))));
        r.add(new Recipe("(unknown command)", FAMILY, 1, EXACT, g -> {
            g.add(g.pick("NOSUCHCOMMAND", "gett", "x".repeat(140)));
            for (int n = g.between(0, 3); n > 0; n--) {
                g.add(g.printable());
            }
        }));
        // Redis quotes the arguments as C strings: raw bytes, cut at the first NUL.
        r.add(new Recipe("(unknown command, binary args)", FAMILY, 1, EXACT, g -> {
            g.add(g.pick("NOSUCHCOMMAND", "gett"));
            g.add(g.pick("abc\u0000def", "\u0000", "\r\n", "caf\u00e9"));
            byte[] v = new byte[g.between(1, 8)];
            g.rnd.nextBytes(v);
            g.add(v);
        }));
    }

    /** HELLO [protover [AUTH username password] [SETNAME clientname]]. */
    static void hello(ArgGen g) {
        g.add("HELLO");
        if (g.chance(0.1)) {
            return;
        }
        g.add(g.chance(0.85) ? g.pick("2", "3") : g.pick("1", "4", "abc", "-3"));
        if (g.chance(0.2)) {
            g.add("AUTH", g.pick("default", "default", "nobody"), g.pick("anything", ""));
        }
        if (g.chance(0.2)) {
            g.add("SETNAME", g.pick("conn1", "has space", ""));
        }
        if (g.chance(0.05)) {
            g.add(g.pick("BOGUS", "AUTH", "SETNAME"));
        }
    }
}
