package io.ringstore.transport.diff;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * FUNCTION DUMP payloads cross between redis-server 7.0.15 and Ringstore (1 and 2 shards) both
 * ways: libraries loaded on one side, dumped, restored on the other, must list the same (FUNCTION
 * LIST WITHCODE, sorted as the differential test sorts it) and run the same. The libraries are long
 * enough for Redis to LZF-compress their code, with flags and descriptions. A single library's
 * payload is also compared byte for byte (Redis writes several in dict order).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FunctionPayloadDifferentialTest extends DifferentialHarness {

    private static List<String> libraries() {
        List<String> out = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            StringBuilder sb = new StringBuilder("#!lua name=lib" + n + "\n");
            for (int f = 0; f < 3 + 4 * n; f++) {
                String name = "f" + n + "_" + f;
                if (f % 3 == 0) {
                    sb.append("redis.register_function{function_name='").append(name).append("', description='function ")
                            .append(f).append(" of library ").append(n).append("', flags={'no-writes', 'allow-stale'},")
                            .append(" callback=function(keys, args) return redis.call('GET', keys[1]) end}\n");
                } else {
                    sb.append("redis.register_function('").append(name).append("', function(keys, args)")
                            .append(" return redis.call('INCRBY', keys[1], ").append(f).append(") end)\n");
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static byte[] dump(RespClient c) throws IOException {
        Reply r = c.call("FUNCTION", "DUMP");
        assertEquals('$', r.type, r.canonical());
        return r.data;
    }

    private static String listing(RespClient c) throws IOException {
        return Normalizer.FUNCTION_LIST.apply(c.call("FUNCTION", "LIST", "WITHCODE"));
    }

    private static void loadAll(RespClient c) throws IOException {
        assertEquals("+OK", c.call("FUNCTION", "FLUSH").canonical());
        for (String lib : libraries()) {
            Reply r = c.call("FUNCTION", "LOAD", lib);
            assertEquals('$', r.type, r.canonical());
        }
    }

    private static String calls(RespClient c) throws IOException {
        StringBuilder sb = new StringBuilder();
        assertEquals("+OK", c.call("SET", "k", "10").canonical());
        for (String f : new String[] {"f0_1", "f2_5", "F3_14", "f1_3", "nosuch"}) {
            sb.append(c.call("FCALL", f, "1", "k").canonical()).append(' ');
        }
        return sb.append(c.call("FCALL_RO", "f3_1", "1", "k").canonical()).toString();
    }

    @Test
    void shouldRestoreEachOthersPayloads() throws Exception {
        for (TestServerSide side : new TestServerSide[] {new TestServerSide(one.port(), 1), new TestServerSide(two.port(), 2)}) {
            try (RespClient r = RespClient.connect(redis.port); RespClient s = RespClient.connect(side.port)) {
                assertEquals("+OK", r.call("FLUSHALL").canonical());
                assertEquals("+OK", s.call("FLUSHALL").canonical());
                // redis-server -> Ringstore
                loadAll(r);
                byte[] fromRedis = dump(r);
                assertEquals("+OK", s.call("FUNCTION", "FLUSH").canonical());
                assertEquals("+OK", s.call(b("FUNCTION"), b("RESTORE"), fromRedis).canonical());
                assertEquals(listing(r), listing(s), "shards=" + side.shards);
                assertEquals(calls(r), calls(s));
                assertEquals(Normalizer.FUNCTION_DUMP.apply(new Reply('$', fromRedis, null, null)),
                        Normalizer.FUNCTION_DUMP.apply(s.call("FUNCTION", "DUMP")));
                // Ringstore -> redis-server, restored under REPLACE over a differing library of the same name
                loadAll(s);
                byte[] fromRingstore = dump(s);
                assertEquals("+OK", r.call("FUNCTION", "FLUSH").canonical());
                assertEquals('$', r.call("FUNCTION", "LOAD", "#!lua name=lib0\nredis.register_function('old', function() return 0 end)").type);
                assertEquals("+OK", r.call(b("FUNCTION"), b("RESTORE"), fromRingstore, b("REPLACE")).canonical());
                assertEquals(listing(s), listing(r));
                assertEquals(calls(s), calls(r));
                // One library: the payloads are the same bytes (the same LZF choices). A text this
                // redis-server has not compressed before: its LZF table is never cleared, and a stale
                // entry from the same text could, rarely, give it another valid match.
                String fresh = libraries().get(3).replace("lib3", "fresh" + side.shards).replace("f3_", "g" + side.shards + "_");
                for (RespClient c : new RespClient[] {r, s}) {
                    assertEquals("+OK", c.call("FUNCTION", "FLUSH").canonical());
                    assertNotNull(c.call("FUNCTION", "LOAD", fresh).data);
                }
                byte[] one = dump(r);
                assertArrayEquals(one, dump(s), "a one-library payload, shards=" + side.shards);
            }
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private record TestServerSide(int port, int shards) {
    }
}
