package io.ringstore.engine.family;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.command.CommandFlags;
import io.ringstore.engine.command.CommandSpec;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.store.Watcher;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.ringstore.engine.testing.Fixtures.T0;
import static io.ringstore.engine.testing.Fixtures.unwatch;
import static io.ringstore.engine.testing.Fixtures.watch;
import static io.ringstore.engine.testing.Resp.NULL;
import static io.ringstore.engine.testing.Resp.OK;
import static io.ringstore.engine.testing.Resp.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every write command makes a WATCHed key dirty exactly where redis-server 7.0.15 calls
 * signalModifiedKey, and leaves it clean where Redis does not (no-op writes, failed conditions,
 * errors). Each case starts from an empty keyspace, runs its setup, registers one {@link Watcher}
 * per key of interest on the key's shard, runs the command and checks every watcher. The case list
 * is checked against the command table: a write row without a case fails the test. Runs on one
 * and two shards (multi-key commands then also run at a barrier). No ticker: ticks come from the
 * test.
 */
@Timeout(60)
class SignalModifiedKeyTest {
    /**
     * Write commands Redis 7.0.15 never signals (t_stream.c: consumer-group bookkeeping and XSETID
     * change no data a client can read with a plain read command; functions.c: function libraries
     * are not keys). They still need cases, which assert the watcher stays clean while the command
     * does change state.
     */
    private static final Set<String> NEVER_TOUCHES = Set.of(
            "xsetid", "xreadgroup", "xack", "xclaim", "xautoclaim",
            "xgroup|setid", "xgroup|destroy", "xgroup|createconsumer", "xgroup|delconsumer",
            // functions.c: libraries are not keys
            "function|load", "function|delete", "function|flush", "function|restore",
            // hyperloglog.c: PFDEBUG GETREG/TODENSE rewrite the value (sparse to dense) without signalling
            "pfdebug");

    /**
     * Read-only rows that still signal, so they need cases like the writes: PFCOUNT of one key
     * writes the cached cardinality back into the value (hyperloglog.c).
     */
    private static final Set<String> READ_ONLY_BUT_SIGNALS = Set.of("pfcount");

    /** One scenario: setup, the keys watched with the expected outcome, the command. */
    private static final class Case {
        final String name;
        final String[] cmd;
        final List<String[]> given = new ArrayList<>();
        final Map<String, Boolean> expect = new LinkedHashMap<>();
        String[] blocker;
        boolean fails;
        boolean blocks;
        private String label;

        Case(String command) {
            this.cmd = words(command);
            String n = cmd[0].toLowerCase(Locale.ROOT);
            this.name = n.equals("xgroup") || n.equals("function") ? n + "|" + cmd[1].toLowerCase(Locale.ROOT) : n;
        }

        /** The command row this case covers when it is not the one run (a served blocking command). */
        Case as(String row) {
            label = row;
            return this;
        }

        String row() {
            return label != null ? label : name;
        }

        Case given(String... commands) {
            for (String c : commands) {
                given.add(words(c));
            }
            return this;
        }

        /** Another client runs {@code command} first and blocks; the command under test serves it. */
        Case servedBlocker(String command) {
            blocker = words(command);
            return this;
        }

        /** Keys ("k", or "1:k" for database 1) the command must make dirty. */
        Case dirty(String... keys) {
            for (String k : keys) {
                expect.put(k, true);
            }
            return this;
        }

        /** Keys the command must leave clean. */
        Case clean(String... keys) {
            for (String k : keys) {
                expect.put(k, false);
            }
            return this;
        }

        /** The command replies an error. */
        Case fails() {
            fails = true;
            return this;
        }

        /** The command blocks (no data): it runs on a session of its own, closed afterwards. */
        Case blocks() {
            blocks = true;
            return this;
        }

        @Override
        public String toString() {
            return String.join(" ", cmd) + (given.isEmpty() ? "" : " after " + given.size() + " setup command(s)");
        }
    }

    /** Words of a command; {@code ""} stands for an empty argument. */
    private static String[] words(String command) {
        String[] w = command.split(" ");
        for (int i = 0; i < w.length; i++) {
            if (w[i].equals("\"\"")) {
                w[i] = "";
            }
        }
        return w;
    }

    /**
     * A DUMP payload (a string value) whose bytes are all ASCII without a space, so it travels in
     * a case's words: values "v0", "v1", ... until the CRC64 trailer happens to qualify.
     */
    static final String PAYLOAD = asciiPayload();

    private static String asciiPayload() {
        for (int i = 0; ; i++) {
            byte[] v = ("v" + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] p = new byte[2 + v.length + 10];
            p[1] = (byte) v.length;
            System.arraycopy(v, 0, p, 2, v.length);
            p[2 + v.length] = 10;
            long crc = io.ringstore.engine.util.Crc64.crc64(p, 0, p.length - 8);
            boolean ok = true;
            for (int b = 0; b < 8; b++) {
                p[p.length - 8 + b] = (byte) (crc >>> (8 * b));
                int x = p[p.length - 8 + b] & 0xFF;
                ok &= x > 0x20 && x < 0x7F;
            }
            if (ok) {
                return new String(p, java.nio.charset.StandardCharsets.US_ASCII);
            }
        }
    }

