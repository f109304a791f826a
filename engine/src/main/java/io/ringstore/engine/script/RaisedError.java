package io.ringstore.engine.script;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * A Lua error raised by the runtime's own functions (error(), redis.call, the sandbox), carrying
 * the raised value as is. {@code positioned} says whether Lua 5.1 would prefix a string message
 * with the raising function's position ("user_script:3: "): error(msg) and luaL_error do,
 * error(msg, 0) and error tables do not. The prefix is added when the error is caught
 * ({@link LuaErrors}), once LuaJ has recorded where it happened. No stack trace (control flow).
 */
final class RaisedError extends LuaError {
    private static final long serialVersionUID = 1L;

    final LuaValue value;
    final boolean positioned;

    RaisedError(LuaValue value, boolean positioned) {
        super(value);
        this.value = value;
        this.positioned = positioned;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
