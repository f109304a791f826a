package io.ringstore.engine.script;

import org.luaj.vm2.LuaValue;

/** A table the sandbox makes read-only once built ({@link ReadOnlyTable}, {@link SandboxEnv}). */
interface Lockable {
    void lock();

    /** A write by the runtime, ignoring the lock. */
    void put(LuaValue key, LuaValue value);
}
