package io.ringstore.transport.diff;

import java.util.List;

import static io.ringstore.transport.diff.Normalizer.ANY_INTEGER;
import static io.ringstore.transport.diff.Normalizer.CLIENT_INFO;
import static io.ringstore.transport.diff.Normalizer.EXACT;
import static io.ringstore.transport.diff.Normalizer.INFO;
import static io.ringstore.transport.diff.Normalizer.PAIRS_SORTED;
import static io.ringstore.transport.diff.Normalizer.SORTED;
import static io.ringstore.transport.diff.Normalizer.TIME;

/**
 * Recipes of the server family: DBSIZE, FLUSHDB/FLUSHALL, TIME, INFO, CONFIG, COMMAND, CLIENT.
 * CONFIG uses only options whose value is the same on both servers by construction (not port,
 * dir or maxclients, which depend on how each was started).
 */
final class ServerRecipes {
    static final String FAMILY = "server";

    private static final String[] CONFIG_NAMES = {
        "hz", "databases", "maxmemory", "maxmemory-policy", "appendonly", "save", "bind", "proto-max-bulk-len",
        "tcp-backlog", "maxmemory-p*", "nosuchparam", "HZ",
    };
    private static final String[] INFO_SECTIONS = {
        "server", "clients", "memory", "persistence", "stats", "replication", "cpu", "modules", "errorstats",
        "cluster", "keyspace", "default", "nosuchsection", "KEYSPACE",
    };
    /** Sections that include per-command stats Ringstore does not keep yet (see KNOWN_DIVERGENCES). */
    private static final String[] INFO_COMMAND_STATS_SECTIONS = {"commandstats", "latencystats", "all", "everything"};

    private ServerRecipes() {
    }

    static void addTo(List<Recipe> r) {
        r.add(new Recipe("dbsize", FAMILY, 4, EXACT, g -> g.add("DBSIZE")));
        r.add(new Recipe("flushdb", FAMILY, 1, EXACT, g -> {
            g.add("FLUSHDB");
            if (g.chance(0.8)) { // mostly a syntax error, so the keyspace stays populated
                g.add(g.pick("ASYNC", "SYNC", "sync", "BOGUS", "BOGUS", "BOGUS", "BOGUS", "BOGUS"));
            }
        }));
        // Rare, and mostly a syntax error, so the keyspace stays populated.
        r.add(new Recipe("flushall", FAMILY, 1, EXACT, g -> g.add("FLUSHALL", g.pick("BOGUS", "BOGUS", "BOGUS", "ASYNC", "SYNC"))));
        r.add(new Recipe("time", FAMILY, 1, TIME, g -> g.add("TIME")));
        r.add(new Recipe("info", FAMILY, 2, INFO, g -> {
            g.add("INFO");
            for (int n = g.between(0, 2); n > 0; n--) {
                g.add(g.pick(INFO_SECTIONS));
            }
        }));
        r.add(new Recipe("info (command stats)", FAMILY, 1, INFO, g -> g.add("INFO", g.pick(INFO_COMMAND_STATS_SECTIONS))));
        r.add(new Recipe("config|get", FAMILY, 2, PAIRS_SORTED, g -> {
            g.add("CONFIG", "GET");
            for (int n = g.between(1, 2); n > 0; n--) {
                g.add(g.pick(CONFIG_NAMES));
            }
        }));
        r.add(new Recipe("config|set", FAMILY, 1, EXACT, ServerRecipes::configSet));
        r.add(new Recipe("config|resetstat", FAMILY, 1, EXACT, g -> g.add("CONFIG", "RESETSTAT")));
        r.add(new Recipe("config|rewrite", FAMILY, 1, EXACT, g -> g.add("CONFIG", "REWRITE")));
        r.add(new Recipe("config|help", FAMILY, 1, EXACT, g -> g.add("CONFIG", "HELP")));
        r.add(new Recipe("command|count", FAMILY, 1, EXACT, g -> g.add("COMMAND", "COUNT")));
        r.add(new Recipe("command|list", FAMILY, 1, SORTED, g -> g.add("COMMAND", "LIST")));
        r.add(new Recipe("command|info", FAMILY, 2, EXACT, g -> {
            g.add("COMMAND", "INFO");
            for (int n = g.between(1, 2); n > 0; n--) {
                g.add(g.chance(0.9) ? g.commandName() : "nosuchcommand");
            }
        }));
        r.add(new Recipe("command|docs", FAMILY, 1, EXACT, g -> g.add("COMMAND", "DOCS", g.commandName())));
        r.add(new Recipe("command|getkeys", FAMILY, 2, EXACT, g -> {
            g.add("COMMAND", "GETKEYS");
            g.nestedCommand();
        }));
        r.add(new Recipe("command|help", FAMILY, 1, EXACT, g -> g.add("COMMAND", "HELP")));
        r.add(new Recipe("client|id", FAMILY, 1, ANY_INTEGER, g -> g.add("CLIENT", g.pick("ID", "id"))));
        r.add(new Recipe("client|setname", FAMILY, 2, EXACT, g -> g.add("CLIENT", "SETNAME",
                g.pick("conn1", "conn-2", "", "has space", "new\nline", "\u00e9", "x".repeat(30)))));
        r.add(new Recipe("client|getname", FAMILY, 2, EXACT, g -> g.add("CLIENT", "GETNAME")));
        r.add(new Recipe("client|setinfo", FAMILY, 1, EXACT, g -> g.add("CLIENT", "SETINFO",
                g.pick("lib-name", "lib-ver", "LIB-NAME", "bogus"), g.pick("jedis", "5.2.0", "", "a b"))));
        r.add(new Recipe("client|info", FAMILY, 1, CLIENT_INFO, g -> g.add("CLIENT", "INFO")));
        r.add(new Recipe("client|list", FAMILY, 1, CLIENT_INFO, g -> {
            g.add("CLIENT", "LIST");
            if (g.chance(0.3)) {
                g.add("TYPE", g.pick("normal", "NORMAL", "pubsub", "bogus"));
            }
        }));
        r.add(new Recipe("client|no-evict", FAMILY, 1, EXACT, g -> g.add("CLIENT", "NO-EVICT", g.pick("on", "OFF", "bogus"))));
        r.add(new Recipe("client|help", FAMILY, 1, EXACT, g -> g.add("CLIENT", "HELP")));
    }

    /** CONFIG SET of hz (valid and invalid), an immutable option, an unknown one, or a bad enum value. */
    static void configSet(ArgGen g) {
        g.add("CONFIG", "SET");
        switch (g.rnd.nextInt(5)) {
            case 0:
            case 1:
                g.add("hz", g.pick("1", "10", "20", "100", "0", "501", "-1", "abc"));
                break;
            case 2:
                g.add("maxmemory-policy", g.pick("noeviction", "NOEVICTION", "bogus"));
                break;
            case 3:
                g.add("databases", "8");
                break;
            default:
                g.add(g.pick("nosuchparam", "hz"));
                break;
        }
    }
}
