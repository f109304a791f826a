package io.ringstore.engine.command;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One row of the command table: name, arity (positive exact, negative minimum), flags, key range
 * (first, last, step; last negative counts from the end), the handler, and optional ingress hook,
 * key finder and, for a {@code blocking} row, the {@link BlockedCommand} its waiters carry.
 * Routing, COMMAND INFO/DOCS, snapshot loading, and later the journal and ACLs all read this row.
 * Immutable after the table is built; read by every thread.
 */
public final class CommandSpec {
    private static final String[] NO_TIPS = {};
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
    IngressHook ingress;
    KeyFinder keyFinder;
    BlockedCommand blocked;
    String summary = "";
    String since = "1.0.0";
    String complexity;
    String[] tips = NO_TIPS;
    String acl = "";
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

    public boolean has(long flag) {
        return (flags & flag) != 0;
    }

    public boolean isContainer() {
        return !subcommands.isEmpty();
    }

    public Map<String, CommandSpec> subcommands() {
        return subcommands;
    }

    /** The connection-state hook run at ingress (SELECT, HELLO, RESET, QUIT); null for most rows. */
    public IngressHook ingress() {
        return ingress;
    }

    public KeyFinder keyFinder() {
        return keyFinder;
    }

    /** What a waiter of this command does when served (a {@code blocking} row); null otherwise. */
    public BlockedCommand blocked() {
        return blocked;
    }

    public String summary() {
        return summary;
    }

    public String since() {
        return since;
    }

    /** Documented complexity (COMMAND DOCS "complexity"); null when the row has none. */
    public String complexity() {
        return complexity;
    }

    /** Command tips (COMMAND INFO), e.g. "nondeterministic_output", "request_policy:all_shards". */
    public String[] tips() {
        return tips.clone();
    }

    /** ACL categories stated on the row beyond those its flags and group imply, e.g. "@keyspace @dangerous". */
    public String acl() {
        return acl;
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

    /**
     * Sets what a waiter of this {@code blocking} row does when served: the behaviour
     * {@code Blocking.block} is given by the handler, and what a snapshot's waiter record of this
     * command is re-created with.
     */
    public CommandSpec blocks(BlockedCommand command) {
        if (!has(CommandFlags.BLOCKING)) {
            throw new IllegalStateException(fullName + " is not flagged blocking");
        }
        this.blocked = command;
        return this;
    }

    /** Documentation shown by COMMAND DOCS. */
    public CommandSpec doc(String since, String summary) {
        this.since = since;
        this.summary = summary;
        return this;
    }

    /** Documentation shown by COMMAND DOCS, with the complexity. */
    public CommandSpec doc(String since, String summary, String complexity) {
        this.complexity = complexity;
        return doc(since, summary);
    }

    /** Sets the command tips COMMAND INFO reports (Redis's "command_tips"). */
    public CommandSpec tips(String... tips) {
        this.tips = tips.clone();
        return this;
    }

    /** Sets the ACL categories Redis states explicitly for this command ("@keyspace @dangerous"). */
    public CommandSpec acl(String categories) {
        this.acl = categories;
        return this;
    }
}