    private static Case when(String command) {
        return new Case(command);
    }

    /** The cases, family by family; expectations read off Redis 7.0.15's sources (see each family). */
    static List<Case> cases() {
        List<Case> l = new ArrayList<>();
        // t_string.c: setKey signals; NX/XX aborts, errors and empty SETRANGE do not
        l.add(when("SET k v").dirty("k"));
        l.add(when("SET k b NX").given("SET k a").clean("k"));
        l.add(when("SET k b XX").clean("k"));
        l.add(when("SET k b GET").given("SET k a").dirty("k"));
        l.add(when("SET k b NX GET").given("SET k a").clean("k"));
        l.add(when("SET k b GET").given("RPUSH k a").clean("k").fails());
        l.add(when("SETNX k v").dirty("k"));
        l.add(when("SETNX k v").given("SET k a").clean("k"));
        l.add(when("SETEX k 10 v").dirty("k"));
        l.add(when("SETEX k 0 v").clean("k").fails());
        l.add(when("PSETEX k 100 v").dirty("k"));
        l.add(when("GETSET k b").given("SET k a").dirty("k"));
        l.add(when("GETSET k b").dirty("k"));
        l.add(when("GETSET k b").given("RPUSH k a").clean("k").fails());
        l.add(when("GETDEL k").given("SET k a").dirty("k"));
        l.add(when("GETDEL k").clean("k"));
        l.add(when("GETEX k EX 10").given("SET k a").dirty("k"));
        l.add(when("GETEX k PERSIST").given("SET k a EX 100").dirty("k"));
        l.add(when("GETEX k PERSIST").given("SET k a").clean("k"));
        l.add(when("GETEX k").given("SET k a").clean("k"));
        l.add(when("GETEX k PXAT 1").given("SET k a").dirty("k"));
        l.add(when("GETEX k EX 10").clean("k"));
        l.add(when("MSET a 1 b 2").dirty("a", "b"));
        l.add(when("MSETNX a 1 b 2").dirty("a", "b"));
        l.add(when("MSETNX a 1 b 2").given("SET b x").clean("a", "b"));
        l.add(when("APPEND k x").dirty("k"));
        l.add(when("APPEND k \"\"").given("SET k a").dirty("k"));
        l.add(when("APPEND k x").given("RPUSH k a").clean("k").fails());
        l.add(when("SETRANGE k 2 xy").dirty("k"));
        l.add(when("SETRANGE k 0 \"\"").clean("k"));
        l.add(when("SETRANGE k 0 \"\"").given("SET k a").clean("k"));
        // bitops.c: SETBIT and BITFIELD signal when the key is created, grows or a value changes;
        // BITOP signals its destination through setKey, or when it deletes it
        l.add(when("SETBIT k 3 1").dirty("k"));
        l.add(when("SETBIT k 3 1").given("SETBIT k 3 1").clean("k"));
        l.add(when("SETBIT k 3 0").given("SETBIT k 3 1").dirty("k"));
        l.add(when("SETBIT k 100 0").given("SETBIT k 3 1").dirty("k"));
        l.add(when("SETBIT k x 1").clean("k").fails());
        l.add(when("SETBIT k 0 1").given("RPUSH k a").clean("k").fails());
        l.add(when("BITOP AND d a b").given("SET a x", "SET b y").dirty("d").clean("a", "b"));
        l.add(when("BITOP OR d a").given("SET d x").dirty("d"));
        l.add(when("BITOP OR d a").clean("d"));
        l.add(when("BITOP NOT d a b").given("SET a x").clean("d").fails());
        l.add(when("BITOP AND d a l").given("SET a x", "RPUSH l a").clean("d").fails());
        l.add(when("BITFIELD k SET u8 0 1").dirty("k"));
        l.add(when("BITFIELD k SET u8 0 1").given("BITFIELD k SET u8 0 1").clean("k"));
        l.add(when("BITFIELD k INCRBY u8 0 1").given("BITFIELD k SET u8 0 1").dirty("k"));
        l.add(when("BITFIELD k OVERFLOW FAIL INCRBY u2 0 9").clean("k"));
        l.add(when("BITFIELD k GET u8 0").given("SET k a").clean("k"));
        l.add(when("BITFIELD k SET u8 0 x").clean("k").fails());
        // hyperloglog.c: PFADD when created or a register rose; PFCOUNT of one key when it writes the
        // cache back (not when the cache is valid, nor with several keys); PFMERGE always; PFDEBUG never
        l.add(when("PFADD k a").dirty("k"));
        l.add(when("PFADD k").dirty("k"));
        l.add(when("PFADD k a").given("PFADD k a").clean("k"));
        l.add(when("PFADD k b").given("PFADD k a").dirty("k"));
        l.add(when("PFADD k").given("PFADD k a").clean("k"));
        l.add(when("PFADD k x").given("SET k abc").clean("k").fails());
        l.add(when("PFCOUNT k").given("PFADD k a").dirty("k"));
        l.add(when("PFCOUNT k").given("PFADD k a", "PFCOUNT k").clean("k"));
        l.add(when("PFCOUNT k j").given("PFADD k a", "PFADD j b").clean("k", "j"));
        l.add(when("PFMERGE d a").given("PFADD a x").dirty("d").clean("a"));
        l.add(when("PFMERGE d").given("PFADD d x", "PFCOUNT d").dirty("d"));
        l.add(when("PFMERGE d a").given("PFADD a x", "SET d abc").clean("d", "a").fails());
        l.add(when("PFDEBUG TODENSE k").given("PFADD k a").clean("k"));
        l.add(when("PFDEBUG GETREG k").given("PFADD k a").clean("k"));
        l.add(when("PFDEBUG TODENSE k").clean("k").fails());
        // geo.c: GEOADD is ZADD (signals only on a change); the stores signal their destination
        // through setKey, or when they delete it; a search without STORE touches nothing
        l.add(when("GEOADD k 1 1 a").dirty("k"));
        l.add(when("GEOADD k 1 1 a").given("GEOADD k 1 1 a").clean("k"));
        l.add(when("GEOADD k XX 1 1 a").clean("k"));
        l.add(when("GEOADD k 181 1 a").given("GEOADD k 1 1 a").clean("k").fails());
        l.add(when("GEOSEARCHSTORE d g FROMLONLAT 1 1 BYRADIUS 100 km").given("GEOADD g 1 1 a").dirty("d").clean("g"));
        l.add(when("GEOSEARCHSTORE d g FROMLONLAT 50 50 BYRADIUS 1 km").given("GEOADD g 1 1 a", "SET d x").dirty("d"));
        l.add(when("GEOSEARCHSTORE d g FROMLONLAT 50 50 BYRADIUS 1 km").given("GEOADD g 1 1 a").clean("d"));
        l.add(when("GEOSEARCHSTORE d missing FROMLONLAT 1 1 BYRADIUS 1 km").given("SET d x").dirty("d"));
        l.add(when("GEOSEARCHSTORE d g FROMMEMBER nope BYRADIUS 1 km").given("GEOADD g 1 1 a", "SET d x").clean("d")
                .fails());
        l.add(when("GEORADIUS g 1 1 100 km STORE d").given("GEOADD g 1 1 a").dirty("d").clean("g"));
        l.add(when("GEORADIUS g 1 1 100 km").given("GEOADD g 1 1 a").clean("g"));
        l.add(when("GEORADIUS g 1 1 100 km WITHDIST STORE d").given("GEOADD g 1 1 a", "SET d x").clean("d").fails());
        l.add(when("GEORADIUSBYMEMBER g a 100 km STOREDIST d").given("GEOADD g 1 1 a").dirty("d"));
        l.add(when("GEORADIUSBYMEMBER g a 100 km").given("GEOADD g 1 1 a").clean("g"));
        // sort.c: SORT ... STORE signals its destination through setKey, or when an empty result
        // deletes it; the sorted key and the keys BY and GET read are not signalled
        l.add(when("SORT l STORE d").given("RPUSH l 1").dirty("d").clean("l"));
        l.add(when("SORT l STORE d").clean("d", "l"));
        l.add(when("SORT l STORE d").given("SET d x").dirty("d"));
        l.add(when("SORT l LIMIT 0 0 STORE d").given("RPUSH l 1", "SET d x").dirty("d"));
        l.add(when("SORT l STORE l").given("RPUSH l 1").dirty("l"));
        l.add(when("SORT l BY w_* GET o_* STORE d").given("RPUSH l 1", "SET w_1 1", "SET o_1 a").dirty("d").clean("w_1", "o_1"));
        l.add(when("SORT l").given("RPUSH l 1").clean("l"));
        l.add(when("SORT z").given("ZADD z 1 a").clean("z").fails());
        l.add(when("SORT l STORE d").given("RPUSH l x").clean("d").fails());
        l.add(when("INCR k").dirty("k"));
        l.add(when("INCR k").given("SET k abc").clean("k").fails());
        l.add(when("DECR k").given("SET k 5").dirty("k"));
        l.add(when("INCRBY k 3").dirty("k"));
        l.add(when("INCRBY k 1").given("SET k 9223372036854775807").clean("k").fails());
        l.add(when("DECRBY k 3").dirty("k"));
        l.add(when("INCRBYFLOAT k 1.5").dirty("k"));
        l.add(when("INCRBYFLOAT k 1.5").given("SET k abc").clean("k").fails());

        // db.c, expire.c: only what was deleted, expired, renamed, copied or moved
        l.add(when("DEL a b").given("SET a 1").dirty("a").clean("b"));
        l.add(when("DEL k").clean("k"));
        l.add(when("UNLINK a b").given("SET a 1").dirty("a").clean("b"));
        l.add(when("EXPIRE k 100").given("SET k v").dirty("k"));
        l.add(when("EXPIRE k -1").given("SET k v").dirty("k"));
        l.add(when("EXPIRE k 100").clean("k"));
        l.add(when("EXPIRE k 100 XX").given("SET k v").clean("k"));
        l.add(when("PEXPIRE k 100").given("SET k v").dirty("k"));
        l.add(when("EXPIREAT k 1").given("SET k v").dirty("k"));
        l.add(when("PEXPIREAT k 99999999999999").given("SET k v").dirty("k"));
        l.add(when("PEXPIREAT k 99999999999999 GT").given("SET k v").clean("k"));
        l.add(when("PERSIST k").given("SET k v EX 100").dirty("k"));
        l.add(when("PERSIST k").given("SET k v").clean("k"));
        l.add(when("RENAME src dst").given("SET src v").dirty("src", "dst"));
        l.add(when("RENAME src dst").clean("src", "dst").fails());
        l.add(when("RENAME src src").given("SET src v").clean("src"));
        l.add(when("RENAMENX src dst").given("SET src v").dirty("src", "dst"));
        l.add(when("RENAMENX src dst").given("SET src v", "SET dst w").clean("src", "dst"));
        l.add(when("COPY src dst").given("SET src v").clean("src").dirty("dst"));
        l.add(when("COPY src dst DB 1").given("SET src v").clean("src", "dst").dirty("1:dst"));
        l.add(when("COPY src dst").given("SET src v", "SET dst w").clean("src", "dst"));
        l.add(when("COPY src dst REPLACE").given("SET src v", "SET dst w").clean("src").dirty("dst"));
        l.add(when("MOVE k 1").given("SET k v").dirty("k", "1:k"));
        // cluster.c restoreCommand: dbAdd then signalModifiedKey; with a deadline already past only
        // a REPLACE that deleted the old key signals (and raises "del"); errors before any change
        l.add(when("RESTORE k 0 " + PAYLOAD).dirty("k"));
        l.add(when("RESTORE k 0 " + PAYLOAD).given("SET k v").clean("k").fails());
        l.add(when("RESTORE k 0 " + PAYLOAD + " REPLACE").given("SET k v").dirty("k"));
        l.add(when("RESTORE k 0 " + PAYLOAD + " REPLACE IDLETIME 10").given("SET k v").dirty("k"));
        l.add(when("RESTORE k 1 " + PAYLOAD + " ABSTTL").clean("k"));
        l.add(when("RESTORE k 1 " + PAYLOAD + " ABSTTL REPLACE").given("SET k v").dirty("k"));
        l.add(when("RESTORE k 0 junk REPLACE").given("SET k v").clean("k").fails());
        l.add(when("RESTORE k -1 " + PAYLOAD + " REPLACE").given("SET k v").clean("k").fails());
        l.add(when("MOVE k 1").given("SET k v", "SELECT 1", "SET k w").clean("k", "1:k"));
        l.add(when("MOVE k 1").clean("k", "1:k"));
        l.add(when("SWAPDB 0 1").given("SET k v").dirty("k", "1:k"));
        l.add(when("SWAPDB 0 1").given("SELECT 1", "SET k v").dirty("k", "1:k"));
        l.add(when("SWAPDB 0 1").given("SET other v").clean("k", "1:k"));
        l.add(when("SWAPDB 0 0").given("SET k v").clean("k"));
        l.add(when("FLUSHDB").given("SET k v").dirty("k").clean("1:k"));
        l.add(when("FLUSHDB").given("SELECT 1", "SET k v").clean("1:k"));
        l.add(when("FLUSHALL").given("SET k v", "SELECT 1", "SET j v").dirty("k", "1:j"));
        l.add(when("FLUSHALL").given("SET other v").clean("k", "1:k"));

        // t_list.c: pushes always; pops, LSET, LINSERT, LREM only when something changed; LTRIM of
        // an existing list always; LMOVE both keys; a served BLMOVE its destination
        l.add(when("LPUSH k a").dirty("k"));
        l.add(when("LPUSH k a").given("SET k v").clean("k").fails());
        l.add(when("RPUSH k a b").dirty("k"));
        l.add(when("LPUSHX k a").given("RPUSH k x").dirty("k"));
        l.add(when("LPUSHX k a").clean("k"));
        l.add(when("RPUSHX k a").given("RPUSH k x").dirty("k"));
        l.add(when("RPUSHX k a").clean("k"));
        l.add(when("LPOP k").given("RPUSH k a b").dirty("k"));
        l.add(when("LPOP k").clean("k"));
        l.add(when("LPOP k 0").given("RPUSH k a").clean("k"));
        l.add(when("RPOP k 5").given("RPUSH k a").dirty("k"));
        l.add(when("RPOP k").clean("k"));
        l.add(when("LSET k 0 b").given("RPUSH k a").dirty("k"));
        l.add(when("LSET k 5 b").given("RPUSH k a").clean("k").fails());
        l.add(when("LSET k 0 b").clean("k").fails());
        l.add(when("LINSERT k BEFORE a b").given("RPUSH k a").dirty("k"));
        l.add(when("LINSERT k BEFORE x b").given("RPUSH k a").clean("k"));
        l.add(when("LINSERT k BEFORE a b").clean("k"));
        l.add(when("LREM k 0 a").given("RPUSH k a b").dirty("k"));
        l.add(when("LREM k 0 x").given("RPUSH k a b").clean("k"));
        l.add(when("LTRIM k 0 -1").given("RPUSH k a b").dirty("k"));
        l.add(when("LTRIM k 1 0").given("RPUSH k a b").dirty("k"));
        l.add(when("LTRIM k 0 -1").clean("k"));
        l.add(when("LMOVE src dst LEFT RIGHT").given("RPUSH src a").dirty("src", "dst"));
        l.add(when("LMOVE src src LEFT RIGHT").given("RPUSH src a b").dirty("src"));
        l.add(when("LMOVE src dst LEFT RIGHT").clean("src", "dst"));
        l.add(when("RPOPLPUSH src dst").given("RPUSH src a b").dirty("src", "dst"));
        l.add(when("RPOPLPUSH src dst").given("RPUSH src a", "SET dst x").clean("src", "dst").fails());
        l.add(when("LMPOP 2 a b LEFT").given("RPUSH b x").clean("a").dirty("b"));
        l.add(when("LMPOP 1 a RIGHT COUNT 2").clean("a"));
        l.add(when("BLPOP a k 0").given("RPUSH k x").clean("a").dirty("k"));
        l.add(when("BLPOP k 0").clean("k").blocks());
        l.add(when("RPUSH k x").servedBlocker("BLPOP k 0").dirty("k").as("blpop"));
        l.add(when("BRPOP k 0").given("RPUSH k x y").dirty("k"));
        l.add(when("LPUSH k x").servedBlocker("BRPOP k 0").dirty("k").as("brpop"));
        l.add(when("BLMOVE src dst RIGHT LEFT 0").given("RPUSH src a").dirty("src", "dst"));
        l.add(when("BLMOVE src dst RIGHT LEFT 0").clean("src", "dst").blocks());
        l.add(when("RPUSH src a").servedBlocker("BLMOVE src dst LEFT RIGHT 0").dirty("dst").as("blmove"));
        l.add(when("BRPOPLPUSH src dst 0").given("RPUSH src a").dirty("src", "dst"));
        l.add(when("RPUSH src a").servedBlocker("BRPOPLPUSH src dst 0").dirty("dst").as("brpoplpush"));
        l.add(when("BLMPOP 0 2 a b LEFT COUNT 2").given("RPUSH b x").clean("a").dirty("b"));
        l.add(when("BLMPOP 0 1 k RIGHT").clean("k").blocks());
        l.add(when("RPUSH k x").servedBlocker("BLMPOP 0 1 k LEFT").dirty("k").as("blmpop"));

        // t_hash.c: HSETNX and HDEL only when they changed something
        l.add(when("HSET k f v").dirty("k"));
        l.add(when("HSET k f v").given("SET k x").clean("k").fails());
        l.add(when("HMSET k f v g w").dirty("k"));
        l.add(when("HSETNX k f v").dirty("k"));
        l.add(when("HSETNX k f v").given("HSET k f x").clean("k"));
        l.add(when("HDEL k f").given("HSET k f v g w").dirty("k"));
        l.add(when("HDEL k x").given("HSET k f v").clean("k"));
        l.add(when("HDEL k f").clean("k"));
        l.add(when("HINCRBY k f 2").dirty("k"));
        l.add(when("HINCRBY k f 2").given("HSET k f abc").clean("k").fails());
        l.add(when("HINCRBYFLOAT k f 2.5").dirty("k"));
        l.add(when("HINCRBYFLOAT k f 2.5").given("HSET k f abc").clean("k").fails());

        // t_set.c: SADD/SREM only when members changed; SMOVE the source, and the destination only
        // when the member is new there; *STORE the destination when stored or deleted
        l.add(when("SADD k a").dirty("k"));
        l.add(when("SADD k a").given("SADD k a").clean("k"));
        l.add(when("SREM k a").given("SADD k a b").dirty("k"));
        l.add(when("SREM k x").given("SADD k a").clean("k"));
        l.add(when("SPOP k").given("SADD k a b").dirty("k"));
        l.add(when("SPOP k").clean("k"));
        l.add(when("SPOP k 0").given("SADD k a").clean("k"));
        l.add(when("SPOP k 5").given("SADD k a b").dirty("k"));
        l.add(when("SPOP k 1").given("SADD k a b c").dirty("k"));
        l.add(when("SMOVE src dst a").given("SADD src a b").dirty("src", "dst"));
        l.add(when("SMOVE src dst a").given("SADD src a", "SADD dst a").dirty("src").clean("dst"));
        l.add(when("SMOVE src dst x").given("SADD src a").clean("src", "dst"));
        l.add(when("SMOVE src src a").given("SADD src a").clean("src"));
        l.add(when("SINTERSTORE dst a b").given("SADD a 1 2", "SADD b 2").dirty("dst").clean("a", "b"));
        l.add(when("SINTERSTORE dst a b").given("SADD a 1", "SET dst x").dirty("dst"));
        l.add(when("SINTERSTORE dst a b").given("SADD a 1").clean("dst"));
        l.add(when("SINTERSTORE dst a b").given("SADD a 1", "SADD b 2").clean("dst"));
        l.add(when("SUNIONSTORE dst a b").given("SADD a 1").dirty("dst").clean("a"));
        l.add(when("SUNIONSTORE dst a b").clean("dst"));
        l.add(when("SDIFFSTORE dst a b").given("SADD a 1 2", "SADD b 2").dirty("dst"));
        l.add(when("SDIFFSTORE dst a b").given("SADD a 1", "SADD b 1", "SADD dst z").dirty("dst"));
        l.add(when("SDIFFSTORE dst a b").given("SADD a 1", "SADD b 1").clean("dst"));

        // t_zset.c: ZADD/ZINCRBY only when a member was added or its score changed; pops when they
        // popped; ranges when they removed; *STORE and ZRANGESTORE as SINTERSTORE
        l.add(when("ZADD k 1 a").dirty("k"));
        l.add(when("ZADD k 1 a").given("ZADD k 1 a").clean("k"));
        l.add(when("ZADD k NX 2 a").given("ZADD k 1 a").clean("k"));
        l.add(when("ZADD k XX 2 a").clean("k"));
        l.add(when("ZADD k XX CH 2 a").given("ZADD k 1 a").dirty("k"));
        l.add(when("ZINCRBY k 2 a").given("ZADD k 1 a").dirty("k"));
        l.add(when("ZINCRBY k 0 a").given("ZADD k 1 a").clean("k"));
        l.add(when("ZREM k a").given("ZADD k 1 a 2 b").dirty("k"));
        l.add(when("ZREM k x").given("ZADD k 1 a").clean("k"));
        l.add(when("ZPOPMIN k").given("ZADD k 1 a").dirty("k"));
        l.add(when("ZPOPMIN k").clean("k"));
        l.add(when("ZPOPMAX k 0").given("ZADD k 1 a").clean("k"));
        l.add(when("ZPOPMAX k 3").given("ZADD k 1 a 2 b").dirty("k"));
        l.add(when("ZMPOP 2 a b MIN").given("ZADD b 1 x").clean("a").dirty("b"));
        l.add(when("ZMPOP 1 a MAX").clean("a"));
        l.add(when("ZUNIONSTORE dst 2 a b").given("ZADD a 1 x").dirty("dst").clean("a", "b"));
        l.add(when("ZUNIONSTORE dst 2 a b").clean("dst"));
        l.add(when("ZINTERSTORE dst 2 a b").given("ZADD a 1 x", "ZADD b 1 x").dirty("dst"));
        l.add(when("ZINTERSTORE dst 2 a b").given("ZADD a 1 x", "ZADD dst 1 y").dirty("dst"));
        l.add(when("ZINTERSTORE dst 2 a b").given("ZADD a 1 x").clean("dst"));
        l.add(when("ZDIFFSTORE dst 2 a b").given("ZADD a 1 x 2 y", "ZADD b 1 x").dirty("dst"));
        l.add(when("ZDIFFSTORE dst 2 a b").given("ZADD a 1 x", "ZADD b 1 x").clean("dst"));
        l.add(when("ZRANGESTORE dst src 0 -1").given("ZADD src 1 a").dirty("dst").clean("src"));
        l.add(when("ZRANGESTORE dst src 0 -1").clean("dst", "src"));
        l.add(when("ZRANGESTORE dst src 0 -1").given("SET dst x").dirty("dst"));
        l.add(when("ZREMRANGEBYRANK k 0 0").given("ZADD k 1 a 2 b").dirty("k"));
        l.add(when("ZREMRANGEBYRANK k 5 9").given("ZADD k 1 a").clean("k"));
        l.add(when("ZREMRANGEBYSCORE k 1 1").given("ZADD k 1 a").dirty("k"));
        l.add(when("ZREMRANGEBYSCORE k 5 9").given("ZADD k 1 a").clean("k"));
        l.add(when("ZREMRANGEBYLEX k [a [a").given("ZADD k 0 a 0 b").dirty("k"));
        l.add(when("ZREMRANGEBYLEX k [x [z").given("ZADD k 0 a").clean("k"));
        l.add(when("BZPOPMIN a k 0").given("ZADD k 1 x").clean("a").dirty("k"));
        l.add(when("BZPOPMIN k 0").clean("k").blocks());
        l.add(when("ZADD k 1 x").servedBlocker("BZPOPMIN k 0").dirty("k").as("bzpopmin"));
        l.add(when("BZPOPMAX k 0").given("ZADD k 1 x 2 y").dirty("k"));
        l.add(when("ZADD k 1 x").servedBlocker("BZPOPMAX k 0").dirty("k").as("bzpopmax"));
        l.add(when("BZMPOP 0 1 k MIN").given("ZADD k 1 x").dirty("k"));
        l.add(when("BZMPOP 0 1 k MIN").clean("k").blocks());
        l.add(when("ZADD k 1 x").servedBlocker("BZMPOP 0 1 k MAX COUNT 3").dirty("k").as("bzmpop"));

        // t_stream.c: XADD, XDEL, XTRIM and XGROUP CREATE MKSTREAM signal; group bookkeeping never
        l.add(when("XADD k 1-0 f v").dirty("k"));
        l.add(when("XADD k NOMKSTREAM 1-0 f v").clean("k"));
        l.add(when("XADD k 1-0 f v").given("XADD k 2-0 f v").clean("k").fails());
        l.add(when("XADD k MAXLEN 1 3-0 f v").given("XADD k 1-0 f v", "XADD k 2-0 f v").dirty("k"));
        l.add(when("XDEL k 1-0").given("XADD k 1-0 f v", "XADD k 2-0 f v").dirty("k"));
        l.add(when("XDEL k 9-0").given("XADD k 1-0 f v").clean("k"));
        l.add(when("XTRIM k MAXLEN 1").given("XADD k 1-0 f v", "XADD k 2-0 f v").dirty("k"));
        l.add(when("XTRIM k MAXLEN 5").given("XADD k 1-0 f v").clean("k"));
        l.add(when("XTRIM k MAXLEN 0").clean("k"));
        l.add(when("XSETID k 5-0").given("XADD k 1-0 f v").clean("k"));
        l.add(when("XGROUP CREATE k g $ MKSTREAM").dirty("k"));
        l.add(when("XGROUP CREATE k g 0").given("XADD k 1-0 f v").clean("k"));
        l.add(when("XGROUP CREATE k g 0").clean("k").fails());
        l.add(when("XGROUP SETID k g 1-0").given("XADD k 1-0 f v", "XGROUP CREATE k g 0").clean("k"));
        l.add(when("XGROUP DESTROY k g").given("XADD k 1-0 f v", "XGROUP CREATE k g 0").clean("k"));
        l.add(when("XGROUP CREATECONSUMER k g c").given("XADD k 1-0 f v", "XGROUP CREATE k g 0").clean("k"));
        l.add(when("XGROUP DELCONSUMER k g c")
                .given("XADD k 1-0 f v", "XGROUP CREATE k g 0", "XGROUP CREATECONSUMER k g c").clean("k"));
        String[] pending = {"XADD k 1-0 f v", "XGROUP CREATE k g 0", "XREADGROUP GROUP g c STREAMS k >"};
        l.add(when("XREADGROUP GROUP g c STREAMS k >").given("XADD k 1-0 f v", "XGROUP CREATE k g 0").clean("k"));
        l.add(when("XACK k g 1-0").given(pending).clean("k"));
        l.add(when("XCLAIM k g d 0 1-0").given(pending).clean("k"));
        l.add(when("XAUTOCLAIM k g d 0 0").given(pending).clean("k"));

        // functions.c: LOAD, DELETE, FLUSH and RESTORE change libraries, never keys (no blanks in the
        // library: a case's words split on them; the shebang's tab is a blank to sdssplitargs)
        String lib = "#!lua\tname=wl\nredis.register_function('wf',function()return(1)end)";
        l.add(when("FUNCTION LOAD " + lib).given("FUNCTION FLUSH", "SET k v").clean("k"));
        l.add(when("FUNCTION LOAD REPLACE " + lib).given("FUNCTION FLUSH", "FUNCTION LOAD " + lib, "SET k v").clean("k"));
        l.add(when("FUNCTION DELETE wl").given("FUNCTION FLUSH", "FUNCTION LOAD " + lib, "SET k v").clean("k"));
        l.add(when("FUNCTION FLUSH").given("FUNCTION LOAD REPLACE " + lib, "SET k v").clean("k"));
        // A payload holds byte 245, which a case's UTF-8 words cannot carry: a refused one.
        l.add(when("FUNCTION RESTORE junk").given("SET k v").clean("k").fails());
        return l;
    }

