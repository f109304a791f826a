package io.ringstore.engine;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

import java.util.concurrent.TimeUnit;

/**
 * How many threads the pipeline runs and how they wait, chosen from the cores present
 * (ARCHITECTURE invariant 7). Busy-spin and pinning only when every spinning thread has a core of
 * its own; on small machines the stages fuse onto one thread that backs off to a lite lock, so an
 * idle server costs nothing and a loaded one does not starve its clients.
 *
 * <pre>
 * cores  shards  io  stages                      wait       pin
 *  1-2     1      1  fused (1 pipeline thread)   phased     no
 *  3-5   cores-2  1  journal|repl, shards, reply phased     no
 *  6-7   cores-4  1  separate                    yielding   no
 *  8+    cores-5  2  separate                    busy-spin  yes
 * </pre>
 */
public final class ThreadProfile {
    public final int shards;
    public final int ioThreads;
    public final String waitStrategy;
    public final boolean pin;
    public final boolean fused;

    public ThreadProfile(int shards, int ioThreads, String waitStrategy, boolean pin, boolean fused) {
        if (shards < 1 || shards > 256) {
            throw new IllegalArgumentException("shards must be between 1 and 256: " + shards);
        }
        this.shards = shards;
        this.ioThreads = ioThreads;
        this.waitStrategy = waitStrategy;
        this.pin = pin;
        this.fused = fused && shards == 1;
    }

    public static ThreadProfile forCores(int cores) {
        if (cores <= 2) {
            return new ThreadProfile(1, 1, "phased", false, true);
        }
        if (cores <= 5) {
            return new ThreadProfile(cores - 2, 1, "phased", false, false);
        }
        if (cores <= 7) {
            return new ThreadProfile(cores - 4, 1, "yielding", false, false);
        }
        return new ThreadProfile(cores - 5, 2, "busy-spin", true, false);
    }

    /**
     * The profile for this machine with config overrides ("auto" keeps the profile's choice).
     * Asking for more shards than one on a small machine unfuses the stages.
     */
    public static ThreadProfile resolve(int cores, String shards, String ioThreads, String wait, String affinity) {
        ThreadProfile p = forCores(cores);
        int s = shards.equals("auto") ? p.shards : count("shards", shards, 256);
        int io = ioThreads.equals("auto") ? p.ioThreads : count("io-threads", ioThreads, 128);
        String w = wait.equals("auto") ? p.waitStrategy : wait;
        if (!affinity.equals("auto") && !affinity.equals("yes") && !affinity.equals("no")) {
            throw new IllegalArgumentException("cpu-affinity must be auto, yes or no: '" + affinity + "'");
        }
        boolean pin = affinity.equals("auto") ? p.pin : affinity.equals("yes");
        return new ThreadProfile(s, io, w, pin, p.fused);
    }

    private static int count(String name, String value, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be auto or a number from 1 to " + max + ": '" + value + "'");
    }

    public WaitStrategy newWaitStrategy() {
        switch (waitStrategy) {
            case "blocking":
                return new BlockingWaitStrategy();
            case "sleeping":
                return new SleepingWaitStrategy();
            case "yielding":
                return new YieldingWaitStrategy();
            case "busy-spin":
                return new BusySpinWaitStrategy();
            case "phased":
                // Spin briefly (a pipelined burst's next batch), yield a little, then block on a lite lock.
                return PhasedBackoffWaitStrategy.withLiteLock(20, 200, TimeUnit.MICROSECONDS);
            default:
                throw new IllegalArgumentException("unknown wait-strategy: " + waitStrategy);
        }
    }

    @Override
    public String toString() {
        return "shards=" + shards + " io-threads=" + ioThreads + " wait-strategy=" + waitStrategy
                + " cpu-affinity=" + (pin ? "yes" : "no") + " stages=" + (fused ? "fused" : "separate");
    }
}
