package io.ringstore.engine.script;

import org.luaj.vm2.LuaFunction;

/**
 * One compiled EVAL script: its SHA1 (lower-case hex, the name in error texts), the flags of its
 * shebang ({@link ScriptFlags}; {@link ScriptFlags#EVAL_COMPAT_MODE} when it has none) and the
 * LuaJ function. Immutable; belongs to the {@link LuaRuntime} that compiled it.
 */
public final class EvalScript {
    private final String sha;
    private final int flags;
    final LuaFunction function;

    EvalScript(String sha, int flags, LuaFunction function) {
        this.sha = sha;
        this.flags = flags;
        this.function = function;
    }

    public String sha() {
        return sha;
    }

    public int flags() {
        return flags;
    }
}
