package io.ringstore.bench.script;

import io.ringstore.engine.command.Args;
import io.ringstore.engine.reply.ReplyBuffer;
import io.ringstore.engine.script.EvalScript;
import io.ringstore.engine.script.LuaRuntime;
import io.ringstore.engine.script.ScriptHost;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JsePlatform;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * Warm-loop measurement of the script runtime (not JMH: a plain main, median of rounds, bytes per
 * operation from ThreadMXBean): EVALSHA of a cached one-key GET script and a 100-call loop through
 * {@link LuaRuntime} with a host answering from a constant, and the same two scripts on bare LuaJ
 * (standard globals, no debug hook, no sandbox) to show what the instruction hook and the Redis
 * layer cost. Run: see docs/scripting.md. Single thread.
 */
public final class ScriptBench {
    private static final byte[] VALUE = "$5\r\nvalue\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INT = ":1\r\n".getBytes(StandardCharsets.US_ASCII);

    private ScriptBench() {
    }

    /** A host answering GET with a bulk string and anything else with :1. */
    static final class ConstHost implements ScriptHost {
        @Override
        public void call(Args args, int resp, ReplyBuffer out) {
            out.raw(args.len(0) == 3 && (args.buf()[args.off(0)] | 0x20) == 'g' ? VALUE : INT);
        }

        @Override
        public void busy() {
        }

        @Override
        public void log(int level, String message) {
        }
    }

    interface Op {
        void run();
    }

    public static void main(String[] a) throws Exception {
        LuaRuntime rt = new LuaRuntime();
        ScriptHost host = new ConstHost();
        String get = "return redis.call('GET', KEYS[1])";
        String loop = "local n = 0 for i = 1, 100 do n = n + redis.call('INCR', KEYS[1]) end return n";
        EvalScript sGet = compile(rt, get);
        EvalScript sLoop = compile(rt, loop);
        Args args = new Args();
        args.add("EVALSHA".getBytes(StandardCharsets.US_ASCII));
        args.add(sGet.sha().getBytes(StandardCharsets.US_ASCII));
        args.add("1".getBytes(StandardCharsets.US_ASCII));
        args.add("user:1000".getBytes(StandardCharsets.US_ASCII));
        ReplyBuffer out = new ReplyBuffer();

        measure("ringstore evalsha get", 2_000_000, () -> {
            out.reset(2);
            rt.eval(sGet, args, 3, 1, host, out);
        });
        measure("ringstore loop100", 50_000, () -> {
            out.reset(2);
            rt.eval(sLoop, args, 3, 1, host, out);
        });

        Globals g = JsePlatform.standardGlobals();
        LuaTable redis = new LuaTable();
        redis.set("call", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs v) {
                LuaString c = v.checkstring(1);
                return (c.m_bytes[c.m_offset] | 0x20) == 'g' ? LuaString.valueOf(VALUE, 4, 5) : LuaValue.ONE;
            }
        });
        g.set("redis", redis);
        LuaValue bGet = g.load(get, "@user_script");
        LuaValue bLoop = g.load(loop, "@user_script");
        LuaString key = LuaString.valueOf("user:1000");
        measure("bare luaj get", 2_000_000, () -> {
            LuaTable k = new LuaTable(1, 0);
            k.rawset(1, key);
            g.rawset("KEYS", k);
            bGet.call();
        });
        measure("bare luaj loop100", 50_000, () -> {
            LuaTable k = new LuaTable(1, 0);
            k.rawset(1, key);
            g.rawset("KEYS", k);
            bLoop.call();
        });
    }

    private static EvalScript compile(LuaRuntime rt, String s) throws Exception {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return rt.compileEval(b, 0, b.length);
    }

    private static void measure(String name, int ops, Op op) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < ops; i++) {
            op.run();
        }
        double[] ns = new double[5];
        long bytes = 0;
        for (int r = 0; r < ns.length; r++) {
            long b0 = mx.getThreadAllocatedBytes(tid);
            long t0 = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                op.run();
            }
            ns[r] = (double) (System.nanoTime() - t0) / ops;
            bytes = (mx.getThreadAllocatedBytes(tid) - b0) / ops;
        }
        java.util.Arrays.sort(ns);
        System.out.printf("%-24s %10.1f ns/op %8d B/op%n", name, ns[2], bytes);
    }
}
