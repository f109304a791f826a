package io.ringstore.engine.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Server configuration: the options that exist, with Redis's names, defaults and value syntax
 * (memory sizes "512mb", booleans "yes"/"no"). Filled at start-up from a redis.conf-style file and
 * {@code --name value} options; CONFIG SET runs through the ring, so a change takes effect at one
 * sequence. Values are volatile: I/O threads read the few they need (proto-max-bulk-len).
 */
public final class Config {
    /** Type of an option's value. */
    public enum Kind { INT, MEMORY, BOOL, STRING, ENUM, SAVE, CLIENT_BUFFER_LIMITS, NOTIFY }

    /** One option. */
    public static final class Option {
        final String name;
        final Kind kind;
        final boolean mutable;
        final long min;
        final long max;
        /** Recognised ENUM values that are rejected because Ringstore does not implement them yet. */
        String[] notYet;
        /** Accepted and returned but with no effect in Ringstore (a redis.conf name it does not implement). */
        boolean stored;
        /**
         * Refused with this reason unless the value is {@link #refusedUnless} (Redis's default, the
         * feature off): a setting that would mislead if stored without effect (requirepass, TLS).
         */
        String refused;
        String refusedUnless;
        final String[] choices;
        /** Values outside [clampMin, clampMax] are accepted and clamped (Redis's hz); else 0, 0. */
        long clampMin;
        long clampMax;
        volatile String value;
        volatile long number;
        volatile SaveRules saveRules;
        volatile ClientBufferLimits bufferLimits;
        final List<Consumer<Option>> listeners = new ArrayList<>(1);

        /** The value it starts with, as CONFIG GET shows it (CONFIG REWRITE leaves defaults out). */
        final String defaultValue;

        Option(String name, Kind kind, boolean mutable, String def, long min, long max, String[] choices) {
            this.name = name;
            this.kind = kind;
            this.mutable = mutable;
            this.min = min;
            this.max = max;
            this.choices = choices;
            String err = set(def);
            if (err != null) {
                throw new IllegalArgumentException(name + ": " + err);
            }
            this.defaultValue = value;
        }

        public String name() {
            return name;
        }

        /** Whether the value differs from the one it started with. */
        public boolean changed() {
            return !java.util.Objects.equals(value, defaultValue);
        }

        public String value() {
            return value;
        }

        public long number() {
            return number;
        }

        /** Validates and stores a value; returns an error text or null. */
        String set(String raw) {
            String v = raw;
            if (refused != null && !raw.equalsIgnoreCase(refusedUnless)) {
                return refused;
            }
            switch (kind) {
                case INT: {
                    long n;
                    try {
                        n = Long.parseLong(v.trim());
                    } catch (NumberFormatException e) {
                        return "argument couldn't be parsed into an integer";
                    }
                    if (n < min || n > max) {
                        return "argument must be between " + min + " and " + max + " inclusive";
                    }
                    if (clampMin != clampMax) {
                        n = Math.max(clampMin, Math.min(clampMax, n));
                    }
                    number = n;
                    value = Long.toString(n);
                    return null;
                }
                case MEMORY: {
                    long n = parseMemory(v);
                    if (n < 0) {
                        return "argument must be a memory value";
                    }
                    if (n < min || n > max) {
                        return "argument must be between " + min + " and " + max + " inclusive";
                    }
                    number = n;
                    value = Long.toString(n);
                    return null;
                }
                case BOOL: {
                    String l = v.toLowerCase(Locale.ROOT);
                    if (!l.equals("yes") && !l.equals("no")) {
                        return "argument must be 'yes' or 'no'";
                    }
                    number = l.equals("yes") ? 1 : 0;
                    value = l;
                    return null;
                }
                case ENUM: {
                    String l = v.toLowerCase(Locale.ROOT);
                    for (String c : choices) {
                        if (c.equals(l)) {
                            if (notYet != null && java.util.Arrays.asList(notYet).contains(l)) {
                                return "'" + l + "' is not supported by Ringstore yet";
                            }
                            value = l;
                            return null;
                        }
                    }
                    return "argument(s) must be one of the following: " + String.join(", ", choices);
                }
                case SAVE: {
                    SaveRules r = SaveRules.parse(v);
                    if (r == null) {
                        return "Invalid save parameters";
                    }
                    saveRules = r;
                    value = r.toString();
                    return null;
                }
                case CLIENT_BUFFER_LIMITS: {
                    String[] err = new String[1];
                    ClientBufferLimits l = ClientBufferLimits.parse(bufferLimits, v, err);
                    if (l == null) {
                        return err[0];
                    }
                    bufferLimits = l;
                    value = l.toString();
                    return null;
                }
                case NOTIFY: {
                    int flags = NotifyFlags.parse(v);
                    if (flags < 0) {
                        return NotifyFlags.INVALID;
                    }
                    number = flags;
                    value = NotifyFlags.format(flags);
                    return null;
                }
                default:
                    value = v;
                    return null;
            }
        }

