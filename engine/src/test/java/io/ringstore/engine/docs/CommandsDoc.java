package io.ringstore.engine.docs;

import io.ringstore.engine.command.CommandFlags;
import io.ringstore.engine.command.CommandSpec;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.family.Commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes docs/commands.md from the command table, so the supported-commands table cannot drift
 * from the code (a test fails when the committed file differs). Run by {@code scripts/gen-docs}.
 */
public final class CommandsDoc {
    private CommandsDoc() {
    }

    public static String render(CommandTable table) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Supported commands\n\n")
          .append("Generated from the command table by `scripts/gen-docs` (do not edit by hand; a test checks it).\n")
          .append("Semantics, replies and error texts follow Redis 7.0. Arity: positive = exact, negative = minimum.\n")
          .append("Keys: first, last (negative counts from the end), step. `all_shards`: runs at a ring barrier.\n\n");
        Map<String, List<CommandSpec>> byGroup = new TreeMap<>();
        for (CommandSpec s : table.commands().values()) {
            byGroup.computeIfAbsent(s.group, g -> new ArrayList<>()).add(s);
        }
        int total = 0;
        for (Map.Entry<String, List<CommandSpec>> g : byGroup.entrySet()) {
            sb.append("## ").append(g.getKey()).append("\n\n")
              .append("| command | arity | flags | keys |\n|---|---|---|---|\n");
            List<CommandSpec> specs = g.getValue();
            specs.sort((a, b) -> a.name.compareTo(b.name));
            for (CommandSpec s : specs) {
                if (s.isContainer()) {
                    if (s.handler != null) {
                        row(sb, s);
                        total++;
                    }
                    List<CommandSpec> subs = new ArrayList<>(s.subcommands().values());
                    subs.sort((a, b) -> a.name.compareTo(b.name));
                    for (CommandSpec sub : subs) {
                        row(sb, sub);
                        total++;
                    }
                } else {
                    row(sb, s);
                    total++;
                }
            }
            sb.append('\n');
        }
        sb.append(total).append(" commands and subcommands.\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, CommandSpec s) {
        String name = s.parent == null ? s.name.toUpperCase() : (s.parent.name + " " + s.name).toUpperCase();
        List<String> flags = new ArrayList<>(CommandFlags.names(s.flags));
        if (s.has(CommandFlags.ALL_SHARDS)) {
            flags.add("all_shards");
        }
        String keys = s.keyFinder() != null ? "movable"
                : s.firstKey == 0 ? "-" : s.firstKey + ", " + s.lastKey + ", " + s.keyStep;
        sb.append("| ").append(name).append(" | ").append(s.arity).append(" | ")
          .append(String.join(" ", flags)).append(" | ").append(keys).append(" |\n");
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/commands.md");
        Files.writeString(out, render(Commands.table()), StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
    }
}
