package io.ringstore.engine;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Server-wide facts and rates for INFO: the run id and replication id (40 random hex digits, fixed
 * for the life of the process), instantaneous_ops_per_sec as a ring of 16 samples taken every
 * 100 ms (Redis's trackInstantaneousMetric), and the baseline CONFIG RESETSTAT leaves for counters
 * kept elsewhere. Written by shard 0 (on ticks and at barriers); read at a barrier.
 */
public final class ServerStats {
    private static final int SAMPLES = 16;
    public final String runId = randomHex40();
    public final String replId = randomHex40();
    private final long[] samples = new long[SAMPLES];
    private int idx;
    private long lastTimeMs;
    private long lastCount;
    private long connectionsBaseline;
    /**
     * Clients closed for passing client-output-buffer-limit (the transport's reply stage counts
     * them; INFO stats ringstore_client_output_buffer_limit_disconnections: Redis 7.0 has no such
     * field, 7.2 adds client_output_buffer_limit_disconnections). Any thread.
     */
    public final java.util.concurrent.atomic.AtomicLong outputLimitDisconnections = new java.util.concurrent.atomic.AtomicLong();

    public void sample(long nowMs, long totalCommands) {
        long dt = nowMs - lastTimeMs;
        if (dt < 100) {
            return;
        }
        if (lastTimeMs != 0) {
            samples[idx] = Math.max(0, (totalCommands - lastCount) * 1000 / dt);
            idx = (idx + 1) % SAMPLES;
        }
        lastTimeMs = nowMs;
        lastCount = totalCommands;
    }

    public long opsPerSec() {
        long sum = 0;
        for (long s : samples) {
            sum += s;
        }
        return sum / SAMPLES;
    }

    /** total_connections_received since start or the last CONFIG RESETSTAT. */
    public long connectionsReceived(long totalSinceStart) {
        return totalSinceStart - connectionsBaseline;
    }

    /** CONFIG RESETSTAT: forget the samples and restart connection counting from now. */
    public void reset(long totalConnectionsSinceStart) {
        Arrays.fill(samples, 0);
        idx = 0;
        lastTimeMs = 0;
        connectionsBaseline = totalConnectionsSinceStart;
        outputLimitDisconnections.set(0);
    }

    private static String randomHex40() {
        byte[] b = new byte[20];
        new SecureRandom().nextBytes(b);
        StringBuilder sb = new StringBuilder(40);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        }
        return sb.toString();
    }
}
