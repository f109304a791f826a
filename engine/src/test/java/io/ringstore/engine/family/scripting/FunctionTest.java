package io.ringstore.engine.family.scripting;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.util.Crc64;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static io.ringstore.engine.testing.Fixtures.T0;
import static io.ringstore.engine.testing.Fixtures.keyOnShard;
import static io.ringstore.engine.testing.Resp.NULL;
import static io.ringstore.engine.testing.Resp.NULL3;
import static io.ringstore.engine.testing.Resp.OK;
import static io.ringstore.engine.testing.Resp.arr;
import static io.ringstore.engine.testing.Resp.array;
import static io.ringstore.engine.testing.Resp.bulk;
import static io.ringstore.engine.testing.Resp.error;
import static io.ringstore.engine.testing.Resp.map;
import static io.ringstore.engine.testing.Resp.num;
import static io.ringstore.engine.testing.Resp.set;
import static io.ringstore.engine.testing.Resp.simple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FUNCTION and FCALL wired to the engine: the registry where scripts run (1 shard, and a barrier
 * on shard 0 with 2), Redis 7.0.15's replies and error texts (each expected text below was read
 * from redis-server 7.0.15), flags, DUMP/RESTORE payloads and the load time limit. The
 * differential test compares the same against redis-server; the journal tests cover replay and
 * snapshots.
 */
@Timeout(60)
class FunctionTest {
    private static final String LIB1 = "#!lua name=lib1\n"
            + "redis.register_function('set1', function(keys, args) return redis.call('set', keys[1], args[1]) end)\n"
            + "redis.register_function{function_name='get1', callback=function(keys, args) return redis.call('get', keys[1]) end,"
            + " flags={'no-writes'}, description='reads a key'}";

    private static EmbeddedEngine engine(int shards) {
        return new EmbeddedEngine(shards, new ManualClock(T0));
    }

    private static String lib(String name, String... functions) {
        StringBuilder sb = new StringBuilder("#!lua name=" + name + "\n");
        for (String f : functions) {
            sb.append("redis.register_function('").append(f).append("', function(keys, args) return '").append(f)
                    .append("' end)\n");
        }
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldLoadCallListAndDeleteLibraries(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            String a = keyOnShard(e, "a", 0);
            String b = keyOnShard(e, "b", 1);
            assertEquals(bulk("lib1"), e.call("FUNCTION", "LOAD", LIB1));
            assertEquals(OK, e.call("FCALL", "set1", "1", a, "va"));
            assertEquals(OK, e.call("FCALL", "SET1", "1", b, "vb"), "function names match in any case");
            assertEquals(bulk("vb"), e.call("FCALL_RO", "get1", "1", b));
            assertEquals(bulk("va"), e.call("GET", a));
            assertEquals(array(array(bulk("library_name"), bulk("lib1"), bulk("engine"), bulk("LUA"), bulk("functions"),
                    array(array(bulk("name"), bulk("set1"), bulk("description"), NULL, bulk("flags"), array()),
                            array(bulk("name"), bulk("get1"), bulk("description"), bulk("reads a key"), bulk("flags"),
                                    array(simple("no-writes")))))),
                    e.call("FUNCTION", "LIST"));
            assertEquals(array(bulk("running_script"), NULL, bulk("engines"),
                    array(bulk("LUA"), array(bulk("libraries_count"), num(1), bulk("functions_count"), num(2)))),
                    e.call("FUNCTION", "STATS"));
            assertEquals(error("ERR Library 'lib1' already exists"), e.call("FUNCTION", "LOAD", LIB1));
            assertEquals(error("ERR Function Set1 already exists"), e.call("FUNCTION", "LOAD", lib("lib2", "x", "Set1")));
            assertEquals(bulk("lib1"), e.call("FUNCTION", "LOAD", "REPLACE", lib("lib1", "set1")), "its own names do not collide");
            assertEquals(error("ERR Function not found"), e.call("FCALL", "get1", "0"));
            assertEquals(bulk("set1"), e.call("FCALL", "set1", "0"));
            assertEquals(error("ERR Library not found"), e.call("FUNCTION", "DELETE", "LIB1"), "library names are exact");
            assertEquals(OK, e.call("FUNCTION", "DELETE", "lib1"));
            assertEquals(error("ERR Function not found"), e.call("FCALL", "set1", "0"));
            assertEquals(array(), e.call("FUNCTION", "LIST"));
        }
    }

