package io.ringstore.engine.family.dump;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static io.ringstore.engine.testing.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * DUMP and RESTORE on the engine, one and two shards, on a manual clock. The payloads are the
 * bytes redis-server 7.0.15 DUMPed for the same commands; the replies and keyspace events are
 * what it answered and published for the same RESTOREs.
 */
@Timeout(60)
class DumpFamilyTest {
    /** Key, the command that built it in redis-server, and its DUMP there (hex). */
    private static final String[][] REDIS_DUMPS = {
        {"int", "SET int 12345", "00c139300a009d94ea2793fc08b9"},
        {"big", "SET big 12345678901234", "000e31323334353637383930313233340a00afcb8c7b76a08b6a"},
        {"str", "SET str hello_world", null},
        {"lzf", "SET lzf abcdefghabcdefghabcdefghabcdefghabcdefgh", "00c3102808616263646566676861e014070167680a00039722be4eaa6ccf"},
        {"list", "RPUSH list a 1 -300 70000 ", null},
        {"hash", "HSET hash f v n 7", "1012120000000400816602817602816e020701ff0a00b82adea8407ffaa8"},
        {"set", "SADD set 1 -2 300", "0b0e0200000003000000feff01002c010a005b0aa862f794600a"},
        {"zset", "ZADD zset 1.5 a 2 b -inf c", "111d1d0000000600816302842d696e660581610283312e35048162020201ff0a0017dce91ab8436c89"},
        {"stream", "XADD stream 1-1 f v",
            "130110000000000000000100000000000000011d1d0000000a0001010001010181660200010201000100018176020401ff0101010101000001000a00ff55ab626ac035db"},
    };
    private static final String LIST_DUMP = "120102161600000005008161020101ded402f2701101048001ff0a00c50be8911f9bf5e4";
    private static final String STR_DUMP = "000b68656c6c6f20776f726c640a000bfc49b9a6c7a034";

    private final ManualClock clock = new ManualClock(T0);
    private final List<EmbeddedEngine> engines = new ArrayList<>();
    private EmbeddedEngine e;
    private ClientSession s;

    @AfterEach
    void close() {
        engines.forEach(EmbeddedEngine::close);
    }

    private void start(int shards) {
        e = new EmbeddedEngine(shards, clock, new Config());
        engines.add(e);
        s = e.newSession();
    }

