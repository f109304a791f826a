package io.ringstore.transport.diff;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Argument pools and the argument list of the command being built. Everything random comes from
 * one seeded {@link Random}, so a seed names one exact stream.
 *
 * <p>Keys: a small fixed universe, so commands collide; two hash-tag groups ({t}, {u}) whose
 * members share a slot, and untagged keys that spread over shards, so multi-key commands are
 * sometimes single-shard and sometimes span shards. Values and numbers mix valid, edge and invalid
 * forms (integer-looking, overflowing, binary, empty, just over the embstr limit).
 *
 * <p>TTLs are chosen so that wall-clock time can never change a reply. Relative TTLs are huge
 * (≥ 100 000 s) and lie in bands of 10^8 ms: value = band × 10^8 ms + n × 1 s, where n counts TTL
 * arguments in the stream. So any two relative TTLs differ by at least one second, a later one in
 * the same band is always longer, and EXPIRE ... GT/LT decide the same way on both servers however
 * many milliseconds apart they ran. Absolute deadlines lie in the year 2100 and beyond (after every
 * relative one) or in the distant past (1970/2001: deleted at once by EXPIREAT and GETEX). SET never
 * gets a past deadline: Redis keeps such a key, logically expired, until active expiry finds it, so
 * DBSIZE/KEYS would depend on when its expiry cycle ran.
 */
final class ArgGen {
    static final List<byte[]> KEYS = List.of(
            b("a"), b("b"), b("c"), b("num"), b("flt"),
            b("{t}1"), b("{t}2"), b("{t}3"), b("{u}x"), b("{u}y"),
            bytes('b', 'i', 'n', 0, 0xFF, '\r', '\n'), b("ключ"), b(""));
    /** Databases the stream uses (SELECT, MOVE, COPY DB, SWAPDB); the snapshot checks all 16. */
    static final int DBS = 4;
    static final long BAND_MS = 100_000_000L;
    static final long YEAR_2100_MS = 4_102_444_800_000L;

    private static final String LONG45 = "x".repeat(45);
    private static final String[] VALUES = {
        "", "v", "hello", "hello world", "0", "1", "-1", "42", "-42", "9999", "10000", "007", "+5", " 7", "7 ",
        "3.14", "-0", "1e3", "0x10", "inf", "nan", "1.", ".5",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
        "x".repeat(44), LONG45, "y".repeat(100), "\u00e9t\u00e9", "abc\u0000def", "\r\n",
    };
    private static final String[] INTS = {
        "0", "1", "-1", "2", "5", "17", "100", "-100", "1000", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "abc", "1.5", "", " 3", "03", "+3", "0x10", "1e3",
    };
    private static final String[] FLOATS = {
        "0", "1", "-1", "1.5", "-0.25", "0.1", "1e2", "3.0e-3", "2.5E+3", "inf", "-inf", "+inf", "nan", "abc",
        "1e400", "5", "0x10", "1.", ".5", " 1", "1 ", "", "-0", "9223372036854775807", "1.7976931348623157e308",
    };
    private static final String[] PATTERNS = {
        "*", "a*", "{t}*", "{u}?", "?", "[ab]*", "[^a]*", "*1", "\\{t\\}*", "nomatch*", "b?n*", "[a-c]", "",
    };
    private static final String[] TAGS = {"{t}", "{u}"};

    final Random rnd;
    private final List<byte[]> args = new ArrayList<>();
    private final List<String> commandNames;
    private final List<Recipe> nestable;
    private int ttlCount;