    @Test
    void shouldAnswerArgumentErrorsAsRedis() {
        try (EmbeddedEngine e = engine(1)) {
            e.call("FUNCTION", "LOAD", LIB1);
            assertEquals(error("ERR Function not found"), e.call("FCALL", "nosuch", "x"), "the function is looked up first");
            assertEquals(error("ERR Bad number of keys provided"), e.call("FCALL", "set1", "x"));
            assertEquals(error("ERR Number of keys can't be greater than number of args"), e.call("FCALL", "set1", "2", "k"));
            assertEquals(error("ERR Number of keys can't be negative"), e.call("FCALL", "set1", "-1"));
            assertEquals(error("ERR Can not execute a script with write flag using *_ro command."),
                    e.call("FCALL_RO", "set1", "1", "k", "v"));
            assertEquals(error("ERR Unknown option given: foo"), e.call("FUNCTION", "LOAD", "foo", LIB1));
            assertEquals(error("ERR Missing library metadata"), e.call("FUNCTION", "LOAD", "REPLACE"));
            assertEquals(error("ERR wrong number of arguments for 'function|delete' command"), e.call("FUNCTION", "DELETE"));
            assertEquals(error("ERR library name argument was not given"), e.call("FUNCTION", "LIST", "LIBRARYNAME"));
            assertEquals(error("ERR Unknown argument withcode"), e.call("FUNCTION", "LIST", "WITHCODE", "withcode"));
            assertEquals(error("ERR FUNCTION FLUSH only supports SYNC|ASYNC option"), e.call("FUNCTION", "FLUSH", "now"));
            assertEquals(error("ERR unknown subcommand or wrong number of arguments for 'flush'. Try FUNCTION HELP."),
                    e.call("FUNCTION", "flush", "sync", "x"));
            assertEquals(error("ERR unknown subcommand 'NOSUCH'. Try FUNCTION HELP."), e.call("FUNCTION", "NOSUCH"));
            assertEquals(error("ERR Error registering functions: ERR Function already exists in the library"),
                    e.call("FUNCTION", "LOAD", lib("dup", "h", "h")));
            assertEquals(error("ERR Engine 'js' not found"), e.call("FUNCTION", "LOAD", "#!js name=x\nreturn 1"));
            assertEquals(error("ERR Invalid metadata value given: lua"), e.call("FUNCTION", "LOAD", "#! lua name=x\n"));
            assertEquals(error("ERR Invalid library metadata"), e.call("FUNCTION", "LOAD", "#!lua name=\"open\nx"));
            assertEquals(bulk("crlf"), e.call("FUNCTION", "LOAD", "#!lua name=crlf\r\n"
                    + "redis.register_function('crlf', function() return 1 end)"), "the line splits as sdssplitargs");
            assertEquals(bulk("qx"), e.call("FUNCTION", "LOAD", "#!LUA  NAME=q\"x\"\n"
                    + "redis.register_function('qx', function() return 1 end)"));
            assertEquals(num(1), e.call("FCALL", "crlf", "0"));
        }
    }

