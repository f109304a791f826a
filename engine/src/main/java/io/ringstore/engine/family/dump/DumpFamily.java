package io.ringstore.engine.family.dump;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.rdb.DumpPayload;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;

/**
 * DUMP and RESTORE (Redis 7.0's cluster.c): a value as Redis's serialization payload (RDB version
 * 10 object, version, CRC64; {@link DumpPayload}) and back, so payloads cross between redis-server
 * and Ringstore both ways. RESTORE's argument rules and its shard op live in {@link Restore}.
 * Runs on the shard thread that owns the key; each shard thread has its own payload codec.
 *
 * <p>RESTORE-ASKING (the cluster migration form) is not in the table: Ringstore has no ASKING.
 */
public final class DumpFamily {
    /** One codec per shard thread: its writer and reader keep scratch buffers (a 256 KB LZF table). */
    static final ThreadLocal<DumpPayload> CODEC = ThreadLocal.withInitial(DumpPayload::new);

    private DumpFamily() {
    }

    public static void register(CommandTable t) {
        t.group("generic");
        t.add("dump", 2, "readonly", 1, 1, 1, DumpFamily::dump)
                .doc("2.6.0", "Return a serialized version of the value stored at the specified key.",
                        "O(1) to access the key and additional O(N*M) to serialize it, where N is the number of Redis "
                                + "objects composing the value and M their average size. For small string values the "
                                + "time complexity is thus O(1)+O(1*M) where M is small, so simply O(1).")
                .tips("nondeterministic_output").acl("@keyspace");
        t.add("restore", -4, "write denyoom", 1, 1, 1, Restore::restore)
                .doc("2.6.0", "Create a key using the provided serialized value, previously obtained using DUMP.",
                        "O(1) to create the new key and additional O(N*M) to reconstruct the serialized value, where N "
                                + "is the number of Redis objects composing the value and M their average size. For small "
                                + "string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1). "
                                + "However for sorted set values the complexity is O(N*M*log(N)) because inserting values "
                                + "into sorted sets is O(log(N)).")
                .acl("@keyspace @dangerous");
    }

    /** DUMP key: the payload, or null for a missing key (lookupKeyRead: touches the LRU, counts hits). */
    static void dump(CommandContext c) {
        Db db = c.db(1);
        int slot = c.readKey(db, 1);
        if (slot < 0) {
            c.reply.nullBulk();
            return;
        }
        Dict d = db.dict();
        byte[] payload = CODEC.get().dump(d.meta(slot), d.value(slot), d.num(slot));
        c.reply.bulk(payload, 0, payload.length);
    }
}
