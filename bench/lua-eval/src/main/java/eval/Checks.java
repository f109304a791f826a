package eval;

import party.iroiro.luajava.JFunction;
import party.iroiro.luajava.lua51.Lua51;
import party.iroiro.luajava.lua51.Lua51Natives;
import org.luaj.vm2.*;
import org.luaj.vm2.lib.jse.JsePlatform;

import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.concurrent.*;

/** Usage: Checks compat|binary|interrupt|state|thread */
public final class Checks {
    public static void main(String[] a) throws Exception {
        switch (a[0]) {
            case "compat": compat(); break;
            case "binary": binary(); break;
            case "interrupt": interrupt(); break;
            case "state": state(a.length > 1 ? a[1] : "both"); break;
            case "thread": thread(); break;
            default: throw new IllegalArgumentException(a[0]);
        }
    }

    // ---------------------------------------------------------------- 5. compatibility
    static void compat() {
        String[][] items = {
            {"_VERSION", "return _VERSION"},
            {"type(unpack)", "return type(unpack)"},
            {"unpack{1,2,3}", "return table.concat({unpack({1,2,3})}, ',')"},
            {"type(table.unpack)", "return type(table.unpack)"},
            {"type(loadstring)", "return type(loadstring)"},
            {"loadstring('return 1+1')()", "return loadstring('return 1+1')()"},
            {"loadstring syntax err msg", "return select(2, loadstring('x = = 1'))"},
            {"type(setfenv)", "return type(setfenv)"},
            {"type(getfenv)", "return type(getfenv)"},
            {"setfenv(f,{})", "local f = function() return x end; setfenv(f, {x=42}); return f()"},
            {"type(table.getn)", "return type(table.getn)"},
            {"table.getn{1,2,3}", "return table.getn({1,2,3})"},
            {"type(math.mod)", "return type(math.mod)"},
            {"math.mod(7,3)", "return math.mod(7,3)"},
            {"type(math.pow)", "return type(math.pow)"},
            {"type(table.maxn)", "return type(table.maxn)"},
            {"type(module)", "return type(module)"},
            {"type(bit32)", "return type(bit32)"},
            {"format('%.17g',0.1)", "return string.format('%.17g', 0.1)"},
            {"format('%d',3.7)", "return string.format('%d', 3.7)"},
            {"format('%5.2f',3.14159)", "return string.format('%5.2f', 3.14159)"},
            {"tostring(1e15)", "return tostring(1e15)"},
            {"tostring(1e16)", "return tostring(1e16)"},
            {"tostring(2^53)", "return tostring(2^53)"},
            {"tostring(2^63)", "return tostring(2^63)"},
            {"tostring(1/0)", "return tostring(1/0)"},
            {"tostring(-1/0)", "return tostring(-1/0)"},
            {"tostring(0/0)", "return tostring(0/0)"},
            {"tostring(-0)", "return tostring(-0)"},
            {"tostring(-0.0) runtime", "local z = 0; return tostring(-z)"},
            {"tostring(3.0)", "return tostring(3.0)"},
            {"tostring(10/2)", "return tostring(10/2)"},
            {"tostring(0.1)", "return tostring(0.1)"},
            {"tostring(1/3)", "return tostring(1/3)"},
            {"3/2", "return tostring(3/2)"},
            {"math.floor(-3.5)", "return tostring(math.floor(-3.5))"},
            {"7 % -3", "return tostring(7 % -3)"},
            {"tonumber('0x10')", "return tostring(tonumber('0x10'))"},
            {"tonumber(' 10 ')", "return tostring(tonumber(' 10 '))"},
            {"tonumber('1e1')", "return tostring(tonumber('1e1'))"},
            {"'10'+1", "return tostring('10'+1)"},
            {"err: call nil global foo()", "foo()"},
            {"err: nil < 1", "return nil < 1"},
            {"err: 'a' + 1", "return 'a' + 1"},
            {"err: index nil local t.x", "local t = nil; return t.x"},
            {"err: index nil global", "return undefinedtable.x"},
            {"err: error('x')", "error('x')"},
            {"err: error('x', 0)", "error('x', 0)"},
            {"err: error({err='x'})", "error({err='x'})"},
            {"pcall(error,{err='x'}) type", "local ok, e = pcall(error, {err='x'}); return type(e)"},
            {"gsub('abc','%w','%0%0')", "return (string.gsub('abc','%w','%0%0'))"},
            {"find('a.b','.',1,true)", "local s,e = string.find('a.b','.',1,true); return s..','..e"},
            {"find('a.b','%.')", "local s,e = string.find('a.b','%.'); return s..','..e"},
            {"gsub('hello world','(%w+)','<%1>')", "return (string.gsub('hello world','(%w+)','<%1>'))"},
            {"match('key:123','(%a+):(%d+)')", "local a,b = string.match('key:123','(%a+):(%d+)'); return a..'|'..b"},
            {"%z in pattern (5.1)", "return tostring(string.find('a\\0b', '%z'))"},
            {"#{1,2,nil,4}", "local t = {1,2,nil,4}; return #t"},
            {"#{1,nil,3}", "local t = {1,nil,3}; return #t"},
            {"#{nil,nil,3}", "local t = {nil,nil,3}; return #t"},
            {"# t[1],t[2],t[4] assigned", "local t = {}; t[1]=1; t[2]=2; t[4]=4; return #t"},
            {"# {1,2,3} then t[2]=nil", "local t = {1,2,3}; t[2]=nil; return #t"},
            {"select('#',nil,nil)", "return select('#', nil, nil)"},
            {"#'\\0abc'", "return #'\\0abc'"},
            {"string.rep('ab',3)", "return string.rep('ab', 3)"},
            {"goto (5.2 keyword)", "goto l; ::l:: return 'goto ok'"},
            {"tostring(nil)..", "return tostring(nil)"},
            {"os.time type", "return type(os.time)"},
            {"math.random(1,1)", "return math.random(1,1)"},
            {"string.format('%q','a\\0b')", "return string.format('%q', 'a\\0b')"},
            {"table.concat{1,2.5,'x'}", "return table.concat({1,2.5,'x'}, ',')"},
            {"2^31 | tostring", "return tostring(2^31)"},
            {"integer 2^53+1", "return tostring(2^53+1)"},
            {"tostring(123456789012)", "return tostring(123456789012)"},
        };
        Engine[] es = {new LuajavaEngine(), new LuajEngine(false), new LuajEngine(true)};
        System.out.printf("%-34s | %-58s | %-58s | %s%n", "item", es[0].name(), es[1].name(), es[2].name());
        int diffs = 0;
        for (String[] it : items) {
            String[] r = new String[es.length];
            for (int i = 0; i < es.length; i++) r[i] = es[i].evalDescribe(it[1]).replace("\n", "\\n");
            boolean d = !r[1].equals(r[0]) || !r[2].equals(r[0]);
            if (d) diffs++;
            System.out.printf("%s %-32s | %-58s | %-58s | %s%n", d ? "!!" : "  ", it[0], r[0], r[1], r[2]);
        }
        System.out.println("items differing from real Lua 5.1: " + diffs + " / " + items.length);
    }

