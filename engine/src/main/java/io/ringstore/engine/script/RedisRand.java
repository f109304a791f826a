package io.ringstore.engine.script;

/**
 * The PRNG behind math.random / math.randomseed in scripts: Redis's redisLrand48 (rand.c), the
 * 48-bit linear congruential generator of lrand48, so a seed gives the same sequence as Redis on
 * every platform. Redis 7.0 keeps one state for the server's life (it is not reseeded per script);
 * the owner of the {@link LuaRuntime} may save and restore it ({@link #state()}, {@link #setState})
 * to make runs deterministic. Owned by the runtime's shard thread.
 */
public final class RedisRand {
    /** REDIS_LRAND48_MAX = INT32_MAX. */
    public static final int LRAND48_MAX = Integer.MAX_VALUE;
    private static final long A = 0x5DEECE66DL;
    private static final long C = 0xB;
    private static final long MASK = (1L << 48) - 1;
    /** rand.c's X2:X1:X0 start value. */
    public static final long INITIAL = 0x1234ABCD330EL;

    private long x = INITIAL;

    /** redisLrand48: the next 31-bit value. */
    public int next() {
        x = (A * x + C) & MASK;
        return (int) (x >>> 17);
    }

    /** redisSrand48(seed): high 32 bits from the seed, low 16 bits 0x330E. */
    public void seed(int seed) {
        x = (((long) seed & 0xFFFFFFFFL) << 16) | 0x330E;
    }

    public long state() {
        return x;
    }

    public void setState(long state) {
        x = state & MASK;
    }
}
