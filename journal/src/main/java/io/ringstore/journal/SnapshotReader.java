package io.ringstore.journal;

import io.ringstore.engine.command.Args;
import io.ringstore.engine.ClientSession;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.store.Watcher;
import io.ringstore.engine.EngineContext;
import io.ringstore.engine.block.Blocking;
import io.ringstore.engine.command.BlockedCommand;
import io.ringstore.engine.command.CommandSpec;
import io.ringstore.engine.script.ScriptException;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.ListValue;
import io.ringstore.engine.store.StringValue;
import io.ringstore.engine.store.ValuePayload;
import io.ringstore.engine.util.ByteHash;
import io.ringstore.engine.util.Numbers;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads a snapshot file ({@link SnapshotFormat}). {@link #verify} checks header and CRC32C over
 * the whole file before anything is applied; {@link #load} then inserts every entry into the shard
 * that owns its key under the engine's current shard count (a snapshot written with 2 shards loads
 * into 1). Runs on the start-up thread before the pipeline starts (Thread.start publishes what it
 * wrote to the shard threads), or in tests on an engine nobody else is using.
 */
public final class SnapshotReader {
    private static final System.Logger LOG = System.getLogger("ringstore");
    /** Header fields of a verified snapshot. */
    public static final class Header {
        public final Path file;
        public final long sequence;
        public final long timeMs;
        public final int shards;
        public final int databases;
        public final long entries;

        Header(Path file, long sequence, long timeMs, int shards, int databases, long entries) {
            this.file = file;
            this.sequence = sequence;
            this.timeMs = timeMs;
            this.shards = shards;
            this.databases = databases;
            this.entries = entries;
        }
    }

    private SnapshotReader() {
    }

    /** Checks magic, version, the sequence against the name, and the CRC32C; reads nothing into the engine. */
    public static Header verify(Path file, String prefix) throws IOException, SnapshotCorruptException {
        long size = Files.size(file);
        if (size < SnapshotFormat.HEADER_BYTES + 13) {
            throw corrupt(file, "file is " + size + " bytes (expected: >= " + (SnapshotFormat.HEADER_BYTES + 13) + ")");
        }
        CRC32C crc = new CRC32C();
        byte[] buf = new byte[1 << 16];
        byte[] head = new byte[SnapshotFormat.HEADER_BYTES];
        byte[] tail = new byte[8];
        try (InputStream in = Files.newInputStream(file)) {
            long left = size - 4;
            long pos = 0;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new EOFException(file.toString());
                }
                crc.update(buf, 0, n);
                copyRange(buf, n, pos, 0, head);
                copyRange(buf, n, pos, size - 12, tail); // the trailer's entry count
                pos += n;
                left -= n;
            }
            int stored = new DataInputStream(in).readInt();
            if (stored != (int) crc.getValue()) {
                throw corrupt(file, String.format("CRC32C mismatch (stored %08x, computed %08x)", stored, (int) crc.getValue()));
            }
        }
        java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(head);
        if (h.getInt() != SnapshotFormat.MAGIC) {
            throw corrupt(file, "bad magic (not a Ringstore snapshot)");
        }
        int version = h.getInt();
        if (version < SnapshotFormat.MIN_VERSION || version > SnapshotFormat.VERSION) {
            throw corrupt(file, "version " + version + " (expected: " + SnapshotFormat.MIN_VERSION + ".."
                    + SnapshotFormat.VERSION + ")");
        }
        long seq = h.getLong();
        long timeMs = h.getLong();
        int shards = h.getInt();
        int dbs = h.getInt();
        if (seq != SnapshotFormat.seqOf(file, prefix)) {
            throw corrupt(file, "header sequence " + seq + " does not match the file name");
        }
        long entries = java.nio.ByteBuffer.wrap(tail).getLong();
        return new Header(file, seq, timeMs, shards, dbs, entries);
    }

    /** Copies the part of a chunk (at file offset {@code pos}) that falls in [from, from + dst.length). */
    private static void copyRange(byte[] chunk, int n, long pos, long from, byte[] dst) {
        long start = Math.max(pos, from);
        long end = Math.min(pos + n, from + dst.length);
        if (start < end) {
            System.arraycopy(chunk, (int) (start - pos), dst, (int) (start - from), (int) (end - start));
        }
    }

    /** One entry of a snapshot, as {@link #scan} hands it over. */
    public interface EntryVisitor {
        void entry(int shard, int db, int type, int encoding, long deadlineMs, byte[] key, byte[] value)
                throws IOException, SnapshotCorruptException;

        /** A client blocked at the cut (see {@link SnapshotFormat}); ignored unless overridden. */
        default void waiter(int shard, int db, int resp, long clientId, long deadlineMs, int firstKey, int keyCount,
                            byte[][] args) throws SnapshotCorruptException {
        }

        /** A key a client WATCHes at the cut (see {@link SnapshotFormat}); ignored unless overridden. */
        default void watch(int db, int flags, long clientId, byte[] key) throws SnapshotCorruptException {
        }

        /** A function library's code (see {@link SnapshotFormat}); ignored unless overridden. */
        default void library(byte[] code) throws SnapshotCorruptException {
        }
    }

    /**
     * Reads every entry of a verified snapshot in file order (the section's shard id with each);
     * returns the number of entries. Checks the framing (tags, the trailer's count), not the
     * payloads.
     */
    public static long scan(Header h, EntryVisitor v) throws IOException, SnapshotCorruptException {
        long seen = 0;
        int shard = -1;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(h.file), 1 << 16))) {
            in.skipNBytes(SnapshotFormat.HEADER_BYTES);
            while (true) {
                byte tag = in.readByte();
                if (tag == SnapshotFormat.SECTION) {
                    shard = in.readInt();
                    in.readLong();
                } else if (tag == SnapshotFormat.ENTRY) {
                    int db = in.readInt();
                    int type = in.readUnsignedByte();
                    int encoding = in.readUnsignedByte();
                    long deadlineMs = in.readLong();
                    byte[] key = new byte[in.readInt()];
                    in.readFully(key);
                    byte[] value = new byte[in.readInt()];
                    in.readFully(value);
                    v.entry(shard, db, type, encoding, deadlineMs, key, value);
                    seen++;
                } else if (tag == SnapshotFormat.WAITER) {
                    int db = in.readInt();
                    int resp = in.readUnsignedByte();
                    long client = in.readLong();
                    long deadlineMs = in.readLong();
                    int firstKey = in.readInt();
                    int keyCount = in.readInt();
                    int argc = in.readInt();
                    if (argc < 2 || firstKey < 1 || keyCount < 1 || firstKey + keyCount > argc) {
                        throw corrupt(h.file, "waiter record with " + argc + " arguments, keys at " + firstKey
                                + " (" + keyCount + ")");
                    }
                    byte[][] args = new byte[argc][];
                    for (int i = 0; i < argc; i++) {
                        args[i] = new byte[in.readInt()];
                        in.readFully(args[i]);
                    }
                    v.waiter(shard, db, resp, client, deadlineMs, firstKey, keyCount, args);
                } else if (tag == SnapshotFormat.WATCH) {
                    int db = in.readInt();
                    int flags = in.readUnsignedByte();
                    long client = in.readLong();
                    byte[] key = new byte[in.readInt()];
                    in.readFully(key);
                    v.watch(db, flags, client, key);
                } else if (tag == SnapshotFormat.LIBRARY) {
                    byte[] code = new byte[in.readInt()];
                    in.readFully(code);
                    v.library(code);
                } else if (tag == SnapshotFormat.TRAILER) {
                    long total = in.readLong();
                    if (total != seen) {
                        throw corrupt(h.file, "trailer counts " + total + " entries, file holds " + seen);
                    }
                    return seen;
                } else {
                    throw corrupt(h.file, "unknown tag " + tag + " after " + seen + " entries");
                }
            }
        }
    }

    /**
     * Loads a verified snapshot into an empty engine; returns the number of keys. Function libraries
     * are loaded into the engine's registry (FUNCTION LOAD of each, in their order). Call
     * {@link #verify} first: a structural error here means a writer bug, not disk damage. With
     * {@code waiters}, also re-registers the clients blocked at the cut, each on a session carrying
     * its client id (a journal replay follows and meets them; it drops whatever is still blocked at
     * its end). Without a journal they would wait for clients that are gone, so they are skipped.
     */
    public static long load(Header h, EngineContext ctx, boolean waiters) throws IOException, SnapshotCorruptException {
        if (h.databases > ctx.databases) {
            // Only an error if a key actually lives in a db we do not have: checked per entry below.
            LOG.log(System.Logger.Level.WARNING, "Snapshot " + h.file + " was written with " + h.databases
                    + " databases, this server has " + ctx.databases);
        }
        long[] scratch = new long[1];
        Map<Long, ClientSession> sessions = new HashMap<>();
        return scan(h, new EntryVisitor() {
            @Override
            public void entry(int shard, int db, int type, int encoding, long deadlineMs, byte[] key, byte[] value)
                    throws SnapshotCorruptException {
                loadEntry(h, ctx, scratch, db, type, encoding, deadlineMs, key, value);
            }

            @Override
            public void waiter(int shard, int db, int resp, long clientId, long deadlineMs, int firstKey, int keyCount,
                               byte[][] args) throws SnapshotCorruptException {
                if (waiters) {
                    loadWaiter(h, ctx, sessions, db, resp, clientId, deadlineMs, firstKey, keyCount, args);
                }
            }

            @Override
            public void watch(int db, int flags, long clientId, byte[] key) throws SnapshotCorruptException {
                if (waiters) {
                    loadWatch(h, ctx, sessions, db, flags, clientId, key);
                }
            }

            @Override
            public void library(byte[] code) throws SnapshotCorruptException {
                try {
                    ctx.functions.load(code, false, 0); // no time limit: it loaded before
                } catch (ScriptException e) {
                    throw corrupt(h.file, "function library refused: " + e.getMessage());
                }
            }
        });
    }

    /**
     * Re-creates a watched key on its client's session (made here if the client has no waiter),
     * and the session's ingress-side route to its watches, which replay's EXEC and UNWATCH follow.
     */
    private static void loadWatch(Header h, EngineContext ctx, Map<Long, ClientSession> sessions, int db, int flags,
                                  long clientId, byte[] key) throws SnapshotCorruptException {
        if (db < 0 || db >= ctx.databases) {
            throw corrupt(h.file, "a watched key in db " + db + " but databases is " + ctx.databases);
        }
        ClientSession session = sessions.computeIfAbsent(clientId, id -> {
            ClientSession s = new ClientSession(id, 0, ctx.databases);
            ctx.restoredClients.put(id, s);
            return s;
        });
        if (session.watcher == null) {
            session.watcher = new Watcher(ctx.shards.length, clientId);
        }
        int shard = ctx.shardOfKey(key, 0, key.length);
        if ((flags & 2) != 0) {
            session.watcher.markDirty(shard);
        }
        ctx.shards[shard].db(db).watched().watch(session.watcher, shard, key, 0, key.length, (flags & 1) != 0);
        int r = session.watchRoute;
        session.watchRoute = r == ClientSession.NO_WATCH || r == shard ? shard : RequestEvent.ROUTE_BARRIER;
    }

    private static void loadWaiter(Header h, EngineContext ctx, Map<Long, ClientSession> sessions, int db, int resp,
                                   long clientId, long deadlineMs, int firstKey, int keyCount, byte[][] args)
            throws SnapshotCorruptException {
        CommandSpec row = ctx.table.lookup(args[0], 0, args[0].length);
        BlockedCommand command = row == null ? null : row.blocked();
        if (command == null) {
            throw corrupt(h.file, "waiter record for a command that does not block");
        }
        if (db < 0 || db >= ctx.databases) {
            throw corrupt(h.file, "a waiter in db " + db + " but databases is " + ctx.databases);
        }
        ClientSession session = sessions.get(clientId);
        if (session == null) {
            session = new ClientSession(clientId, 0, ctx.databases);
            sessions.put(clientId, session);
            ctx.restoredClients.put(clientId, session);
        } else if (session.blocked) {
            throw corrupt(h.file, "client " + clientId + " blocked twice");
        }
        Args a = new Args();
        for (byte[] arg : args) {
            a.add(arg);
        }
        Blocking.register(ctx, session, a, db, resp, deadlineMs, command, firstKey, keyCount);
    }

    private static void loadEntry(Header h, EngineContext ctx, long[] scratch, int db, int type, int encoding,
                                  long deadlineMs, byte[] key, byte[] value)
            throws SnapshotCorruptException {
        if (db < 0 || db >= ctx.databases) {
            throw corrupt(h.file, "a key in db " + db + " but databases is " + ctx.databases);
        }
        if (!ValuePayload.supported(type)) {
            throw corrupt(h.file, "type " + type + " is not supported by this version");
        }
        Object collection = null;
        if (type == ObjectType.HASH) {
            collection = ValuePayload.decodeHash(value, encoding);
            if (collection == null) {
                throw corrupt(h.file, "malformed hash payload in db " + db);
            }
        }
        if (type == ObjectType.ZSET) {
            collection = ValuePayload.decodeZset(value, encoding);
            if (collection == null) {
                throw corrupt(h.file, "malformed sorted set payload in db " + db);
            }
        }
        if (type == ObjectType.STREAM) {
            collection = ValuePayload.decodeStream(value, encoding);
            if (collection == null) {
                throw corrupt(h.file, "malformed stream payload in db " + db);
            }
        }
        if (type == ObjectType.SET) {
            collection = ValuePayload.decodeSet(value, encoding);
            if (collection == null) {
                throw corrupt(h.file, "malformed set payload in db " + db);
            }
        }
        ListValue list = null;
        if (type == ObjectType.LIST) {
            list = ValuePayload.decodeList(value, ctx.options.listMaxListpackSize.number());
            if (list == null) {
                throw corrupt(h.file, "malformed list payload in db " + db);
            }
        }
        Db d = ctx.shards[ctx.shardOfKey(key, 0, key.length)].db(db);
        int hash = ByteHash.hash(key, 0, key.length);
        if (d.dict().find(key, 0, key.length, hash) >= 0) {
            throw corrupt(h.file, "key appears twice in db " + db);
        }
        int slot = d.insert(key, hash, type, encoding, h.timeMs);
        Dict dict = d.dict();
        if (list != null) {
            dict.setValue(slot, list);
        } else if (collection != null) {
            dict.setValue(slot, collection);
        } else if (encoding == ObjectType.ENC_INT) {
            if (!Numbers.parseLong(value, 0, value.length, scratch)) {
                throw corrupt(h.file, "int-encoded value is not an integer in db " + db);
            }
            StringValue.storeLong(dict, slot, scratch[0]);
        } else {
            StringValue.storeOwned(dict, slot, value, encoding);
        }
        dict.setExpire(slot, deadlineMs);
    }

    private static SnapshotCorruptException corrupt(Path file, String what) {
        return new SnapshotCorruptException("snapshot " + file + " is damaged: " + what);
    }
}