        /** The parsed limits of a CLIENT_BUFFER_LIMITS option (client-output-buffer-limit). */
        public ClientBufferLimits bufferLimits() {
            return bufferLimits;
        }

        /** The parsed rules of a SAVE option. */
        public SaveRules saveRules() {
            return saveRules;
        }
    }

    private final Map<String, Option> options = new LinkedHashMap<>();
    /** Old names Redis 7.0 still accepts (and lists in CONFIG GET) for an option: alias -> option. */
    private final Map<String, String> aliases = new LinkedHashMap<>();
    private volatile String configFile = "";

    public Config() {
        str("bind", false, "127.0.0.1");
        integer("port", false, 6379, 0, 65535);
        integer("databases", false, 16, 1, Integer.MAX_VALUE);
        integer("tcp-backlog", false, 511, 0, Integer.MAX_VALUE);
        integer("maxclients", true, 10000, 1, 0xFFFFFFFFL);
        // Per client class (normal, slave/replica, pubsub): checked by the transport's reply stage.
        options.put("client-output-buffer-limit", new Option("client-output-buffer-limit", Kind.CLIENT_BUFFER_LIMITS,
                true, ClientBufferLimits.DEFAULT, 0, 0, null));
        memory("proto-max-bulk-len", true, 512L * 1024 * 1024, 1024 * 1024, Long.MAX_VALUE);
        // Redis accepts any non-negative hz and clamps it to 1..500 (CONFIG GET shows the clamped value).
        integer("hz", true, 10, 0, Integer.MAX_VALUE);
        option("hz").clampMin = 1;
        option("hz").clampMax = 500;
        // A script running longer than this (ms) gets other clients -BUSY (command.BusyGate).
        integer("busy-reply-threshold", true, 5000, 0, Long.MAX_VALUE);
        aliases.put("lua-time-limit", "busy-reply-threshold");
        // Client-side caching: keys the tracking tables remember at most (0 = no limit), see tracking.Tracking.
        integer("tracking-table-max-keys", true, 1000000, 0, Long.MAX_VALUE);
        // Where scripts run with several shards: at a barrier (any key), or by their declared keys.
        // Start-up only: journaled scripts replay under the mode they ran with (keep it for the journal's life).
        enumeration("script-routing", false, "barrier", "barrier", "keys");
        // Threading profile; "auto" picks from the cores present (see ThreadProfile).
        str("shards", false, "auto");
        str("io-threads", false, "auto");
        integer("ring-size", false, 8192, 64, 1 << 22);
        enumeration("wait-strategy", false, "auto", "auto", "blocking", "phased", "sleeping", "yielding", "busy-spin");
        str("cpu-affinity", false, "auto");
        // Logging (log/ServerLog): Redis's four levels; "" logs to standard output.
        enumeration("loglevel", true, "notice", "debug", "verbose", "notice", "warning");
        str("logfile", false, "");
        // Persistence: the write-ahead journal and snapshots (journal/).
        bool("appendonly", false, false);
        enumeration("appendfsync", true, "everysec", "always", "everysec", "no");
        str("appendfilename", false, "appendonly.aof");
        memory("journal-max-segment-size", false, 64L * 1024 * 1024, 4096, 1L << 30);
        // Automatic BGSAVE rules; off by default (Redis's built-in default is "3600 1 300 100 60 10000").
        options.put("save", new Option("save", Kind.SAVE, true, "", 0, 0, null));
        str("dbfilename", false, "dump.rss");
        str("dir", false, System.getProperty("user.dir"));
        // A Redis RDB file loaded into the shards at start-up (journal/rdb/RdbImport); "" for none.
        str("rdb-import", false, "");
        // Redis's policy names are all recognised; only noeviction exists until the eviction issue.
        enumeration("maxmemory-policy", true, "noeviction", "volatile-lru", "volatile-lfu", "volatile-random",
                "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction");
        options.get("maxmemory-policy").notYet = new String[] {"volatile-lru", "volatile-lfu", "volatile-random",
            "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random"};
        memory("maxmemory", false, 0, 0, 0);
        // Node size of lists created from now on (ListValue): -1..-5 = 4..64 KB, positive = entries.
        integer("list-max-listpack-size", true, -2, Integer.MIN_VALUE, Integer.MAX_VALUE);
        // Sets of integers stay "intset" up to this many members (SetValue).
        integer("set-max-intset-entries", true, 512, 0, Long.MAX_VALUE);
        // Hash encoding thresholds (HashValue); Redis 7.0.15 defaults and its pre-7.0 alias names.
        integer("hash-max-listpack-entries", true, 512, 0, Long.MAX_VALUE);
        integer("hash-max-listpack-value", true, 64, 0, Long.MAX_VALUE);
        aliases.put("hash-max-ziplist-entries", "hash-max-listpack-entries");
        aliases.put("hash-max-ziplist-value", "hash-max-listpack-value");
        // Sorted set encoding thresholds (ZsetValue); Redis 7.0.15 defaults and pre-7.0 alias names.
        integer("zset-max-listpack-entries", true, 128, 0, Long.MAX_VALUE);
        integer("zset-max-listpack-value", true, 64, 0, Long.MAX_VALUE);
        aliases.put("zset-max-ziplist-entries", "zset-max-listpack-entries");
        aliases.put("zset-max-ziplist-value", "zset-max-listpack-value");
        // Stream node limits (StreamValue): when the tail node is full a new one opens, as in Redis.
        memory("stream-node-max-bytes", true, 4096, 0, Long.MAX_VALUE);
        // Sparse HyperLogLogs (family/hyperloglog) turn dense when an edit would make them longer.
        memory("hll-sparse-max-bytes", true, 3000, 0, Long.MAX_VALUE);
        integer("stream-node-max-entries", true, 100, 0, Long.MAX_VALUE);
        // Keyspace notifications (NotifyFlags): the classes published, "" = off (Redis's default).
        options.put("notify-keyspace-events", new Option("notify-keyspace-events", Kind.NOTIFY, true, "", 0, 0, null));
        redisParameters();
    }

