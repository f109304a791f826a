package io.ringstore.engine.script;

/**
 * The script flags of Redis 7.0 (script.c scripts_flags_def), as bits: set by an EVAL shebang
 * ({@code #!lua flags=no-writes,allow-oom}) or by redis.register_function's {@code flags} table.
 * {@link #EVAL_COMPAT_MODE} marks an EVAL script without a shebang (Redis treats those with the
 * pre-7.0 rules). Stateless; any thread.
 */
public final class ScriptFlags {
    public static final int NO_WRITES = 1;
    public static final int ALLOW_OOM = 1 << 1;
    public static final int ALLOW_STALE = 1 << 2;
    public static final int NO_CLUSTER = 1 << 3;
    public static final int EVAL_COMPAT_MODE = 1 << 4;
    public static final int ALLOW_CROSS_SLOT_KEYS = 1 << 5;

    private static final String[] NAMES = {"no-writes", "allow-oom", "allow-stale", "no-cluster", "allow-cross-slot-keys"};
    private static final int[] BITS = {NO_WRITES, ALLOW_OOM, ALLOW_STALE, NO_CLUSTER, ALLOW_CROSS_SLOT_KEYS};

    private ScriptFlags() {
    }

    /** The bit of one flag name, or 0 when unknown; {@code ignoreCase} as register_function (strcasecmp). */
    public static int bit(String name, boolean ignoreCase) {
        for (int i = 0; i < NAMES.length; i++) {
            if (ignoreCase ? NAMES[i].equalsIgnoreCase(name) : NAMES[i].equals(name)) {
                return BITS[i];
            }
        }
        return 0;
    }

    /** The names of the flags set in {@code flags}, in Redis's order (FUNCTION LIST). */
    public static java.util.List<String> names(int flags) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            if ((flags & BITS[i]) != 0) {
                out.add(NAMES[i]);
            }
        }
        return out;
    }
}
