package io.ringstore.engine.family.server;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.shard.ShardState;

/**
 * Server commands that read or change every shard (DBSIZE, FLUSHDB, FLUSHALL): flagged all_shards,
 * so with several shards they run at a ring barrier on shard 0's thread while the others park.
 * Also registers the introspection families: INFO, CONFIG and COMMAND.
 */
public final class ServerFamily {
    private ServerFamily() {
    }

    public static void register(CommandTable t) {
        t.group("server");
        t.add("dbsize", 1, "readonly fast all_shards", 0, 0, 0, c -> c.reply.integer(c.engine.totalKeys(c.dbIndex)))
                .doc("1.0.0", "Return the number of keys in the selected database", "O(1)")
                .tips("request_policy:all_shards", "response_policy:agg_sum").acl("@keyspace");
        t.add("flushdb", -1, "write all_shards", 0, 0, 0, ServerFamily::flushdb)
                .doc("1.0.0", "Remove all keys from the current database",
                        "O(N) where N is the number of keys in the selected database")
                .tips("request_policy:all_shards", "response_policy:all_succeeded").acl("@keyspace @dangerous");
        t.add("flushall", -1, "write all_shards", 0, 0, 0, ServerFamily::flushall)
                .doc("1.0.0", "Remove all keys from all databases",
                        "O(N) where N is the total number of keys in all databases")
                .tips("request_policy:all_shards", "response_policy:all_succeeded").acl("@keyspace @dangerous");
        t.add("time", 1, "loading stale fast", 0, 0, 0, ServerFamily::time)
                .doc("2.6.0", "Return the current server time", "O(1)").tips("nondeterministic_output");
        DebugFamily.register(t);
        PersistenceFamily.register(t);
        InfoFamily.register(t);
        ConfigFamily.register(t);
        CommandFamily.register(t);
    }

    /** FLUSHDB/FLUSHALL [ASYNC|SYNC]: both run synchronously (a fresh table is O(1) for the shard). */
    private static boolean flushArgsOk(CommandContext c) {
        if (c.args.count() > 2) {
            c.syntaxError();
            return false;
        }
        if (c.args.count() == 2) {
            String mode = c.args.lowerString(1);
            if (!mode.equals("async") && !mode.equals("sync")) {
                c.syntaxError();
                return false;
            }
        }
        return true;
    }

    static void flushdb(CommandContext c) {
        if (!flushArgsOk(c)) {
            return;
        }
        for (ShardState s : c.engine.shards) {
            s.db(c.dbIndex).flush(c.now);
        }
        TrackingFlush.flushed(c);
        c.reply.ok();
    }

    static void flushall(CommandContext c) {
        if (!flushArgsOk(c)) {
            return;
        }
        for (ShardState s : c.engine.shards) {
            for (int i = 0; i < s.databases(); i++) {
                s.db(i).flush(c.now);
            }
        }
        TrackingFlush.flushed(c);
        c.reply.ok();
    }

    /** TIME from the event's ingress stamp (microseconds are not stamped: reported as ms * 1000). */
    static void time(CommandContext c) {
        c.reply.array(2);
        c.reply.bulkLong(c.now / 1000);
        c.reply.bulkLong((c.now % 1000) * 1000);
    }
}
