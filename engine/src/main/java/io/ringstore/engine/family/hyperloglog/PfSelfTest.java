package io.ringstore.engine.family.hyperloglog;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.reply.Replies;

/**
 * PFSELFTEST (pfselftestCommand), run as Redis runs it: 1000 rounds of random values written to
 * every dense register and read back, then ten million distinct elements added to a dense and a
 * sparse HLL side by side, checked at each power of ten (sparse still used while small, both
 * counts equal, error within six standard errors). Randomness comes from the command context,
 * so the run is deterministic for a journal sequence. Touches no key; runs on the shard thread
 * that received it.
 */
final class PfSelfTest {
    private static final int CYCLES = 1000;
    private static final int ELEMENTS = 10_000_000;

    private PfSelfTest() {
    }

    static void pfselftest(CommandContext c) {
        String failure = registers(c);
        if (failure == null) {
            failure = approximation(c);
        }
        if (failure == null) {
            c.reply.raw(Replies.OK);
        } else {
            c.reply.error(failure);
        }
    }

    /** Test 1: registers keep their values and leave their neighbours alone. */
    private static String registers(CommandContext c) {
        byte[] dense = new byte[HllLayout.DENSE_SIZE];
        byte[] bytes = new byte[HllLayout.REGISTERS];
        for (int j = 0; j < CYCLES; j++) {
            long bits = 0;
            for (int i = 0; i < HllLayout.REGISTERS; i++) {
                if ((i & 7) == 0) {
                    bits = c.nextRandom();
                }
                int r = (int) (bits >>> ((i & 7) * 8)) & HllLayout.REGISTER_MAX;
                bytes[i] = (byte) r;
                HllLayout.set(dense, i, r);
            }
            for (int i = 0; i < HllLayout.REGISTERS; i++) {
                int val = HllLayout.get(dense, i);
                if (val != bytes[i]) {
                    return Errors.pfselftestRegister(i, bytes[i], val);
                }
            }
        }
        return null;
    }

    /** Test 2: approximation error, dense and sparse side by side. */
    private static String approximation(CommandContext c) {
        byte[] dense = new byte[HllLayout.DENSE_SIZE];
        dense[HllLayout.ENCODING] = HllLayout.DENSE;
        HllBuffer sparse = new HllBuffer().wrap(HllLayout.newSparse());
        HllCount counter = HllCount.get();
        long maxBytes = c.engine.options.hllSparseMaxBytes.number();
        double relerr = 1.04 / Math.sqrt(HllLayout.REGISTERS);
        long checkpoint = 1;
        long seed = c.nextRandom();
        byte[] ele = new byte[8];
        for (long j = 1; j <= ELEMENTS; j++) {
            long v = j ^ seed;
            for (int k = 0; k < 8; k++) {
                ele[k] = (byte) (v >>> (8 * k));
            }
            long pat = MurmurHash64A.patLen(ele, 0, 8);
            HllLayout.denseSet(dense, MurmurHash64A.index(pat), MurmurHash64A.count(pat));
            HyperLogLogFamily.add(sparse, pat, maxBytes);
            if (j != checkpoint) {
                continue;
            }
            if (j < maxBytes / 2 && HllLayout.encoding(sparse.b) != HllLayout.SPARSE) {
                return Errors.PFSELFTEST_SPARSE_NOT_USED;
            }
            long denseCount = counter.count(dense, dense.length);
            if (denseCount != counter.count(sparse.b, sparse.len)) {
                return Errors.PFSELFTEST_DISAGREE;
            }
            long abserr = Math.abs(checkpoint - denseCount);
            long maxerr = (long) Math.ceil(relerr * 6 * checkpoint);
            if (j == 10) {
                maxerr = 1; // as Redis: collisions make larger errors likely at 10
            }
            if (abserr > maxerr) {
                return Errors.pfselftestError(checkpoint, abserr);
            }
            checkpoint *= 10;
        }
        return null;
    }
}
