package io.ringstore.engine.family.pubsub;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.ringstore.engine.testing.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keyspace notifications command by command, against what redis-server 7.0.15 published for the
 * same commands: {@code notify/events.txt} was captured from it by {@code scripts/notify-capture.py}
 * (its scenarios are {@code notify/scenarios.txt}). Each command's events, in order, must equal the
 * reference's, as received by a subscriber of {@code __key*__:*}, on one and two shards (where
 * multi-key commands run at a barrier). Covers strings, the keyspace commands, lists (blocking pops
 * answered at once included), hashes, sets, sorted sets, streams, MULTI/EXEC and EVAL, the class
 * letters, K, E and n.
 */
@Timeout(120)
class KeyspaceEventTableTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRaiseTheEventsRedisRaisesForEveryCommand(int shards) throws IOException {
        List<String> lines = table();
        // No ticker: active expiry would remove the already expired keys of the table at random points.
        try (EmbeddedEngine e = new EmbeddedEngine(shards, new ManualClock(T0), new Config(), (ev, s, b) -> { }, false)) {
            ClientSession sub = e.newSession();
            e.call(sub, "PSUBSCRIBE", "__key*__:*");
            ClientSession cmd = e.newSession();
            String scenario = null;
            String command = null;
            List<String> expected = new ArrayList<>();
            int checked = 0;
            List<String> failures = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("= ")) {
                    continue; // the reference's reply, kept for reading
                }
                if (!line.startsWith("< ") && command != null) {
                    check(failures, expected, events(e, sub), scenario + ": " + command.replace('\t', ' '));
                    command = null;
                    checked++;
                }
                if (line.startsWith("## ")) {
                    scenario = line;
                    e.call(cmd, "CONFIG", "SET", "notify-keyspace-events", "");
                    e.call(cmd, "FLUSHALL");
                    e.call(cmd, "CONFIG", "SET", "notify-keyspace-events", "KEA");
                } else if (line.startsWith("flags ")) {
                    e.call(cmd, "CONFIG", "SET", "notify-keyspace-events", line.substring(6));
                } else if (line.startsWith("> ")) {
                    command = line.substring(2);
                    expected = new ArrayList<>();
                    e.call(cmd, command.split("\t", -1));
                } else if (line.startsWith("< ")) {
                    expected.add(line.substring(2));
                }
            }
            if (command != null) {
                check(failures, expected, events(e, sub), scenario + ": " + command.replace('\t', ' '));
                checked++;
            }
            assertEquals("", String.join("\n", failures), failures.size() + " commands raised other events than redis-server");
            assertTrue(checked > 300, "the table was read: " + checked);
        }
    }

    private static void check(List<String> failures, List<String> expected, List<String> actual, String what) {
        if (!expected.equals(actual)) {
            failures.add(what + ": expected " + expected + " but was " + actual);
        }
    }

    /** Every pmessage queued for the subscriber so far, as "channel TAB message". */
    private static List<String> events(EmbeddedEngine e, ClientSession sub) {
        List<String> out = new ArrayList<>();
        for (String m = e.deferredReply(sub, 0); m != null; m = e.deferredReply(sub, 0)) {
            List<String> parts = bulks(m);
            out.add(parts.get(2) + "\t" + parts.get(3));
        }
        return out;
    }

    /** The bulk strings of one RESP2 array frame. */
    static List<String> bulks(String frame) {
        List<String> out = new ArrayList<>();
        int i = frame.indexOf("\r\n") + 2;
        while (i < frame.length()) {
            int eol = frame.indexOf("\r\n", i);
            int len = Integer.parseInt(frame.substring(i + 1, eol));
            out.add(frame.substring(eol + 2, eol + 2 + len));
            i = eol + 2 + len + 2;
        }
        return out;
    }

    private static List<String> table() throws IOException {
        try (InputStream in = KeyspaceEventTableTest.class.getResourceAsStream("/notify/events.txt")) {
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
    }
}
