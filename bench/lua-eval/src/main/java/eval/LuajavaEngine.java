package eval;

import party.iroiro.luajava.JFunction;
import party.iroiro.luajava.Lua;
import party.iroiro.luajava.lua51.Lua51;
import party.iroiro.luajava.lua51.Lua51Natives;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Real Lua 5.1 via luajava 4.0.2 JNI. Uses the raw Lua51Natives API (long L pointer) for speed. */
public final class LuajavaEngine implements Engine {
    final Lua51 lua;
    final Lua51Natives C;
    final long L;
    final int REG;
    final BinPush bp = new BinPush();
    final List<Integer> refs = new ArrayList<>();
    public final byte[] getReply = new byte[32];
    long counter;
    volatile long deadline = Long.MAX_VALUE;
    long hookFires;
    public boolean echoMode; // redis.call('ECHO', x) returns x (binary test)
    /** if true: strings whose bytes are all 0x01..0x7f go through lua_pushstring(String) (exact for ASCII), others via BinPush */
    public boolean asciiFastPath;

    void pushBytes(long p, byte[] b) {
        if (asciiFastPath && isAscii(b)) C.lua_pushstring(p, new String(b, java.nio.charset.StandardCharsets.ISO_8859_1));
        else bp.push(C, p, b);
    }
    static boolean isAscii(byte[] b) { for (byte x : b) if (x <= 0) return false; return true; }

    public LuajavaEngine() {
        lua = new Lua51();
        lua.openLibraries();
        C = (Lua51Natives) lua.getLuaNatives();
        L = lua.getPointer();
        REG = C.getRegistryIndex();
        lua.createTable(0, 2);
        lua.push((JFunction) this::redisCall);
        lua.setField(-2, "call");
        lua.setGlobal("redis");
        lua.push((JFunction) this::hookCheck);
        lua.setGlobal("__jhook");
        // kill escalation like Redis: once over the limit, raise on every line so pcall cannot swallow it
        lua.run("local sethook, jhook, err = debug.sethook, __jhook, error\n"
                + "local function killer() err('ERR Script killed (time limit)', 0) end\n"
                + "__killhook = function() if jhook() then sethook(killer, 'l'); err('ERR Script killed (time limit)', 0) end end\n"
                + "__sethook = sethook");
        for (int i = 0; i < 256; i++) getReply[i % 32] = (byte) (255 - i);
    }

    @Override public String name() { return "luajava-5.1"; }

    /** the redis.call callback: args at 1..n */
    private int redisCall(Lua l) {
        long p = l.getPointer();
        ByteBuffer cmd = (ByteBuffer) C.luaJ_todirectbuffer(p, 1);
        byte c0 = cmd.get(0);
        byte[] key = BinPush.toBytes(C, p, 2); // server needs the key bytes
        if (echoMode) { pushBytes(p, key); return 1; }
        if (c0 == 'G' || c0 == 'g') { pushBytes(p, getReply); return 1; }
        C.lua_pushinteger(p, ++counter + key.length);
        return 1;
    }

    private int hookCheck(Lua l) {
        hookFires++;
        C.lua_pushboolean(l.getPointer(), System.nanoTime() - deadline > 0 ? 1 : 0);
        return 1;
    }

    @Override public int load(String src) {
        int rc = C.luaL_loadstring(L, src);
        if (rc != 0) throw new IllegalStateException(C.lua_tostring(L, -1));
        int ref = C.luaL_ref(L, REG);
        refs.add(ref);
        return ref;
    }

    private void setArgs(byte[][] keys, byte[][] argv) {
        C.lua_createtable(L, keys.length, 0);
        for (int i = 0; i < keys.length; i++) { pushBytes(L, keys[i]); C.lua_rawseti(L, -2, i + 1); }
        C.lua_setglobal(L, "KEYS");
        C.lua_createtable(L, argv.length, 0);
        for (int i = 0; i < argv.length; i++) { pushBytes(L, argv[i]); C.lua_rawseti(L, -2, i + 1); }
        C.lua_setglobal(L, "ARGV");
    }

    private void call(int h) {
        C.lua_rawgeti(L, REG, h);
        int rc = C.lua_pcall(L, 0, 1, 0);
        if (rc != 0) {
            String msg = C.lua_type(L, -1) == 4 ? new String(BinPush.toBytes(C, L, -1)) : "(non-string error)";
            C.lua_settop(L, 0);
            afterKill();
            throw new RuntimeException(msg);
        }
    }

    @Override public byte[] evalBytes(int h, byte[][] keys, byte[][] argv) {
        setArgs(keys, argv);
        call(h);
        byte[] r = BinPush.toBytes(C, L, -1);
        C.lua_settop(L, 0);
        return r;
    }

    @Override public long evalLong(int h, byte[][] keys, byte[][] argv) {
        setArgs(keys, argv);
        call(h);
        long r = C.lua_tointeger(L, -1);
        C.lua_settop(L, 0);
        return r;
    }

    int hookMode;
    @Override public void setHookMode(int mode) {
        hookMode = mode;
        // Called via the C API only (no Lua line executes), so a pending 'kill' line hook cannot fire here.
        C.lua_getglobal(L, "__sethook");          // = debug.sethook, a C function
        int n = 0;
        if (mode != 0) { C.lua_getglobal(L, "__killhook"); C.lua_pushstring(L, ""); C.lua_pushinteger(L, 100000); n = 3; }
        if (C.lua_pcall(L, n, 0, 0) != 0) throw new IllegalStateException("sethook failed: " + C.lua_tostring(L, -1));
    }
    private void afterKill() { if (hookMode != 0) setHookMode(hookMode); } // re-arm count hook after the line hook escalation

    @Override public void setDeadline(long t) { deadline = t; }
    @Override public long hookFires() { return hookFires; }

    @Override public String evalDescribe(String src) {
        int rc = C.luaL_loadstring(L, src);
        if (rc == 0) rc = C.lua_pcall(L, 0, 1, 0);
        String out;
        if (rc != 0) {
            int t = C.lua_type(L, -1);
            if (t == 4) out = "ERR: " + new String(BinPush.toBytes(C, L, -1), java.nio.charset.StandardCharsets.ISO_8859_1);
            else if (t == 5) { C.lua_getfield(L, -1, "err"); out = "ERR(table) err=" + C.lua_tostring(L, -1); }
            else out = "ERR(type " + t + ")";
        } else out = describeTop();
        C.lua_settop(L, 0);
        return out;
    }

    private String describeTop() {
        int t = C.lua_type(L, -1);
        switch (t) {
            case 0: return "nil";
            case 1: return "bool " + (C.lua_toboolean(L, -1) != 0);
            case 3: { C.lua_getglobal(L, "tostring"); C.lua_pushvalue(L, -2); C.lua_pcall(L, 1, 1, 0);
                      return "num " + new String(BinPush.toBytes(C, L, -1)); }
            case 4: return "'" + new String(BinPush.toBytes(C, L, -1), java.nio.charset.StandardCharsets.ISO_8859_1) + "'";
            default: return C.lua_typename(L, t);
        }
    }

    @Override public void close() { lua.close(); }
}
