package io.ringstore.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The built-in commands of {@code -t}/{@code --mix}, named and shaped as redis-benchmark's tests are
 * (same key names), so results line up with its. Called on the main thread while parsing options.
 */
public final class Workloads {
    public static final List<String> NAMES =
        List.of("ping", "get", "set", "incr", "lpush", "rpush", "lpop", "rpop", "sadd", "hset", "zadd", "publish");

    private Workloads() {
    }

    /** The template for a built-in name, with a value of {@code dataSize} bytes where one is sent. */
    public static CommandTemplate builtin(String name, int dataSize) {
        final byte[] value = new byte[dataSize];
        Arrays.fill(value, (byte) 'x');
        final String n = name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "ping": return t(n, "PING");
            case "get": return t(n, "GET", "key:__rand_int__");
            case "set": return t(n, "SET", "key:__rand_int__", value);
            case "incr": return t(n, "INCR", "counter:__rand_int__");
            case "lpush": return t(n, "LPUSH", "mylist", value);
            case "rpush": return t(n, "RPUSH", "mylist", value);
            case "lpop": return t(n, "LPOP", "mylist");
            case "rpop": return t(n, "RPOP", "mylist");
            case "sadd": return t(n, "SADD", "myset", "element:__rand_int__");
            case "hset": return t(n, "HSET", "myhash", "element:__rand_int__", value);
            case "zadd": return t(n, "ZADD", "myzset", "__rand_int__", "element:__rand_int__");
            case "publish": return t(n, "PUBLISH", "channel", value);
            default:
                throw new IllegalArgumentException("unknown test: " + name + " (expected one of " + NAMES
                    + ", or a raw --command)");
        }
    }

    private static CommandTemplate t(String name, Object... args) {
        final List<byte[]> bytes = new ArrayList<>();
        for (Object a : args) {
            bytes.add(a instanceof byte[] ? (byte[]) a : ((String) a).getBytes(StandardCharsets.US_ASCII));
        }
        return CommandTemplate.of(name, bytes);
    }
}
