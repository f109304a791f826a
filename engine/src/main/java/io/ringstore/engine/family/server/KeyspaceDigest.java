package io.ringstore.engine.family.server;

import io.ringstore.engine.EngineContext;
import io.ringstore.engine.shard.ShardState;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.ValuePayload;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * DEBUG DIGEST's keyspace digest, in the manner of Redis's computeDatasetDigest: each live key
 * gets a SHA-1 over (db, key, type, value bytes, expiry deadline) and the per-key digests are
 * XORed together (xorDigest). XOR is order-free, so the result depends neither on hash-table
 * layout, rehashing state nor on how keys are spread over shards; an empty keyspace is 20 zero
 * bytes. Values are digested by content (an int-encoded "12" equals a raw "12" with spare
 * capacity). Keys whose deadline has passed at {@code nowMs} are left out: they are logically
 * gone, whether or not expiry has removed them yet. The bytes are not Redis's (its mix differs).
 * Runs on shard 0's thread at a ring barrier.
 */
final class KeyspaceDigest {
    private final MessageDigest sha1;
    private final byte[] acc = new byte[20];
    private final long nowMs;
    private int db;

    KeyspaceDigest(long nowMs) {
        try {
            this.sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.nowMs = nowMs;
    }

    /** The whole keyspace, every db of every shard, as 40 hex characters. */
    static String of(EngineContext e, long nowMs) {
        KeyspaceDigest d = new KeyspaceDigest(nowMs);
        for (ShardState s : e.shards) {
            for (int i = 0; i < s.databases(); i++) {
                d.db = i;
                s.db(i).dict().forEach(d::add);
            }
        }
        return hex(d.acc);
    }

    /** DEBUG DIGEST-VALUE: the digest of one value (type and content), zeros when absent. */
    static String ofValue(Dict dict, int slot) {
        KeyspaceDigest d = new KeyspaceDigest(0);
        if (slot < 0) {
            return hex(d.acc);
        }
        int meta = dict.meta(slot);
        d.sha1.update((byte) ObjectType.type(meta));
        d.sha1.update(ValuePayload.encode(dict.table(), slot));
        return hex(d.sha1.digest());
    }

    private void add(Dict dict, Object table, int slot) {
        long deadline = Dict.expireAt(table, slot);
        if (Db.isExpired(deadline, nowMs)) {
            return;
        }
        byte[] key = Dict.keyAt(table, slot);
        MessageDigest m = sha1;
        m.update(longBytes(db));
        m.update(longBytes(key.length));
        m.update(key);
        int type = ObjectType.type(Dict.metaAt(table, slot));
        m.update((byte) type);
        if (ValuePayload.supported(type)) {
            m.update(ValuePayload.encode(table, slot));
        }
        m.update(longBytes(deadline));
        byte[] k = m.digest();
        for (int i = 0; i < acc.length; i++) {
            acc[i] ^= k[i];
        }
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(40);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return sb.toString();
    }
}
