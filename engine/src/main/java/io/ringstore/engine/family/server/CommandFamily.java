package io.ringstore.engine.family.server;

import io.ringstore.engine.command.Args;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandSpec;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.family.shared.ServerHelp;
import io.ringstore.engine.util.Glob;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * COMMAND and its subcommands (Redis's server.c commandCommand and friends): every answer is read
 * from the command table, so COMMAND COUNT, INFO, DOCS and LIST can never disagree with routing.
 * The table is immutable after start-up, so any shard thread may read it.
 */
public final class CommandFamily {
    private static final String LOOKUP = "O(N) where N is the number of commands to look up";
    private static final String ALL = "O(N) where N is the total number of Redis commands";
    private static final String ARGS = "O(N) where N is the number of arguments to the command";

    private CommandFamily() {
    }

    public static void register(CommandTable t) {
        t.group("server");
        t.add("command", -1, "loading stale", 0, 0, 0, CommandFamily::all)
                .doc("2.8.13", "Get array of Redis command details", ALL)
                .tips("nondeterministic_output_order").acl("@connection");
        t.sub("command", "info", -2, "loading stale", 0, 0, 0, CommandFamily::info)
                .doc("2.8.13", "Get array of specific Redis command details, or all when no argument is given.", LOOKUP)
                .tips("nondeterministic_output_order").acl("@connection");
        t.sub("command", "docs", -2, "loading stale", 0, 0, 0, CommandFamily::docs)
                .doc("7.0.0", "Get array of specific Redis command documentation", LOOKUP)
                .tips("nondeterministic_output_order").acl("@connection");
        t.sub("command", "count", 2, "loading stale", 0, 0, 0, c -> c.reply.integer(c.engine.table.size()))
                .doc("2.8.13", "Get total number of Redis commands", "O(1)").acl("@connection");
        t.sub("command", "list", -2, "loading stale", 0, 0, 0, CommandFamily::list)
                .doc("7.0.0", "Get an array of Redis command names", ALL)
                .tips("nondeterministic_output_order").acl("@connection");
        t.sub("command", "getkeys", -4, "loading stale", 0, 0, 0, c -> CommandFamilyKeys.getkeys(c, false))
                .doc("2.8.13", "Extract keys given a full Redis command", ARGS).acl("@connection");
        t.sub("command", "getkeysandflags", -4, "loading stale", 0, 0, 0, c -> CommandFamilyKeys.getkeys(c, true))
                .doc("7.0.0", "Extract keys and access flags given a full Redis command", ARGS).acl("@connection");
        t.sub("command", "help", 2, "loading stale", 0, 0, 0, CommandFamily::help)
                .doc("5.0.0", "Show helpful text about the different subcommands", "O(1)").acl("@connection");
    }

    /** COMMAND: every top-level command in COMMAND INFO shape. */
    static void all(CommandContext c) {
        c.reply.array(c.engine.table.size());
        for (CommandSpec s : c.engine.table.commands().values()) {
            CommandDocs.writeInfo(c.reply, s);
        }
    }

    /** COMMAND INFO [name ...]: one entry per name (null when unknown); all commands when none given. */
    static void info(CommandContext c) {
        if (c.args.count() == 2) {
            all(c);
            return;
        }
        c.reply.array(c.args.count() - 2);
        for (int i = 2; i < c.args.count(); i++) {
            CommandSpec s = lookup(c.engine.table, c.args.string(i));
            if (s == null) {
                c.reply.nullBulk();
            } else {
                CommandDocs.writeInfo(c.reply, s);
            }
        }
    }

    /** COMMAND DOCS [name ...]: a map of full name to docs; unknown names are left out. */
    static void docs(CommandContext c) {
        List<CommandSpec> found = new ArrayList<>();
        if (c.args.count() == 2) {
            found.addAll(c.engine.table.commands().values());
        } else {
            for (int i = 2; i < c.args.count(); i++) {
                CommandSpec s = lookup(c.engine.table, c.args.string(i));
                if (s != null) {
                    found.add(s);
                }
            }
        }
        c.reply.map(found.size());
        for (CommandSpec s : found) {
            c.reply.bulk(s.fullName);
            CommandDocs.writeDocs(c.reply, s);
        }
    }

    /** COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN glob]: names, subcommands included. */
    static void list(CommandContext c) {
        Args a = c.args;
        String type = null;
        String value = null;
        if (a.count() == 5 && a.lowerString(2).equals("filterby")) {
            type = a.lowerString(3);
            value = a.string(4);
            if (!type.equals("module") && !type.equals("aclcat") && !type.equals("pattern")) {
                c.syntaxError();
                return;
            }
        } else if (a.count() != 2) {
            c.syntaxError();
            return;
        }
        List<String> names = new ArrayList<>();
        byte[] pattern = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        for (CommandSpec s : c.engine.table.commands().values()) {
            addIfMatches(names, s, type, value, pattern);
            for (CommandSpec sub : s.subcommands().values()) {
                addIfMatches(names, sub, type, value, pattern);
            }
        }
        c.reply.array(names.size());
        for (String n : names) {
            c.reply.bulk(n);
        }
    }

    private static void addIfMatches(List<String> out, CommandSpec s, String type, String value, byte[] pattern) {
        boolean keep;
        if (type == null) {
            keep = true;
        } else if (type.equals("module")) {
            keep = false; // no modules
        } else if (type.equals("aclcat")) {
            keep = CommandDocsAcl.in(s, value);
        } else {
            keep = Glob.match(pattern, s.fullName.getBytes(StandardCharsets.UTF_8), true);
        }
        if (keep) {
            out.add(s.fullName);
        }
    }

    /** A command by name, "container|sub" for a subcommand, any case; null when unknown. */
    static CommandSpec lookup(CommandTable table, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int bar = n.indexOf('|');
        if (bar < 0) {
            return table.get(n);
        }
        CommandSpec parent = table.get(n.substring(0, bar));
        if (parent == null) {
            return null;
        }
        return parent.subcommands().get(n.substring(bar + 1));
    }

    static void help(CommandContext c) {
        ServerHelp.reply(c, "COMMAND",
                "(no subcommand)",
                "    Return details about all Redis commands.",
                "COUNT",
                "    Return the total number of commands in this Redis server.",
                "LIST",
                "    Return a list of all commands in this Redis server.",
                "INFO [<command-name> ...]",
                "    Return details about multiple Redis commands.",
                "    If no command names are given, documentation details for all",
                "    commands are returned.",
                "DOCS [<command-name> ...]",
                "    Return documentation details about multiple Redis commands.",
                "    If no command names are given, documentation details for all",
                "    commands are returned.",
                "GETKEYS <full-command>",
                "    Return the keys from a full Redis command.",
                "GETKEYSANDFLAGS <full-command>",
                "    Return the keys and the access flags from a full Redis command.");
    }
}
