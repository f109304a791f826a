package io.ringstore.engine.family.server;

import io.ringstore.engine.command.CommandFlags;
import io.ringstore.engine.command.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ACL categories of a command row, derived the way Redis 7 derives them (server.c
 * setImplicitACLCategories): the row's own categories ({@link CommandSpec#acl()}, Redis's
 * "acl_categories"; when the row states none, its group's data-type category), plus what the flags
 * imply: write → @write, readonly → @read, admin → @admin @dangerous, pubsub → @pubsub, fast →
 * @fast, blocking → @blocking, and @slow when not @fast. A pure container (CLIENT, CONFIG) has
 * no group category, only @slow. Reported in Redis's category order. Stateless; any thread.
 */
public final class CommandDocsAcl {
    /** Redis's ACL category names, in the order ACL CAT and COMMAND INFO list them. */
    static final String[] CATEGORIES = {
        "keyspace", "read", "write", "set", "sortedset", "list", "hash", "string", "bitmap", "hyperloglog",
        "geo", "stream", "pubsub", "admin", "fast", "slow", "blocking", "dangerous", "connection",
        "transaction", "scripting",
    };

    private CommandDocsAcl() {
    }

    /** The category bit set of a row; throws on an unknown category name (a table bug). */
    static int mask(CommandSpec s) {
        int m = 0;
        String explicit = s.acl().trim();
        if (!explicit.isEmpty()) {
            for (String w : explicit.split("\\s+")) {
                int i = index(w.startsWith("@") ? w.substring(1) : w);
                if (i < 0) {
                    throw new IllegalStateException(s.fullName + ": unknown ACL category " + w);
                }
                m |= 1 << i;
            }
        } else if (s.handler != null || !s.isContainer()) {
            int g = index(groupCategory(s.group));
            if (g >= 0) {
                m |= 1 << g;
            }
        }
        m |= implied(s, CommandFlags.WRITE, "write") | implied(s, CommandFlags.READONLY, "read")
                | implied(s, CommandFlags.ADMIN, "admin") | implied(s, CommandFlags.ADMIN, "dangerous")
                | implied(s, CommandFlags.PUBSUB, "pubsub") | implied(s, CommandFlags.FAST, "fast")
                | implied(s, CommandFlags.BLOCKING, "blocking");
        if ((m & (1 << index("fast"))) == 0) {
            m |= 1 << index("slow");
        }
        return m;
    }

    /** "@read", "@string", ... in Redis's order. */
    static List<String> names(CommandSpec s) {
        int m = mask(s);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < CATEGORIES.length; i++) {
            if ((m & (1 << i)) != 0) {
                out.add("@" + CATEGORIES[i]);
            }
        }
        return out;
    }

    /** Whether the row is in the category (name without '@', any case); false for unknown names. */
    static boolean in(CommandSpec s, String category) {
        int i = index(category.toLowerCase(Locale.ROOT));
        return i >= 0 && (mask(s) & (1 << i)) != 0;
    }

    private static int implied(CommandSpec s, long flag, String category) {
        return s.has(flag) ? 1 << index(category) : 0;
    }

    /** The category a command group's commands carry unless the row says otherwise. */
    static String groupCategory(String group) {
        switch (group) {
            case "generic":
                return "keyspace";
            case "sorted_set":
                return "sortedset";
            case "transactions":
                return "transaction";
            case "string": case "list": case "set": case "hash": case "bitmap": case "hyperloglog": case "geo":
            case "stream": case "pubsub": case "scripting": case "connection":
                return group;
            default:
                return ""; // server, cluster, sentinel: categories come from flags or the row
        }
    }

    static int index(String category) {
        for (int i = 0; i < CATEGORIES.length; i++) {
            if (CATEGORIES[i].equals(category)) {
                return i;
            }
        }
        return -1;
    }
}
