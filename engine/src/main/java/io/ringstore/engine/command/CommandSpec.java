package io.ringstore.engine.command;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One row of the command table: name, arity (positive exact, negative minimum), flags, key range
 * (first, last, step; last negative counts from the end), the handler, and optional ingress hook
 * and key finder. Routing, COMMAND INFO/DOCS, and later the journal and ACLs all read this row.
 * Immutable after the table is built; read by every thread.
 */
public final class CommandSpec {
    public final String name;
    public final String fullName;
    public final byte[] nameBytes;
    public final int arity;
    public final long flags;
    public final int firstKey;
    public final int lastKey;
    public final int keyStep;
    public final CommandHandler handler;
    public final String group;
    public final CommandSpec parent;
    int id;
    IngressHook ingress;
    KeyFinder keyFinder;
    String summary = "";
    String since = "1.0.0";
    final Map<String, CommandSpec> subcommands = new LinkedHashMap<>();

    CommandSpec(String name, CommandSpec parent, int arity, long flags, int firstKey, int lastKey, int keyStep,
                CommandHandler handler, String group) {
        this.name = name.toLowerCase(Locale.ROOT);
        this.parent = parent;
        this.fullName = parent == null ? this.name : parent.name + "|" + this.name;
        this.nameBytes = this.name.getBytes(StandardCharsets.US_ASCII);
        this.arity = arity;
        this.flags = flags;
        this.firstKey = firstKey;
        this.lastKey = lastKey;
        this.keyStep = keyStep;
        this.handler = handler;
        this.group = group;
    }

    public int id() {
        return id;
    }

    public boolean has(long flag) {
        return (flags & flag) != 0;
    }

    public boolean isContainer() {
        return !subcommands.isEmpty();
    }

    public Map<String, CommandSpec> subcommands() {
        return subcommands;
    }

    public IngressHook ingress() {
        return ingress;
    }

    public KeyFinder keyFinder() {
        return keyFinder;
    }

    public String summary() {
        return summary;
    }

    public String since() {
        return since;
    }

    public boolean arityOk(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }

    /** Sets the ingress hook of a connection command. */
    public CommandSpec ingress(IngressHook hook) {
        this.ingress = hook;
        return this;
    }

    /** Sets the key finder of a movable-keys command. */
    public CommandSpec keys(KeyFinder finder) {
        this.keyFinder = finder;
        return this;
    }

    /** Documentation shown by COMMAND DOCS. */
    public CommandSpec doc(String since, String summary) {
        this.since = since;
        this.summary = summary;
        return this;
    }
}
