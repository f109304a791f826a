package io.ringstore.engine.family.server;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.family.shared.ServerHelp;
import io.ringstore.engine.shard.ShardState;
import io.ringstore.engine.util.Glob;
import io.ringstore.engine.reply.Errors;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CONFIG GET / SET / RESETSTAT / HELP (Redis 7.0's config.c). CONFIG SET and RESETSTAT are
 * all_shards: they run at a ring barrier, so a change takes effect at exactly one sequence for
 * every shard (ARCHITECTURE invariant 3) and RESETSTAT may zero every shard's counters. Option
 * values are volatile, so I/O threads that read them (proto-max-bulk-len) see the change.
 */
public final class ConfigFamily {
    private static final String PARAMS = "O(N) when N is the number of configuration parameters provided";

    private ConfigFamily() {
    }

    public static void register(CommandTable t) {
        t.group("server");
        t.container("config", -2, "").doc("2.0.0", "A container for server configuration commands", "Depends on subcommand.");
        t.sub("config", "get", -3, "admin noscript loading stale", 0, 0, 0, ConfigFamily::get)
                .doc("2.0.0", "Get the values of configuration parameters", PARAMS);
        t.sub("config", "set", -4, "admin noscript loading stale all_shards", 0, 0, 0, ConfigFamily::set)
                .doc("2.0.0", "Set configuration parameters to the given values", PARAMS)
                .tips("request_policy:all_nodes", "response_policy:all_succeeded");
        t.sub("config", "resetstat", 2, "admin noscript loading stale all_shards", 0, 0, 0, ConfigFamily::resetstat)
                .doc("2.0.0", "Reset the stats returned by INFO", "O(1)");
        t.sub("config", "rewrite", 2, "admin noscript loading stale", 0, 0, 0, ConfigFamily::rewrite)
                .doc("2.8.0", "Persists the effective configuration to file");
        t.sub("config", "help", 2, "loading stale", 0, 0, 0, ConfigFamily::help)
                .doc("5.0.0", "Show helpful text about the different subcommands", "O(1)");
    }

    /**
     * CONFIG GET pattern [pattern ...], config.c's configGetCommand: a name without glob characters
     * is looked up directly and answered under the name as the client spelled it; a glob
     * (case-insensitive) matches option names and their aliases (hash-max-ziplist-entries). Each
     * name appears once, in the order first matched; a map in RESP3.
     */
    static void get(CommandContext c) {
        Config config = c.engine.config;
        // Keyed by the lower-cased name matched: an option and its alias are two entries, as in Redis.
        Map<String, String[]> found = new LinkedHashMap<>();
        for (int i = 2; i < c.args.count(); i++) {
            String pattern = c.args.string(i);
            if (!hasGlob(pattern)) {
                Config.Option o = config.option(pattern);
                if (o != null) {
                    found.putIfAbsent(pattern.toLowerCase(java.util.Locale.ROOT), new String[] {pattern, o.value()});
                }
                continue;
            }
            byte[] p = pattern.getBytes(StandardCharsets.UTF_8);
            for (String name : config.names()) {
                if (!found.containsKey(name) && Glob.match(p, name.getBytes(StandardCharsets.US_ASCII), true)) {
                    found.put(name, new String[] {name, config.option(name).value()});
                }
            }
        }
        c.reply.map(found.size());
        for (String[] e : found.values()) {
            c.reply.bulk(e[0]).bulk(e[1]);
        }
    }

    private static boolean hasGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    /** CONFIG SET name value [name value ...]: all or nothing, Redis 7's error texts. */
    static void set(CommandContext c) {
        if ((c.args.count() & 1) != 0) {
            c.syntaxError();
            return;
        }
        List<String[]> pairs = new ArrayList<>();
        for (int i = 2; i < c.args.count(); i += 2) {
            pairs.add(new String[] {c.args.string(i), c.args.string(i + 1)});
        }
        String err = c.engine.config.setAtRuntime(pairs);
        if (err != null) {
            c.reply.error(err);
        } else {
            c.reply.ok();
        }
    }

    /** CONFIG RESETSTAT: zeroes every shard's counters and the server-wide rates, at a barrier. */
    static void resetstat(CommandContext c) {
        for (ShardState s : c.engine.shards) {
            s.stats.reset();
        }
        c.engine.serverStats.reset(c.engine.sessions.totalConnections());
        c.reply.ok();
    }

    /**
     * CONFIG REWRITE: without a config file Redis's own error; else the file rewritten with the
     * running values (config.ConfigRewrite), or Redis's error naming why it failed.
     */
    static void rewrite(CommandContext c) {
        String file = c.engine.config.configFile();
        if (file.isEmpty()) {
            c.reply.error(Errors.NO_CONFIG_FILE);
            return;
        }
        String err = io.ringstore.engine.config.ConfigRewrite.rewrite(c.engine.config, java.nio.file.Path.of(file));
        if (err != null) {
            c.reply.error(Errors.configRewriteFailed(err));
        } else {
            c.reply.ok();
        }
    }

    static void help(CommandContext c) {
        ServerHelp.reply(c, "CONFIG",
                "GET <pattern>",
                "    Return parameters matching the glob-like <pattern> and their values.",
                "SET <directive> <value>",
                "    Set the configuration <directive> to <value>.",
                "RESETSTAT",
                "    Reset statistics reported by the INFO command.",
                "REWRITE",
                "    Rewrite the configuration file.");
    }
}
