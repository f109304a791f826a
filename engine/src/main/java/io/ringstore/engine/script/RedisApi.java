package io.ringstore.engine.script;

import io.ringstore.engine.command.Args;
import io.ringstore.engine.reply.ReplyBuffer;
import io.ringstore.engine.util.Numbers;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The {@code redis} table of scripts (script_lua.c luaRegisterRedisAPI, eval.c's debug helpers)
 * and the state of the current run it needs: the host, the protocol set by redis.setresp and the
 * replication flags set by redis.set_repl. redis.call converts its Lua arguments into one reusable
 * {@link Args} (numbers as {@code %.17g}, as Redis does) and the host's reply, written into one
 * reusable {@link ReplyBuffer}, back into Lua ({@link RespToLua}). Owned by the runtime's thread.
 */
final class RedisApi {
    static final int REPL_NONE = 0;
    static final int REPL_AOF = 1;
    static final int REPL_REPLICA = 2;
    static final int REPL_ALL = 3;

    private final Args callArgs = new Args();
    private final ReplyBuffer callReply = new ReplyBuffer();
    private final RespToLua respToLua = new RespToLua();
    private final RedisRand rand;

    ScriptHost host;
    int resp = 2;
    int replFlags = REPL_ALL;
    /** Set while FUNCTION LOAD runs the library body. */
    FunctionLoader loading;

    RedisApi(RedisRand rand) {
        this.rand = rand;
    }

    void begin(ScriptHost host) {
        this.host = host;
        this.resp = 2;
        this.replFlags = REPL_ALL;
    }

    void end() {
        this.host = null;
    }

    /** The {@code redis} table for EVAL ({@code forEval}) or for functions. */
    LuaTable table(boolean forEval) {
        LuaTable r = new ReadOnlyTable();
        r.rawset("call", fn("call", a -> call(a, true)));
        r.rawset("pcall", fn("pcall", a -> call(a, false)));
        addLog(r);
        addVersion(r);
        r.rawset("setresp", fn("setresp", this::setresp));
        r.rawset("sha1hex", fn("sha1hex", RedisApi::sha1hex));
        r.rawset("error_reply", fn("error_reply", RedisApi::errorReply));
        r.rawset("status_reply", fn("status_reply", RedisApi::statusReply));
        r.rawset("set_repl", fn("set_repl", this::setRepl));
        r.rawset("REPL_NONE", LuaValue.valueOf(REPL_NONE));
        r.rawset("REPL_AOF", LuaValue.valueOf(REPL_AOF));
        r.rawset("REPL_SLAVE", LuaValue.valueOf(REPL_REPLICA));
        r.rawset("REPL_REPLICA", LuaValue.valueOf(REPL_REPLICA));
        r.rawset("REPL_ALL", LuaValue.valueOf(REPL_ALL));
        r.rawset("acl_check_cmd", fn("acl_check_cmd", this::aclCheckCmd));
        if (forEval) {
            r.rawset("breakpoint", fn("breakpoint", a -> LuaValue.FALSE));
            r.rawset("debug", fn("debug", a -> LuaValue.NONE));
            r.rawset("replicate_commands", fn("replicate_commands", a -> LuaValue.TRUE));
        }
        return r;
    }

    /** The {@code redis} table seen while FUNCTION LOAD runs a library body. */
    LuaTable loadTable() {
        LuaTable r = new ReadOnlyTable();
        r.rawset("register_function", fn("register_function", a -> {
            if (loading == null) {
                throw LuaErrors.table("redis.register_function can only be called on FUNCTION LOAD command");
            }
            loading.register(a);
            return LuaValue.NONE;
        }));
        addLog(r);
        addVersion(r);
        return r;
    }

    private void addLog(LuaTable r) {
        r.rawset("log", fn("log", this::log));
        r.rawset("LOG_DEBUG", LuaValue.valueOf(LuaRuntime.LOG_DEBUG));
        r.rawset("LOG_VERBOSE", LuaValue.valueOf(LuaRuntime.LOG_VERBOSE));
        r.rawset("LOG_NOTICE", LuaValue.valueOf(LuaRuntime.LOG_NOTICE));
        r.rawset("LOG_WARNING", LuaValue.valueOf(LuaRuntime.LOG_WARNING));
    }

    private static void addVersion(LuaTable r) {
        r.rawset("REDIS_VERSION_NUM", LuaValue.valueOf(LuaRuntime.REDIS_VERSION_NUM));
        r.rawset("REDIS_VERSION", LuaValue.valueOf(LuaRuntime.REDIS_VERSION));
    }

    interface Body {
        Varargs run(Varargs a);
    }

    static VarArgFunction fn(String name, Body body) {
        return new Named(name, body);
    }

    /** A Java function with a name (shown by LuaJ in argument errors). */
    private static final class Named extends VarArgFunction {
        private final Body body;

        Named(String name, Body body) {
            this.name = name;
            this.body = body;
        }

        @Override
        public Varargs invoke(Varargs a) {
            return body.run(a);
        }
    }

    /** luaRedisGenericCommand: redis.call ({@code raise}) and redis.pcall. */
    private Varargs call(Varargs a, boolean raise) {
        if (host == null) {
            throw LuaErrors.table("redis.call/pcall can only be called inside a script invocation");
        }
        int n = a.narg();
        if (n == 0) {
            return fail("Please specify at least one argument for this redis lib call", raise);
        }
        Args args = callArgs;
        args.reset();
        for (int i = 1; i <= n; i++) {
            LuaValue v = a.arg(i);
            int type = v.type();
            if (type == LuaValue.TNUMBER) {
                addNumber(args, v.todouble());
            } else if (type == LuaValue.TSTRING) {
                LuaString s = (LuaString) v;
                args.add(s.m_bytes, s.m_offset, s.m_length);
            } else {
                return fail("Lua redis lib command arguments must be strings or integers", raise);
            }
        }
        ReplyBuffer reply = callReply;
        reply.reset(resp);
        host.call(args, resp, reply);
        LuaValue v = respToLua.convert(reply.array(), reply.length());
        if (raise && reply.length() > 0 && reply.array()[0] == '-') {
            throw new RaisedError(v, false);
        }
        return v;
    }

    private static Varargs fail(String message, boolean raise) {
        RaisedError e = LuaErrors.table(message);
        if (raise) {
            throw e;
        }
        return e.value;
    }

    /** A number argument as {@code %.17g}; integral values are written without allocating. */
    private static void addNumber(Args args, double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e17 && !(d == 0 && 1 / d < 0)) {
            long l = (long) d;
            int at = args.add(Numbers.longLength(l));
            Numbers.writeLong(args.buf(), at, l);
            return;
        }
        args.add(NumberText.g(d, 17).getBytes(StandardCharsets.US_ASCII));
    }

    private Varargs log(Varargs a) {
        int argc = a.narg();
        if (argc < 2) {
            throw LuaErrors.table("redis.log() requires two arguments or more.");
        }
        LuaValue first = a.arg1();
        if (first.tonumber().isnil()) {
            throw LuaErrors.table("First argument must be a number (log level).");
        }
        int level = (int) first.todouble();
        if (level < LuaRuntime.LOG_DEBUG || level > LuaRuntime.LOG_WARNING) {
            throw LuaErrors.table("Invalid debug level.");
        }
        StringBuilder sb = new StringBuilder();
        boolean firstPart = true;
        for (int j = 2; j <= argc; j++) {
            LuaValue v = a.arg(j);
            if (v.type() == LuaValue.TSTRING || v.type() == LuaValue.TNUMBER) {
                if (j != 2) {
                    sb.append(' ');
                }
                sb.append(LuaErrors.latin1(Sandbox.tostring(v)));
                firstPart = false;
            }
        }
        if (host != null) {
            host.log(level, sb.toString());
        } else if (loading != null && loading.host != null) {
            loading.host.log(level, sb.toString());
        }
        return LuaValue.NONE;
    }

    private Varargs setresp(Varargs a) {
        if (host == null) {
            throw LuaErrors.table("redis.setresp can only be called inside a script invocation");
        }
        if (a.narg() != 1) {
            throw LuaErrors.table("redis.setresp() requires one argument.");
        }
        int r = (int) a.arg1().todouble();
        if (r != 2 && r != 3) {
            throw LuaErrors.table("RESP version must be 2 or 3.");
        }
        resp = r;
        return LuaValue.NONE;
    }

    private Varargs setRepl(Varargs a) {
        if (host == null) {
            throw LuaErrors.table("redis.set_repl can only be called inside a script invocation");
        }
        if (a.narg() != 1) {
            throw LuaErrors.table("redis.set_repl() requires two arguments.");
        }
        int flags = (int) a.arg1().todouble();
        if ((flags & ~REPL_ALL) != 0) {
            throw LuaErrors.table("Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.");
        }
        replFlags = flags;
        return LuaValue.NONE;
    }

    private Varargs aclCheckCmd(Varargs a) {
        if (host == null) {
            throw LuaErrors.table("redis.acl_check_cmd can only be called inside a script invocation");
        }
        int n = a.narg();
        if (n == 0) {
            throw LuaErrors.table("Please specify at least one argument for this redis lib call");
        }
        Args args = callArgs;
        args.reset();
        for (int i = 1; i <= n; i++) {
            LuaValue v = a.arg(i);
            if (v.type() == LuaValue.TNUMBER) {
                addNumber(args, v.todouble());
            } else if (v.type() == LuaValue.TSTRING) {
                LuaString s = (LuaString) v;
                args.add(s.m_bytes, s.m_offset, s.m_length);
            } else {
                throw LuaErrors.table("Lua redis lib command arguments must be strings or integers");
            }
        }
        int r = host.aclCheckCmd(args);
        if (r < 0) {
            throw LuaErrors.table("Invalid command passed to redis.acl_check_cmd()");
        }
        return LuaValue.valueOf(r > 0);
    }

    private static Varargs sha1hex(Varargs a) {
        if (a.narg() != 1) {
            throw LuaErrors.table("wrong number of arguments");
        }
        LuaValue v = a.arg1();
        byte[] data;
        if (v.type() == LuaValue.TSTRING || v.type() == LuaValue.TNUMBER) {
            LuaString s = Sandbox.tostring(v);
            data = new byte[s.m_length];
            s.copyInto(0, data, 0, data.length);
        } else {
            data = new byte[0];
        }
        return LuaValue.valueOf(sha1hex(data, 0, data.length));
    }

    static String sha1hex(byte[] b, int off, int len) {
        return io.ringstore.engine.util.Sha1.hex(b, off, len);
    }

    private static Varargs errorReply(Varargs a) {
        if (a.narg() != 1 || a.arg1().type() != LuaValue.TSTRING) {
            return RespToLua.errorTable("-ERR wrong number or type of arguments");
        }
        LuaString s = (LuaString) a.arg1();
        if (s.m_length > 0 && s.m_bytes[s.m_offset] == '-') {
            return RespToLua.errorTable(s.m_bytes, s.m_offset, s.m_length);
        }
        byte[] b = new byte[s.m_length + 1];
        b[0] = '-';
        s.copyInto(0, b, 1, s.m_length);
        return RespToLua.errorTable(b, 0, b.length);
    }

    private static Varargs statusReply(Varargs a) {
        if (a.narg() != 1 || a.arg1().type() != LuaValue.TSTRING) {
            return RespToLua.errorTable("-ERR wrong number or type of arguments");
        }
        LuaTable t = new LuaTable(0, 1);
        t.rawset(RespToLua.OK, a.arg1());
        return t;
    }

    /** math.random as Redis: its own lrand48, same arithmetic as Lua 5.1's math_random. */
    Varargs random(Varargs a) {
        if (host == null) {
            throw new RaisedError(LuaValue.valueOf("math.random can only be called inside a script invocation"), true);
        }
        double r = (double) (rand.next() % RedisRand.LRAND48_MAX) / (double) RedisRand.LRAND48_MAX;
        switch (a.narg()) {
            case 0:
                return LuaValue.valueOf(r);
            case 1: {
                int u = checkint(a, 1, "random");
                if (u < 1) {
                    throw new RaisedError(LuaValue.valueOf("bad argument #1 to 'random' (interval is empty)"), true);
                }
                return LuaValue.valueOf(Math.floor(r * u) + 1);
            }
            case 2: {
                int l = checkint(a, 1, "random");
                int u = checkint(a, 2, "random");
                if (l > u) {
                    throw new RaisedError(LuaValue.valueOf("bad argument #2 to 'random' (interval is empty)"), true);
                }
                return LuaValue.valueOf(Math.floor(r * ((double) u - l + 1)) + l);
            }
            default:
                throw new RaisedError(LuaValue.valueOf("wrong number of arguments"), true);
        }
    }

    Varargs randomseed(Varargs a) {
        if (host == null) {
            throw new RaisedError(LuaValue.valueOf("math.randomseed can only be called inside a script invocation"), true);
        }
        rand.seed(checkint(a, 1, "randomseed"));
        return LuaValue.NONE;
    }

    static int checkint(Varargs a, int i, String fname) {
        LuaValue n = a.arg(i).tonumber();
        if (n.isnil()) {
            throw new RaisedError(LuaValue.valueOf("bad argument #" + i + " to '" + fname + "' (number expected, got "
                    + (a.arg(i).isnil() ? "no value" : a.arg(i).typename()) + ")"), true);
        }
        return (int) n.todouble();
    }
}
