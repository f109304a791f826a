package io.ringstore.engine.family.server;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;

/**
 * INFO [section ...] (Redis 7.0's infoCommand): picks sections by name ("default", "all" and
 * "everything" select every section Ringstore has; unknown names select nothing), writes them in
 * Redis's fixed order separated by a blank line, and replies with one bulk string (verbatim "txt"
 * in RESP3). Flagged all_shards: runs at a barrier on shard 0's thread, which may then read every
 * shard's counters.
 */
public final class InfoFamily {
    private InfoFamily() {
    }

    public static void register(CommandTable t) {
        t.group("server");
        t.add("info", -1, "loading stale all_shards", 0, 0, 0, InfoFamily::info)
                .doc("1.0.0", "Get information and statistics about the server", "O(1)")
                .tips("nondeterministic_output", "request_policy:all_shards", "response_policy:special")
                .acl("@dangerous");
    }

    static void info(CommandContext c) {
        boolean[] wanted = sections(c);
        StringBuilder sb = new StringBuilder(4096);
        for (int i = 0; i < wanted.length; i++) {
            if (wanted[i]) {
                if (sb.length() > 0) {
                    sb.append("\r\n");
                }
                InfoSections.write(i, sb, c);
            }
        }
        c.reply.verbatim(sb.toString());
    }

    /** Which sections the arguments ask for, indexed as {@link InfoSections#NAMES}. */
    static boolean[] sections(CommandContext c) {
        String[] names = InfoSections.NAMES;
        boolean[] wanted = new boolean[names.length];
        if (c.args.count() == 1) {
            java.util.Arrays.fill(wanted, true);
            return wanted;
        }
        for (int a = 1; a < c.args.count(); a++) {
            String arg = c.args.lowerString(a);
            boolean every = arg.equals("default") || arg.equals("all") || arg.equals("everything");
            for (int i = 0; i < names.length; i++) {
                if (every || names[i].equals(arg)) {
                    wanted[i] = true;
                }
            }
        }
        return wanted;
    }
}
