package io.ringstore.engine.script;

import io.ringstore.engine.reply.Errors;

/**
 * Thrown by {@link ScriptHost#busy()} to stop a running script (SCRIPT KILL, FUNCTION KILL, a
 * FUNCTION LOAD timeout, SHUTDOWN NOSAVE). An {@link Error}, so neither LuaJ's pcall (it catches
 * LuaError and Exception) nor the runtime's redis-style pcall can swallow it. The runtime catches
 * it at the top of the run and answers with {@link #errorText()} formatted as Redis formats a
 * script error; the runtime stays usable. Carries no stack trace (it is control flow).
 */
public final class ScriptKilled extends Error {
    private static final long serialVersionUID = 1L;
    /** Redis's text for SCRIPT KILL / FUNCTION KILL (script_lua.c luaMaskCountHook). */
    public static final String KILLED = Errors.SCRIPT_KILLED;
    /** Redis's text when FUNCTION LOAD runs past its time limit (function_lua.c). */
    public static final String LOAD_TIMEOUT = Errors.FUNCTION_LOAD_TIMEOUT;

    private final String errorText;

    /** @param errorText the error with its code, e.g. {@link #KILLED} */
    public ScriptKilled(String errorText) {
        super(errorText, null, false, false);
        this.errorText = errorText;
    }

    public String errorText() {
        return errorText;
    }
}
