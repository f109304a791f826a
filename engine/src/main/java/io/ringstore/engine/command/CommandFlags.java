package io.ringstore.engine.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command flags as Redis 7 names them (COMMAND INFO prints these names), plus Ringstore's own
 * routing flag {@link #ALL_SHARDS}. Parsed once from a row's flag string at table construction.
 */
public final class CommandFlags {
    public static final long WRITE = 1L;
    public static final long READONLY = 1L << 1;
    public static final long DENYOOM = 1L << 2;
    public static final long ADMIN = 1L << 3;
    public static final long PUBSUB = 1L << 4;
    public static final long NOSCRIPT = 1L << 5;
    public static final long BLOCKING = 1L << 6;
    public static final long LOADING = 1L << 7;
    public static final long STALE = 1L << 8;
    public static final long SKIP_MONITOR = 1L << 9;
    public static final long SKIP_SLOWLOG = 1L << 10;
    public static final long FAST = 1L << 11;
    public static final long NO_AUTH = 1L << 12;
    public static final long MAY_REPLICATE = 1L << 13;
    public static final long NO_MULTI = 1L << 14;
    public static final long ALLOW_BUSY = 1L << 15;
    public static final long NO_MANDATORY_KEYS = 1L << 16;
    /** Keyless command that reads or changes every shard (DBSIZE, FLUSHALL, KEYS): runs at a barrier. */
    public static final long ALL_SHARDS = 1L << 32;
    /** Not a write, yet journaled because replay needs it (CLIENT UNBLOCK: blocked clients are state). */
    public static final long JOURNAL = 1L << 33;
    /**
     * Runs at once even inside MULTI instead of being queued (MULTI, EXEC, DISCARD, WATCH, QUIT,
     * RESET: the commands processCommand exempts from queueMultiCommand).
     */
    public static final long NOQUEUE = 1L << 34;
    /**
     * Runs a script (EVAL, EVALSHA, FCALL and their _RO forms): {@link #ALL_SHARDS} unless
     * {@code script-routing keys}, which routes it by its declared keys instead (Ingress.route).
     */
    public static final long RUNS_SCRIPT = 1L << 35;
    /**
     * The row's key positions are shard channels, not keys (Redis's {@code not_key} key spec:
     * SSUBSCRIBE, SUNSUBSCRIBE, SPUBLISH): COMMAND GETKEYS reports no keys, COMMAND INFO flags the
     * spec {@code not_key}, and nothing treats them as keys but routing.
     */
    public static final long CHANNEL_KEYS = 1L << 36;

    private static final String[] NAMES = {
        "write", "readonly", "denyoom", "admin", "pubsub", "noscript", "blocking", "loading", "stale",
        "skip_monitor", "skip_slowlog", "fast", "no_auth", "may_replicate", "no_multi", "allow_busy",
        "no_mandatory_keys",
    };

    private CommandFlags() {
    }

    /** Parses "write denyoom fast"; "all_shards" sets {@link #ALL_SHARDS}. */
    public static long parse(String flags) {
        long f = 0;
        for (String w : flags.trim().split("\\s+")) {
            if (w.isEmpty()) {
                continue;
            }
            String n = w.toLowerCase(Locale.ROOT);
            if (n.equals("all_shards")) {
                f |= ALL_SHARDS;
                continue;
            }
            if (n.equals("journal")) {
                f |= JOURNAL;
                continue;
            }
            if (n.equals("noqueue")) {
                f |= NOQUEUE;
                continue;
            }
            if (n.equals("runs_script")) {
                f |= RUNS_SCRIPT;
                continue;
            }
            if (n.equals("channel_keys")) {
                f |= CHANNEL_KEYS;
                continue;
            }
            int i = indexOf(n);
            if (i < 0) {
                throw new IllegalArgumentException("unknown command flag: " + w);
            }
            f |= 1L << i;
        }
        return f;
    }

    private static int indexOf(String n) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(n)) {
                return i;
            }
        }
        return -1;
    }

    /** Redis flag names set in {@code flags}, in Redis's order, for COMMAND INFO. */
    public static List<String> names(long flags) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            if ((flags & (1L << i)) != 0) {
                out.add(NAMES[i]);
            }
        }
        return out;
    }
}
