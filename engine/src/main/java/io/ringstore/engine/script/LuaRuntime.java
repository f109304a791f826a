package io.ringstore.engine.script;

import io.ringstore.engine.reply.Errors;

import io.ringstore.engine.command.Args;
import io.ringstore.engine.reply.ReplyBuffer;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The Lua interpreter of one shard thread (LuaJ 3.0.1 behind a Redis 7.0.15 sandbox): compiles
 * EVAL scripts and FUNCTION libraries, keeps compiled scripts under an id the caller chooses, and
 * runs them with KEYS/ARGV, writing the reply (or Redis's error text) into the caller's
 * {@link ReplyBuffer}. redis.call goes to the {@link ScriptHost} given per run. A run never
 * throws: Lua errors, {@link ScriptKilled} and stack overflows become error replies and the
 * runtime stays usable. Not thread-safe: owned by one shard thread; see docs/scripting.md.
 */
public final class LuaRuntime {
    public static final int LOG_DEBUG = 0;
    public static final int LOG_VERBOSE = 1;
    public static final int LOG_NOTICE = 2;
    public static final int LOG_WARNING = 3;
    public static final String REDIS_VERSION = "7.0.15";
    public static final int REDIS_VERSION_NUM = 0x07000f;
    /** Instructions between two {@link ScriptHost#busy()} calls (Redis's count hook). */
    public static final int DEFAULT_BUSY_PERIOD = 100_000;

    private static final LuaString KEYS = LuaValue.valueOf("KEYS");
    private static final LuaString ARGV = LuaValue.valueOf("ARGV");
    private static final LuaString INDEX = LuaValue.valueOf("__index");

    private final RedisRand rand = new RedisRand();
    private final RedisApi api = new RedisApi(rand);
    private final InstructionBudget budget;
    private final Globals globals;
    private final ReadOnlyTable evalEnv;
    private final ReadOnlyTable functionEnv;
    private final ReadOnlyTable functionMeta;
    private final ReadOnlyTable functionGlobals;
    private final ReadOnlyTable libraryApi;
    private final Map<Long, EvalScript> cache = new HashMap<>();
    private ArgTable keys = new ArgTable();
    private ArgTable argv = new ArgTable();

    public LuaRuntime() {
        this(DEFAULT_BUSY_PERIOD);
    }

    public LuaRuntime(int busyPeriod) {
        if (busyPeriod < 1) {
            throw new IllegalArgumentException("busyPeriod: " + busyPeriod + " (expected: >= 1)");
        }
        budget = new InstructionBudget(busyPeriod);
        globals = Sandbox.newGlobals(budget);
        evalEnv = Sandbox.build(new ReadOnlyTable(globals), globals, api, api.table(true), true);
        functionGlobals = Sandbox.build(new ReadOnlyTable(), globals, api, api.table(false), false);
        libraryApi = new ReadOnlyTable();
        LuaTable loadRedis = api.loadTable();
        loadRedis.setmetatable(errorMeta());
        libraryApi.rawset("redis", loadRedis);
        libraryApi.setmetatable(errorMeta());
        Sandbox.lockAll(libraryApi, new java.util.IdentityHashMap<>());
        functionMeta = new ReadOnlyTable();
        functionMeta.put(INDEX, functionGlobals);
        functionEnv = new ReadOnlyTable(globals);
        functionEnv.setmetatable(functionMeta);
        functionEnv.lock();
        functionMeta.lock();
        evalEnv.put(KEYS, keys);
        evalEnv.put(ARGV, argv);
    }

    private ReadOnlyTable errorMeta() {
        ReadOnlyTable meta = new ReadOnlyTable();
        meta.rawset(INDEX, evalEnv.getmetatable().rawget(INDEX));
        return meta;
    }

    /** The PRNG behind math.random; Redis keeps its state across scripts. */
    public RedisRand random() {
        return rand;
    }

    /** The replication flags the last run left with redis.set_repl (REPL_ALL = 3 unless changed). */
    public int lastReplFlags() {
        return api.replFlags;
    }

    /** The SHA1 of a script body, lower-case hex (the EVALSHA name). */
    public static String sha1hex(byte[] b, int off, int len) {
        return RedisApi.sha1hex(b, off, len);
    }

    /**
     * Compiles an EVAL body (SCRIPT LOAD, or EVAL of a script not cached yet): parses its shebang,
     * compiles the rest as chunk "@user_script".
     *
     * @throws ScriptException with Redis's text: a bad shebang, "ERR Error compiling script (new function): ..."
     */
    public EvalScript compileEval(byte[] body, int off, int len) throws ScriptException {
        int flags = Shebang.evalFlags(body, off, len);
        int start = Shebang.evalBodyStart(body, off, len);
        LuaFunction f;
        try {
            f = (LuaFunction) globals.load(new ByteArrayInputStream(body, off + start, len - start), "@user_script", "t", evalEnv);
        } catch (LuaError e) {
            throw new ScriptException("ERR Error compiling script (new function): " + Sandbox.compileMessage(e));
        }
        return new EvalScript(sha1hex(body, off, len), flags, f);
    }

    /** Keeps a compiled script under the caller's id (a slot of its SHA registry). */
    public void cache(long id, EvalScript script) {
        cache.put(id, script);
    }

    public EvalScript cached(long id) {
        return cache.get(id);
    }

    public void uncache(long id) {
        cache.remove(id);
    }

    /** SCRIPT FLUSH. */
    public void flushCache() {
        cache.clear();
    }

    /**
     * Runs an EVAL script: KEYS = {@code args[firstKey .. firstKey+numKeys)}, ARGV = the arguments
     * after them. The reply goes to {@code out} in {@code out.resp()} (the client's protocol). The
     * KEYS/ARGV strings share {@code args}' bytes, which must not change during the run.
     */
    public void eval(EvalScript script, Args args, int firstKey, int numKeys, ScriptHost host, ReplyBuffer out) {
        if (keys.dirty) {
            keys = new ArgTable();
            evalEnv.put(KEYS, keys);
        }
        if (argv.dirty) {
            argv = new ArgTable();
            evalEnv.put(ARGV, argv);
        }
        fill(keys, args, firstKey, numKeys, false);
        fill(argv, args, firstKey + numKeys, args.count() - firstKey - numKeys, false);
        run(script.function, LuaValue.NONE, script.sha(), host, out);
    }

    private static void fill(ArgTable t, Args args, int from, int n, boolean copy) {
        byte[] buf = args.buf();
        for (int i = 0; i < n; i++) {
            int off = args.off(from + i);
            int len = args.len(from + i);
            t.fill(i + 1, copy ? LuaString.valueOf(buf, off, len) : LuaString.valueUsing(buf, off, len));
        }
        t.trim(n);
    }

    /**
     * FUNCTION LOAD: parses the {@code #!lua name=<lib>} line, runs the library body in loading
     * mode (only redis.register_function, redis.log and the version fields exist) and returns the
     * library. {@code host} receives redis.log and busy() (the 500 ms load limit is the host's).
     *
     * @throws ScriptException with Redis's text (metadata, compile and registration errors)
     */
    public FunctionLibrary loadLibrary(byte[] code, ScriptHost host) throws ScriptException {
        int[] start = new int[1];
        String name = Shebang.libraryName(code, 0, code.length, start);
        LuaFunction chunk;
        try {
            chunk = (LuaFunction) globals.load(new ByteArrayInputStream(code, start[0], code.length - start[0]),
                    "@user_function", "t", functionEnv);
        } catch (LuaError e) {
            throw new ScriptException("ERR Error compiling function: " + Sandbox.compileMessage(e));
        }
        FunctionLoader loader = new FunctionLoader(host);
        functionMeta.put(INDEX, libraryApi);
        api.loading = loader;
        budget.start(host);
        try {
            chunk.call();
        } catch (LuaError e) {
            throw new ScriptException("ERR Error registering functions: " + LuaErrors.loadText(LuaErrors.of(e)));
        } catch (ScriptKilled k) {
            throw new ScriptException("ERR Error registering functions: " + k.errorText());
        } catch (StackOverflowError e) {
            throw new ScriptException("ERR Error registering functions: " + Errors.LUA_STACK_OVERFLOW);
        } finally {
            budget.start(null);
            api.loading = null;
            functionMeta.put(INDEX, functionGlobals);
        }
        if (loader.functions.isEmpty()) {
            throw new ScriptException(Errors.NO_FUNCTIONS_REGISTERED);
        }
        return new FunctionLibrary(name, code, loader.functions);
    }

    /** FCALL: calls the function with (KEYS, ARGV) tables built from {@code args} (copied). */
    public void fcall(LibraryFunction f, Args args, int firstKey, int numKeys, ScriptHost host, ReplyBuffer out) {
        ArgTable k = new ArgTable();
        ArgTable a = new ArgTable();
        fill(k, args, firstKey, numKeys, true);
        fill(a, args, firstKey + numKeys, args.count() - firstKey - numKeys, true);
        run(f.callback, LuaValue.varargsOf(k, a), f.name(), host, out);
    }

    private void run(LuaValue fn, org.luaj.vm2.Varargs in, String name, ScriptHost host, ReplyBuffer out) {
        int mark = out.length();
        api.begin(host);
        budget.start(host);
        budget.killedSource = null;
        try {
            LuaValue r = fn.invoke(in).arg1();
            LuaToResp.write(r, api.resp, out);
        } catch (LuaError e) {
            out.truncate(mark);
            out.errorLatin1(LuaErrors.replyText(LuaErrors.of(e, budget.lastSource(), budget.lastLine()), name));
        } catch (ScriptKilled k) {
            out.truncate(mark);
            String src = budget.killedSource;
            out.errorLatin1(src == null ? k.errorText()
                    : k.errorText() + " script: " + name + ", on " + src + ":" + budget.killedLine + ".");
        } catch (StackOverflowError e) {
            out.truncate(mark);
            out.errorLatin1(Errors.LUA_STACK_OVERFLOW + " script: " + name);
        } finally {
            budget.start(null);
            api.end();
        }
    }
}
