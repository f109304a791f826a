package io.ringstore.engine.shard;

import java.util.concurrent.locks.LockSupport;

/**
 * How a shard waits at a ring barrier: spin, then yield, then park briefly. Barrier waits are short
 * (one command on another shard), and parking keeps a 2-core machine from starving.
 */
final class BarrierIdle {
    private BarrierIdle() {
    }

    static void idle(int round) {
        if (round < 64) {
            Thread.onSpinWait();
        } else if (round < 256) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(20_000);
        }
    }
}
