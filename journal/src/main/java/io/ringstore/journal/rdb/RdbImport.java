package io.ringstore.journal.rdb;

import io.ringstore.engine.EngineContext;
import io.ringstore.engine.rdb.RdbFormatException;
import io.ringstore.engine.rdb.RdbLimits;
import io.ringstore.engine.rdb.RdbValue;
import io.ringstore.engine.script.ScriptException;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.shard.ShardState;
import io.ringstore.engine.util.ByteHash;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Loads a Redis RDB file into an engine's empty shards before the pipeline starts, as
 * redis-server loads its dump.rdb at start-up: each key into the shard that owns it under the
 * current shard count, with its deadline and idle time; keys whose deadline has already passed
 * are skipped (as a master skips them) and counted; libraries through FUNCTION LOAD. Logs Redis's
 * lines ("Loading RDB produced by version ...", "RDB age ... seconds", "Done loading RDB, keys
 * loaded: N, keys expired: M.") and, on large files, a progress line every few seconds. A file
 * that cannot be loaded leaves the engine empty (every db flushed, every library dropped). Runs on
 * the start-up thread (Thread.start publishes what it wrote to the shard threads), or in tests
 * and tools on an engine nobody else is using.
 */
public final class RdbImport {
    private static final long PROGRESS_EVERY_MS = 2000;

    /** What a load did. */
    public record Result(int version, long keysLoaded, long keysExpired, long emptySkipped, int libraries) {
    }

    private RdbImport() {
    }

    /** Loads {@code file} into {@code ctx}'s shards; {@code nowMs} decides which keys are already expired. */
    public static Result load(Path file, EngineContext ctx, long nowMs, PrintStream log) throws IOException, RdbFileException {
        RdbFileReader reader = new RdbFileReader(file, RdbLimits.of(ctx.options), ctx.databases);
        Loader loader = new Loader(ctx, reader, nowMs, log);
        int version;
        try {
            version = reader.read(loader);
        } catch (RdbFileException | IOException | RuntimeException e) {
            clear(ctx);
            throw e;
        }
        if (reader.checksumDisabled()) {
            log.println("ringstore: RDB file was saved with checksum disabled: no check performed.");
        }
        log.println("ringstore: Done loading RDB, keys loaded: " + loader.loaded + ", keys expired: " + loader.expired
                + (loader.empty > 0 ? ", empty keys skipped: " + loader.empty : "") + ".");
        return new Result(version, loader.loaded, loader.expired, loader.empty, loader.libraries);
    }

    /** Drops everything a failed load put in: the shards' dbs and the function libraries. */
    private static void clear(EngineContext ctx) {
        for (ShardState s : ctx.shards) {
            for (int d = 0; d < ctx.databases; d++) {
                s.db(d).clear();
            }
        }
        ctx.functions.flush();
    }

    /** The visitor inserting what the reader hands over. */
    private static final class Loader implements RdbFileReader.Visitor {
        private final EngineContext ctx;
        private final RdbFileReader reader;
        private final long nowMs;
        private final PrintStream log;
        private long loaded;
        private long expired;
        private long empty;
        private int libraries;
        private long nextProgressMs;

        Loader(EngineContext ctx, RdbFileReader reader, long nowMs, PrintStream log) {
            this.ctx = ctx;
            this.reader = reader;
            this.nowMs = nowMs;
            this.log = log;
            this.nextProgressMs = System.currentTimeMillis() + PROGRESS_EVERY_MS;
        }

        @Override
        public void aux(String key, String value) {
            if (key.startsWith("%")) {
                log.println("ringstore: RDB '" + key + "': " + value);
            } else if (key.equalsIgnoreCase("redis-ver")) {
                log.println("ringstore: Loading RDB produced by version " + value);
            } else if (key.equalsIgnoreCase("ctime")) {
                long age = nowMs / 1000 - parse(value);
                log.println("ringstore: RDB age " + Math.max(0, age) + " seconds");
            } else if (key.equalsIgnoreCase("used-mem")) {
                log.println(String.format("ringstore: RDB memory usage when created %.2f Mb", parse(value) / (1024.0 * 1024)));
            } else if (key.equalsIgnoreCase("aof-base") && parse(value) != 0) {
                log.println("ringstore: RDB is base AOF");
            }
        }

        /** strtol: leading sign and digits, 0 when there are none. */
        private static long parse(String s) {
            int i = 0;
            boolean neg = false;
            if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                neg = s.charAt(i++) == '-';
            }
            long v = 0;
            for (; i < s.length() && Character.isDigit(s.charAt(i)); i++) {
                v = v * 10 + (s.charAt(i) - '0');
            }
            return neg ? -v : v;
        }

        @Override
        public void emptyKey(int db, byte[] key) {
            if (empty++ < 10) {
                log.println("ringstore: WARNING rdbLoadObject skipping empty key: " + RdbFileReader.printable(key));
            }
        }

        @Override
        public void library(byte[] code) throws RdbFormatException {
            try {
                ctx.functions.load(code, false, 0); // no time limit: as Redis's load at start-up
            } catch (ScriptException e) {
                throw new RdbFormatException("Failed loading library, " + e.getMessage());
            }
            libraries++;
        }

        @Override
        public void key(int db, byte[] key, RdbValue v, long deadlineMs, long idleSeconds, int freq)
                throws RdbFormatException {
            progress();
            if (deadlineMs != -1 && deadlineMs < nowMs) {
                expired++;
                return;
            }
            Db d = ctx.shards[ctx.shardOfKey(key, 0, key.length)].db(db);
            int hash = ByteHash.hash(key, 0, key.length);
            if (d.dict().find(key, 0, key.length, hash) >= 0) {
                throw new RdbFormatException("RDB has duplicated key '" + RdbFileReader.printable(key) + "' in DB " + db);
            }
            int slot = d.insert(key, hash, v.type, v.encoding, nowMs);
            Dict dict = d.dict();
            dict.setValue(slot, v.value);
            dict.setNum(slot, v.num);
            if (deadlineMs != -1) {
                dict.setExpire(slot, deadlineMs);
            }
            if (idleSeconds >= 0) {
                dict.setMeta(slot, ObjectType.withLru(dict.meta(slot), lruFor(idleSeconds, nowMs)));
            }
            loaded++;
        }

        /** objectSetLRUOrLFU with lru_multiplier 1000: the clock minus the idle seconds, wrapped into 24 bits. */
        private static int lruFor(long idleSeconds, long nowMs) {
            long abs = ObjectType.lruClock(nowMs) - idleSeconds * 1000 / 1000;
            if (abs < 0) {
                abs += ObjectType.LRU_MASK;
            }
            return (int) (abs & ObjectType.LRU_MASK);
        }

        private void progress() {
            if (((loaded + expired) & 0xFFF) != 0) {
                return;
            }
            long t = System.currentTimeMillis();
            if (t - nextProgressMs < 0) {
                return;
            }
            nextProgressMs = t + PROGRESS_EVERY_MS;
            long size = Math.max(1, reader.size());
            log.println(String.format("ringstore: Loading RDB: %d%% (%d of %d bytes), %d keys loaded",
                    reader.offset() * 100 / size, reader.offset(), reader.size(), loaded));
        }
    }
}
