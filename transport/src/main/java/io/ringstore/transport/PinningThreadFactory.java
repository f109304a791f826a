package io.ringstore.transport;

import net.openhft.affinity.AffinityLock;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pipeline threads, pinned each to a core of its own with OpenHFT affinity when the thread profile
 * asks for it (only on machines with a core for every spinning thread).
 */
final class PinningThreadFactory implements ThreadFactory {
    private final String prefix;
    private final boolean pin;
    private final AtomicInteger n = new AtomicInteger();

    PinningThreadFactory(String prefix, boolean pin) {
        this.prefix = prefix;
        this.pin = pin;
    }

    @Override
    public Thread newThread(Runnable r) {
        Runnable body = pin ? () -> {
            try (AffinityLock lock = AffinityLock.acquireLock()) {
                r.run();
            }
        } : r;
        Thread t = new Thread(body, prefix + "-" + n.getAndIncrement());
        t.setDaemon(true);
        return t;
    }
}
