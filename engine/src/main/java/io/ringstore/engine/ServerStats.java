package io.ringstore.engine;

/**
 * Server-wide rates for INFO (instantaneous_ops_per_sec): a ring of 16 samples taken every 100 ms,
 * as Redis's trackInstantaneousMetric. Written by shard 0 on tick events; read at a barrier.
 */
public final class ServerStats {
    private static final int SAMPLES = 16;
    private final long[] samples = new long[SAMPLES];
    private int idx;
    private long lastTimeMs;
    private long lastCount;

    public void sample(long nowMs, long totalCommands) {
        long dt = nowMs - lastTimeMs;
        if (dt < 100) {
            return;
        }
        if (lastTimeMs != 0) {
            samples[idx] = (totalCommands - lastCount) * 1000 / dt;
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
}
