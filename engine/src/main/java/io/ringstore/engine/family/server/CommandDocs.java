package io.ringstore.engine.family.server;

import io.ringstore.engine.command.CommandFlags;
import io.ringstore.engine.command.CommandSpec;
import io.ringstore.engine.reply.ReplyBuffer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Writes COMMAND INFO and COMMAND DOCS entries from a command table row, in Redis 7.0's shapes
 * (server.c addReplyCommandInfo / addReplyCommandDocs): everything comes from the row, nothing
 * from a second list. Key specs are derived from the row's key range: one "index"/"range" spec
 * for first/last/step, and an "unknown" spec when a key finder supplies movable keys. Stateless;
 * runs on the shard thread executing COMMAND.
 */
public final class CommandDocs {
    /** Flag names COMMAND INFO prints, in Redis's order; may_replicate is hidden, as in Redis. */
    private static final String[] FLAG_NAMES = {
        "write", "readonly", "denyoom", "admin", "pubsub", "noscript", "blocking", "loading", "stale",
        "skip_monitor", "skip_slowlog", "fast", "no_auth", "no_mandatory_keys", "no_multi", "movablekeys",
        "allow_busy",
    };
    private static final long MOVABLE = 0;
    private static final long[] FLAG_BITS = {
        CommandFlags.WRITE, CommandFlags.READONLY, CommandFlags.DENYOOM, CommandFlags.ADMIN, CommandFlags.PUBSUB,
        CommandFlags.NOSCRIPT, CommandFlags.BLOCKING, CommandFlags.LOADING, CommandFlags.STALE,
        CommandFlags.SKIP_MONITOR, CommandFlags.SKIP_SLOWLOG, CommandFlags.FAST, CommandFlags.NO_AUTH,
        CommandFlags.NO_MANDATORY_KEYS, CommandFlags.NO_MULTI, MOVABLE, CommandFlags.ALLOW_BUSY,
    };

    private CommandDocs() {
    }

    /** The flags COMMAND INFO reports for a row; "movablekeys" when a key finder supplies its keys. */
    static List<String> flagNames(CommandSpec s) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            boolean on = FLAG_BITS[i] == MOVABLE ? s.keyFinder() != null : s.has(FLAG_BITS[i]);
            if (on) {
                out.add(FLAG_NAMES[i]);
            }
        }
        return out;
    }

    /**
     * Key spec flags derived from the command flags: a read-only command reads its keys ("RO
     * access"); a write command is assumed to read and update them ("RW access update", what Redis
     * itself states when it cannot tell); otherwise the key is only looked at ("RO").
     */
    static List<String> keyFlags(CommandSpec s) {
        if (s.has(CommandFlags.CHANNEL_KEYS)) {
            return List.of("not_key"); // shard channels (SSUBSCRIBE, SPUBLISH)
        }
        if (s.has(CommandFlags.WRITE)) {
            return List.of("RW", "access", "update");
        }
        if (s.has(CommandFlags.READONLY)) {
            return List.of("RO", "access");
        }
        return List.of("RO");
    }

    /** One COMMAND INFO entry: name, arity, flags, first, last, step, ACL categories, tips, key specs, subcommands. */
    static void writeInfo(ReplyBuffer r, CommandSpec s) {
        r.array(10);
        r.bulk(s.fullName);
        r.integer(s.arity);
        simpleSet(r, flagNames(s));
        r.integer(s.firstKey);
        r.integer(s.lastKey);
        r.integer(s.keyStep);
        simpleSet(r, CommandDocsAcl.names(s));
        String[] tips = s.tips();
        r.set(tips.length);
        for (String t : tips) {
            r.bulk(t);
        }
        writeKeySpecs(r, s);
        Collection<CommandSpec> subs = s.subcommands().values();
        r.set(subs.size());
        for (CommandSpec sub : subs) {
            writeInfo(r, sub);
        }
    }

    private static void writeKeySpecs(ReplyBuffer r, CommandSpec s) {
        boolean range = s.firstKey > 0;
        boolean movable = s.keyFinder() != null;
        r.set((range ? 1 : 0) + (movable ? 1 : 0));
        List<String> flags = keyFlags(s);
        if (range) {
            r.map(3);
            r.bulk("flags");
            simpleSet(r, flags);
            r.bulk("begin_search");
            r.map(2).bulk("type").bulk("index").bulk("spec");
            r.map(1).bulk("index").integer(s.firstKey);
            r.bulk("find_keys");
            r.map(2).bulk("type").bulk("range").bulk("spec");
            r.map(3);
            r.bulk("lastkey").integer(s.lastKey < 0 ? s.lastKey : s.lastKey - s.firstKey);
            r.bulk("keystep").integer(s.keyStep);
            r.bulk("limit").integer(0);
        }
        if (movable) {
            r.map(3);
            r.bulk("flags");
            simpleSet(r, flags);
            r.bulk("begin_search");
            r.map(2).bulk("type").bulk("unknown").bulk("spec").map(0);
            r.bulk("find_keys");
            r.map(2).bulk("type").bulk("unknown").bulk("spec").map(0);
        }
    }

    /** One COMMAND DOCS value: summary, since, group, complexity when known, subcommands of a container. */
    static void writeDocs(ReplyBuffer r, CommandSpec s) {
        String complexity = s.complexity();
        boolean container = s.isContainer();
        r.map(3 + (complexity != null ? 1 : 0) + (container ? 1 : 0));
        r.bulk("summary").bulk(s.summary());
        r.bulk("since").bulk(s.since());
        r.bulk("group").bulk(s.group);
        if (complexity != null) {
            r.bulk("complexity").bulk(complexity);
        }
        if (container) {
            r.bulk("subcommands");
            r.map(s.subcommands().size());
            for (CommandSpec sub : s.subcommands().values()) {
                r.bulk(sub.fullName);
                writeDocs(r, sub);
            }
        }
    }

    private static void simpleSet(ReplyBuffer r, List<String> items) {
        r.set(items.size());
        for (String i : items) {
            r.simple(i);
        }
    }
}
