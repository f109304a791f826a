package io.ringstore.transport.diff;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fixed scripts for bugs the random streams found, each compared with redis-server both one
 * command at a time and as a single pipelined batch, on 1 and 2 shards. The expected replies are
 * Redis's own, so a script is just the commands. Add one per differential finding.
 */
@Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
class DifferentialRegressionTest extends DifferentialHarness {
    static final Map<String, String[][]> SCRIPTS = new LinkedHashMap<>();

    static {
        // HELLO applies its options in order: AUTH checked where it stands (only "default"
        // exists), SETNAME at once even when a later option fails, the protocol only on success.
        SCRIPTS.put("hello options apply in order", new String[][] {
            {"HELLO", "2", "SETNAME", "conn1", "BOGUS"}, {"CLIENT", "GETNAME"},
            {"HELLO", "3", "AUTH", "nobody", "x"}, {"GET", "missing"},
            {"HELLO", "3", "AUTH", "default", "x", "SETNAME", "bad name"}, {"GET", "missing"}, {"CLIENT", "GETNAME"},
            {"HELLO", "3", "SETNAME", "conn2", "AUTH", "nobody", "x"}, {"CLIENT", "GETNAME"}, {"GET", "missing"},
            {"HELLO", "2", "AUTH", "DEFAULT", "x"}, {"HELLO", "2", "AUTH", "default"}, {"HELLO", "4"},
            {"HELLO", "3", "SETNAME", ""}, {"CLIENT", "GETNAME"}, {"GET", "missing"}, {"RESET"},
        });
        // The name changes in ring order: a pipelined RESET or HELLO SETNAME must not overtake an
        // earlier CLIENT SETNAME/GETNAME (found by DifferentialPipelinedTest, seed 1).
        SCRIPTS.put("client name changes keep pipeline order", new String[][] {
            {"CLIENT", "SETNAME", "a"}, {"CLIENT", "GETNAME"}, {"RESET"}, {"CLIENT", "GETNAME"},
            {"CLIENT", "SETNAME", "b"}, {"HELLO", "2", "SETNAME", "c"}, {"CLIENT", "GETNAME"}, {"RESET"},
            {"HELLO", "3", "SETNAME", "d"}, {"CLIENT", "GETNAME"}, {"CLIENT", "SETNAME", "e"}, {"RESET"},
            {"CLIENT", "GETNAME"}, {"HELLO", "2", "SETNAME", "f", "BOGUS"}, {"CLIENT", "GETNAME"},
        });
        // SELECT/HELLO/RESET change how every later pipelined command is executed and encoded.
        SCRIPTS.put("connection state stamps later pipelined commands", new String[][] {
            {"SET", "k", "v0"}, {"SELECT", "1"}, {"GET", "k"}, {"SET", "k", "v1"}, {"HELLO", "3"}, {"GET", "nokey"},
            {"SELECT", "16"}, {"GET", "k"}, {"RESET"}, {"GET", "k"}, {"GET", "nokey"}, {"SELECT", "1"},
            {"DEL", "k", "{t}a", "b"}, {"SELECT", "0"}, {"EXISTS", "k", "k"}, {"FLUSHALL"}, {"DBSIZE"},
        });
        // Lists: 7.0.15's edge cases (RANK LLONG_MIN, LMOVE onto itself keeping the TTL, RESP3
        // nulls, parse-before-lookup orders) and moves between untagged keys on different shards.
        SCRIPTS.put("list edge cases and moves across shards", new String[][] {
            {"RPUSH", "a", "x", "y", "x", "z", "x"}, {"LPOS", "a", "x", "RANK", "-9223372036854775808"},
            {"LPOS", "a", "x", "RANK", "-9223372036854775808", "COUNT", "1"}, {"LPOS", "a", "x", "RANK", "-2", "COUNT", "0", "MAXLEN", "4"},
            {"EXPIRE", "a", "100000"}, {"LMOVE", "a", "a", "LEFT", "RIGHT"}, {"TTL", "a"}, {"LRANGE", "a", "0", "-1"},
            {"RPOPLPUSH", "a", "b"}, {"LMOVE", "a", "c", "RIGHT", "LEFT"}, {"LMPOP", "3", "nokey", "b", "a", "RIGHT", "COUNT", "9"},
            {"LMPOP", "2", "a", "c", "LEFT", "COUNT", "9"}, {"EXISTS", "a", "b", "c"}, {"HELLO", "3"}, {"LPOP", "a", "0"},
            {"LMPOP", "1", "a", "LEFT"}, {"LINDEX", "a", "abc"}, {"LSET", "a", "abc", "v"}, {"LREM", "a", "-9223372036854775808", "v"},
            {"RPUSH", "a", "v", "w", "v"}, {"LREM", "a", "-9223372036854775808", "v"}, {"LTRIM", "a", "1", "0"}, {"TYPE", "a"},
        });
        // Streams: a negative lag (entries-read past entries-added, found by DifferentialTest seed
        // 631266652), '~' trimming by whole nodes of stream-node-max-entries, a key named twice in
        // one XREADGROUP, XREAD over keys on different shards, RESP3 shapes.
        SCRIPTS.put("stream lag, node trimming, repeated and cross-shard keys", new String[][] {
            {"XADD", "s", "1-1", "f", "v"}, {"XGROUP", "CREATE", "s", "g", "0"},
            {"XGROUP", "SETID", "s", "g", "18446744073709551615-18446744073709551614", "ENTRIESREAD", "2"},
            {"XINFO", "GROUPS", "s"}, {"CONFIG", "SET", "stream-node-max-entries", "3"},
            {"XADD", "s", "2-1", "f", "v"}, {"XADD", "s", "3-1", "f", "v"}, {"XADD", "s", "4-1", "g", "w"},
            {"XADD", "s", "5-1", "f", "v"}, {"XADD", "s", "6-*", "f", "v"}, {"XADD", "s", "7-1", "f", "v"},
            {"XDEL", "s", "5-1"}, {"XTRIM", "s", "MAXLEN", "~", "4"}, {"XLEN", "s"}, {"XINFO", "STREAM", "s"},
            {"XGROUP", "CREATE", "s", "h", "0"}, {"XREADGROUP", "GROUP", "h", "c", "COUNT", "1", "STREAMS", "s", "s", ">", ">"},
            {"XPENDING", "s", "h"}, {"XDEL", "s", "7-1"}, {"XREAD", "STREAMS", "s", "6-0"}, {"XADD", "a", "1-1", "x", "y"},
            {"XREAD", "COUNT", "1", "STREAMS", "s", "a", "0", "0"}, {"HELLO", "3"}, {"XINFO", "STREAM", "s"},
            {"XREAD", "STREAMS", "s", "a", "0", "0"}, {"XADD", "n", "NOMKSTREAM", "*", "f", "v"}, {"XRANGE", "s", "-", "+", "COUNT", "0"},
            {"CONFIG", "SET", "stream-node-max-entries", "100"},
        });
    }

