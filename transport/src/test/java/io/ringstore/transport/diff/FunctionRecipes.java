package io.ringstore.transport.diff;

import io.ringstore.engine.util.Crc64;
import io.ringstore.engine.util.Lzf;
import io.ringstore.engine.util.RdbStrings;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.ringstore.transport.diff.Normalizer.EXACT;

/**
 * Functions recipes (Redis 7.0's functions.c): FUNCTION LOAD of a small pool of libraries (and of
 * broken ones), REPLACE, DELETE, FLUSH, LIST, DUMP, STATS, RESTORE of payloads built here in
 * Redis's format (and damaged ones) under each policy, and FCALL/FCALL_RO of the pool's functions
 * on the shared keys. The pool is built so that any two libraries share at most one function name
 * (in any case) and a RESTORE under APPEND or REPLACE carries one library: where Redis reports the
 * first of several collisions, which one depends on its dict order, and that is not compared.
 * FUNCTION LIST replies are compared with libraries and functions sorted (dict order in Redis, load
 * order here), FUNCTION DUMP payloads by their version, checksum and the sorted library codes.
 */
final class FunctionRecipes {
    static final String FAMILY = "functions";

    private static final String COUNTER = "#!lua name=counter\n"
            + "redis.register_function('fincr', function(keys, args) return redis.call('INCRBY', keys[1], args[1] or 1) end)\n"
            + "redis.register_function{function_name='fget', callback=function(keys) return redis.call('GET', keys[1]) end,"
            + " flags={'no-writes'}, description='reads a counter'}";
    private static final String COUNTER_V2 = "#!lua name=counter\n"
            + "redis.register_function('fincr', function(keys, args) return redis.call('DECRBY', keys[1], args[1] or 1) end)\n"
            + "redis.register_function{function_name='fget', callback=function(keys) return redis.call('GET', keys[1]) end,"
            + " flags={'no-writes'}}\n"
            + "redis.register_function('fdouble', function(keys) local v = tonumber(redis.call('GET', keys[1]) or '0') or 0"
            + " return redis.call('SET', keys[1], v * 2) end)";
    private static final String LISTS = "#!lua name=lists\n"
            + "redis.register_function('fpush', function(keys, args) redis.call('RPUSH', keys[1], args[1] or 'x')"
            + " return redis.call('LRANGE', keys[1], 0, -1) end)\n"
            + "redis.register_function{function_name='flen', callback=function(keys) return redis.call('LLEN', keys[1]) end,"
            + " flags={'no-writes', 'allow-stale'}}";
    private static final String MIXED = "#!lua name=mixed\n"
            + "redis.register_function{function_name='fhset', description='sets field f',"
            + " callback=function(keys, args) return redis.call('HSET', keys[1], 'f', args[1] or 'v') end}\n"
            + "redis.register_function('fstatus', function() return redis.status_reply('FINE') end)\n"
            + "redis.register_function('ferr', function() return redis.error_reply('MY custom error') end)\n"
            + "redis.register_function('fpcall', function(keys) local r = redis.pcall('SADD', keys[1], 'm')"
            + " if type(r) == 'table' and r.err then return 'err: ' .. r.err end return r end)\n"
            + "redis.register_function('fboom', function() error('boom') end)\n"
            + "redis.register_function{function_name='fmulti', flags={'no-writes', 'allow-oom'},"
            + " callback=function(keys) return {redis.call('EXISTS', keys[1]), redis.call('TYPE', keys[1])} end}";
    private static final String RO = "#!lua name=ro\n"
            + "redis.register_function{function_name='fro', flags={'no-writes'},"
            + " callback=function(keys) return redis.call('DEL', keys[1]) end}";
    private static final String CLASH = "#!lua name=clash\n"
            + "redis.register_function('FINCR', function() return 'clash' end)\n"
            + "redis.register_function('other1', function(keys, args) return #keys + #args end)";
    private static final String CLASH2 = "#!lua name=clash2\n"
            + "redis.register_function('fpush2', function(keys) return redis.call('LPUSH', keys[1], 'c') end)\n"
            + "redis.register_function('FLEN', function() return 2 end)";
    private static final String[] POOL = {COUNTER, COUNTER_V2, LISTS, MIXED, RO, CLASH, CLASH2};
    private static final String[] BROKEN = {
        "return 1",
        "#!lua name=broken\nreturn (",
        "#!lua name=broken\nlocal x = 1",
        "#!lua name=broken\nredis.register_function{function_name='b', callback=function() end, flags={'bogus'}}",
        "#!lua name=broken\nredis.call('ping')",
        "#!lua name=broken\nredis.register_function('b', 'not a function')",
        "#!js name=broken\nx",
        "#!lua name=b-ad\nx",
        "#!lua\nx",
        "#!lua name=broken name=again\nx",
        "#!lua name=dup\nredis.register_function('d', function() end)\nredis.register_function('d', function() end)",
    };
    private static final String[] LIBRARY_NAMES = {"counter", "lists", "mixed", "ro", "clash", "clash2", "nosuch", "COUNTER"};
    /** Functions of the libraries most often loaded (counter, lists, mixed), and the rest. */
    private static final String[] COMMON_FUNCTIONS = {"fincr", "fget", "fpush", "flen", "fhset", "fstatus", "ferr", "fpcall",
        "fboom", "fmulti"};
    private static final String[] OTHER_FUNCTIONS = {"fdouble", "fro", "FINCR", "other1", "fpush2", "FLEN", "FGET", "nosuch"};

