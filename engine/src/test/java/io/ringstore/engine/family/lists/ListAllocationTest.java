package io.ringstore.engine.family.lists;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;

import static io.ringstore.engine.testing.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * List reads allocate nothing in steady state (invariant 5): 10,000 LRANGE, LINDEX and LPOS
 * executions through the engine, on a list of many nodes, measured with the pipeline threads'
 * allocated-bytes counters (the test thread, which builds the requests, is not counted).
 */
@Timeout(60)
class ListAllocationTest {
    private static final int CALLS = 10_000;

    @Test
    void shouldReplyFromThePackedNodesWithoutAllocating() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0), new Config(), (ev, s, b) -> { }, false)) {
            for (int i = 0; i < 3000; i++) {
                e.send("RPUSH", "l", String.format("element-%045d", i)); // 53 bytes a node entry: ~20 nodes
            }
            assertEquals(":3000\r\n", e.call("LLEN", "l"));
            String[][] reads = {
                {"LRANGE", "l", "0", "9"},
                {"LRANGE", "l", "1000", "1200"}, // crosses node boundaries
                {"LRANGE", "l", "-20", "-1"},
                {"LINDEX", "l", "1500"},
                {"LINDEX", "l", "-1"},
                {"LPOS", "l", String.format("element-%045d", 2900), "RANK", "-1"},
            };
            long warm = run(e, reads, CALLS); // reply buffers reach their size, code is compiled
            long bytes = run(e, reads, CALLS);
            double perCall = (double) bytes / CALLS;
            assertTrue(perCall < 1.0, "bytes allocated per list read: " + perCall + " (warm-up: " + warm + " in all)");
        }
    }

    /** Runs {@code n} reads (cycling through {@code reads}); returns the bytes the pipeline threads allocated. */
    private static long run(EmbeddedEngine e, String[][] reads, int n) {
        e.call("LLEN", "l");
        long before = pipelineAllocated();
        for (int i = 0; i < n; i++) {
            e.send(reads[i % reads.length]);
        }
        e.call("LLEN", "l"); // the ring is ordered: every read above has run
        return pipelineAllocated() - before;
    }

    private static long pipelineAllocated() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("embedded-pipeline")) {
                sum += mx.getThreadAllocatedBytes(t.getId());
            }
        }
        return sum;
    }
}