    /**
     * {@code commandNames}: the commands COMMAND INFO/DOCS may ask about; {@code nestable}: the
     * recipes COMMAND GETKEYS may wrap. Both only hold what the stream itself generates.
     */
    ArgGen(Random rnd, List<String> commandNames, List<Recipe> nestable) {
        this.rnd = rnd;
        this.commandNames = commandNames;
        this.nestable = nestable;
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    // ---- the command being built

    void reset() {
        args.clear();
    }

    ArgGen add(String... s) {
        for (String x : s) {
            args.add(b(x));
        }
        return this;
    }

    ArgGen add(byte[] x) {
        args.add(x);
        return this;
    }

    byte[][] build() {
        return args.toArray(new byte[0][]);
    }

    int size() {
        return args.size();
    }

    List<byte[]> argList() {
        return args;
    }

    // ---- choices

    boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    int between(int lo, int hi) {
        return lo + rnd.nextInt(hi - lo + 1);
    }

    String pick(String... options) {
        return options[rnd.nextInt(options.length)];
    }

    /** A key from the universe. */
    byte[] key() {
        return KEYS.get(rnd.nextInt(KEYS.size()));
    }

    /** n keys: half the time all from one hash-tag group (one slot), otherwise from anywhere. */
    List<byte[]> keys(int n) {
        List<byte[]> out = new ArrayList<>(n);
        String tag = chance(0.5) ? TAGS[rnd.nextInt(TAGS.length)] : null;
        for (int i = 0; i < n; i++) {
            byte[] k = key();
            while (tag != null && !new String(k, StandardCharsets.UTF_8).startsWith(tag)) {
                k = key();
            }
            out.add(k);
        }
        return out;
    }

    /** A value: from the edge-case pool, a random integer, or random bytes. */
    byte[] value() {
        int r = rnd.nextInt(10);
        if (r < 6) {
            return b(VALUES[rnd.nextInt(VALUES.length)]);
        }
        if (r < 8) {
            return b(Long.toString(rnd.nextInt(2001) - 1000));
        }
        byte[] v = new byte[rnd.nextInt(12)];
        rnd.nextBytes(v);
        return v;
    }

    /** A value of printable ASCII only. */
    byte[] printable() {
        while (true) {
            byte[] v = value();
            boolean ok = true;
            for (byte x : v) {
                ok &= x >= 0x20 && x < 0x7F;
            }
            if (ok) {
                return v;
            }
        }
    }

    /** A short printable value (LCS, APPEND), so LCS stays cheap. */
    String word() {
        return pick("", "a", "ab", "abc", "ohmytext", "mynewtext", "hello", "world", "xyzzy", "1234", "ba");
    }

    /** An integer argument: mostly valid, sometimes malformed or out of range. */
    String integer() {
        return chance(0.5) ? Integer.toString(rnd.nextInt(41) - 20) : INTS[rnd.nextInt(INTS.length)];
    }

    /** A float argument for INCRBYFLOAT: Redis's strtold accepts more than Java's parser. */
    String floating() {
        if (chance(0.4)) {
            return (rnd.nextInt(2001) - 1000) / 8.0 + "";
        }
        return FLOATS[rnd.nextInt(FLOATS.length)];
    }

    /** A small offset or index (GETRANGE, SETRANGE), sometimes negative or huge. */
    String offset() {
        if (chance(0.85)) {
            return Integer.toString(rnd.nextInt(60) - 10);
        }
        return pick("-1", "-100", "9223372036854775807", "-9223372036854775808", "536870912", "abc", "1.5");
    }

    /** A database index: mostly 0..DBS-1, sometimes out of range or not a number. */
    String db() {
        return chance(0.92) ? Integer.toString(rnd.nextInt(DBS)) : pick("16", "-1", "abc", "1000000");
    }

    /** A command name for COMMAND INFO/DOCS, in a random case. */
    String commandName() {
        String n = commandNames.get(rnd.nextInt(commandNames.size()));
        return chance(0.2) ? n.toUpperCase(java.util.Locale.ROOT) : n;
    }

    /** Appends a whole generated command (name and arguments), for COMMAND GETKEYS. */
    void nestedCommand() {
        if (nestable.isEmpty() || chance(0.1)) {
            add(pick("PING", "GET", "nosuchcommand"));
            return;
        }
        nestable.get(rnd.nextInt(nestable.size())).builder().build(this);
    }

    String pattern() {
        return PATTERNS[rnd.nextInt(PATTERNS.length)];
    }

    // ---- TTLs (see class comment)

    /** A relative TTL in ms: band 1..9 × 10^8 ms plus one second per TTL drawn so far. */
    long relativeMs() {
        return (1 + rnd.nextInt(9)) * BAND_MS + 1000L * ++ttlCount;
    }

    /** An absolute deadline in ms after 2100, past every relative one; same band scheme. */
    long absoluteFutureMs() {
        return YEAR_2100_MS + (1 + rnd.nextInt(9)) * BAND_MS + 1000L * ++ttlCount;
    }

    /** A TTL argument in seconds: valid and long, or one of the invalid/edge forms. */
    String ttlSeconds() {
        return chance(0.85) ? Long.toString(relativeMs() / 1000)
                : pick("0", "-1", "abc", "1.5", "", "9223372036854775807", "9223372036854776", "-9223372036854775808");
    }

    String ttlMs() {
        return chance(0.85) ? Long.toString(relativeMs())
                : pick("0", "-1", "abc", "9223372036854775807", "9223372036854775000", "-9223372036854775808");
    }

    /** An absolute time in seconds; {@code pastAllowed} adds 1970/2001 deadlines (deleted at once). */
    String unixSeconds(boolean pastAllowed) {
        if (pastAllowed && chance(0.2)) {
            return pick("1", "1000000000");
        }
        return chance(0.9) ? Long.toString(absoluteFutureMs() / 1000) : pick("0", "-1", "abc", "9223372036854775807");
    }

    String unixMs(boolean pastAllowed) {
        if (pastAllowed && chance(0.2)) {
            return pick("1", "1000000000000");
        }
        return chance(0.9) ? Long.toString(absoluteFutureMs()) : pick("0", "-1", "abc", "9223372036854775807");
    }

    /**
     * Appends one expiry option as SET and GETEX take it: EX/PX relative, EXAT/PXAT absolute (past
     * ones only when {@code pastAllowed}).
     */
    void expiryOption(boolean pastAllowed) {
        switch (rnd.nextInt(4)) {
            case 0:
                add(pick("EX", "ex"), ttlSeconds());
                break;
            case 1:
                add(pick("PX", "px"), ttlMs());
                break;
            case 2:
                add(pick("EXAT", "exat"), unixSeconds(pastAllowed));
                break;
            default:
                add(pick("PXAT", "pxat"), unixMs(pastAllowed));
                break;
        }
    }
}
