package io.ringstore.engine.script;

import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.util.KeyName;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The function libraries (Redis 7.0's functions.c: the current functionsLibCtx and its Lua
 * engine): libraries by name, case-sensitive, in load order; their functions by name in any case
 * (Redis's functions dict is case-insensitive: FCALL F1 finds f1); and the {@link LuaRuntime} they
 * were loaded into, apart from EVAL's (Redis keeps a Lua state for functions of its own). FUNCTION
 * LOAD/DELETE/FLUSH/RESTORE change it; FCALL, FUNCTION LIST/DUMP/STATS read it; a snapshot holds
 * each library's code and loading it runs {@link #load} again. Errors are ScriptExceptions with
 * Redis's texts, checked in Redis's order; a failed change leaves the registry as it was.
 *
 * <p>Owned by the thread that runs scripts: shard 0's (the FUNCTION and FCALL rows are
 * {@code all_shards}), and, before the pipeline starts, the start-up thread that loads a
 * snapshot (Thread.start publishes what it loaded).
 */
public final class FunctionRegistry {
    /** FUNCTION LOAD's limit on running a library's body (functions.c LOAD_TIMEOUT_MS). */
    public static final long LOAD_TIMEOUT_MS = 500;
    /** The engine name FUNCTION LIST and STATS report. */
    public static final String ENGINE = "LUA";

    /** FUNCTION RESTORE's policy for libraries that exist already. */
    public enum Policy { APPEND, REPLACE, FLUSH }

    private final LinkedHashMap<String, FunctionLibrary> libraries = new LinkedHashMap<>();
    /** Functions by lower-cased name; a name two libraries share in any case is refused at load. */
    private final HashMap<KeyName, LibraryFunction> functions = new HashMap<>();
    private final KeyName probe = new KeyName();
    private byte[] lowered = new byte[64];
    private final LoadHost loadHost = new LoadHost();
    private LuaRuntime lua;
    private int functionCount;

    /** The runtime functions run in (FCALL); created with the first library. */
    public LuaRuntime runtime() {
        if (lua == null) {
            lua = new LuaRuntime();
        }
        return lua;
    }

    /**
     * FUNCTION LOAD [REPLACE] (functionsCreateWithLibraryCtx): returns the library's name.
     * {@code timeoutMs} bounds the run of the library's body (0: no bound).
     */
    public String load(byte[] code, boolean replace, long timeoutMs) throws ScriptException {
        String name = Shebang.libraryName(code, 0, code.length, new int[1]);
        FunctionLibrary old = libraries.get(name);
        if (old != null && !replace) {
            throw new ScriptException(Errors.libraryExists(name));
        }
        FunctionLibrary lib = runtime().loadLibrary(code, loadHost.arm(timeoutMs));
        List<FunctionLibrary> replaced = old == null ? List.of() : List.of(old);
        for (LibraryFunction f : lib.functions()) {
            if (taken(f.name(), replaced)) {
                throw new ScriptException(Errors.functionExists(f.name()));
            }
        }
        if (old != null) {
            unlink(old);
        }
        link(lib);
        return name;
    }

    /**
     * FUNCTION RESTORE of a payload (see {@link FunctionPayload}): every library is loaded first,
     * as into a registry of its own, then joined with these by {@code policy}; an error leaves
     * these untouched. {@code timeoutMs} bounds each library's body (0: none, as Redis 7.0.15's
     * RESTORE).
     */
    public void restore(byte[] payload, Policy policy, long timeoutMs) throws ScriptException {
        if (!FunctionPayload.verify(payload)) {
            throw new ScriptException(Errors.DUMP_PAYLOAD_INVALID);
        }
        LinkedHashMap<String, FunctionLibrary> fresh = new LinkedHashMap<>();
        Map<String, LibraryFunction> freshFunctions = new HashMap<>();
        FunctionPayload.read(payload, code -> {
            String name = Shebang.libraryName(code, 0, code.length, new int[1]);
            if (fresh.containsKey(name)) {
                throw new ScriptException(Errors.libraryExists(name));
            }
            FunctionLibrary lib = runtime().loadLibrary(code, loadHost.arm(timeoutMs));
            for (LibraryFunction f : lib.functions()) {
                if (freshFunctions.containsKey(lower(f.name()))) {
                    throw new ScriptException(Errors.functionExists(f.name()));
                }
            }
            for (LibraryFunction f : lib.functions()) {
                freshFunctions.putIfAbsent(lower(f.name()), f);
            }
            fresh.put(name, lib);
        });
        if (policy == Policy.FLUSH) {
            clear();
        } else { // libraryJoin
            List<FunctionLibrary> replaced = new ArrayList<>();
            for (FunctionLibrary lib : fresh.values()) {
                FunctionLibrary old = libraries.get(lib.name());
                if (old != null) {
                    if (policy != Policy.REPLACE) {
                        throw new ScriptException(Errors.restoredLibraryExists(lib.name()));
                    }
                    replaced.add(old);
                }
            }
            for (FunctionLibrary lib : fresh.values()) {
                for (LibraryFunction f : lib.functions()) {
                    if (taken(f.name(), replaced)) {
                        throw new ScriptException(Errors.functionExists(f.name()));
                    }
                }
            }
            for (FunctionLibrary old : replaced) {
                unlink(old);
            }
        }
        for (FunctionLibrary lib : fresh.values()) {
            link(lib);
        }
    }

