package io.ringstore.engine.family.transactions;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;

/**
 * MULTI, EXEC, DISCARD, WATCH, UNWATCH (Redis 7.0's multi.c). Queueing is connection state, kept
 * at ingress ({@code command.TransactionIngress}): these rows are flagged {@code noqueue} (run at
 * once, never queued) except UNWATCH, which MULTI queues like any command. Their misuse errors
 * (nested MULTI, EXEC or DISCARD without MULTI, WATCH inside MULTI) are decided at ingress too, so
 * the handlers below only run the valid cases, on the shards Ingress chose.
 */
public final class TransactionFamily {
    private static final String TX = "noscript loading stale fast allow_busy";

    private TransactionFamily() {
    }

    public static void register(CommandTable t) {
        t.group("transactions");
        t.add("multi", 1, TX + " noqueue", 0, 0, 0, c -> c.reply.ok())
                .doc("1.2.0", "Mark the start of a transaction block", "O(1)");
        t.add("exec", 1, "noscript loading stale skip_slowlog noqueue", 0, 0, 0, c -> c.transactions.exec(c))
                .doc("1.2.0", "Execute all commands issued after MULTI",
                        "Depends on commands in the transaction");
        t.add("discard", 1, TX + " noqueue", 0, 0, 0, TransactionFamily::unwatch)
                .doc("2.0.0", "Discard all commands issued after MULTI",
                        "O(N), when N is the number of queued commands");
        t.add("watch", -2, TX + " noqueue", 1, -1, 1, TransactionFamily::watch)
                .doc("2.2.0", "Monitor changes to keys to determine execution of the MULTI/EXEC block",
                        "O(1) for every key.");
        t.add("unwatch", 1, TX, 0, 0, 0, TransactionFamily::unwatch)
                .doc("2.2.0", "Forget about all watched keys", "O(1)");
    }

    static void watch(CommandContext c) {
        c.transactions.watch(c);
        c.reply.ok();
    }

    /** UNWATCH, and DISCARD (which unwatches as discardTransaction does). */
    static void unwatch(CommandContext c) {
        c.transactions.unwatch(c);
        c.reply.ok();
    }
}
