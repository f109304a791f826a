package io.ringstore.engine.family.strings;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Shared set-up of the string family's engine tests: a real {@link EmbeddedEngine} on a manual
 * clock, plus three probe rows added to its command table so tests can see what OBJECT ENCODING
 * and PTTL would say and can plant a key of another type. The probes run on the shard thread
 * like any command, so tests never touch shard data from the test thread.
 */
@Timeout(30)
abstract class StringEngineTest {
    static final long T0 = 1_700_000_000_000L;
    static final String OK = "+OK\r\n";
    static final String NULL = "$-1\r\n";
    static final String EMPTY = "$0\r\n\r\n";
    static final String WRONGTYPE = "-" + Errors.WRONGTYPE + "\r\n";
    static final String NOT_INTEGER = "-" + Errors.NOT_INTEGER + "\r\n";
    static final String SYNTAX = "-ERR syntax error\r\n";

    final ManualClock clock = new ManualClock(T0);
    private final List<EmbeddedEngine> engines = new ArrayList<>();
    EmbeddedEngine e;

    @AfterEach
    void closeEngines() {
        engines.forEach(EmbeddedEngine::close);
    }

    /** Starts an engine with the probe rows on {@code shards} shards and makes it {@link #e}. */
    EmbeddedEngine start(int shards) {
        return start(shards, new Config());
    }

    EmbeddedEngine start(int shards, Config config) {
        EmbeddedEngine engine = new EmbeddedEngine(shards, clock, config);
        engines.add(engine);
        CommandTable t = engine.context().table;
        t.add("test.encoding", 2, "readonly", 1, 1, 1, StringEngineTest::encodingProbe);
        t.add("test.pttl", 2, "readonly", 1, 1, 1, StringEngineTest::pttlProbe);
        t.add("test.foreign", 2, "write", 1, 1, 1, StringEngineTest::foreignProbe);
        t.build(); // Ingress runs on the calling (test) thread, so the rebuilt index is seen
        e = engine;
        return engine;
    }

    String call(String... args) {
        return e.call(args);
    }

    /** What OBJECT ENCODING would reply: "int", "embstr", "raw", or null for a missing key. */
    String encoding(String key) {
        String r = call("test.encoding", key);
        return r.equals(NULL) ? null : r.substring(r.indexOf('\n') + 1, r.length() - 2);
    }

    /** What PTTL would reply: ms left, -1 without a deadline, -2 for a missing key. */
    long pttl(String key) {
        String r = call("test.pttl", key);
        return Long.parseLong(r.substring(1, r.length() - 2));
    }

    /** Plants a key holding a non-string value (a list, as far as type checks go). */
    void putForeign(String key) {
        assertEquals(OK, call("test.foreign", key));
    }

    /** A key name owned by {@code shard} (of the current engine), made from {@code prefix}. */
    String keyOnShard(String prefix, int shard) {
        for (int i = 0; ; i++) {
            String k = prefix + i;
            byte[] b = k.getBytes();
            if (e.context().shardOfKey(b, 0, b.length) == shard) {
                return k;
            }
        }
    }

    static String bulk(String s) {
        return "$" + s.length() + "\r\n" + s + "\r\n";
    }

    static String integer(long v) {
        return ":" + v + "\r\n";
    }

    static String error(String message) {
        return "-" + message + "\r\n";
    }

    /** A RESP2 array of already-encoded elements. */
    static String array(String... elements) {
        return "*" + elements.length + "\r\n" + String.join("", elements);
    }

    private static void encodingProbe(CommandContext c) {
        Db db = c.db(1);
        int slot = c.peekKey(db, 1);
        if (slot < 0) {
            c.reply.nullBulk();
        } else {
            c.reply.bulk(ObjectType.encodingName(db.encoding(slot)));
        }
    }

    private static void pttlProbe(CommandContext c) {
        Db db = c.db(1);
        int slot = c.peekKey(db, 1);
        if (slot < 0) {
            c.reply.integer(-2);
        } else {
            long deadline = db.dict().expire(slot);
            c.reply.integer(deadline == 0 ? -1 : deadline - c.now);
        }
    }

    private static void foreignProbe(CommandContext c) {
        Db db = c.db(1);
        int slot = c.writeKey(db, 1);
        if (slot >= 0) {
            db.delete(slot);
        }
        slot = db.insert(c.args.copy(1), c.hash(1), ObjectType.LIST, ObjectType.ENC_QUICKLIST, c.now);
        db.dict().setValue(slot, new Object());
        c.reply.ok();
    }
}
