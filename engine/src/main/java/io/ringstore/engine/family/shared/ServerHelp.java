package io.ringstore.engine.family.shared;

import io.ringstore.engine.command.CommandContext;

/**
 * The HELP reply of a container command, as Redis's addReplyHelp writes it: a header line, the
 * given lines, then the HELP entry, each a status reply. Stateless; any shard thread.
 */
public final class ServerHelp {
    private ServerHelp() {
    }

    public static void reply(CommandContext c, String command, String... lines) {
        c.reply.array(lines.length + 3);
        c.reply.simple(command + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        for (String line : lines) {
            c.reply.simple(line);
        }
        c.reply.simple("HELP");
        c.reply.simple("    Prints this help.");
    }
}
