package io.ringstore.bench.load;

import java.util.SplittableRandom;

/**
 * Chooses the key number (0 .. keyspace-1) for the next request. Implementations are stateless
 * apart from construction-time constants; the random source belongs to the caller, so one chooser
 * may be shared, and each {@link LoadWorker} thread passes its own {@link SplittableRandom}.
 */
public interface KeyChooser {
    long next(SplittableRandom random);

    /** Uniform over the key space, or Zipfian with exponent {@code zipf} when {@code zipf > 0}. */
    static KeyChooser of(long keyspace, double zipf) {
        return zipf > 0 ? new ZipfKeyChooser(keyspace, zipf) : new UniformKeyChooser(keyspace);
    }
}
