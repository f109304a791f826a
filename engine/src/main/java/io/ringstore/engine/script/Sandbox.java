package io.ringstore.engine.script;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.CoroutineLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseMathLib;

import java.io.ByteArrayInputStream;

/**
 * Builds the global environments scripts run in, as Redis 7.0.15 sets them up (script_lua.c):
 * the allowed builtins of Lua 5.1 (with LuaJ's implementations plus 5.1 shims: unpack,
 * loadstring, table.getn/setn/maxn/foreach/foreachi, math.mod/log10, string.gfind, gcinfo),
 * Redis's own pcall, error and tostring (5.1 error positions, %.14g numbers), math.random from
 * {@link RedisRand}, the cjson/cmsgpack/bit/struct libraries and the {@code redis} table; then
 * every table reachable from the globals is made read-only and reading a missing global raises
 * "Script attempted to access nonexistent global variable". No os, io, package, require, debug,
 * print, dofile, loadfile. Used once by {@link LuaRuntime}'s constructor, on its thread.
 */
final class Sandbox {
    static final String NONEXISTENT = "Script attempted to access nonexistent global variable '";

    /** Lua 5.1's string metatable, shared by every runtime (LuaString.s_metatable is static). */
    private static final LuaTable STRING_META;
    private static final LuaTable STRING_LIB;
    private static final LuaTable TABLE_LIB;
    private static final LuaTable MATH_BASE;

    static {
        Globals g = new Globals();
        g.load(new BaseLib());
        g.load(new PackageLib());
        g.load(new TableLib());
        g.load(new StringLib());
        g.load(new JseMathLib());
        ReadOnlyTable string = copy((LuaTable) g.get("string"));
        string.rawset("gfind", string.get("gmatch"));
        string.lock();
        STRING_LIB = string;
        ReadOnlyTable meta = new ReadOnlyTable();
        meta.rawset("__index", string);
        meta.lock();
        STRING_META = meta;
        LuaString.s_metatable = STRING_META;
        TABLE_LIB = (LuaTable) g.get("table");
        MATH_BASE = (LuaTable) g.get("math");
    }

    private Sandbox() {
    }