    private static EmbeddedEngine engine(int shards, ManualClock clock) {
        return new EmbeddedEngine(shards, clock, new Config(), (ev, s, b) -> { }, false);
    }

    private static int db(String spec) {
        int colon = spec.indexOf(':');
        return colon < 0 ? 0 : Integer.parseInt(spec.substring(0, colon));
    }

    private static String key(String spec) {
        return spec.substring(spec.indexOf(':') + 1);
    }

    /** Runs one case; returns what went wrong, or null. */
    private static String run(EmbeddedEngine e, ManualClock clock, Case k) {
        assertEquals(OK, e.call("FLUSHALL"));
        for (String[] g : k.given) {
            String r = e.call(g);
            if (r.startsWith("-")) {
                return k + ": setup " + String.join(" ", g) + " failed: " + r.trim();
            }
        }
        e.call("SELECT", "0");
        ClientSession blocked = null;
        if (k.blocker != null) {
            blocked = e.newSession();
            assertEquals("", e.call(blocked, k.blocker), k + ": the blocker did not block");
        }
        Map<String, Watcher> watchers = new LinkedHashMap<>();
        for (String spec : k.expect.keySet()) {
            Watcher w = new Watcher(e.context().shards.length, 1);
            watch(e, w, db(spec), key(spec), clock.nowMs());
            watchers.put(spec, w);
        }
        ClientSession s = k.blocks ? e.newSession() : e.session();
        String reply = e.call(s, k.cmd);
        String problem = null;
        if (k.blocks != reply.isEmpty()) {
            problem = k + ": " + (k.blocks ? "expected to block, replied " + reply.trim() : "blocked");
        } else if (k.fails != reply.startsWith("-")) {
            problem = k + ": " + (k.fails ? "expected an error, replied " : "unexpected reply ") + reply.trim();
        }
        if (blocked != null) {
            e.tick(); // a waiter whose keys span shards is served on ticks
            if (problem == null && e.deferredReply(blocked, 2000) == null) {
                problem = k + ": the blocked client was not served";
            }
        }
        for (Map.Entry<String, Watcher> w : watchers.entrySet()) {
            boolean want = k.expect.get(w.getKey());
            if (problem == null && w.getValue().dirtyAnywhere() != want) {
                problem = k + ": watched " + w.getKey() + " should be " + (want ? "dirty" : "clean");
            }
            unwatch(e, w.getValue());
        }
        if (k.blocks) {
            e.disconnect(s);
        }
        return problem;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldSignalModifiedKeysWhereRedisDoes(int shards) {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = engine(shards, clock)) {
            List<String> problems = new ArrayList<>();
            for (Case k : cases()) {
                String p = run(e, clock, k);
                if (p != null) {
                    problems.add(p);
                }
            }
            assertTrue(problems.isEmpty(), shards + " shard(s):\n" + String.join("\n", problems));
        }
    }