    /** FUNCTION DELETE: false when there is no such library. */
    public boolean delete(String name) {
        FunctionLibrary lib = libraries.get(name);
        if (lib == null) {
            return false;
        }
        unlink(lib);
        return true;
    }

    /** FUNCTION FLUSH: every library goes, and the runtime with them (Redis starts a new Lua state). */
    public void flush() {
        clear();
        lua = null;
    }

    /** FUNCTION DUMP: the payload of every library, in load order. */
    public byte[] dump() {
        return FunctionPayload.dump(libraries.values());
    }

    /** FCALL's lookup of a function name in any case; null when none. Allocation-free. */
    public LibraryFunction function(byte[] b, int off, int len) {
        if (len > lowered.length) {
            lowered = new byte[Math.max(len, lowered.length * 2)];
        }
        byte[] low = lowered;
        for (int i = 0; i < len; i++) {
            byte c = b[off + i];
            low[i] = c >= 'A' && c <= 'Z' ? (byte) (c + 32) : c;
        }
        return functions.get(probe.set(low, 0, len));
    }

    /** The libraries in load order (a read-only view). */
    public Collection<FunctionLibrary> libraries() {
        return Collections.unmodifiableCollection(libraries.values());
    }

    public int libraryCount() {
        return libraries.size();
    }

    /** Functions over every library (Redis's n_functions, which counts a library's names as registered). */
    public int functionCount() {
        return functionCount;
    }

    /** Each library's code, in load order: what a snapshot writes. */
    public List<byte[]> codes() {
        List<byte[]> out = new ArrayList<>(libraries.size());
        for (FunctionLibrary lib : libraries.values()) {
            out.add(lib.code());
        }
        return out;
    }

    /** Whether another library (not one of {@code replaced}) registered {@code name} in any case. */
    private boolean taken(String name, List<FunctionLibrary> replaced) {
        byte[] b = name.getBytes(StandardCharsets.ISO_8859_1);
        LibraryFunction other = function(b, 0, b.length);
        if (other == null) {
            return false;
        }
        for (FunctionLibrary old : replaced) {
            if (old.functions().contains(other)) {
                return false;
            }
        }
        return true;
    }

    private void link(FunctionLibrary lib) {
        libraries.put(lib.name(), lib);
        for (LibraryFunction f : lib.functions()) {
            functions.putIfAbsent(key(f.name()), f);
        }
        functionCount += lib.functions().size();
    }

    private void unlink(FunctionLibrary lib) {
        libraries.remove(lib.name());
        for (LibraryFunction f : lib.functions()) {
            functions.remove(key(f.name()), f);
        }
        functionCount -= lib.functions().size();
    }

    private void clear() {
        libraries.clear();
        functions.clear();
        functionCount = 0;
    }

    private static String lower(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    private static KeyName key(String name) {
        return new KeyName(lower(name).getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * The host of a library body's run: redis.log, and the time limit through the instruction
     * hook's busy() calls (function_lua.c luaEngineLoadHook). redis.call does not exist there.
     */
    private static final class LoadHost implements ScriptHost {
        private static final System.Logger LOG = System.getLogger("ringstore");
        private long deadlineNs;
        private boolean bounded;

        LoadHost arm(long timeoutMs) {
            bounded = timeoutMs > 0;
            deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
            return this;
        }

        @Override
        public void busy() {
            if (bounded && System.nanoTime() - deadlineNs > 0) {
                throw new ScriptKilled(ScriptKilled.LOAD_TIMEOUT);
            }
        }

        @Override
        public void call(io.ringstore.engine.command.Args args, int resp, io.ringstore.engine.reply.ReplyBuffer out) {
            throw new IllegalStateException("redis.call while loading a library");
        }

        @Override
        public void log(int level, String message) {
            LOG.log(level <= LuaRuntime.LOG_VERBOSE ? System.Logger.Level.DEBUG
                    : level == LuaRuntime.LOG_NOTICE ? System.Logger.Level.INFO : System.Logger.Level.WARNING, message);
        }
    }
}
