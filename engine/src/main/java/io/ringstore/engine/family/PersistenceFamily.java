package io.ringstore.engine.family;

import io.ringstore.engine.EngineContext;
import io.ringstore.engine.SnapshotHook;
import io.ringstore.engine.SnapshotStatus;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.shard.ShardState;

import java.io.IOException;

/**
 * SAVE, LASTSAVE and BGSAVE. SAVE is all_shards: it runs on shard 0's thread at a ring barrier
 * with every other shard parked, so the snapshot is a consistent cut at the command's own journal
 * sequence (every write before it applied, none after) and the whole server waits for the dump,
 * as Redis's SAVE blocks. BGSAVE would need the shards to keep running during the dump
 * (copy-on-write or per-shard incremental dumping), which does not exist yet: it answers an error
 * rather than silently blocking.
 */
final class PersistenceFamily {
    private PersistenceFamily() {
    }

    static void register(CommandTable t) {
        t.add("save", 1, "admin noscript all_shards", 0, 0, 0, PersistenceFamily::save)
                .doc("1.0.0", "Synchronously save the dataset to disk", "O(N) where N is the total number of keys in all databases")
                .tips("request_policy:all_shards").acl("@dangerous");
        t.add("bgsave", -1, "admin noscript", 0, 0, 0, PersistenceFamily::bgsave)
                .doc("1.0.0", "Asynchronously save the dataset to disk (not supported yet: use SAVE)",
                        "O(N) where N is the total number of keys in all databases")
                .acl("@dangerous");
        t.add("lastsave", 1, "loading stale fast", 0, 0, 0, c -> c.reply.integer(c.engine.snapshot.lastSaveTimeSec))
                .doc("1.0.0", "Get the UNIX time stamp of the last successful save to disk", "O(1)")
                .tips("nondeterministic_output").acl("@admin @dangerous");
    }

    static void save(CommandContext c) {
        EngineContext e = c.engine;
        SnapshotHook hook = e.snapshots;
        if (hook == null) {
            c.reply.error("ERR no snapshot store is configured");
            return;
        }
        SnapshotStatus status = e.snapshot;
        long startNs = System.nanoTime();
        try {
            hook.save(e, e.sequenceBase + c.sequence, c.now);
        } catch (IOException | RuntimeException ex) {
            status.lastSaveOk = false;
            System.err.println("ringstore: SAVE failed: " + ex);
            c.reply.error("ERR snapshot failed: " + ex.getMessage());
            return;
        }
        for (ShardState s : e.shards) {
            s.stats.changesSinceSave = 0;
        }
        status.lastSaveDurationMs = (System.nanoTime() - startNs) / 1_000_000;
        status.lastSaveTimeSec = c.now / 1000;
        status.lastSaveOk = true;
        status.saves++;
        c.reply.ok();
    }

    static void bgsave(CommandContext c) {
        c.reply.error("ERR BGSAVE is not supported yet (it would have to dump without stopping the shards); "
                + "use SAVE, which blocks every shard for the dump");
    }
}
