package io.ringstore.engine.script;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the functions a library registers while FUNCTION LOAD runs its body: the positional
 * form {@code redis.register_function(name, callback)} and the table form with
 * {@code function_name}, {@code callback}, {@code flags}, {@code description}, with the error texts
 * of Redis 7.0's function_lua.c and functions.c. One per load; runtime's thread.
 */
final class FunctionLoader {
    final ScriptHost host;
    final List<LibraryFunction> functions = new ArrayList<>();

    FunctionLoader(ScriptHost host) {
        this.host = host;
    }

    void register(Varargs a) {
        int argc = a.narg();
        if (argc < 1 || argc > 2) {
            throw LuaErrors.table("wrong number of arguments to redis.register_function");
        }
        String name;
        String desc = null;
        LuaValue callback = null;
        int flags = 0;
        if (argc == 1) {
            if (!a.arg1().istable()) {
                throw LuaErrors.table("calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).");
            }
            LuaTable t = (LuaTable) a.arg1();
            name = null;
            LuaValue k = LuaValue.NIL;
            while (true) {
                Varargs e = t.next(k);
                k = e.arg1();
                if (k.isnil()) {
                    break;
                }
                LuaValue v = e.arg(2);
                if (!k.isstring()) {
                    throw LuaErrors.table("named argument key given to redis.register_function is not a string");
                }
                String key = Sandbox.tostring(k).tojstring();
                if (key.equalsIgnoreCase("function_name")) {
                    if (!v.isstring()) {
                        throw LuaErrors.table("function_name argument given to redis.register_function must be a string");
                    }
                    name = str(v);
                } else if (key.equalsIgnoreCase("description")) {
                    if (!v.isstring()) {
                        throw LuaErrors.table("description argument given to redis.register_function must be a string");
                    }
                    desc = str(v);
                } else if (key.equalsIgnoreCase("callback")) {
                    if (!v.isfunction()) {
                        throw LuaErrors.table("callback argument given to redis.register_function must be a function");
                    }
                    callback = v;
                } else if (key.equalsIgnoreCase("flags")) {
                    if (!v.istable()) {
                        throw LuaErrors.table("flags argument to redis.register_function must be a table representing function flags");
                    }
                    flags = readFlags((LuaTable) v);
                } else {
                    throw LuaErrors.table("unknown argument given to redis.register_function");
                }
            }
            if (name == null) {
                throw LuaErrors.table("redis.register_function must get a function name argument");
            }
            if (callback == null) {
                throw LuaErrors.table("redis.register_function must get a callback argument");
            }
        } else {
            if (!a.arg1().isstring()) {
                throw LuaErrors.table("first argument to redis.register_function must be a string");
            }
            if (!a.arg(2).isfunction()) {
                throw LuaErrors.table("second argument to redis.register_function must be a function");
            }
            name = str(a.arg1());
            callback = a.arg(2);
        }
        if (!Shebang.validName(name)) {
            throw LuaErrors.table("Library names can only contain letters, numbers, or underscores(_) and must be at least one character long");
        }
        for (LibraryFunction f : functions) {
            if (f.name().equals(name)) {
                throw LuaErrors.table("Function already exists in the library");
            }
        }
        functions.add(new LibraryFunction(name, flags, desc, callback));
    }

    private static int readFlags(LuaTable t) {
        int flags = 0;
        for (int j = 1; ; j++) {
            LuaValue v = t.get(j);
            if (v.isnil()) {
                return flags;
            }
            if (!v.isstring()) {
                throw LuaErrors.table("unknown flag given");
            }
            int bit = ScriptFlags.bit(str(v), true);
            if (bit == 0) {
                throw LuaErrors.table("unknown flag given");
            }
            flags |= bit;
        }
    }

    private static String str(LuaValue v) {
        LuaString s = Sandbox.tostring(v);
        return LuaErrors.latin1(s);
    }
}