    /** Every write row of the command table (subcommands included). */
    private static Map<String, CommandSpec> writeRows() {
        CommandTable t = Commands.table();
        Map<String, CommandSpec> rows = new LinkedHashMap<>();
        for (CommandSpec spec : t.commands().values()) {
            List<CommandSpec> specs = spec.isContainer() ? new ArrayList<>(spec.subcommands().values()) : List.of(spec);
            for (CommandSpec s : specs) {
                if (s.has(CommandFlags.WRITE) || READ_ONLY_BUT_SIGNALS.contains(s.fullName)) {
                    rows.put(s.fullName, s);
                }
            }
        }
        return rows;
    }

    @Test
    void shouldCoverEveryWriteCommand() {
        Map<String, CommandSpec> rows = writeRows();
        Set<String> touched = new TreeSet<>();
        Set<String> covered = new TreeSet<>();
        for (Case k : cases()) {
            covered.add(k.row());
            if (k.expect.containsValue(true)) {
                touched.add(k.row());
            }
        }
        Set<String> missing = new TreeSet<>(rows.keySet());
        missing.removeAll(covered);
        assertTrue(missing.isEmpty(), "write commands without a WATCH case: " + missing);
        Set<String> neverDirty = new TreeSet<>(rows.keySet());
        neverDirty.removeAll(touched);
        assertEquals(new TreeSet<>(NEVER_TOUCHES), neverDirty,
                "write commands with no case that touches a key must be listed in NEVER_TOUCHES, and only those");
        Set<String> stale = new TreeSet<>(covered);
        stale.removeAll(rows.keySet());
        assertTrue(stale.isEmpty(), "cases for commands that are not write rows: " + stale);
    }