    // ---------------------------------------------------------------- 3. binary safety
    static void binary() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) all[i] = (byte) i;
        String check = "local s = KEYS[1]; if #s ~= 256 then return 'len=' .. #s end\n"
                + "for i = 1, 256 do if s:byte(i) ~= i - 1 then return 'byte ' .. (i-1) .. ' differs: ' .. tostring(s:byte(i)) end end return 'ok'";
        String mk = "local t = {} for i = 0, 255 do t[#t+1] = string.char(i) end return table.concat(t)";
        String echo = "local r = redis.call('ECHO', KEYS[1]); if r ~= KEYS[1] then return 'echo differs' end return r";
        // --- luajava
        LuajavaEngine lj = new LuajavaEngine();
        Lua51Natives C = lj.C; long L = lj.L;
        lj.echoMode = true;
        int hc = lj.load(check), hm = lj.load(mk), he = lj.load(echo);
        System.out.println("luajava Java->Lua via BinPush (luaJ_loadbuffer of a bytecode chunk + lua_pcall): "
                + new String(lj.evalBytes(hc, new byte[][]{all}, new byte[0][])));
        System.out.println("luajava Lua->Java via luaJ_todirectbuffer + ByteBuffer.get(byte[]): "
                + Arrays.equals(lj.evalBytes(hm, new byte[][]{all}, new byte[0][]), all));
        System.out.println("luajava round trip Java->Lua->redis.call callback->Lua->Java: "
                + Arrays.equals(lj.evalBytes(he, new byte[][]{all}, new byte[0][]), all));
        C.luaL_loadstring(L, mk); C.lua_pcall(L, 0, 1, 0);
        java.nio.ByteBuffer tb = (java.nio.ByteBuffer) C.luaJ_tobuffer(L, -1);
        byte[] tbb = new byte[tb.remaining()]; tb.get(tbb);
        System.out.println("luajava Lua->Java via luaJ_tobuffer (Lua.toBuffer): " + Arrays.equals(tbb, all) + " (direct=" + tb.isDirect() + ")");
        String ts = C.lua_tostring(L, -1);
        System.out.println("luajava Lua->Java via lua_tostring (Lua.toString): length=" + (ts == null ? "null" : ts.length())
                + " equalsLatin1=" + (ts != null && Arrays.equals(ts.getBytes(StandardCharsets.ISO_8859_1), all)));
        C.lua_settop(L, 0);
        // naive push of a latin-1 java String
        C.lua_pushstring(L, new String(all, StandardCharsets.ISO_8859_1));
        byte[] back = BinPush.toBytes(C, L, -1);
        System.out.println("luajava Java->Lua via lua_pushstring(new String(bytes, ISO_8859_1)): lua #s=" + back.length
                + " (expected 256); first bytes " + hex(back, 8) + " -> NOT binary safe (modified UTF-8, NUL-terminated)");
        C.lua_settop(L, 0);
        C.luaJ_pushstring(L, new String(all, StandardCharsets.ISO_8859_1));
        System.out.println("luajava Java->Lua via luaJ_pushstring: lua #s=" + BinPush.toBytes(C, L, -1).length);
        C.lua_settop(L, 0);
        lj.close();
        // --- luaj
        LuajEngine j = new LuajEngine(false);
        j.echoMode = true;
        int jc = j.load(check), jm = j.load(mk), je = j.load(echo);
        System.out.println("luaj Java->Lua via LuaString.valueOf(byte[]): " + new String(j.evalBytes(jc, new byte[][]{all}, new byte[0][])));
        System.out.println("luaj Lua->Java via LuaString.copyInto / m_bytes: " + Arrays.equals(j.evalBytes(jm, new byte[][]{all}, new byte[0][]), all));
        System.out.println("luaj round trip via redis.call callback: " + Arrays.equals(j.evalBytes(je, new byte[][]{all}, new byte[0][]), all));
        LuaValue s = j.g.load(mk).call();
        System.out.println("luaj LuaValue.tojstring() (decodes UTF-8, lossy): length=" + s.tojstring().length());
    }

    static String hex(byte[] b, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(n, b.length); i++) sb.append(String.format("%02x ", b[i] & 0xff));
        return sb.toString().trim();
    }

    // ---------------------------------------------------------------- 4. runaway scripts
    static void interrupt() {
        String[][] scripts = {
            {"while true do end", "while true do end"},
            {"pcall-wrapped loop", "while true do pcall(function() while true do end end) end"},
            {"loop calling redis.call", "while true do redis.call('INCR', 'k') end"},
        };
        Engine[] es = {new LuajavaEngine(), new LuajEngine(false), new LuajEngine(false)};
        int[] modes = {1, 1, 2};
        for (int i = 0; i < es.length; i++) {
            Engine e = es[i];
            e.setHookMode(modes[i]);
            for (String[] s : scripts) {
                int h = e.load(s[1]);
                if (e instanceof LuajEngine) e.setHookMode(modes[i]); // LuaJ: rebuilds globals and recompiles
                long t0 = System.nanoTime();
                e.setDeadline(t0 + 200_000_000L);
                String res;
                try { e.evalLong(h, new byte[][]{"k".getBytes()}, new byte[0][]); res = "returned?!"; }
                catch (Throwable t) { res = t.getClass().getSimpleName() + ": " + t.getMessage(); }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                e.setDeadline(Long.MAX_VALUE);
                // state still usable afterwards?
                String after = e.evalDescribe("return 1 + 1");
                System.out.printf("%-18s hook%d %-26s stopped after %4d ms (limit 200): %s | state usable after: %s%n",
                        e.name(), modes[i], s[0], ms, res, after);
            }
        }
    }

    // ---------------------------------------------------------------- 6. state cost
    static long rssKb() throws Exception {
        for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")))
            if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("\\D", ""));
        return -1;
    }
    static long heapUsed() { for (int i = 0; i < 3; i++) System.gc(); Runtime r = Runtime.getRuntime(); return r.totalMemory() - r.freeMemory(); }

    static void state(String which) throws Exception {
        int N = 200;
        if (!which.equals("luaj")) {
            long t0 = System.nanoTime();
            Lua51 first = new Lua51();
            long t1 = System.nanoTime();
            System.out.printf("luajava: first new Lua51() incl. native library extraction+load: %.1f ms%n", (t1 - t0) / 1e6);
            first.close();
            List<Lua51> list = new ArrayList<>();
            long rss0 = rssKb(), h0 = heapUsed();
            t0 = System.nanoTime();
            for (int i = 0; i < N; i++) {
                Lua51 l = new Lua51(); l.openLibraries();
                l.push((JFunction) x -> 0); l.setGlobal("cb");
                list.add(l);
            }
            t1 = System.nanoTime();
            long rss1 = rssKb(), h1 = heapUsed();
            Lua51Natives C = (Lua51Natives) list.get(0).getLuaNatives();
            int kb = C.lua_gc(list.get(0).getPointer(), 3 /*LUA_GCCOUNT*/, 0);
            System.out.printf("luajava: %d states (new Lua51 + openLibraries + 1 JFunction): %.1f us/state, RSS +%.1f KB/state, Java heap +%.1f KB/state, lua_gc(COUNT)=%d KB%n",
                    N, (t1 - t0) / 1e3 / N, (rss1 - rss0) / (double) N, (h1 - h0) / 1024.0 / N, kb);
            for (Lua51 l : list) l.close();
        }
        if (!which.equals("luajava")) {
            long t0 = System.nanoTime();
            Globals g0 = JsePlatform.standardGlobals();
            System.out.printf("luaj: first standardGlobals() (class loading): %.1f ms%n", (System.nanoTime() - t0) / 1e6);
            List<Globals> list = new ArrayList<>();
            long rss0 = rssKb(), h0 = heapUsed();
            t0 = System.nanoTime();
            for (int i = 0; i < N; i++) list.add(JsePlatform.standardGlobals());
            long t1 = System.nanoTime();
            long rss1 = rssKb(), h1 = heapUsed();
            System.out.printf("luaj: %d Globals (standardGlobals): %.1f us/state, Java heap +%.1f KB/state (RSS +%.1f KB/state, noisy)%n",
                    N, (t1 - t0) / 1e3 / N, (h1 - h0) / 1024.0 / N, (rss1 - rss0) / (double) N);
            if (list.size() < 0) System.out.println(g0);
        }
    }

    // ---------------------------------------------------------------- 6b. cross-thread use
    static void thread() throws Exception {
        ExecutorService a = Executors.newSingleThreadExecutor(), b = Executors.newSingleThreadExecutor();
        LuajavaEngine e = a.submit(LuajavaEngine::new).get();
        int h = a.submit(() -> e.load("local r = redis.call('GET', KEYS[1]); return r")).get();
        byte[][] k = {"key".getBytes()};
        int okA = a.submit(() -> e.evalBytes(h, k, new byte[0][]).length).get();
        System.out.println("luajava: created+used on thread A: reply len " + okA);
        Future<Integer> fb = b.submit(() -> e.evalBytes(h, k, new byte[0][]).length);
        System.out.println("luajava: same lua_State used on thread B (callback into Java from B): reply len " + fb.get());
        // alternate many times
        for (int i = 0; i < 2000; i++) (i % 2 == 0 ? a : b).submit(() -> e.evalBytes(h, k, new byte[0][])).get();
        System.out.println("luajava: 2000 alternating A/B calls OK");
        b.submit(e::close).get();
        System.out.println("luajava: closed from thread B OK");
        a.shutdown(); b.shutdown();
    }
}
