package io.ringstore.transport.diff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import static io.ringstore.transport.diff.Normalizer.EXACT;

/**
 * Scripting recipes (Redis 7.0's eval.c): EVAL of scripts that call commands of every family on
 * the shared keys (so they meet WRONGTYPE, missing keys, numbers that are not integers), pcall and
 * error tables, conversions both ways, EVAL_RO refusing writes, and the script cache (SCRIPT LOAD,
 * EXISTS, FLUSH, EVALSHA, NOSCRIPT). The scripts are fixed texts, so their SHA1s (in error replies
 * and EVALSHA) are the same on both servers.
 */
final class ScriptRecipes {
    static final String FAMILY = "scripting";
    private static final String GET = "return redis.call('GET', KEYS[1])";
    private static final String[] SCRIPTS = {
        GET,
        "return redis.call('INCRBY', KEYS[1], ARGV[1])",
        "redis.call('RPUSH', KEYS[1], ARGV[1]) return redis.call('LRANGE', KEYS[1], 0, -1)",
        "local r = redis.pcall('HGETALL', KEYS[1]) if r.err then return 'err: ' .. r.err end return r",
        "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end",
        "redis.call('SADD', KEYS[1], ARGV[1]) return redis.call('SCARD', KEYS[1])",
        "return {redis.call('EXISTS', KEYS[1]), redis.call('TYPE', KEYS[1]), redis.call('TTL', KEYS[1]) > 0}",
        "local v = redis.call('ZINCRBY', KEYS[1], 1, ARGV[1]) return {v, redis.call('ZSCORE', KEYS[1], ARGV[1])}",
        "return redis.call('HSET', KEYS[1], 'f', ARGV[1])",
        "return {1, 'two', 3.7, false, {err='inner'}, {ok='fine'}, nil, 9}",
        "return tonumber(ARGV[1]) and tonumber(ARGV[1]) * 2 or 'not a number'",
        "return cjson.encode({key=KEYS[1], n=#ARGV})",
        "return redis.call('MSET', KEYS[1], ARGV[1], KEYS[2], ARGV[1])",
    };

    private ScriptRecipes() {
    }

    static void addTo(List<Recipe> r) {
        r.add(new Recipe("eval", FAMILY, 8, EXACT, g -> eval(g)));
        r.add(new Recipe("eval_ro", FAMILY, 2, EXACT, g -> args(g.add("EVAL_RO").add(g.pick(SCRIPTS)))));
        r.add(new Recipe("evalsha", FAMILY, 3, EXACT, g -> args(g.add("EVALSHA").add(sha1(g.pick(SCRIPTS))))));
        r.add(new Recipe("script|load", FAMILY, 2, EXACT, g -> g.add("SCRIPT", "LOAD").add(g.pick(SCRIPTS))));
        r.add(new Recipe("script|kill", FAMILY, 1, EXACT, g -> g.add("SCRIPT", "KILL"))); // no script runs: NOTBUSY
        r.add(new Recipe("script|help", FAMILY, 1, EXACT, g -> g.add("SCRIPT", "HELP")));
        r.add(new Recipe("script|exists", FAMILY, 1, EXACT,
                g -> g.add("SCRIPT", "EXISTS").add(sha1(g.pick(SCRIPTS))).add(sha1(GET))));
        r.add(new Recipe("script|flush", FAMILY, 1, EXACT, g -> {
            g.add("SCRIPT", "FLUSH");
            if (g.chance(0.2)) {
                g.add(g.pick("SYNC", "ASYNC", "bad"));
            }
        }));
    }

    private static ArgGen eval(ArgGen g) {
        g.add("EVAL");
        if (g.chance(0.05)) {
            return g.add(g.pick("return (", "return x", "error('boom')", "return redis.call('nosuch')",
                    "return redis.call('get')", "return redis.call('multi')")).add("0");
        }
        return args(g.add(g.pick(SCRIPTS)));
    }

    /** numkeys, keys and arguments: mostly 1 or 2 shared keys, sometimes a bad numkeys. */
    private static ArgGen args(ArgGen g) {
        if (g.chance(0.04)) {
            return g.add(g.pick("-1", "5", "x"));
        }
        int keys = g.chance(0.8) ? 1 : 2;
        g.add(Integer.toString(keys));
        for (int i = 0; i < keys; i++) {
            g.add(g.key());
        }
        return g.add(g.chance(0.5) ? g.integer() : g.pick("v", "1", "abc", ""));
    }

    static String sha1(String script) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (byte b : d) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
