package io.ringstore.engine.family.dump;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.util.Crc64;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.ringstore.engine.testing.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Randomised DUMP/RESTORE: values of every type built by random commands (integers at the
 * listpack and intset boundaries, short and long strings, sizes on both sides of every encoding
 * limit) are DUMPed, RESTOREd under another name and must read the same, with the same encoding
 * and, where the bytes do not follow hash-table order, the same payload. Then the payloads are
 * damaged byte by byte (with a valid CRC): RESTORE must answer OK or "Bad data format", never
 * fail otherwise, and a key it creates must be readable. One and two shards.
 */
@Timeout(120)
class DumpModelTest {
    private final List<EmbeddedEngine> engines = new ArrayList<>();
    private EmbeddedEngine e;
    private ClientSession s;

    @AfterEach
    void close() {
        engines.forEach(EmbeddedEngine::close);
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
        return r.substring(eol + 2, r.length() - 2).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static final long[] EDGES = {0, 12, 13, 127, 128, -4096, 4095, 4096, 32767, 32768, -32769, 8388607,
        8388608, 2147483647, 2147483648L, -2147483649L, Long.MAX_VALUE, Long.MIN_VALUE};

    private static String element(Random rnd) {
        switch (rnd.nextInt(6)) {
            case 0:
                return Long.toString(EDGES[rnd.nextInt(EDGES.length)]);
            case 1:
                return Integer.toString(rnd.nextInt(2000) - 1000);
            case 2:
                return "x".repeat(rnd.nextInt(3) == 0 ? 60 + rnd.nextInt(10) : rnd.nextInt(5)) + rnd.nextInt(100);
            case 3: {
                byte[] b = new byte[rnd.nextInt(30)];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) ('a' + rnd.nextInt(26));
                }
                return new String(b, StandardCharsets.US_ASCII);
            }
            case 4:
                return "0" + rnd.nextInt(10); // not canonical: a string
            default:
                return "long-" + "ab".repeat(rnd.nextInt(300));
        }
    }

    private String read(String key) {
        String type = call("TYPE", key);
        String enc = call("OBJECT", "ENCODING", key);
        String content;
        switch (type) {
            case "+string\r\n": content = call("GET", key); break;
            case "+list\r\n": content = call("LRANGE", key, "0", "-1"); break;
            case "+hash\r\n": content = sorted(call("HGETALL", key)); break;
            case "+set\r\n": content = sorted(call("SMEMBERS", key)); break;
            case "+zset\r\n": content = call("ZRANGE", key, "0", "-1", "WITHSCORES"); break;
            default: content = call("XINFO", "STREAM", key, "FULL"); break;
        }
        return type + enc + content;
    }

    private static String sorted(String reply) {
        List<String> lines = new ArrayList<>(Arrays.asList(reply.split("\r\n")));
        Collections.sort(lines);
        return lines.toString();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRoundTripRandomValuesAndSurviveDamage(int shards) {
        e = new EmbeddedEngine(shards, new ManualClock(T0), new Config());
        engines.add(e);
        s = e.newSession();
        Random rnd = new Random(13 + shards);
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < 120; k++) {
            String key = "k" + k;
            int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 10 : 700);
            String[] cmds = {"SET", "RPUSH", "HSET", "SADD", "ZADD", "XADD"};
            String cmd = cmds[k % cmds.length];
            for (int i = 0; i < (cmd.equals("SET") ? 1 : n); i++) {
                switch (cmd) {
                    case "SET": call("SET", key, element(rnd)); break;
                    case "RPUSH": call(rnd.nextInt(4) == 0 ? "LPUSH" : "RPUSH", key, element(rnd)); break;
                    case "HSET": call("HSET", key, element(rnd), element(rnd)); break;
                    case "SADD": call("SADD", key, k % 4 == 0 ? element(rnd) : Long.toString(EDGES[rnd.nextInt(EDGES.length)] + i)); break;
                    case "ZADD": call("ZADD", key, rnd.nextInt(5) == 0 ? "inf" : Double.toString(rnd.nextGaussian() * 1e3), element(rnd)); break;
                    default: call("XADD", key, "*", element(rnd), element(rnd)); break;
                }
            }
            if (cmd.equals("XADD") && rnd.nextBoolean()) {
                call("XGROUP", "CREATE", key, "g", "0");
                call("XREADGROUP", "GROUP", "g", "c" + rnd.nextInt(3), "COUNT", "3", "STREAMS", key, ">");
                call("XDEL", key, "0-1");
            }
            keys.add(key);
        }
        int checked = 0;
        int damagedOk = 0;
        for (String key : keys) {
            byte[] p = dump(key);
            assertEquals("+OK\r\n", call("RESTORE", key + ":copy", "0", p));
            assertEquals(read(key), read(key + ":copy"), key);
            String enc = call("OBJECT", "ENCODING", key);
            if (!enc.equals("$9\r\nhashtable\r\n")) {
                assertArrayEquals(p, dump(key + ":copy"), key);
            }
            checked++;
            for (int d = 0; d < 6; d++) {
                byte[] bad = p.clone();
                int at = rnd.nextInt(bad.length - 10);
                bad[at] = (byte) rnd.nextInt(256);
                long crc = Crc64.crc64(bad, 0, bad.length - 8);
                for (int i = 0; i < 8; i++) {
                    bad[bad.length - 8 + i] = (byte) (crc >>> (8 * i));
                }
                String r = call("RESTORE", key + ":bad", "0", bad, "REPLACE");
                assertTrue(r.equals("+OK\r\n") || r.equals("-ERR Bad data format\r\n"), key + ": " + r);
                if (r.equals("+OK\r\n")) {
                    read(key + ":bad");
                    damagedOk++;
                }
            }
        }
        assertEquals(120, checked);
        assertTrue(damagedOk < 120 * 6, "some damage was refused");
    }
}