    /** Redis 7.0's pre-7.0 names for options whose current name Redis also lists (config.c's aliases). */
    private static final String[][] REDIS_ALIASES = {
        {"list-max-ziplist-size", "list-max-listpack-size"},
        {"cluster-slave-no-failover", "cluster-replica-no-failover"},
        {"cluster-slave-validity-factor", "cluster-replica-validity-factor"},
        {"min-slaves-max-lag", "min-replicas-max-lag"},
        {"min-slaves-to-write", "min-replicas-to-write"},
        {"repl-ping-slave-period", "repl-ping-replica-period"},
        {"slave-announce-ip", "replica-announce-ip"},
        {"slave-announce-port", "replica-announce-port"},
        {"slave-ignore-maxmemory", "replica-ignore-maxmemory"},
        {"slave-lazy-flush", "replica-lazy-flush"},
        {"slave-priority", "replica-priority"},
        {"slave-read-only", "replica-read-only"},
        {"slave-serve-stale-data", "replica-serve-stale-data"},
        {"slaveof", "replicaof"},
    };

    /** Redis's memory parameters among the stored ones: they take `64mb`-style values (config.c MEMORY_CONFIG). */
    private static final java.util.Set<String> MEMORY_PARAMETERS = java.util.Set.of("active-defrag-ignore-bytes",
            "auto-aof-rewrite-min-size", "client-query-buffer-limit", "cluster-link-sendbuf-limit",
            "repl-backlog-size");