    @Test
    void shouldHaveANoOpCaseInEveryFamily() {
        Map<String, CommandSpec> rows = writeRows();
        Set<String> groups = new TreeSet<>();
        for (CommandSpec s : rows.values()) {
            if (!NEVER_TOUCHES.contains(s.fullName)) { // a family whose writes never touch keys has no no-op
                groups.add(s.group);
            }
        }
        Set<String> withNoOp = new TreeSet<>();
        for (Case k : cases()) {
            if (!k.fails && !k.blocks && !k.expect.containsValue(true) && !NEVER_TOUCHES.contains(k.row())) {
                withNoOp.add(rows.get(k.row()).group);
            }
        }
        assertEquals(groups, withNoOp);
    }

    @Test
    void shouldLeaveAKeyWatchedExpiredCleanWhenLazyExpiryDeletesIt() {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = engine(2, clock)) {
            assertEquals(OK, e.call("SET", "k", "v", "PX", "100"));
            clock.advance(200);
            Watcher w = new Watcher(2, 1);
            watch(e, w, 0, "k", clock.nowMs()); // still in the table, logically expired
            assertEquals(NULL, e.call("GET", "k")); // lazy expiry deletes it: no logical change
            assertFalse(w.dirtyAnywhere());
            assertEquals(OK, e.call("SET", "k", "w")); // now it does change
            assertTrue(w.dirtyAnywhere());
            unwatch(e, w);
        }
    }

    @Test
    void shouldLeaveAKeyWatchedExpiredCleanWhenActiveExpiryDeletesIt() {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = engine(1, clock)) {
            assertEquals(OK, e.call("SET", "k", "v", "PX", "100"));
            clock.advance(200);
            Watcher w = new Watcher(1, 1);
            watch(e, w, 0, "k", clock.nowMs());
            e.tick();
            assertEquals(num(0), e.call("DBSIZE"));
            assertFalse(w.dirtyAnywhere());
            unwatch(e, w);
        }
    }

    @Test
    void shouldMakeAWatchedKeyDirtyWhenActiveExpiryDeletesIt() {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = engine(2, clock)) {
            assertEquals(OK, e.call("SET", "k", "v", "PX", "100"));
            Watcher w = new Watcher(2, 1);
            watch(e, w, 0, "k", clock.nowMs());
            clock.advance(200);
            e.tick();
            assertEquals(num(0), e.call("DBSIZE")); // DBSIZE counts without expiring: the tick did it
            assertTrue(w.dirtyAnywhere());
            unwatch(e, w);
        }
    }

    @Test
    void shouldServeTheBlockedClientInTheServedCases() {
        // guards the served cases above: the blocker must really have been served by the command
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = engine(1, clock)) {
            ClientSession s = e.newSession();
            assertEquals("", e.call(s, "BLMOVE", "src", "dst", "LEFT", "RIGHT", "0"));
            assertEquals(num(1), e.call("RPUSH", "src", "a"));
            assertNotNull(e.deferredReply(s, 2000));
            assertEquals(num(1), e.call("LLEN", "dst"));
        }
    }
}