    private static ReadOnlyTable copy(LuaTable src) {
        ReadOnlyTable t = new ReadOnlyTable();
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs e = src.next(k);
            k = e.arg1();
            if (k.isnil()) {
                return t;
            }
            t.rawset(k, e.arg(2));
        }
    }

    /** The globals for one kind of run; {@code globals} holds LuaJ's compiler and debug hook. */
    static ReadOnlyTable build(ReadOnlyTable env, Globals globals, RedisApi api, LuaTable redis, boolean forEval) {
        for (String name : new String[] {"assert", "collectgarbage", "getmetatable", "ipairs", "next", "pairs",
                "rawequal", "rawget", "rawset", "select", "setmetatable", "tonumber", "type", "xpcall"}) {
            env.rawset(name, globals.get(name));
        }
        env.rawset("_VERSION", LuaValue.valueOf("Lua 5.1"));
        env.rawset("_G", env);
        env.rawset("error", RedisApi.fn("error", Sandbox::error));
        env.rawset("pcall", RedisApi.fn("pcall", Sandbox::pcall));
        env.rawset("tostring", RedisApi.fn("tostring", a -> tostringAny(a.checkvalue(1))));
        env.rawset("unpack", TABLE_LIB.get("unpack"));
        env.rawset("gcinfo", RedisApi.fn("gcinfo", a -> LuaValue.valueOf(
                (int) ((Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 10))));
        LuaValue loader = RedisApi.fn("loadstring", a -> loadstring(globals, env, a));
        env.rawset("loadstring", loader);
        env.rawset("load", RedisApi.fn("load", a -> load(globals, env, a)));
        env.rawset("coroutine", copy((LuaTable) globals.get("coroutine")));
        env.rawset("string", STRING_LIB);
        env.rawset("table", tableLib());
        env.rawset("math", mathLib(api));
        env.rawset("cjson", CjsonLib.create());
        env.rawset("struct", StructLib.create());
        env.rawset("cmsgpack", CmsgpackLib.create());
        env.rawset("bit", BitLib.create());
        env.rawset("redis", redis);
        if (forEval) {
            env.rawset("__redis__err__handler", RedisApi.fn("__redis__err__handler", a -> a.arg1()));
        }
        ReadOnlyTable meta = new ReadOnlyTable();
        meta.rawset("__index", RedisApi.fn("__index", a -> {
            throw new RaisedError(LuaValue.valueOf(NONEXISTENT + tostring(a.arg(2)).tojstring() + "'"), true);
        }));
        env.setmetatable(meta);
        lockAll(env, new java.util.IdentityHashMap<>());
        return env;
    }

    /** luaSetTableProtectionRecursively. */
    static void lockAll(LuaValue v, java.util.IdentityHashMap<LuaValue, Boolean> seen) {
        if (!(v instanceof ReadOnlyTable) || seen.put(v, Boolean.TRUE) != null) {
            return;
        }
        LuaTable t = (LuaTable) v;
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs e = t.next(k);
            k = e.arg1();
            if (k.isnil()) {
                break;
            }
            lockAll(e.arg(2), seen);
        }
        LuaValue mt = t.getmetatable();
        if (mt != null) {
            lockAll(mt, seen);
        }
        ((ReadOnlyTable) t).lock();
    }

    private static ReadOnlyTable tableLib() {
        ReadOnlyTable t = copy(TABLE_LIB);
        t.rawset("pack", LuaValue.NIL);
        t.rawset("unpack", LuaValue.NIL);
        t.rawset("getn", RedisApi.fn("getn", a -> LuaValue.valueOf(a.checktable(1).length())));
        t.rawset("setn", RedisApi.fn("setn", a -> {
            throw new RaisedError(LuaValue.valueOf("'setn' is obsolete"), true);
        }));
        t.rawset("maxn", RedisApi.fn("maxn", a -> {
            LuaTable tb = a.checktable(1);
            double max = 0;
            LuaValue k = LuaValue.NIL;
            while (true) {
                Varargs e = tb.next(k);
                k = e.arg1();
                if (k.isnil()) {
                    return LuaValue.valueOf(max);
                }
                if (k.type() == LuaValue.TNUMBER && k.todouble() > max) {
                    max = k.todouble();
                }
            }
        }));
        t.rawset("foreach", RedisApi.fn("foreach", a -> {
            LuaTable tb = a.checktable(1);
            LuaValue f = a.checkfunction(2);
            LuaValue k = LuaValue.NIL;
            while (true) {
                Varargs e = tb.next(k);
                k = e.arg1();
                if (k.isnil()) {
                    return LuaValue.NONE;
                }
                LuaValue r = f.call(k, e.arg(2));
                if (!r.isnil()) {
                    return r;
                }
            }
        }));
        t.rawset("foreachi", RedisApi.fn("foreachi", a -> {
            LuaTable tb = a.checktable(1);
            LuaValue f = a.checkfunction(2);
            int n = tb.length();
            for (int i = 1; i <= n; i++) {
                LuaValue r = f.call(LuaValue.valueOf(i), tb.get(i));
                if (!r.isnil()) {
                    return r;
                }
            }
            return LuaValue.NONE;
        }));
        return t;
    }

    private static ReadOnlyTable mathLib(RedisApi api) {
        ReadOnlyTable m = copy(MATH_BASE);
        m.rawset("mod", m.get("fmod"));
        m.rawset("log10", RedisApi.fn("log10", a -> LuaValue.valueOf(Math.log10(a.checkdouble(1)))));
        m.rawset("log", RedisApi.fn("log", a -> LuaValue.valueOf(Math.log(a.checkdouble(1)))));
        m.rawset("random", RedisApi.fn("random", api::random));
        m.rawset("randomseed", RedisApi.fn("randomseed", api::randomseed));
        return m;
    }

    /** error(v [, level]) with Lua 5.1's position rule (string or number message, level > 0). */
    private static Varargs error(Varargs a) {
        LuaValue v = a.arg1();
        int level = a.optint(2, 1);
        boolean positioned = level > 0 && (v.type() == LuaValue.TSTRING || v.type() == LuaValue.TNUMBER);
        throw new RaisedError(v, positioned);
    }

    /**
     * luaRedisPcall: Lua's pcall, except that an error table with a string {@code err} field is
     * returned as that string. Cannot catch {@link ScriptKilled}.
     */
    private static Varargs pcall(Varargs a) {
        LuaValue f = a.checkvalue(1);
        try {
            return LuaValue.varargsOf(LuaValue.TRUE, f.invoke(a.subargs(2)));
        } catch (LuaError e) {
            LuaValue v = LuaErrors.of(e).value;
            if (v.istable()) {
                LuaValue err = v.rawget(RespToLua.ERR);
                if (err.isstring()) {
                    v = err;
                }
            }
            return LuaValue.varargsOf(LuaValue.FALSE, v);
        } catch (StackOverflowError e) {
            return LuaValue.varargsOf(LuaValue.FALSE, LuaValue.valueOf("stack overflow"));
        }
    }

    /** Lua 5.1's tostring for numbers (%.14g); LuaJ's for the rest. */
    static LuaString tostring(LuaValue v) {
        if (v.type() == LuaValue.TNUMBER) {
            return LuaValue.valueOf(NumberText.g(v.todouble(), 14));
        }
        if (v.type() == LuaValue.TSTRING) {
            return (LuaString) v;
        }
        return LuaValue.valueOf(v.tojstring());
    }

    private static LuaValue tostringAny(LuaValue v) {
        LuaValue h = v.metatag(LuaValue.TOSTRING);
        if (!h.isnil()) {
            return h.call(v);
        }
        return tostring(v);
    }

    private static Varargs loadstring(Globals globals, LuaTable env, Varargs a) {
        LuaString s = a.checkstring(1);
        String chunk = a.optjstring(2, s.tojstring());
        return compile(globals, env, s, chunk);
    }

    /** load(s [, chunkname]) for strings; load(f) with a reader function as Lua 5.1. */
    private static Varargs load(Globals globals, LuaTable env, Varargs a) {
        LuaValue src = a.arg1();
        if (src.isfunction()) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            while (true) {
                LuaValue part = src.call();
                if (part.isnil() || (part.isstring() && part.checkstring().m_length == 0)) {
                    break;
                }
                LuaString p = part.checkstring();
                out.write(p.m_bytes, p.m_offset, p.m_length);
            }
            return compile(globals, env, LuaString.valueUsing(out.toByteArray()), a.optjstring(2, "=(load)"));
        }
        LuaString s = a.checkstring(1);
        return compile(globals, env, s, a.optjstring(2, s.tojstring()));
    }

    private static Varargs compile(Globals globals, LuaTable env, LuaString s, String chunkname) {
        try {
            return globals.load(new ByteArrayInputStream(s.m_bytes, s.m_offset, s.m_length), chunkname, "t", env);
        } catch (LuaError e) {
            return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(compileMessage(e)));
        }
    }

    /** A LuaJ compile error's text without LuaJ's own prefix and traceback. */
    static String compileMessage(LuaError e) {
        String m = e.getMessage();
        if (m == null) {
            return "?";
        }
        if (m.endsWith("\n")) {
            m = m.substring(0, m.length() - 1);
        }
        java.util.regex.Matcher u = UNEXPECTED.matcher(m);
        if (u.find()) {
            m = m.substring(0, u.start()) + "unexpected symbol near " + tokenText(Integer.parseInt(u.group(1)))
                    + m.substring(u.end());
        }
        return m;
    }

    private static final java.util.regex.Pattern UNEXPECTED = java.util.regex.Pattern.compile("unexpected symbol (\\d+) \\(.\\)");
    private static final String[] TOKENS = {"and", "break", "do", "else", "elseif", "end", "false", "for", "function",
        "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
        "..", "...", "==", ">=", "<=", "~=", "::", "<eof>", "<number>", "<name>", "<string>"};

    /** Lua 5.1's luaX_token2str for a LuaJ token number. */
    private static String tokenText(int token) {
        if (token < 257) {
            return "'" + (char) token + "'";
        }
        int i = token - 257;
        return i < TOKENS.length ? "'" + TOKENS[i] + "'" : "'?'";
    }

    static Globals newGlobals(InstructionBudget budget) {
        Globals g = new Globals();
        LoadState.install(g);
        LuaC.install(g);
        g.load(new BaseLib());
        g.load(new PackageLib());
        g.load(new CoroutineLib());
        budget.call(LuaValue.valueOf("debug"), g);
        g.rawset("debug", LuaValue.NIL);
        g.rawset("package", LuaValue.NIL);
        return g;
    }
}
