package io.ringstore.engine.family.server;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.reply.Errors;

/**
 * DEBUG: only DIGEST and DIGEST-VALUE, the subcommands tests use to compare keyspaces (before and
 * after a restart, across shard counts). The row is all_shards, so the digest reads every shard at
 * a ring barrier on shard 0's thread. Any other subcommand answers Redis's unknown-subcommand error.
 */
final class DebugFamily {
    private DebugFamily() {
    }

    static void register(CommandTable t) {
        t.add("debug", -2, "admin noscript loading stale all_shards", 0, 0, 0, DebugFamily::debug)
                .doc("1.0.0", "A container for debugging commands (DIGEST and DIGEST-VALUE only)",
                        "Depends on subcommand.")
                .acl("@dangerous");
    }

    static void debug(CommandContext c) {
        String sub = c.args.lowerString(1);
        if (sub.equals("digest") && c.args.count() == 2) {
            c.reply.simple(KeyspaceDigest.of(c.engine, c.now));
        } else if (sub.equals("digest-value")) {
            c.reply.array(c.args.count() - 2);
            for (int i = 2; i < c.args.count(); i++) {
                c.reply.simple(KeyspaceDigest.ofValue(c.db(i).dict(), c.peekKey(c.db(i), i)));
            }
        } else {
            c.reply.error(Errors.unknownSubcommand(c.args.string(1), "DEBUG"));
        }
    }
}
