package io.ringstore.bench.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line settings of {@code scripts/ringstore-bench}, parsed and checked once on the main
 * thread; immutable afterwards and read by every thread.
 */
public final class LoadOptions {
    /** Latencies above an hour are recorded as an hour (the histogram's range). */
    public static final long HIGHEST_TRACKABLE_NS = 3_600_000_000_000L;

    public static final String USAGE = String.join("\n",
        "Usage: ringstore-bench [options]      RESP load generator (Ringstore, redis-server, any RESP server)",
        "",
        "Target:",
        "  --host HOST            server host (default 127.0.0.1)",
        "  -p, --port PORT        server port (default 6379)",
        "Load shape:",
        "  -c, --connections C    connections (default 50)",
        "  -P, --pipeline P       closed loop: requests in flight per connection (default 1)",
        "  -n, --requests N       measured requests (closed loop; default 100000 unless --duration)",
        "  --duration SECONDS     measured duration (instead of -n)",
        "  --rate R               open loop: R requests/s in total on a fixed schedule; latency is",
        "                         measured from each request's intended send time (coordinated",
        "                         omission corrected, as wrk2). Needs --duration (or -n: duration N/R)",
        "  --max-in-flight M      open loop: cap on requests in flight per connection (default 1024)",
        "  --warmup SECONDS       run this long first, excluded from all figures (default 0)",
        "  --threads T            load threads, connections spread over them (default 1)",
        "  --drain-timeout SECS   after the end, wait this long for replies still due, then count",
        "                         them as unanswered (default 5)",
        "Workload:",
        "  -t, --tests LIST       built-in commands, equal weights: " + String.join(",", Workloads.NAMES),
        "  --mix LIST             weighted built-ins, e.g. set:1,get:9 (default get:1,set:1)",
        "  --command 'CMD ARGS'   raw command, repeatable, weight 1 each, added to the mix;",
        "                         __rand_int__ is replaced by a 12-digit key number drawn per request",
        "                         (one number per request), e.g. --command 'SET user:__rand_int__ x';",
        "                         ' ; ' joins commands into one request timed to its last reply,",
        "                         e.g. --command 'MULTI ; INCR a:__rand_int__ ; EXEC'",
        "  -r, --keyspace K       key numbers 0..K-1 (default 100000)",
        "  --zipf S               Zipfian key choice with exponent S (default: uniform)",
        "  --data-size BYTES      value size for set/lpush/hset/publish (default 3, as redis-benchmark)",
        "  --seed SEED            random seed (default: from the clock)",
        "Pub/sub (the connections above publish; subscribers on their own connections):",
        "  --subscribers S        S subscriber connections; the default workload becomes",
        "                         PUBLISH CHANNEL <send time><padding to --data-size>, and each",
        "                         subscriber records publish-to-receive latency (same process clock)",
        "  --channel NAME         the channel (default channel)",
        "  --patterns N           PSUBSCRIBE N patterns spread over the subscribers instead of SUBSCRIBE",
        "  --matching M           of the N patterns, M match the channel (default 1)",
        "  --psubscribe PATTERN   PSUBSCRIBE this pattern (repeatable, spread over the subscribers), e.g.",
        "                         '__keyevent@0__:*' beside -t set; untimed messages are counted only",
        "  --sub-threads T        subscriber threads, subscribers spread over them (default 1)",
        "  (raw commands may carry the send time: --command 'PUBLISH ch __send_ns__')",
        "Output:",
        "  --out DIR              write NAME.hgrm, NAME.hlog and NAME.json to DIR",
        "  --name NAME            run name (default: run)",
        "  --plot                 also write NAME.png, latency by percentile (needs --out)",
        "",
        "  ringstore-bench plot OUT.png A.hlog B.hlog ...   one chart of several runs",
        "  -q, --quiet            no progress line",
        "  -h, --help             this text",
        "");

