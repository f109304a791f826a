package io.ringstore.engine.command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command table: every command is one row added by its family's {@code register} method.
 * Lookup by name is case-insensitive and allocation-free (an open-addressing index over the
 * lower-cased name bytes). Built once at start-up, then read-only and shared by all threads.
 */
public final class CommandTable {
    private final Map<String, CommandSpec> byName = new LinkedHashMap<>();
    private CommandSpec[] index = new CommandSpec[0];
    private int mask;
    private String group = "generic";

    /** Sets the group (COMMAND DOCS "group") of the rows added next. */
    public CommandTable group(String group) {
        this.group = group;
        return this;
    }

    /** Adds a command row. Returns it for optional ingress hook / key finder / docs. */
    public CommandSpec add(String name, int arity, String flags, int firstKey, int lastKey, int step,
                           CommandHandler handler) {
        CommandSpec spec = new CommandSpec(name, null, arity, CommandFlags.parse(flags), firstKey, lastKey, step,
                handler, group);
        if (byName.putIfAbsent(spec.name, spec) != null) {
            throw new IllegalStateException("duplicate command " + name);
        }
        index = null;
        return spec;
    }

    /** Adds a container command (CONFIG, CLIENT, OBJECT, COMMAND) whose rows are subcommands. */
    public CommandSpec container(String name, int arity, String flags) {
        return add(name, arity, flags, 0, 0, 0, null);
    }

    /** Adds a subcommand row under a container. */
    public CommandSpec sub(String container, String name, int arity, String flags, int firstKey, int lastKey,
                           int step, CommandHandler handler) {
        CommandSpec parent = byName.get(container);
        if (parent == null) {
            throw new IllegalStateException("no container " + container);
        }
        CommandSpec spec = new CommandSpec(name, parent, arity, CommandFlags.parse(flags), firstKey, lastKey, step,
                handler, parent.group);
        parent.subcommands.put(spec.name, spec);
        return spec;
    }

    public CommandSpec get(String name) {
        return byName.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public Map<String, CommandSpec> commands() {
        return Collections.unmodifiableMap(byName);
    }

    public int size() {
        return byName.size();
    }

    /** Freezes the table: builds the byte-keyed index. Call once before use. */
    public CommandTable build() {
        int cap = Integer.highestOneBit(Math.max(16, byName.size() * 4) - 1) << 1;
        CommandSpec[] idx = new CommandSpec[cap];
        int m = cap - 1;
        for (CommandSpec s : byName.values()) {
            int i = hashLower(s.nameBytes, 0, s.nameBytes.length) & m;
            while (idx[i] != null) {
                i = (i + 1) & m;
            }
            idx[i] = s;
        }
        index = idx;
        mask = m;
        return this;
    }

    /** Case-insensitive lookup of a top-level command name in raw bytes; null when unknown. */
    public CommandSpec lookup(byte[] b, int off, int len) {
        return probe(index, mask, b, off, len);
    }

    /** Case-insensitive lookup of a subcommand; null when unknown. */
    public static CommandSpec lookupSub(CommandSpec container, byte[] b, int off, int len) {
        for (CommandSpec s : container.subcommands.values()) {
            if (io.ringstore.engine.util.Numbers.equalsIgnoreCase(b, off, len, s.nameBytes)) {
                return s;
            }
        }
        return null;
    }

    private static CommandSpec probe(CommandSpec[] idx, int m, byte[] b, int off, int len) {
        int i = hashLower(b, off, len) & m;
        while (true) {
            CommandSpec s = idx[i];
            if (s == null) {
                return null;
            }
            if (io.ringstore.engine.util.Numbers.equalsIgnoreCase(b, off, len, s.nameBytes)) {
                return s;
            }
            i = (i + 1) & m;
        }
    }

    private static int hashLower(byte[] b, int off, int len) {
        int h = 0x811C9DC5;
        for (int i = off; i < off + len; i++) {
            int c = b[i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            h = (h ^ c) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