    private FunctionRecipes() {
    }

    static void addTo(List<Recipe> r) {
        r.add(new Recipe("function|load", FAMILY, 8, EXACT, FunctionRecipes::load));
        r.add(new Recipe("function|delete", FAMILY, 2, EXACT, g -> g.add("FUNCTION", "DELETE").add(g.pick(LIBRARY_NAMES))));
        r.add(new Recipe("function|flush", FAMILY, 1, EXACT, g -> {
            g.add("FUNCTION", "FLUSH");
            if (g.chance(0.3)) {
                g.add(g.pick("SYNC", "ASYNC", "async", "now"));
            }
        }));
        r.add(new Recipe("function|list", FAMILY, 2, Normalizer.FUNCTION_LIST, FunctionRecipes::list));
        r.add(new Recipe("function|dump", FAMILY, 1, Normalizer.FUNCTION_DUMP, g -> g.add("FUNCTION", "DUMP")));
        r.add(new Recipe("function|restore", FAMILY, 3, Normalizer.FUNCTION_RESTORE, FunctionRecipes::restore));
        r.add(new Recipe("function|stats", FAMILY, 1, EXACT, g -> g.add("FUNCTION", "STATS")));
        r.add(new Recipe("function|kill", FAMILY, 1, EXACT, g -> g.add("FUNCTION", "KILL"))); // none runs: NOTBUSY
        r.add(new Recipe("function|help", FAMILY, 1, EXACT, g -> g.add("FUNCTION", "HELP")));
        r.add(new Recipe("fcall", FAMILY, 8, EXACT, g -> fcall(g.add("FCALL"))));
        r.add(new Recipe("fcall_ro", FAMILY, 3, EXACT, g -> fcall(g.add("FCALL_RO"))));
    }

    private static void load(ArgGen g) {
        g.add("FUNCTION", "LOAD");
        if (g.chance(0.03)) {
            g.add(g.pick("FORCE", "REPLACEX"));
        }
        if (g.chance(0.35)) {
            g.add(g.pick("REPLACE", "replace"));
        }
        g.add(g.chance(0.15) ? g.pick(BROKEN) : g.chance(0.5) ? g.pick(COUNTER, LISTS, MIXED) : g.pick(POOL));
    }

