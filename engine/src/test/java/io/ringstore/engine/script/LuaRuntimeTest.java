package io.ringstore.engine.script;

import io.ringstore.engine.command.Args;
import io.ringstore.engine.reply.ReplyBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class LuaRuntimeTest {
    private final LuaRuntime rt = new LuaRuntime(1000);

    static String eval(LuaRuntime rt, String script, ScriptHost host, int resp, String... keysThenArgs) {
        byte[] body = script.getBytes(StandardCharsets.UTF_8);
        ReplyBuffer out = new ReplyBuffer();
        out.reset(resp);
        EvalScript s;
        try {
            s = rt.compileEval(body, 0, body.length);
        } catch (ScriptException e) {
            return "-" + e.getMessage() + "\r\n";
        }
        Args args = new Args();
        args.add("EVAL".getBytes(StandardCharsets.US_ASCII));
        args.add(body);
        int numKeys = keysThenArgs.length == 0 ? 0 : Integer.parseInt(keysThenArgs[0]);
        args.add(Integer.toString(numKeys).getBytes(StandardCharsets.US_ASCII));
        for (int i = 1; i < keysThenArgs.length; i++) {
            args.add(keysThenArgs[i].getBytes(StandardCharsets.UTF_8));
        }
        rt.eval(s, args, 3, numKeys, host, out);
        return out.toString();
    }

    private String eval(String script, String... ka) {
        return eval(rt, script, new FakeHost(), 2, ka);
    }

    private static String sha(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return LuaRuntime.sha1hex(b, 0, b.length);
    }

    @Test
    void shouldConvertLuaValuesToResp2() {
        assertEquals(":3\r\n", eval("return 3.99"));
        assertEquals(":-3\r\n", eval("return -3.99"));
        assertEquals("$2\r\nhi\r\n", eval("return 'hi'"));
        assertEquals(":1\r\n", eval("return true"));
        assertEquals("$-1\r\n", eval("return false"));
        assertEquals("$-1\r\n", eval("return nil"));
        assertEquals("*2\r\n:1\r\n:2\r\n", eval("return {1, 2, nil, 4}"));
        assertEquals("-MY err\r\n", eval("return {err='MY err'}"));
        assertEquals("+FINE\r\n", eval("return {ok='FINE'}"));
        assertEquals("$3\r\n3.5\r\n", eval("return {double=3.5}"));
        assertEquals(":-9223372036854775808\r\n", eval("return 1/0"));
        assertEquals("*2\r\n$1\r\na\r\n:1\r\n", eval("return {map={a=1}}"));
    }

    @Test
    void shouldConvertLuaValuesToResp3WhenTheScriptAsksForIt() {
        FakeHost h = new FakeHost();
        assertEquals("#t\r\n", eval(rt, "redis.setresp(3) return true", h, 3));
        assertEquals(":0\r\n", eval(rt, "redis.setresp(3) return false", h, 2));
        assertEquals("_\r\n", eval(rt, "return nil", h, 3));
        assertEquals("%1\r\n$1\r\na\r\n:1\r\n", eval(rt, "return {map={a=1}}", h, 3));
        assertEquals("~1\r\n$1\r\nx\r\n", eval(rt, "return {set={x=true}}", h, 3));
        assertEquals(",2.5\r\n", eval(rt, "return {double=2.5}", h, 3));
        assertEquals("(123\r\n", eval(rt, "return {big_number='123'}", h, 3));
        assertEquals("=9\r\ntxt:hello\r\n", eval(rt, "return {verbatim_string={format='txt', string='hello'}}", h, 3));
    }

    @Test
    void shouldConvertRepliesToLuaValues() {
        FakeHost h = new FakeHost();
        h.reply(":5\r\n");
        assertEquals("$6\r\nnumber\r\n", eval(rt, "return type(redis.call('incr', 'x'))", h, 2));
        h.reply("$-1\r\n");
        assertEquals("$7\r\nboolean\r\n", eval(rt, "return type(redis.call('get', 'x'))", h, 2));
        h.reply("+OK\r\n");
        assertEquals("$2\r\nOK\r\n", eval(rt, "return redis.call('set', 'x', 'y').ok", h, 2));
        h.reply("*3\r\n$1\r\na\r\n$-1\r\n:7\r\n");
        assertEquals("*3\r\n$1\r\na\r\n$-1\r\n:7\r\n", eval(rt, "return redis.call('x')", h, 2));
        h.reply("*3\r\n$1\r\na\r\n_\r\n:7\r\n");
        assertEquals("*1\r\n$1\r\na\r\n", eval(rt, "redis.setresp(3) return redis.call('x')", h, 2));
        h.reply("%1\r\n$1\r\nf\r\n$1\r\nv\r\n");
        assertEquals("$1\r\nv\r\n", eval(rt, "redis.setresp(3) return redis.call('hgetall', 'h').map.f", h, 2));
        h.reply("~1\r\n$1\r\nm\r\n");
        assertEquals(":1\r\n", eval(rt, "redis.setresp(3) return redis.call('smembers', 's').set.m", h, 2));
        h.reply(",1.5\r\n");
        assertEquals(":1\r\n", eval(rt, "redis.setresp(3) return redis.call('zscore', 'z', 'm').double", h, 2));
        h.reply("_\r\n");
        assertEquals("$3\r\nnil\r\n", eval(rt, "redis.setresp(3) return type(redis.call('get', 'x'))", h, 2));
        h.reply("#t\r\n");
        assertEquals("$7\r\nboolean\r\n", eval(rt, "redis.setresp(3) return type(redis.call('x'))", h, 2));
        h.reply("(12345678901234567890\r\n");
        assertEquals("$20\r\n12345678901234567890\r\n", eval(rt, "redis.setresp(3) return redis.call('x').big_number", h, 2));
        h.reply("=9\r\ntxt:hello\r\n");
        assertEquals("$5\r\nhello\r\n", eval(rt, "redis.setresp(3) return redis.call('x').verbatim_string.string", h, 2));
        h.reply("|1\r\n+a\r\n+b\r\n:4\r\n");
        assertEquals(":4\r\n", eval(rt, "redis.setresp(3) return redis.call('x')", h, 2));
    }

    @Test
    void shouldPassNumbersAsPercent17g() {
        FakeHost h = new FakeHost();
        eval(rt, "redis.call('set', 'k', 1/3, 10, 1.5, -0.1, 1e20)", h, 2);
        assertEquals("set k 0.33333333333333331 10 1.5 -0.10000000000000001 1e+20", h.commands.get(0));
    }

    @Test
    void shouldFormatErrorsAsRedis() {
        String s = "error('boom')";
        assertEquals("-ERR user_script:1: boom script: " + sha(s) + ", on @user_script:1.\r\n", eval(s));
        s = "\n\nerror('x', 0)";
        assertEquals("-ERR x script: " + sha(s) + ", on @user_script:3.\r\n", eval(s));
        s = "error({err='MY custom'})";
        assertEquals("-MY custom script: " + sha(s) + ", on @user_script:1.\r\n", eval(s));
        FakeHost h = new FakeHost().reply("-WRONGTYPE Operation against a key\r\n");
        s = "return redis.call('lpush', 's', 'a')";
        assertEquals("-WRONGTYPE Operation against a key script: " + sha(s) + ", on @user_script:1.\r\n", eval(rt, s, h, 2));
        h.reply("-WRONGTYPE Operation against a key\r\n");
        assertEquals("$33\r\nWRONGTYPE Operation against a key\r\n", eval(rt, "return redis.pcall('lpush', 's', 'a').err", h, 2));
        s = "return redis.call()";
        assertEquals("-ERR Please specify at least one argument for this redis lib call script: " + sha(s)
                + ", on @user_script:1.\r\n", eval(s));
        s = "return redis.call('get', {})";
        assertEquals("-ERR Lua redis lib command arguments must be strings or integers script: " + sha(s)
                + ", on @user_script:1.\r\n", eval(s));
        assertEquals("-ERR Error compiling script (new function): user_script:1: unexpected symbol near '<eof>'\r\n",
                eval("return 1 +"));
    }

    @Test
    void shouldProtectGlobals() {
        String s = "x = 1";
        assertEquals("-ERR user_script:1: Attempt to modify a readonly table script: " + sha(s) + ", on @user_script:1.\r\n", eval(s));
        s = "return y";
        assertEquals("-ERR user_script:1: Script attempted to access nonexistent global variable 'y' script: " + sha(s)
                + ", on @user_script:1.\r\n", eval(s));
        for (String g : new String[] {"os", "io", "require", "loadfile", "dofile", "print", "package", "debug"}) {
            assertTrue(eval("return " + g).contains("nonexistent global variable '" + g + "'"), g);
        }
        assertTrue(eval("string.len = nil").contains("Attempt to modify a readonly table"));
        assertEquals(":3\r\n", eval("return unpack({1, 2, 3}) + table.getn({1, 2}) + math.mod(7, 3) - 1"));
        assertEquals(":2\r\n", eval("return loadstring('return 1 + 1')()"));
        assertEquals("$7\r\nLua 5.1\r\n", eval("return _VERSION"));
        assertEquals("$16\r\n0.33333333333333\r\n", eval("return tostring(1/3)"));
    }

    @Test
    void shouldReuseKeysAndArgvWithoutLeaks() {
        assertEquals("*2\r\n$2\r\nk1\r\n$2\r\na1\r\n", eval("return {KEYS[1], ARGV[1]}", "1", "k1", "a1"));
        assertEquals("*0\r\n", eval("return KEYS"));
        eval("KEYS.extra = 1 return 1", "1", "k");
        assertEquals("$3\r\nnil\r\n", eval("return type(KEYS.extra)", "1", "k"));
    }

    @Test
    void shouldRunLibraries() {
        assertEquals("$13\r\n{\"a\":[1,2.5]}\r\n", eval("return cjson.encode({a={1, 2.5}})"));
        assertEquals("$1\r\nb\r\n", eval("return cjson.decode('{\"a\":\"b\"}').a"));
        assertEquals(":1\r\n", eval("return cjson.decode('null') == cjson.null and 1 or 0"));
        assertEquals("$4\r\n\u0093\u0001\u0002\u0003\r\n", eval("return cmsgpack.pack({1, 2, 3})"));
        assertEquals("*3\r\n:1\r\n$3\r\ntwo\r\n:3\r\n", eval("return {cmsgpack.unpack(cmsgpack.pack(1, 'two', 3))}"));
        assertEquals(":-1\r\n", eval("return bit.tobit(0xffffffff)"));
        assertEquals(":-2147483648\r\n", eval("return bit.lshift(1, 31)"));
        assertEquals("$8\r\n78563412\r\n", eval("return bit.tohex(bit.bswap(0x12345678))"));
        assertEquals("$4\r\n\u0000\u0000\u0000\u0001\r\n", eval("return struct.pack('>I4', 1)"));
        assertEquals("*2\r\n:305419896\r\n:5\r\n", eval("return {struct.unpack('>I4', struct.pack('>I4', 305419896))}"));
        assertEquals(":7\r\n", eval("return struct.size('>I4i2b')"));
    }

    @Test
    void shouldParseShebangFlags() throws Exception {
        byte[] b = "#!lua flags=no-writes,allow-oom\nreturn 1".getBytes(StandardCharsets.US_ASCII);
        assertEquals(ScriptFlags.NO_WRITES | ScriptFlags.ALLOW_OOM, rt.compileEval(b, 0, b.length).flags());
        byte[] none = "return 1".getBytes(StandardCharsets.US_ASCII);
        assertEquals(ScriptFlags.EVAL_COMPAT_MODE, rt.compileEval(none, 0, none.length).flags());
        assertEquals("-ERR Unexpected flag in script shebang: bogus\r\n", eval("#!lua flags=bogus\nreturn 1"));
        assertEquals("-ERR Unknown lua shebang option: x=1\r\n", eval("#!lua x=1\nreturn 1"));
        assertEquals("-ERR Unexpected engine in script shebang: #!luaa\r\n", eval("#!luaa\nreturn 1"));
    }

    @Test
    void shouldLoadAndCallFunctionLibraries() throws Exception {
        FakeHost h = new FakeHost();
        FunctionLibrary lib = rt.loadLibrary(("#!lua name=mylib\n"
                + "redis.register_function('f1', function(keys, args) return keys[1] .. args[1] end)\n"
                + "redis.register_function{function_name='f2', callback=function(keys, args) error('boom') end,"
                + " flags={'no-writes', 'allow-stale'}, description='d'}").getBytes(StandardCharsets.UTF_8), h);
        assertEquals("mylib", lib.name());
        assertEquals(2, lib.functions().size());
        assertEquals(ScriptFlags.NO_WRITES | ScriptFlags.ALLOW_STALE, lib.function("f2").flags());
        assertEquals("d", lib.function("f2").description());
        Args args = new Args();
        for (String s : new String[] {"FCALL", "f1", "1", "k", "a"}) {
            args.add(s.getBytes(StandardCharsets.UTF_8));
        }
        ReplyBuffer out = new ReplyBuffer();
        out.reset(2);
        rt.fcall(lib.function("f1"), args, 3, 1, h, out);
        assertEquals("$2\r\nka\r\n", out.toString());
        out.reset(2);
        rt.fcall(lib.function("f2"), args, 3, 1, h, out);
        assertEquals("-ERR user_function:3: boom script: f2, on @user_function:3.\r\n", out.toString());
        assertEquals("ERR Error registering functions: ERR user_function:2: Script attempted to access nonexistent global variable 'call'",
                assertThrows(ScriptException.class, () -> rt.loadLibrary("#!lua name=b\nreturn redis.call('get','x')".getBytes(StandardCharsets.UTF_8), h)).getMessage());
        assertEquals("ERR Error registering functions: ERR user_function:2: Attempt to modify a readonly table",
                assertThrows(ScriptException.class, () -> rt.loadLibrary("#!lua name=b\nx = 1".getBytes(StandardCharsets.UTF_8), h)).getMessage());
        assertEquals("ERR Missing library metadata",
                assertThrows(ScriptException.class, () -> rt.loadLibrary("return 1".getBytes(StandardCharsets.UTF_8), h)).getMessage());
        assertEquals("ERR No functions registered",
                assertThrows(ScriptException.class, () -> rt.loadLibrary("#!lua name=b\nlocal a = 1".getBytes(StandardCharsets.UTF_8), h)).getMessage());
        assertEquals("ERR Error registering functions: ERR unknown flag given",
                assertThrows(ScriptException.class, () -> rt.loadLibrary(("#!lua name=b\nredis.register_function{function_name='x',"
                        + " callback=function() end, flags={'bad'}}").getBytes(StandardCharsets.UTF_8), h)).getMessage());
        assertEquals("ERR Library name was not given",
                assertThrows(ScriptException.class, () -> rt.loadLibrary("#!lua\nreturn 1".getBytes(StandardCharsets.UTF_8), h)).getMessage());
    }

    @Test
    void shouldStopARunawayScriptThatPcallCannotCatch() {
        FakeHost h = new FakeHost();
        h.killAfterBusy = 3;
        String s = "while true do pcall(function() while true do end end) end";
        assertEquals("-ERR Script killed by user with SCRIPT KILL... script: " + sha(s) + ", on @user_script:1.\r\n",
                eval(rt, s, h, 2));
        assertTrue(h.busyCalls >= 4);
        assertEquals(":2\r\n", eval(rt, "return 1 + 1", new FakeHost(), 2));
    }

    @Test
    void shouldGiveRedisRandomSequence() {
        FakeHost h = new FakeHost();
        assertEquals(":397\r\n", eval(rt, "return math.random(1000)", h, 2));
        assertEquals(":841\r\n", eval(rt, "return math.random(1000)", h, 2));
        rt.random().setState(RedisRand.INITIAL);
        assertEquals(":397\r\n", eval(rt, "return math.random(1000)", h, 2));
    }

    @Test
    void shouldRaiseRedisLibArgumentErrors() {
        assertTrue(eval("redis.setresp(4)").startsWith("-ERR RESP version must be 2 or 3. script:"));
        assertTrue(eval("redis.log(99, 'x')").startsWith("-ERR Invalid debug level. script:"));
        assertTrue(eval("redis.set_repl(77)").startsWith("-ERR Invalid replication flags."));
        assertEquals("-ERR wrong number or type of arguments\r\n", eval("return redis.error_reply()"));
        FakeHost h = new FakeHost();
        eval(rt, "redis.log(redis.LOG_WARNING, 'hello', 5, {})", h, 2);
        assertEquals("3 hello 5", h.logs.get(0));
    }
}