    @Test
    void shouldKeepFunctionsApartFromTheScriptCacheAndTheKeyspace() {
        try (EmbeddedEngine e = engine(1)) {
            e.call("FUNCTION", "LOAD", LIB1);
            e.call("FCALL", "set1", "1", "k", "v");
            assertEquals(OK, e.call("SCRIPT", "FLUSH"));
            assertEquals(OK, e.call("FLUSHALL"));
            assertEquals(NULL, e.call("FCALL", "get1", "1", "k"), "both flushes leave the libraries");
            assertTrue(e.call("EVAL", "return redis.call('fcall', 'get1', 1, 'k')", "0")
                    .startsWith("-ERR This Redis command is not allowed from script script: "));
            assertEquals(OK, e.call("FUNCTION", "FLUSH", "ASYNC"));
            assertEquals(error("ERR Function not found"), e.call("FCALL", "get1", "1", "k"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRunFunctionsWithScriptRulesAndFlags(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            String a = keyOnShard(e, "a", 0);
            String b = keyOnShard(e, "b", 1);
            assertEquals(bulk("rules"), e.call("FUNCTION", "LOAD", "#!lua name=rules\n"
                    + "redis.register_function('both', function(keys, args)\n"
                    + "  redis.call('set', keys[1], args[1]) redis.call('set', args[2], args[1])\n" // b is undeclared
                    + "  return {redis.call('get', keys[1]), redis.call('get', args[2])} end)\n"
                    + "redis.register_function{function_name='ro', flags={'no-writes', 'allow-oom'},"
                    + "  callback=function(keys) return redis.call('set', keys[1], 'x') end}\n"
                    + "redis.register_function('pop', function(keys) return redis.call('blpop', keys[1], 0) end)\n"
                    + "redis.register_function('boom', function() error('boom') end)\n"
                    + "redis.register_function('nested', function() return redis.call('fcall', 'boom', 0) end)\n"
                    + "redis.register_function('resp3', function() redis.setresp(3) return redis.call('hgetall', 'nohash') end)"));
            assertEquals(arr("1", "1"), e.call("FCALL", "both", "1", a, "1", b));
            assertEquals(bulk("1"), e.call("GET", b));
            assertEquals(error("ERR Write commands are not allowed from read-only scripts. script: ro, on @user_function:5."),
                    e.call("FCALL", "ro", "1", a));
            assertEquals(error("ERR This Redis command is not allowed from script script: pop, on @user_function:6."),
                    e.call("FCALL", "pop", "1", "list"));
            assertEquals(error("ERR user_function:7: boom script: boom, on @user_function:7."), e.call("FCALL", "boom", "0"));
            assertTrue(e.call("FCALL", "nested", "0").startsWith("-ERR This Redis command is not allowed from script"));
            ClientSession s = e.newSession();
            e.call(s, "HELLO", "3");
            assertEquals(map(), e.call(s, "FCALL", "resp3", "0"));
            e.call(s, "FUNCTION", "LOAD", "#!lua name=flagged\nredis.register_function{function_name='f',"
                    + " callback=function() return 1 end, flags={'allow-stale', 'no-writes', 'allow-cross-slot-keys'}}");
            assertEquals(array(map(bulk("library_name"), bulk("flagged"), bulk("engine"), bulk("LUA"), bulk("functions"),
                    array(map(bulk("name"), bulk("f"), bulk("description"), NULL3, bulk("flags"),
                            set(simple("no-writes"), simple("allow-stale"), simple("allow-cross-slot-keys")))))),
                    e.call(s, "FUNCTION", "LIST", "LIBRARYNAME", "FLAG*"), "flags in Redis's order, as a set");
            assertEquals(map(bulk("running_script"), NULL3, bulk("engines"),
                    map(bulk("LUA"), map(bulk("libraries_count"), num(2), bulk("functions_count"), num(7)))),
                    e.call(s, "FUNCTION", "STATS"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRunFunctionCommandsInsideMulti(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            ClientSession s = e.newSession();
            assertEquals(OK, e.call(s, "MULTI"));
            assertEquals("+QUEUED\r\n", e.call(s, "FUNCTION", "LOAD", LIB1));
            assertEquals("+QUEUED\r\n", e.call(s, "FCALL", "set1", "1", "k", "v"));
            assertEquals("+QUEUED\r\n", e.call(s, "FCALL_RO", "get1", "1", "k"));
            assertEquals(array(bulk("lib1"), OK, bulk("v")), e.call(s, "EXEC"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldDumpAndRestoreRedisPayloads(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            e.call("FUNCTION", "LOAD", LIB1);
            e.call("FUNCTION", "LOAD", lib("lib2", "f2"));
            byte[] dump = e.callBytes(e.session(), words("FUNCTION", "DUMP"));
            byte[] payload = bulkBytes(dump);
            assertEquals((byte) 0xF5, payload[0]);
            assertEquals(10, payload[payload.length - 10], "RDB version 10");
            assertEquals(OK, e.call("FUNCTION", "FLUSH"));
            assertEquals(OK, restore(e, payload));
            assertEquals(bulk("f2"), e.call("FCALL", "f2", "0"));
            assertEquals(error("ERR Library lib1 already exists"), restore(e, payload), "APPEND refuses, without quotes");
            assertEquals(error("ERR Library lib1 already exists"), restore(e, payload, "APPEND"));
            assertEquals(OK, restore(e, payload, "replace"));
            e.call("FUNCTION", "DELETE", "lib2");
            e.call("FUNCTION", "LOAD", lib("other", "f2"));
            assertEquals(error("ERR Function f2 already exists"), restore(e, payload, "REPLACE"));
            assertEquals(bulk("f2"), e.call("FCALL", "f2", "0"), "a failed restore changes nothing");
            assertEquals(OK, restore(e, payload, "FLUSH"));
            assertEquals(array(bulk("running_script"), NULL, bulk("engines"),
                    array(bulk("LUA"), array(bulk("libraries_count"), num(2), bulk("functions_count"), num(3)))),
                    e.call("FUNCTION", "STATS"), "FLUSH replaced library other by the payload's two");
            assertEquals(error("ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE."),
                    restore(e, "xx".getBytes(StandardCharsets.US_ASCII), "bogus"), "the policy is checked first");
            assertEquals(error("ERR DUMP payload version or checksum are wrong"), restore(e, "abc".getBytes(StandardCharsets.US_ASCII)));
            byte[] bad = payload.clone();
            bad[3] ^= 1;
            assertEquals(error("ERR DUMP payload version or checksum are wrong"), restore(e, bad));
            assertEquals(error("ERR unknown subcommand or wrong number of arguments for 'RESTORE'. Try FUNCTION HELP."),
                    e.call("FUNCTION", "RESTORE", "p", "FLUSH", "x"));
            // Crafted payloads: an unknown record type, a string cut short, a library refused while loading.
            assertEquals(error("ERR given type is not a function"), restore(e, trailer(new byte[] {0, 1})));
            assertEquals(error("ERR Failed loading library payload"), restore(e, trailer(new byte[] {(byte) 0xF5, 0x40, 0x50})));
            byte[] code = "#!lua name=t\nreturn (".getBytes(StandardCharsets.US_ASCII);
            byte[] rec = new byte[2 + code.length];
            rec[0] = (byte) 0xF5;
            rec[1] = (byte) code.length;
            System.arraycopy(code, 0, rec, 2, code.length);
            assertEquals(error("ERR Error compiling function: user_function:2: unexpected symbol near '<eof>'"),
                    restore(e, trailer(rec)));
            assertEquals(OK, restore(e, trailer(new byte[0]), "FLUSH"), "an empty payload flushes");
            assertEquals(array(), e.call("FUNCTION", "LIST"));
        }
    }

    @Test
    void shouldStopALibraryBodyAfterHalfASecond() {
        try (EmbeddedEngine e = engine(1)) {
            long t0 = System.nanoTime();
            assertEquals(error("ERR Error registering functions: ERR FUNCTION LOAD timeout"),
                    e.call("FUNCTION", "LOAD", "#!lua name=slow\nwhile true do end"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 500, "stopped after " + ms + " ms");
            assertEquals(bulk("lib1"), e.call("FUNCTION", "LOAD", LIB1), "the runtime goes on");
            assertEquals(array(bulk("running_script"), NULL, bulk("engines"),
                    array(bulk("LUA"), array(bulk("libraries_count"), num(1), bulk("functions_count"), num(2)))),
                    e.call("FUNCTION", "STATS"));
        }
    }

    @Test
    void shouldAnswerHelpAsRedis() {
        try (EmbeddedEngine e = engine(1)) {
            String help = e.call("FUNCTION", "HELP");
            assertTrue(help.startsWith("*40\r\n+FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"
                    + "+LOAD [REPLACE] <FUNCTION CODE>\r\n"), help);
            assertTrue(help.endsWith("+HELP\r\n+    Prints this help.\r\n"), help);
        }
    }

    private static String restore(EmbeddedEngine e, byte[] payload, String... policy) {
        byte[][] args = new byte[3 + policy.length][];
        args[0] = "FUNCTION".getBytes(StandardCharsets.US_ASCII);
        args[1] = "RESTORE".getBytes(StandardCharsets.US_ASCII);
        args[2] = payload;
        for (int i = 0; i < policy.length; i++) {
            args[3 + i] = policy[i].getBytes(StandardCharsets.US_ASCII);
        }
        return new String(e.callBytes(e.session(), args), StandardCharsets.ISO_8859_1);
    }

    /** {@code body} + RDB version 10 + CRC64, as a payload's trailer. */
    private static byte[] trailer(byte[] body) {
        byte[] p = java.util.Arrays.copyOf(body, body.length + 10);
        p[body.length] = 10;
        long crc = Crc64.crc64(p, 0, body.length + 2);
        for (int i = 0; i < 8; i++) {
            p[body.length + 2 + i] = (byte) (crc >>> (8 * i));
        }
        return p;
    }

    private static byte[][] words(String... w) {
        byte[][] out = new byte[w.length][];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }

    /** The data of a bulk reply. */
    private static byte[] bulkBytes(byte[] reply) {
        int crlf = 0;
        while (reply[crlf] != '\r') {
            crlf++;
        }
        int n = Integer.parseInt(new String(reply, 1, crlf - 1, StandardCharsets.US_ASCII));
        return java.util.Arrays.copyOfRange(reply, crlf + 2, crlf + 2 + n);
    }
}
