package io.ringstore.engine.family.keyspace;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ringstore.engine.testing.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random picks from hashtable-encoded values and the keyspace are even (issue 13): 1000 draws
 * over 10 entries give a chi-square against the uniform distribution under 40, Redis's own
 * histogram tests' bound for this size (the old "random slot, then the next occupied one" pick
 * gave about 400 on SRANDMEMBER), also on a table left sparse by deletions. The draws come from
 * the journal sequence, so each run sees the same values: the bound is a regression check.
 */
@Timeout(60)
class FairRandomPickTest {
    private static final int N = 10;
    private static final int DRAWS = 1000;
    private static final double BOUND = 40;

    private static double chiSquare(Map<String, Integer> counts) {
        assertEquals(N, counts.size(), "every entry drawn at least once: " + counts);
        double expected = (double) DRAWS / N;
        double chi = 0;
        for (int c : counts.values()) {
            chi += (c - expected) * (c - expected) / expected;
        }
        System.out.printf("fair random pick: chi-square %.1f over %d draws of %d entries%n", chi, DRAWS, N);
        return chi;
    }

    /** The bulk strings of an array reply, in order. */
    private static List<String> bulks(String reply) {
        List<String> out = new ArrayList<>();
        String[] lines = reply.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].startsWith("$")) {
                out.add(lines[++i]);
            }
        }
        return out;
    }

    private static String member(int i) {
        return "member:" + i + ":" + "x".repeat(8); // not integers: a hashtable set
    }

    @Test
    void shouldDrawSetMembersEvenly() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            for (int i = 0; i < N; i++) {
                e.call("SADD", "s", member(i));
            }
            assertEquals("$9\r\nhashtable\r\n", e.call("OBJECT", "ENCODING", "s"));
            Map<String, Integer> single = new HashMap<>();
            for (int i = 0; i < DRAWS; i++) {
                single.merge(bulks("*1\r\n" + e.call("SRANDMEMBER", "s")).get(0), 1, Integer::sum);
            }
            double one = chiSquare(single);
            assertTrue(one < BOUND, "SRANDMEMBER key, chi-square " + one + ": " + single);
            Map<String, Integer> many = new HashMap<>();
            for (String m : bulks(e.call("SRANDMEMBER", "s", "-" + DRAWS))) {
                many.merge(m, 1, Integer::sum);
            }
            double neg = chiSquare(many);
            assertTrue(neg < BOUND, "SRANDMEMBER key -1000, chi-square " + neg + ": " + many);
        }
    }

    @Test
    void shouldDrawEvenlyFromATableLeftSparseByDeletions() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            for (int i = 0; i < 4000; i++) {
                e.call("SADD", "s", member(i));
            }
            for (int i = N; i < 4000; i++) {
                e.call("SREM", "s", member(i)); // no tick runs here, so the table is not shrunk
            }
            Map<String, Integer> many = new HashMap<>();
            for (String m : bulks(e.call("SRANDMEMBER", "s", "-" + DRAWS))) {
                many.merge(m, 1, Integer::sum);
            }
            double chi = chiSquare(many);
            assertTrue(chi < BOUND, "10 members left of 4000, chi-square " + chi + ": " + many);
        }
    }

    @Test
    void shouldDrawHashFieldsAndKeysEvenly() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            for (int i = 0; i < N; i++) {
                e.call("HSET", "h", "f" + i, "v".repeat(100)); // a value over 64 bytes: a hashtable
                e.call("SET", "k" + i, "v");
            }
            assertEquals("$9\r\nhashtable\r\n", e.call("OBJECT", "ENCODING", "h"));
            Map<String, Integer> fields = new HashMap<>();
            for (String f : bulks(e.call("HRANDFIELD", "h", "-" + DRAWS))) {
                fields.merge(f, 1, Integer::sum);
            }
            double chi = chiSquare(fields);
            assertTrue(chi < BOUND, "HRANDFIELD h -1000, chi-square " + chi + ": " + fields);
            e.call("DEL", "h");
            Map<String, Integer> keys = new HashMap<>();
            for (int i = 0; i < DRAWS; i++) {
                keys.merge(bulks("*1\r\n" + e.call("RANDOMKEY")).get(0), 1, Integer::sum);
            }
            double k = chiSquare(keys);
            assertTrue(k < BOUND, "RANDOMKEY, chi-square " + k + ": " + keys);
        }
    }

    /** SPOP's pick is even too (it is also independent of the table's layout, for replay). */
    @Test
    void shouldPopSetMembersEvenly() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            for (int i = 0; i < N; i++) {
                e.call("SADD", "s", member(i));
            }
            Map<String, Integer> popped = new HashMap<>();
            for (int i = 0; i < DRAWS; i++) {
                String m = bulks("*1\r\n" + e.call("SPOP", "s")).get(0);
                popped.merge(m, 1, Integer::sum);
                e.call("SADD", "s", m);
            }
            double chi = chiSquare(popped);
            assertTrue(chi < BOUND, "SPOP, chi-square " + chi + ": " + popped);
        }
    }
}