    private String call(Object... args) {
        byte[][] b = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            b[i] = args[i] instanceof byte[] ? (byte[]) args[i] : ((String) args[i]).getBytes(StandardCharsets.UTF_8);
        }
        return new String(e.callBytes(s, b), StandardCharsets.ISO_8859_1);
    }

    private byte[] dump(String key) {
        String r = call("DUMP", key);
        int eol = r.indexOf("\r\n");
        int len = Integer.parseInt(r.substring(1, eol));
        return r.substring(eol + 2, eol + 2 + len).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> sortedLines(String reply) {
        List<String> lines = new ArrayList<>(List.of(reply.split("\r\n")));
        java.util.Collections.sort(lines);
        return lines;
    }

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldDumpTheBytesRedisDumps(int shards) {
        start(shards);
        assertEquals("$-1\r\n", call("DUMP", "missing"));
        call("SET", "str", "hello world");
        call("RPUSH", "list", "a", "1", "-300", "70000", "");
        for (String[] d : REDIS_DUMPS) {
            if (d[2] != null) {
                call((Object[]) d[1].split(" "));
                assertArrayEquals(hex(d[2]), dump(d[0]), d[1]);
            }
        }
        assertArrayEquals(hex(STR_DUMP), dump("str"));
        assertArrayEquals(hex(LIST_DUMP), dump("list"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRestoreRedisPayloadsWithTheirEncodings(int shards) {
        start(shards);
        String[][] expect = {
            {"int", "int", "$5\r\n12345\r\n"}, {"big", "int", "$14\r\n12345678901234\r\n"},
            {"lzf", "embstr", "$40\r\nabcdefghabcdefghabcdefghabcdefghabcdefgh\r\n"},
        };
        for (String[] x : expect) {
            String h = null;
            for (String[] d : REDIS_DUMPS) {
                h = d[0].equals(x[0]) ? d[2] : h;
            }
            assertEquals("+OK\r\n", call("RESTORE", x[0], "0", hex(h)));
            assertEquals("$" + x[1].length() + "\r\n" + x[1] + "\r\n", call("OBJECT", "ENCODING", x[0]));
            assertEquals(x[2], call("GET", x[0]));
        }
        assertEquals("+OK\r\n", call("RESTORE", "list", "0", hex(LIST_DUMP)));
        assertEquals("*5\r\n$1\r\na\r\n$1\r\n1\r\n$4\r\n-300\r\n$5\r\n70000\r\n$0\r\n\r\n", call("LRANGE", "list", "0", "-1"));
        assertEquals("$9\r\nquicklist\r\n", call("OBJECT", "ENCODING", "list"));
        assertEquals("+OK\r\n", call("RESTORE", "hash", "0", hex(REDIS_DUMPS[5][2])));
        assertEquals("*4\r\n$1\r\nf\r\n$1\r\nv\r\n$1\r\nn\r\n$1\r\n7\r\n", call("HGETALL", "hash"));
        assertEquals("$8\r\nlistpack\r\n", call("OBJECT", "ENCODING", "hash"));
        assertEquals("+OK\r\n", call("RESTORE", "set", "0", hex(REDIS_DUMPS[6][2])));
        assertEquals("*3\r\n$2\r\n-2\r\n$1\r\n1\r\n$3\r\n300\r\n", call("SMEMBERS", "set"));
        assertEquals("$6\r\nintset\r\n", call("OBJECT", "ENCODING", "set"));
        assertEquals("+OK\r\n", call("RESTORE", "zset", "0", hex(REDIS_DUMPS[7][2])));
        assertEquals("*6\r\n$1\r\nc\r\n$4\r\n-inf\r\n$1\r\na\r\n$3\r\n1.5\r\n$1\r\nb\r\n$1\r\n2\r\n",
                call("ZRANGE", "zset", "0", "-1", "WITHSCORES"));
        assertEquals("+OK\r\n", call("RESTORE", "stream", "0", hex(REDIS_DUMPS[8][2])));
        assertEquals("*1\r\n*2\r\n$3\r\n1-1\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n", call("XRANGE", "stream", "-", "+"));
        // and DUMP gives the same bytes back
        for (String k : new String[] {"hash", "set", "zset", "stream"}) {
            for (String[] d : REDIS_DUMPS) {
                if (d[0].equals(k)) {
                    assertArrayEquals(hex(d[2]), dump(k), k);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldCheckArgumentsInRedisOrder(int shards) {
        start(shards);
        byte[] p = hex(STR_DUMP);
        call("SET", "k", "v");
        assertEquals("-BUSYKEY Target key name already exists.\r\n", call("RESTORE", "k", "0", p));
        assertEquals("-BUSYKEY Target key name already exists.\r\n", call("RESTORE", "k", "abc", "junk"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("RESTORE", "k2", "abc", p));
        assertEquals("-ERR Invalid TTL value, must be >= 0\r\n", call("RESTORE", "k2", "-1", p));
        assertEquals("-ERR DUMP payload version or checksum are wrong\r\n", call("RESTORE", "k2", "0", "xx"));
        assertEquals("-ERR Invalid IDLETIME value, must be >= 0\r\n", call("RESTORE", "k2", "0", p, "IDLETIME", "-1"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("RESTORE", "k2", "0", p, "IDLETIME", "x"));
        assertEquals("-ERR Invalid FREQ value, must be >= 0 and <= 255\r\n", call("RESTORE", "k2", "0", p, "FREQ", "256"));
        assertEquals("-ERR syntax error\r\n", call("RESTORE", "k2", "0", p, "FREQ", "1", "IDLETIME", "2"));
        assertEquals("-ERR syntax error\r\n", call("RESTORE", "k2", "0", p, "IDLETIME", "1", "FREQ", "2"));
        assertEquals("-ERR syntax error\r\n", call("RESTORE", "k2", "0", p, "IDLETIME"));
        assertEquals("-ERR syntax error\r\n", call("RESTORE", "k", "-1", p, "REPLACE", "BOGUS"));
        assertEquals("-ERR Invalid FREQ value, must be >= 0 and <= 255\r\n", call("RESTORE", "k", "0", p, "FREQ", "300", "REPLACE"));
        assertEquals("-ERR wrong number of arguments for 'restore' command\r\n", call("RESTORE", "k", "0"));
        assertEquals("-ERR wrong number of arguments for 'dump' command\r\n", call("DUMP", "a", "b"));
        assertEquals("$1\r\nv\r\n", call("GET", "k"));
        assertEquals("+OK\r\n", call("RESTORE", "k", "0", p, "REPLACE", "FREQ", "255"));
        assertEquals("$11\r\nhello world\r\n", call("GET", "k"));
        assertEquals("-ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when "
                + "switching between policies at runtime LRU and LFU data will take some time to adjust.\r\n",
                call("OBJECT", "FREQ", "k"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldSetDeadlinesAndIdleTimeFromTheEventTime(int shards) {
        start(shards);
        byte[] p = hex(STR_DUMP);
        assertEquals("+OK\r\n", call("RESTORE", "rel", "5000", p));
        assertEquals(":" + (T0 + 5000) + "\r\n", call("PEXPIRETIME", "rel"));
        assertEquals("+OK\r\n", call("RESTORE", "abs", Long.toString(T0 + 7000), p, "ABSTTL"));
        assertEquals(":" + (T0 + 7000) + "\r\n", call("PEXPIRETIME", "abs"));
        assertEquals("+OK\r\n", call("RESTORE", "past", Long.toString(T0), p, "ABSTTL"));
        assertEquals(":0\r\n", call("EXISTS", "past"));
        assertEquals("+OK\r\n", call("RESTORE", "abs", "1", p, "ABSTTL", "REPLACE"));
        assertEquals(":0\r\n", call("EXISTS", "abs"));
        // a relative TTL that overflows past the event time wraps negative: already expired (redis-server 7.0.15)
        assertEquals("+OK\r\n", call("RESTORE", "huge", Long.toString(Long.MAX_VALUE), p));
        assertEquals(":0\r\n", call("EXISTS", "huge"));
        assertEquals("+OK\r\n", call("RESTORE", "huge", Long.toString(Long.MAX_VALUE), p, "ABSTTL"));
        assertEquals(":" + Long.MAX_VALUE + "\r\n", call("PEXPIRETIME", "huge"));
        assertEquals("+OK\r\n", call("RESTORE", "idle", "0", p, "IDLETIME", "1000"));
        assertEquals(":1000\r\n", call("OBJECT", "IDLETIME", "idle"));
        // redis-server 7.0.15: the idle time * 1000 wraps to -1000 (-1 s), one second ahead of the clock
        assertEquals("+OK\r\n", call("RESTORE", "wrapped", "0", p, "IDLETIME", Long.toString(Long.MAX_VALUE)));
        assertEquals(":16777214\r\n", call("OBJECT", "IDLETIME", "wrapped"));
        clock.advance(5000);
        assertEquals(":1005\r\n", call("OBJECT", "IDLETIME", "idle"));
        assertEquals(":-1\r\n", call("PTTL", "idle"));
        clock.advance(1000);
        assertEquals(":0\r\n", call("EXISTS", "rel"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRaiseRedisKeyspaceEvents(int shards) {
        start(shards);
        ClientSession sub = e.newSession();
        e.call(sub, "PSUBSCRIBE", "__key*__:*");
        call("CONFIG", "SET", "notify-keyspace-events", "KEAn");
        byte[] p = hex(STR_DUMP);
        call("RESTORE", "k", "0", p);
        call("RESTORE", "k", "0", p, "REPLACE");
        call("RESTORE", "k", "1", p, "ABSTTL", "REPLACE");
        call("RESTORE", "k2", "1", p, "ABSTTL");
        call("RESTORE", "k3", "100000", p);
        call("RESTORE", "k", "0", p, "BOGUS");
        call("RESTORE", "k3", "0", "junk", "REPLACE");
        List<String> events = new ArrayList<>();
        for (String m = e.deferredReply(sub, 0); m != null; m = e.deferredReply(sub, 0)) {
            String[] parts = m.split("\r\n");
            events.add(parts[parts.length - 3] + " " + parts[parts.length - 1]);
        }
        assertEquals(List.of(
                "__keyspace@0__:k new", "__keyevent@0__:new k", "__keyspace@0__:k restore", "__keyevent@0__:restore k",
                "__keyspace@0__:k new", "__keyevent@0__:new k", "__keyspace@0__:k restore", "__keyevent@0__:restore k",
                "__keyspace@0__:k del", "__keyevent@0__:del k",
                "__keyspace@0__:k3 new", "__keyevent@0__:new k3", "__keyspace@0__:k3 restore", "__keyevent@0__:restore k3"),
                events);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRoundTripEveryTypeThroughItsOwnPayload(int shards) {
        start(shards);
        call("SET", "s", "x".repeat(100));
        call("RPUSH", "l", "a", "b", "c");
        for (int i = 0; i < 600; i++) {
            call("HSET", "h", "f" + i, "v" + i);
            call("SADD", "st", "m" + i);
            call("ZADD", "z", Integer.toString(i), "m" + i);
        }
        call("XADD", "x", "1-1", "a", "b");
        call("XGROUP", "CREATE", "x", "g", "0");
        call("XREADGROUP", "GROUP", "g", "c", "STREAMS", "x", ">");
        for (String k : new String[] {"s", "l", "h", "st", "z", "x"}) {
            byte[] p = dump(k);
            assertEquals("+OK\r\n", call("RESTORE", k + "2", "0", p));
            if (k.equals("h") || k.equals("st")) { // hashtable order follows the insertion history
                assertEquals(sortedLines(call(k.equals("h") ? "HGETALL" : "SMEMBERS", k)),
                        sortedLines(call(k.equals("h") ? "HGETALL" : "SMEMBERS", k + "2")), k);
            } else {
                assertArrayEquals(p, dump(k + "2"), k);
            }
            assertEquals(call("OBJECT", "ENCODING", k), call("OBJECT", "ENCODING", k + "2"), k);
        }
        assertEquals(call("XINFO", "STREAM", "x", "FULL"), call("XINFO", "STREAM", "x2", "FULL"));
    }
}
