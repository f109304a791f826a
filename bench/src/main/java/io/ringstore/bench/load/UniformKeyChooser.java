package io.ringstore.bench.load;

import java.util.SplittableRandom;

/** Every key of the key space equally likely. Immutable; shared by worker threads. */
public final class UniformKeyChooser implements KeyChooser {
    private final long keyspace;

    public UniformKeyChooser(long keyspace) {
        if (keyspace < 1) {
            throw new IllegalArgumentException("keyspace: " + keyspace + " (expected: >= 1)");
        }
        this.keyspace = keyspace;
    }

    @Override
    public long next(SplittableRandom random) {
        return random.nextLong(keyspace);
    }
}
