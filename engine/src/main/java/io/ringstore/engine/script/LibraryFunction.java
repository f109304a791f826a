package io.ringstore.engine.script;

import org.luaj.vm2.LuaValue;

/**
 * One function registered by a library (redis.register_function): name, flags
 * ({@link ScriptFlags}), description (null when none) and the Lua callback. Immutable; belongs to
 * the {@link LuaRuntime} that loaded it.
 */
public final class LibraryFunction {
    private final String name;
    private final int flags;
    private final String description;
    final LuaValue callback;

    LibraryFunction(String name, int flags, String description, LuaValue callback) {
        this.name = name;
        this.flags = flags;
        this.description = description;
        this.callback = callback;
    }

    public String name() {
        return name;
    }

    public int flags() {
        return flags;
    }

    public String description() {
        return description;
    }
}