    /**
     * Settings a stored-only value would fake: any value but Redis's default (the feature off) is
     * refused, by CONFIG SET and in the config file, until the feature exists, so nobody believes a
     * password, TLS or replication is on when it is not.
     */
    private static final String[] REFUSED = {"requirepass", "masterauth", "masteruser", "aclfile", "replicaof",
        "tls-port", "tls-cert-file", "tls-key-file", "tls-key-file-pass", "tls-client-cert-file",
        "tls-client-key-file", "tls-client-key-file-pass", "tls-ca-cert-file", "tls-ca-cert-dir",
        "tls-replication", "tls-cluster", "cluster-enabled"};

    /**
     * Every other parameter redis-server 7.0.15 knows (resource redis-7.0-parameters.tsv: name,
     * mutability, default), so configs and tools written for Redis load: stored and returned by
     * CONFIG GET with Redis's default, with no effect (CONFIG GET shows them; docs/configuration.md
     * says so). yes/no defaults are booleans and integer defaults integers, checked as such; the
     * rest take any string. The security settings in {@link #REFUSED} are refused instead.
     */
    private void redisParameters() {
        java.util.Set<String> aliasNames = new java.util.HashSet<>();
        for (String[] a : REDIS_ALIASES) {
            aliasNames.add(a[0]);
        }
        try (java.io.InputStream in = Config.class.getResourceAsStream("redis-7.0-parameters.tsv")) {
            if (in == null) {
                throw new IllegalStateException("redis-7.0-parameters.tsv missing from the class path");
            }
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                String name = f[0];
                if (options.containsKey(name) || aliases.containsKey(name) || aliasNames.contains(name)) {
                    continue;
                }
                boolean mutable = f[1].equals("mutable");
                String def = f[2];
                Option o;
                if (def.equals("yes") || def.equals("no")) {
                    o = new Option(name, Kind.BOOL, mutable, def, 0, 0, null);
                } else if (MEMORY_PARAMETERS.contains(name)) {
                    o = new Option(name, Kind.MEMORY, mutable, def, 0, Long.MAX_VALUE, null);
                } else if (def.matches("-?\\d+") && !name.equals("maxmemory-clients")) { // that one takes "10%" too
                    o = new Option(name, Kind.INT, mutable, def, Long.MIN_VALUE, Long.MAX_VALUE, null);
                } else {
                    o = new Option(name, Kind.STRING, mutable, def, 0, 0, null);
                }
                o.stored = true;
                options.put(name, o);
            }
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        for (String[] a : REDIS_ALIASES) {
            if (options.containsKey(a[1])) {
                aliases.put(a[0], a[1]);
            }
        }
        for (String name : REFUSED) {
            Option o = options.get(name);
            if (o != null && o.stored) {
                o.refusedUnless = o.value;
                o.refused = "'" + name + "' is not supported by Ringstore yet (no authentication, TLS, replication or"
                        + " cluster mode): only its default '" + o.value + "' is accepted";
            }
        }
    }

    /** Whether {@code name} is a Redis parameter Ringstore accepts but does not act on. */
    public boolean storedOnly(String name) {
        Option o = option(name);
        return o != null && o.stored;
    }

    private void str(String name, boolean mutable, String def) {
        options.put(name, new Option(name, Kind.STRING, mutable, def, 0, 0, null));
    }

    private void bool(String name, boolean mutable, boolean def) {
        options.put(name, new Option(name, Kind.BOOL, mutable, def ? "yes" : "no", 0, 0, null));
    }

    private void integer(String name, boolean mutable, long def, long min, long max) {
        options.put(name, new Option(name, Kind.INT, mutable, Long.toString(def), min, max, null));
    }

    private void memory(String name, boolean mutable, long def, long min, long max) {
        options.put(name, new Option(name, Kind.MEMORY, mutable, Long.toString(def), min, max, null));
    }

    private void enumeration(String name, boolean mutable, String def, String... choices) {
        options.put(name, new Option(name, Kind.ENUM, mutable, def, 0, 0, choices));
    }

    public Option option(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        Option o = options.get(lower);
        if (o == null) {
            String target = aliases.get(lower);
            o = target == null ? null : options.get(target);
        }
        return o;
    }