    public String host = "127.0.0.1";
    public int port = 6379;
    public int connections = 50;
    public int pipeline = 1;
    public long requests = -1;
    public long durationNs = -1;
    public long warmupNs = 0;
    public double rate = 0;
    public int maxInFlight = 1024;
    public int threads = 1;
    public long keyspace = 100_000;
    public double zipf = 0;
    public int dataSize = 3;
    public long seed = System.nanoTime();
    public Path out;
    public String name = "run";
    public boolean quiet;
    public boolean plot;
    public boolean help;
    public long drainTimeoutNs = 5_000_000_000L;
    public CommandMix mix;
    public int subscribers;
    public int subscriberThreads = 1;
    public String channel = "channel";
    public int patterns;
    public int matching = 1;
    public final List<String> psubscribe = new ArrayList<>();
    /** The mix is the pub/sub default (timed PUBLISH to --channel), so deliveries can be expected. */
    public boolean timedPublishMix;
    /** Who subscribes to what; null without --subscribers. */
    public SubscriptionPlan subscriptions;

    /** Parses {@code args}; throws {@link IllegalArgumentException} with a message for the user. */
    public static LoadOptions parse(String... args) {
        final LoadOptions o = new LoadOptions();
        final List<CommandTemplate> templates = new ArrayList<>();
        final List<Long> weights = new ArrayList<>();
        String mixSpec = null;
        final List<String> raw = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            final String a = args[i];
            switch (a) {
                case "-h": case "--help": o.help = true; break;
                case "-q": case "--quiet": o.quiet = true; break;
                case "--plot": o.plot = true; break;
                case "--host": o.host = value(args, ++i, a); break;
                case "-p": case "--port": o.port = (int) integer(args, ++i, a, 1, 65535); break;
                case "-c": case "--connections": o.connections = (int) integer(args, ++i, a, 1, 100_000); break;
                case "-P": case "--pipeline": o.pipeline = (int) integer(args, ++i, a, 1, 1_000_000); break;
                case "-n": case "--requests": o.requests = integer(args, ++i, a, 1, Long.MAX_VALUE); break;
                case "--duration": o.durationNs = seconds(args, ++i, a); break;
                case "--warmup": o.warmupNs = seconds(args, ++i, a); break;
                case "--rate": o.rate = decimal(args, ++i, a); break;
                case "--max-in-flight": o.maxInFlight = (int) integer(args, ++i, a, 1, 1_000_000); break;
                case "--drain-timeout": o.drainTimeoutNs = seconds(args, ++i, a); break;
                case "--threads": o.threads = (int) integer(args, ++i, a, 1, 1024); break;
                case "-t": case "--tests": mixSpec = value(args, ++i, a).replaceAll("([a-zA-Z]+)", "$1:1"); break;
                case "--mix": mixSpec = value(args, ++i, a); break;
                case "--command": raw.add(value(args, ++i, a)); break;
                case "-r": case "--keyspace":
                    o.keyspace = integer(args, ++i, a, 1, CommandTemplate.MAX_KEYSPACE);
                    break;
                case "--zipf": o.zipf = decimal(args, ++i, a); break;
                case "--data-size": o.dataSize = (int) integer(args, ++i, a, 0, 512 * 1024 * 1024); break;
                case "--seed": o.seed = integer(args, ++i, a, Long.MIN_VALUE, Long.MAX_VALUE); break;
                case "--out": o.out = Path.of(value(args, ++i, a)); break;
                case "--name": o.name = value(args, ++i, a); break;
                case "--subscribers": o.subscribers = (int) integer(args, ++i, a, 0, 100_000); break;
                case "--sub-threads": o.subscriberThreads = (int) integer(args, ++i, a, 1, 1024); break;
                case "--channel": o.channel = value(args, ++i, a); break;
                case "--patterns": o.patterns = (int) integer(args, ++i, a, 0, 1_000_000); break;
                case "--matching": o.matching = (int) integer(args, ++i, a, 0, 1_000_000); break;
                case "--psubscribe": o.psubscribe.add(value(args, ++i, a)); break;
                default: throw new IllegalArgumentException("unknown option: " + a + " (see --help)");
            }
        }
        if (o.help) {
            return o;
        }
        if (o.subscribers > 0) {
            o.subscriptions = SubscriptionPlan.of(o.subscribers, o.channel, o.patterns, o.matching, o.psubscribe);
            if (mixSpec == null && raw.isEmpty()) {
                templates.add(timedPublish(o.channel, o.dataSize));
                weights.add(1L);
                o.timedPublishMix = true;
            }
        } else if (o.patterns > 0 || !o.psubscribe.isEmpty()) {
            throw new IllegalArgumentException("--patterns and --psubscribe need --subscribers");
        } else if (mixSpec == null && raw.isEmpty()) {
            mixSpec = "get:1,set:1";
        }
        if (mixSpec != null) {
            for (String part : mixSpec.split(",")) {
                final String[] nw = part.trim().split(":");
                if (nw.length != 2) {
                    throw new IllegalArgumentException("mix entry: '" + part + "' (expected: name:weight)");
                }
                templates.add(Workloads.builtin(nw[0], o.dataSize));
                weights.add(parseLong(nw[1], "weight of " + nw[0]));
            }
        }
        for (String r : raw) {
            templates.add(CommandTemplate.parse(r));
            weights.add(1L);
        }
        o.mix = new CommandMix(templates, weights);
        if (o.requests > 0 && o.durationNs > 0) {
            throw new IllegalArgumentException("give -n or --duration, not both");
        }
        if (o.rate > 0) {
            if (o.durationNs < 0) {
                if (o.requests < 0) {
                    throw new IllegalArgumentException("--rate needs --duration (or -n)");
                }
                o.durationNs = (long) (o.requests / o.rate * 1e9);
                o.requests = -1;
            }
        } else if (o.requests < 0 && o.durationNs < 0) {
            o.requests = 100_000;
        }
        if (o.plot && o.out == null) {
            throw new IllegalArgumentException("--plot needs --out DIR");
        }
        if (o.threads > o.connections) {
            throw new IllegalArgumentException("threads: " + o.threads + " (expected: <= connections " + o.connections + ")");
        }
        return o;
    }

    /**
     * The pub/sub mode's default request: PUBLISH with the send time in the first 16 payload bytes,
     * padded with 'x' to {@code dataSize} (at least the 16 digits).
     */
    static CommandTemplate timedPublish(String channel, int dataSize) {
        final StringBuilder payload = new StringBuilder(CommandTemplate.SEND_TIME_PLACEHOLDER);
        for (int i = CommandTemplate.TIME_DIGITS; i < dataSize; i++) {
            payload.append('x');
        }
        return CommandTemplate.of("publish-timed", List.of("PUBLISH".getBytes(StandardCharsets.US_ASCII),
            channel.getBytes(StandardCharsets.UTF_8),
            payload.toString().getBytes(StandardCharsets.US_ASCII)));
    }

    /** Whether the run has subscribers (pub/sub mode). */
    public boolean pubSub() {
        return subscriptions != null;
    }

    public boolean openLoop() {
        return rate > 0;
    }

    /** The settings as printed in the summary and the JSON file. */
    public Map<String, Object> describe() {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", host + ":" + port);
        m.put("loop", openLoop() ? "open" : "closed");
        m.put("connections", connections);
        if (openLoop()) {
            m.put("rate", rate);
            m.put("maxInFlight", maxInFlight);
        } else {
            m.put("pipeline", pipeline);
        }
        m.put("threads", threads);
        if (requests > 0) {
            m.put("requests", requests);
        } else {
            m.put("durationSeconds", durationNs / 1e9);
        }
        m.put("warmupSeconds", warmupNs / 1e9);
        m.put("mix", mix.describe());
        m.put("keyspace", keyspace);
        m.put("keyDistribution", zipf > 0 ? "zipf " + zipf : "uniform");
        m.put("dataSize", dataSize);
        m.put("seed", seed);
        if (pubSub()) {
            m.put("subscribers", subscribers);
            m.put("subscriberThreads", subscriberThreads);
            m.put("channel", channel);
            if (!psubscribe.isEmpty()) {
                m.put("psubscribe", String.join(" ", psubscribe));
            } else if (patterns > 0) {
                m.put("patterns", patterns);
                m.put("matching", matching);
            }
        }
        return m;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long integer(String[] args, int i, String option, long min, long max) {
        final long v = parseLong(value(args, i, option), option);
        if (v < min || v > max) {
            throw new IllegalArgumentException(option + ": " + v + " (expected: " + min + " .. " + max + ")");
        }
        return v;
    }

    private static long parseLong(String s, String what) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + s + "' is not an integer");
        }
    }

    private static double decimal(String[] args, int i, String option) {
        final String s = value(args, i, option);
        try {
            final double v = Double.parseDouble(s);
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + s + "' (expected: a number >= 0)");
        }
    }

    private static long seconds(String[] args, int i, String option) {
        return (long) (decimal(args, i, option) * 1e9);
    }
}
