package io.ringstore.engine.config;

import java.util.Locale;

/**
 * The {@code client-output-buffer-limit <class> <hard> <soft> <soft-seconds> [...]} option, as
 * Redis 7.0's config.c parses and prints it: three classes (normal, replica alias slave, pubsub;
 * master is refused), sizes as memory values (memtoull: k = 1000, kb = 1024, ...), soft-seconds a
 * non-negative integer. A value may give some classes only; the others keep their limits. The
 * whole value is checked before anything changes. 0 means no limit. CONFIG GET prints every class
 * with Redis's names ("slave" for replicas) and sizes in bytes.
 *
 * <p>Immutable; read by the reply stage on every append (one volatile load of the option).
 */
public final class ClientBufferLimits {
    /** Client classes, numbered as Redis's CLIENT_TYPE_NORMAL, _SLAVE, _PUBSUB. */
    public static final int NORMAL = 0;
    public static final int REPLICA = 1;
    public static final int PUBSUB = 2;
    private static final String[] NAMES = {"normal", "slave", "pubsub"};
    /** Redis's defaults: normal 0 0 0 replica 256mb 64mb 60 pubsub 32mb 8mb 60. */
    public static final String DEFAULT = "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60";

    static final String WRONG_ARGS = "Wrong number of arguments in buffer limit configuration.";
    static final String BAD_CLASS = "Invalid client class specified in buffer limit configuration.";
    static final String BAD_VALUE = "Error in hard, soft or soft_seconds setting in buffer limit configuration.";

    private final long[] hard;
    private final long[] soft;
    private final long[] softSeconds;

    private ClientBufferLimits(long[] hard, long[] soft, long[] softSeconds) {
        this.hard = hard;
        this.soft = soft;
        this.softSeconds = softSeconds;
    }

    /** Hard limit of a class in bytes, 0 for none. */
    public long hardBytes(int cls) {
        return hard[cls];
    }

    /** Soft limit of a class in bytes, 0 for none. */
    public long softBytes(int cls) {
        return soft[cls];
    }

    public long softSeconds(int cls) {
        return softSeconds[cls];
    }

    /**
     * config.c's setConfigClientOutputBufferLimitOption: {@code text} split on spaces into groups
     * of four; the classes it names replace those of {@code current} (null: all zero). Returns the
     * new limits, or null with the reason in {@code err[0]}.
     */
    static ClientBufferLimits parse(ClientBufferLimits current, String text, String[] err) {
        String t = text.trim();
        String[] w = t.isEmpty() ? new String[0] : t.split("\\s+");
        if (w.length % 4 != 0) {
            err[0] = WRONG_ARGS;
            return null;
        }
        long[] h = current == null ? new long[3] : current.hard.clone();
        long[] s = current == null ? new long[3] : current.soft.clone();
        long[] secs = current == null ? new long[3] : current.softSeconds.clone();
        for (int j = 0; j < w.length; j += 4) {
            int cls = classOf(w[j]);
            if (cls < 0) {
                err[0] = BAD_CLASS;
                return null;
            }
            long hb = memtoull(w[j + 1]);
            long sb = memtoull(w[j + 2]);
            long sec = seconds(w[j + 3]);
            if (hb < 0 || sb < 0 || sec < 0) {
                err[0] = BAD_VALUE;
                return null;
            }
            h[cls] = hb;
            s[cls] = sb;
            secs[cls] = sec;
        }
        return new ClientBufferLimits(h, s, secs);
    }

    /** getClientTypeByName for the classes that have limits; master (and anything else) is -1. */
    static int classOf(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "normal": return NORMAL;
            case "slave":
            case "replica": return REPLICA;
            case "pubsub": return PUBSUB;
            default: return -1;
        }
    }

    /** Redis's memtoull: digits with an optional unit; -1 on error (a sign, a space, an unknown unit). */
    private static long memtoull(String v) {
        if (v.isEmpty() || !Character.isDigit(v.charAt(0))) {
            return -1;
        }
        return Config.parseMemory(v);
    }

    /** strtoll with the whole text consumed and a non-negative result (Redis stores it in an int). */
    private static long seconds(String v) {
        try {
            long n = Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
            return n < 0 || n > Integer.MAX_VALUE ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** CONFIG GET's form: every class, sizes in bytes. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < 3; c++) {
            if (c > 0) {
                sb.append(' ');
            }
            sb.append(NAMES[c]).append(' ').append(hard[c]).append(' ').append(soft[c]).append(' ').append(softSeconds[c]);
        }
        return sb.toString();
    }
}