    public String get(String name) {
        Option o = option(name);
        if (o == null) {
            throw new IllegalArgumentException("no option " + name);
        }
        return o.value;
    }

    public long number(String name) {
        return option(name).number;
    }

    /**
     * Registers a listener called after the option changes (at start-up or by CONFIG SET, on the
     * thread that applied it). Listeners must be cheap and thread-safe.
     */
    public void onChange(String name, Consumer<Option> listener) {
        option(name).listeners.add(listener);
    }

    private static void fire(Option o) {
        for (Consumer<Option> l : o.listeners) {
            l.accept(o);
        }
    }

    /** Absolute path of the configuration file read at start-up, or "" (INFO server config_file). */
    public String configFile() {
        return configFile;
    }

    public void configFile(String absolutePath) {
        this.configFile = absolutePath;
    }

    /**
     * Sets an option at start-up (file or command line), immutable ones included. Returns an error
     * text or null.
     */
    public String setAtStartup(String name, String value) {
        Option o = option(name);
        if (o == null) {
            return "Bad directive or wrong number of arguments";
        }
        String err = o.set(value);
        if (err == null) {
            fire(o);
        }
        return err;
    }

    /**
     * CONFIG SET of several pairs, config.c's configSetCommand: every name is checked first (the
     * first unknown, immutable or repeated one fails the whole command), then the values are set
     * one by one; if one is rejected, those already set are restored and nothing changed. Listeners
     * run only after all succeeded. Returns null on success or the complete error text.
     */
    public String setAtRuntime(List<String[]> pairs) {
        List<Option> targets = new ArrayList<>(pairs.size());
        List<String> given = new ArrayList<>(pairs.size());
        for (String[] p : pairs) {
            Option o = option(p[0]);
            if (o == null) {
                return "ERR Unknown option or number of arguments for CONFIG SET - '" + p[0] + "'";
            }
            if (!o.mutable) {
                return failed(p[0], "can't set immutable config");
            }
            // Redis compares the names as given: an option and its alias in one call both apply, last wins.
            String lower = p[0].toLowerCase(Locale.ROOT);
            if (given.contains(lower)) {
                return failed(p[0], "duplicate parameter");
            }
            given.add(lower);
            targets.add(o);
        }
        String[] previous = new String[targets.size()];
        for (int i = 0; i < targets.size(); i++) {
            Option o = targets.get(i);
            previous[i] = o.value;
            String err = o.set(pairs.get(i)[1]);
            if (err != null) {
                for (int j = i - 1; j >= 0; j--) {
                    targets.get(j).set(previous[j]);
                }
                return failed(pairs.get(i)[0], err);
            }
        }
        for (Option o : targets) {
            fire(o);
        }
        return null;
    }

    private static String failed(String arg, String why) {
        return "ERR CONFIG SET failed (possibly related to argument '" + arg + "') - " + why;
    }

    /** Every option in table order (CONFIG REWRITE). */
    public java.util.Collection<Option> options() {
        return java.util.Collections.unmodifiableCollection(options.values());
    }

    /** Every name CONFIG GET can match: the options' in table order, then their aliases. */
    public List<String> names() {
        List<String> out = new ArrayList<>(options.keySet());
        out.addAll(aliases.keySet());
        return out;
    }

    /** Redis's memtoull: bytes with an optional k/kb/m/mb/g/gb suffix; -1 on error. */
    public static long parseMemory(String s) {
        String l = s.trim().toLowerCase(Locale.ROOT);
        long mul = 1;
        String[][] units = {{"gb", "1073741824"}, {"mb", "1048576"}, {"kb", "1024"}, {"g", "1000000000"},
            {"m", "1000000"}, {"k", "1000"}, {"b", "1"}};
        for (String[] u : units) {
            if (l.endsWith(u[0])) {
                mul = Long.parseLong(u[1]);
                l = l.substring(0, l.length() - u[0].length());
                break;
            }
        }
        try {
            long n = Long.parseLong(l);
            if (n < 0) {
                return -1;
            }
            return Math.multiplyExact(n, mul);
        } catch (NumberFormatException | ArithmeticException e) {
            return -1;
        }
    }
}
