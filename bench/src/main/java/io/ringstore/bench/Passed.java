package io.ringstore.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * How far a benchmark's last ring stage got: the stage stores the sequence at each batch end
 * (volatile), the benchmark thread waits past a sequence it published, spinning first, then
 * parking 1 µs at a time (a busy loop alone would starve the stage on 2 cores).
 */
final class Passed {
    private volatile long sequence = -1;

    /** The last stage's thread, at a batch end. */
    void set(long seq) {
        sequence = seq;
    }

    /** The benchmark thread: returns once the stage passed {@code seq}. */
    void await(long seq) {
        for (int i = 0; sequence < seq; i++) {
            if (i < 10_000) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(1_000);
            }
        }
    }
}
