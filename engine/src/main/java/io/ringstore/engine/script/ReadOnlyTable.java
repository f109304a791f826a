package io.ringstore.engine.script;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaValue;

/**
 * A Lua table that scripts cannot change once {@link #lock()}ed: Redis 7.0.15 makes the globals,
 * every table reachable from them and their metatables read-only (lua_enablereadonlytable), so a
 * write raises "Attempt to modify a readonly table". The runtime itself still writes through
 * {@link #put} (KEYS and ARGV per call). It is a LuaJ {@link Globals} so that, built with
 * {@link #ReadOnlyTable(Globals)}, it can be a sandbox's global table (EVAL's, and the empty one of
 * function libraries): LuaJ installs its debug hooks only in functions whose environment is a
 * Globals (LuaClosure.globals), and that one shares the runtime's compiler, debug hook and thread.
 * Owned by the runtime's thread.
 */
final class ReadOnlyTable extends Globals {
    static final String READONLY = "Attempt to modify a readonly table";

    private boolean locked;

    /** A plain read-only table. */
    ReadOnlyTable() {
    }

    /** A sandbox environment sharing {@code main}'s compiler, loader, debug hook and thread. */
    ReadOnlyTable(Globals main) {
        this.debuglib = main.debuglib;
        this.compiler = main.compiler;
        this.loader = main.loader;
        this.undumper = main.undumper;
        this.baselib = main.baselib;
        this.running = main.running;
        this.finder = main.finder;
    }

    /** From now on scripts cannot change it (Sandbox.lockAll). */
    void lock() {
        locked = true;
    }

    /** A write by the runtime itself (KEYS, ARGV, metatables), allowed when locked. */
    void put(LuaValue key, LuaValue value) {
        super.rawset(key, value);
    }

    /** A write by the VM (t.x = v) carries the script position; one by a library function (rawset) does not. */
    private void check(boolean positioned) {
        if (locked) {
            throw new RaisedError(LuaValue.valueOf(READONLY), positioned);
        }
    }

    @Override
    public void set(int key, LuaValue value) {
        check(true);
        super.set(key, value);
    }

    @Override
    public void set(LuaValue key, LuaValue value) {
        check(true);
        super.set(key, value);
    }

    @Override
    public void rawset(int key, LuaValue value) {
        check(false);
        super.rawset(key, value);
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        check(false);
        super.rawset(key, value);
    }

    @Override
    public void insert(int pos, LuaValue value) {
        check(false);
        super.insert(pos, value);
    }

    @Override
    public LuaValue remove(int pos) {
        check(false);
        return super.remove(pos);
    }

    @Override
    public void sort(LuaValue comparator) {
        check(false);
        super.sort(comparator);
    }

    @Override
    public LuaValue setmetatable(LuaValue metatable) {
        check(false);
        return super.setmetatable(metatable);
    }
}