    private static void list(ArgGen g) {
        g.add("FUNCTION", "LIST");
        int form = g.between(0, 9);
        if (form == 0) {
            g.add(g.pick("LIBRARYNAME", "foo", "WITHCODE"), g.pick("WITHCODE", "x"));
            return;
        }
        boolean code = g.chance(0.4);
        boolean pattern = g.chance(0.5);
        if (code && !pattern) {
            g.add("WITHCODE");
        } else if (pattern) {
            if (code && g.chance(0.5)) {
                g.add("withcode");
                code = false;
            }
            g.add("LIBRARYNAME", g.pick("*", "c*", "*s", "COUNTER", "l?sts", "[cm]*", "nomatch", "clash*"));
            if (code) {
                g.add("WITHCODE");
            }
        }
    }

    /**
     * A payload of one pool library (any policy), of two distinct ones (FLUSH only, see the class
     * comment), an empty one, or a damaged one: bad checksum, a version past 10, a record that is
     * not a function, a string cut short, a library refused while loading.
     */
    private static void restore(ArgGen g) {
        g.add("FUNCTION", "RESTORE");
        int form = g.between(0, 19);
        String policy = g.pick("APPEND", "REPLACE", "FLUSH", "", "", "replace", "APPEND", "REPLACE");
        if (form < 10) {
            g.add(payload(g.pick(POOL)));
        } else if (form < 13) {
            String a = g.pick(POOL);
            String b = g.pick(POOL);
            g.add(payload(a, b));
            policy = "FLUSH";
        } else if (form == 13) {
            g.add(payload());
        } else if (form == 14) {
            byte[] p = payload(g.pick(POOL));
            p[p.length - 1] ^= 1;
            g.add(p);
        } else if (form == 15) {
            g.add(withTrailer(body(g.pick(POOL)), 11));
        } else if (form == 16) {
            g.add(withTrailer(new byte[] {(byte) 0xF6, 0x40, 0x50}, 10));
        } else if (form == 17) {
            g.add(withTrailer(new byte[] {0, 1, 2}, 10));
        } else if (form == 18) {
            g.add(payload(g.pick(BROKEN)));
        } else {
            g.add(g.pick("", "junk"));
        }
        if (!policy.isEmpty()) {
            g.add(g.chance(0.05) ? "MERGE" : policy);
        }
    }

    private static void fcall(ArgGen g) {
        g.add(g.chance(0.8) ? g.pick(COMMON_FUNCTIONS) : g.pick(OTHER_FUNCTIONS));
        if (g.chance(0.05)) {
            g.add(g.pick("x", "-1", "5"));
            return;
        }
        int keys = g.chance(0.85) ? 1 : g.pick("0", "2").equals("0") ? 0 : 2;
        g.add(Integer.toString(keys));
        for (int i = 0; i < keys; i++) {
            g.add(g.key());
        }
        if (g.chance(0.7)) {
            g.add(g.chance(0.6) ? g.integer() : g.pick("v", "abc", ""));
        }
    }

    /** A payload as Redis writes it: opcode 245 and the code per library, RDB version 10, CRC64. */
    static byte[] payload(String... codes) {
        return withTrailer(body(codes), RdbStrings.RDB_VERSION);
    }

    private static byte[] body(String... codes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String code : codes) {
            byte[] b = code.getBytes(StandardCharsets.UTF_8);
            out.write(245);
            RdbStrings.writeString(out, b, 0, b.length, Lzf.newTable());
        }
        return out.toByteArray();
    }

    private static byte[] withTrailer(byte[] body, int version) {
        byte[] p = java.util.Arrays.copyOf(body, body.length + 10);
        p[body.length] = (byte) version;
        p[body.length + 1] = (byte) (version >>> 8);
        long crc = Crc64.crc64(p, 0, body.length + 2);
        for (int i = 0; i < 8; i++) {
            p[body.length + 2 + i] = (byte) (crc >>> (8 * i));
        }
        return p;
    }
}
