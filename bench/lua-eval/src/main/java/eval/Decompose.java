package eval;
import party.iroiro.luajava.*;
import party.iroiro.luajava.lua51.*;
import java.nio.ByteBuffer;
/** Breaks down where luajava's per-call time goes (loop of 100 inside one pcall, or host-side ops). */
public class Decompose {
  static long sink;
  public static void main(String[] a) {
    Lua51 lua = new Lua51(); lua.openLibraries();
    Lua51Natives C = (Lua51Natives) lua.getLuaNatives(); long L = lua.getPointer();
    BinPush bp = new BinPush();
    lua.push((JFunction) l -> 0); lua.setGlobal("empty");
    lua.push((JFunction) l -> { C.lua_pushinteger(l.getPointer(), 1); return 1; }); lua.setGlobal("retint");
    lua.push((JFunction) l -> { ByteBuffer b = (ByteBuffer) C.luaJ_todirectbuffer(l.getPointer(), 1); sink += b.get(0); return 0; }); lua.setGlobal("dbuf1");
    lua.push((JFunction) l -> { ByteBuffer b = (ByteBuffer) C.luaJ_tobuffer(l.getPointer(), 1); sink += b.get(0); return 0; }); lua.setGlobal("buf1");
    lua.push((JFunction) l -> { String s = C.lua_tostring(l.getPointer(), 1); sink += s.length(); return 0; }); lua.setGlobal("str1");
    lua.push((JFunction) l -> { bp.push(C, l.getPointer(), new byte[32]); return 1; }); lua.setGlobal("binret");
    lua.push((JFunction) l -> { C.lua_pushstring(l.getPointer(), "0123456789abcdef0123456789abcdef"); return 1; }); lua.setGlobal("strret");
    String[][] cases = {
      {"pure lua loop100 (baseline)", "local x=0 for i=1,100 do x = x + #KEYS[1] end return x"},
      {"100x empty JFunction", "for i=1,100 do empty() end return 1"},
      {"100x JFunction returning int", "for i=1,100 do retint() end return 1"},
      {"100x todirectbuffer(arg)", "local k=KEYS[1] for i=1,100 do dbuf1(k) end return 1"},
      {"100x tobuffer(arg)", "local k=KEYS[1] for i=1,100 do buf1(k) end return 1"},
      {"100x lua_tostring(arg) (not bin-safe)", "local k='abcdefghabcdefgh' for i=1,100 do str1(k) end return 1"},
      {"100x BinPush 32B return", "for i=1,100 do binret() end return 1"},
      {"100x lua_pushstring 32B return (not bin-safe)", "for i=1,100 do strret() end return 1"},
    };
    lua.run("KEYS={'0123456789abcdef'}");
    for (String[] c : cases) {
      C.luaL_loadstring(L, c[1]); int ref = C.luaL_ref(L, C.getRegistryIndex());
      Runnable op = () -> { C.lua_rawgeti(L, -10000, ref); if (C.lua_pcall(L, 0, 1, 0) != 0) throw new RuntimeException(C.lua_tostring(L, -1)); C.lua_settop(L, 0); };
      time(c[0], op, 100);
    }
    byte[] key = new byte[16];
    time("host: BinPush 16B + pop", () -> { bp.push(C, L, key); C.lua_settop(L, 0); }, 1);
    time("host: lua_pushstring 16B + pop", () -> { C.lua_pushstring(L, "0123456789abcdef"); C.lua_settop(L, 0); }, 1);
    time("host: createtable+setglobal KEYS", () -> { C.lua_createtable(L, 1, 0); C.lua_setglobal(L, "KEYS"); }, 1);
    time("host: empty JNI (lua_gettop)", () -> { sink += C.lua_gettop(L); }, 1);
    time("host: todirectbuffer+copy 32B", () -> { C.lua_pushstring(L, "0123456789abcdef0123456789abcdef"); sink += BinPush.toBytes(C, L, -1).length; C.lua_settop(L, 0); }, 1);
  }
  static void time(String name, Runnable op, int div) {
    var tmx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long t0 = System.nanoTime(); while (System.nanoTime() - t0 < 1_000_000_000L) op.run();
    double[] r = new double[3]; double bytes = 0;
    for (int k = 0; k < 3; k++) { long n = 0; long a0 = tmx.getCurrentThreadAllocatedBytes(); long s = System.nanoTime();
      while (System.nanoTime() - s < 500_000_000L) { op.run(); n++; }
      r[k] = (System.nanoTime() - s) / (double) n / div; bytes = (tmx.getCurrentThreadAllocatedBytes() - a0) / (double) n / div; }
    java.util.Arrays.sort(r);
    System.out.printf("%-48s %9.0f ns per unit  %7.1f B per unit%n", name, r[1], bytes);
  }
}
