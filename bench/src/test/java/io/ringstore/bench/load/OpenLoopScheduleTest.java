package io.ringstore.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpenLoopScheduleTest {

    @Test
    void shouldInterleaveConnectionsEvenly() {
        final long start = 1_000_000L;
        final OpenLoopSchedule c0 = new OpenLoopSchedule(start, 1000, 4, 0);
        final OpenLoopSchedule c1 = new OpenLoopSchedule(start, 1000, 4, 1);
        final OpenLoopSchedule c3 = new OpenLoopSchedule(start, 1000, 4, 3);
        assertEquals(start, c0.intendedNs(0));
        assertEquals(start + 1_000_000, c1.intendedNs(0));       // 1 ms apart at 1000/s overall
        assertEquals(start + 3_000_000, c3.intendedNs(0));
        assertEquals(start + 4_000_000, c0.intendedNs(1));       // each connection every 4 ms
        assertEquals(start + 5_000_000, c1.intendedNs(1));
    }

    @Test
    void shouldScheduleExactlyRateRequestsPerSecondAcrossConnections() {
        final int connections = 7;
        final double rate = 12_345;
        final long start = 0;
        final long[] all = new long[(int) rate];
        int n = 0;
        for (int i = 0; i < connections; i++) {
            final OpenLoopSchedule s = new OpenLoopSchedule(start, rate, connections, i);
            for (long k = 0; s.intendedNs(k) < 1_000_000_000L; k++) {
                all[n++] = s.intendedNs(k);
            }
        }
        assertEquals((int) rate, n);
        Arrays.sort(all);
        final double gap = 1e9 / rate;
        for (int j = 1; j < n; j++) {
            assertEquals(gap, all[j] - all[j - 1], 1.0, "gap before request " + j);
        }
    }

    @Test
    void shouldNotDriftOverLongRuns() {
        final OpenLoopSchedule s = new OpenLoopSchedule(5, 3, 1, 0);      // 333,333,333.33 ns apart
        assertEquals(5 + 3_600_000_000_000L, s.intendedNs(3 * 3600), 1);  // one hour later, to the ns
        final OpenLoopSchedule fast = new OpenLoopSchedule(0, 1_000_000, 10, 9);
        assertEquals(1_000_000_000_000L + 9_000, fast.intendedNs(100_000_000L));
    }

    @Test
    void shouldRejectBadSettingsAtConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, 10, 2, 2));
    }
}
