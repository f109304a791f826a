package eval;

import org.luaj.vm2.*;
import org.luaj.vm2.lib.DebugLib;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.ZeroArgFunction;
import org.luaj.vm2.lib.jse.JsePlatform;

import java.util.ArrayList;
import java.util.List;

/** LuaJ 3.0.1 (Lua 5.2 semantics, pure Java). */
public final class LuajEngine implements Engine {
    static final LuaString KEYS = LuaString.valueOf("KEYS"), ARGV = LuaString.valueOf("ARGV");
    Globals g;
    final List<LuaValue> fns = new ArrayList<>();
    public final byte[] getReply = new byte[32];
    long counter;
    volatile long deadline = Long.MAX_VALUE;
    long hookFires;
    public boolean echoMode;
    final boolean withDebugLib;

    /** thrown by the interrupt check; an Error so LuaJ's pcall (catches LuaError and Exception) cannot swallow it */
    public static final class ScriptKilled extends Error {
        public ScriptKilled() { super("ERR Script killed (time limit)", null, false, false); }
    }

    /** Cheap interrupt: replaces DebugLib's per-instruction bookkeeping with a countdown (no call-stack tracking). */
    final class InterruptDebugLib extends DebugLib {
        int countdown = 100000;
        @Override public void onInstruction(int pc, Varargs v, int top) {
            if (--countdown <= 0) {
                countdown = 100000;
                hookFires++;
                if (System.nanoTime() - deadline > 0) throw new ScriptKilled();
            }
        }
        @Override public void onCall(LuaFunction f) { }
        @Override public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) { }
        @Override public void onReturn() { }
    }

    public LuajEngine(boolean withDebugLib) { this.withDebugLib = withDebugLib; build(0); }

    private void build(int hookMode) {
        g = (withDebugLib || hookMode == 1) ? JsePlatform.debugGlobals() : JsePlatform.standardGlobals();
        if (hookMode == 2) g.load(new InterruptDebugLib());
        LuaTable redis = new LuaTable();
        redis.set("call", new VarArgFunction() {
            @Override public Varargs invoke(Varargs a) { return redisCall(a); }
        });
        g.set("redis", redis);
        g.set("__jhook", new ZeroArgFunction() {
            @Override public LuaValue call() {
                hookFires++;
                if (System.nanoTime() - deadline > 0) throw new ScriptKilled();
                return NONE;
            }
        });
    }

    @Override public String name() { return withDebugLib ? "luaj-3.0.1+debug" : "luaj-3.0.1"; }

    private Varargs redisCall(Varargs a) {
        LuaString cmd = a.checkstring(1);
        LuaString k = a.checkstring(2);
        byte[] key = new byte[k.m_length];
        k.copyInto(0, key, 0, key.length); // server needs the key bytes
        if (echoMode) return LuaString.valueOf(key);
        byte c0 = cmd.m_bytes[cmd.m_offset];
        if (c0 == 'G' || c0 == 'g') return LuaString.valueOf(getReply);
        return LuaInteger.valueOf(++counter + key.length);
    }

    List<String> sources = new ArrayList<>();
    @Override public int load(String src) {
        sources.add(src);
        fns.add(g.load(src, "@user_script"));
        return fns.size() - 1;
    }

    private void setArgs(byte[][] keys, byte[][] argv) {
        LuaTable k = new LuaTable(keys.length, 0);
        for (int i = 0; i < keys.length; i++) k.rawset(i + 1, LuaString.valueOf(keys[i]));
        g.rawset(KEYS, k);
        LuaTable a = new LuaTable(argv.length, 0);
        for (int i = 0; i < argv.length; i++) a.rawset(i + 1, LuaString.valueOf(argv[i]));
        g.rawset(ARGV, a);
    }

    @Override public byte[] evalBytes(int h, byte[][] keys, byte[][] argv) {
        setArgs(keys, argv);
        LuaValue r = fns.get(h).call();
        LuaString s = r.checkstring();
        byte[] out = new byte[s.m_length];
        s.copyInto(0, out, 0, out.length);
        return out;
    }

    @Override public long evalLong(int h, byte[][] keys, byte[][] argv) {
        setArgs(keys, argv);
        return fns.get(h).call().tolong();
    }

    @Override public void setHookMode(int mode) {
        // the DebugLib has to be installed when globals are built -> rebuild and reload scripts
        build(mode);
        List<String> src = new ArrayList<>(sources);
        sources.clear(); fns.clear();
        for (String s : src) load(s);
        if (mode == 1) g.load("debug.sethook(__jhook, '', 100000)").call();
    }

    @Override public void setDeadline(long t) { deadline = t; }
    @Override public long hookFires() { return hookFires; }

    @Override public String evalDescribe(String src) {
        try {
            LuaValue r = g.load(src, "@user_script").call();
            switch (r.type()) {
                case LuaValue.TNIL: return "nil";
                case LuaValue.TBOOLEAN: return "bool " + r.toboolean();
                case LuaValue.TNUMBER: return "num " + g.get("tostring").call(r).tojstring();
                case LuaValue.TSTRING: { LuaString s = r.checkstring(); return "'" + new String(s.m_bytes, s.m_offset, s.m_length, java.nio.charset.StandardCharsets.ISO_8859_1) + "'"; }
                default: return r.typename();
            }
        } catch (LuaError e) {
            LuaValue m = e.getMessageObject();
            if (m != null && m.istable()) return "ERR(table) err=" + m.get("err").tojstring();
            return "ERR: " + e.getMessage();
        } catch (Throwable t) {
            return "JAVA " + t;
        }
    }

    @Override public void close() { }
}