    static Stream<Arguments> scripts() {
        List<Arguments> out = new ArrayList<>();
        for (String name : SCRIPTS.keySet()) {
            for (int shards = 1; shards <= 2; shards++) {
                out.add(Arguments.of(name, shards));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, shards={1}")
    @MethodSource("scripts")
    void shouldMatchRedisOnScript(String name, int shards) throws Exception {
        currentMode = "regression scripts";
        List<GeneratedCommand> script = new ArrayList<>();
        String[][] lines = SCRIPTS.get(name);
        for (int i = 0; i < lines.length; i++) {
            byte[][] args = new byte[lines[i].length][];
            for (int j = 0; j < args.length; j++) {
                args[j] = lines[i][j].getBytes(StandardCharsets.UTF_8);
            }
            String cmd = lines[i][0].toLowerCase(java.util.Locale.ROOT);
            script.add(new GeneratedCommand(i, cmd, "regression", args,
                    cmd.equals("hello") ? Normalizer.HELLO : Normalizer.EXACT, false));
        }
        Tally tally = new Tally();
        int port = (shards == 1 ? one : two).port();
        CommandGenerator generator = new CommandGenerator(0);
        for (String mode : new String[] {"sequential", "one batch"}) {
            DiffRun run = new DiffRun(name + " (" + mode + ", shards=" + shards + ")", generator, 0, redis.port, port,
                    tally, trace());
            run.reset();
            if (mode.equals("sequential")) {
                run.sequential(script);
            } else {
                run.oneBatch(script);
            }
        }
        total.addAll(tally);
        if (tally.mismatchCount() > 0) {
            StringBuilder sb = new StringBuilder(tally.mismatchCount() + " replies differ from redis-server:\n");
            tally.mismatches().forEach(m -> sb.append("  ").append(m).append('\n'));
            System.out.println(sb);
            fail(sb.toString());
        }
    }
}
