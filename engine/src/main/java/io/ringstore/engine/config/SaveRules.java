package io.ringstore.engine.config;

/**
 * The {@code save <seconds> <changes> [<seconds> <changes> ...]} option, as Redis 7.0 parses and
 * applies it: a background save starts when, for some rule, at least {@code changes} writes
 * happened since the last successful save and at least {@code seconds} have passed since then. An
 * empty value disables automatic saving. After a failed background save Redis waits
 * {@link #RETRY_DELAY_MS} before trying again (CONFIG_BGSAVE_RETRY_DELAY); so does this.
 *
 * <p>Immutable; read by the ticker thread.
 */
public final class SaveRules {
    public static final long RETRY_DELAY_MS = 5_000;
    public static final SaveRules NONE = new SaveRules(new long[0]);
    private final long[] pairs;

    private SaveRules(long[] pairs) {
        this.pairs = pairs;
    }

    /** Parses the option's text; null when it is not pairs of non-negative integers. */
    public static SaveRules parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return NONE;
        }
        String[] parts = t.split("\\s+");
        if (parts.length % 2 != 0) {
            return null;
        }
        long[] pairs = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                pairs[i] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                return null;
            }
            if (pairs[i] < 0 || (i % 2 == 0 && pairs[i] > Integer.MAX_VALUE)) {
                return null;
            }
        }
        return new SaveRules(pairs);
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    /**
     * Whether a rule asks for a save now. {@code lastTryMs}/{@code lastTryOk} describe the last
     * background save attempt (a failure holds the next try back for {@link #RETRY_DELAY_MS}).
     */
    public boolean due(long nowMs, long lastSaveMs, long changes, long lastTryMs, boolean lastTryOk) {
        for (int i = 0; i < pairs.length; i += 2) {
            long seconds = pairs[i];
            long needed = pairs[i + 1];
            if (changes >= needed && nowMs - lastSaveMs > seconds * 1000
                    && (lastTryOk || nowMs - lastTryMs > RETRY_DELAY_MS)) {
                return true;
            }
        }
        return false;
    }

    /** The canonical text, as CONFIG GET save shows it. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (long p : pairs) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(p);
        }
        return sb.toString();
    }
}
