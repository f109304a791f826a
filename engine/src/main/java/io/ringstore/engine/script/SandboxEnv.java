package io.ringstore.engine.script;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaValue;

/**
 * The global table of a sandbox (EVAL's, and the empty one of function libraries), read-only like
 * {@link ReadOnlyTable}. It is a LuaJ {@link Globals} sharing the runtime's compiler, debug hook
 * and thread because LuaJ installs its debug hooks only in functions whose environment is a
 * Globals (LuaClosure.globals). Owned by the runtime's thread.
 */
final class SandboxEnv extends Globals implements Lockable {
    private static final String READONLY = ReadOnlyTable.READONLY;

    private boolean locked;

    SandboxEnv(Globals main) {
        this.debuglib = main.debuglib;
        this.compiler = main.compiler;
        this.loader = main.loader;
        this.undumper = main.undumper;
        this.baselib = main.baselib;
        this.running = main.running;
        this.finder = main.finder;
    }

    @Override
    public void lock() {
        locked = true;
    }

    @Override
    public void put(LuaValue key, LuaValue value) {
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
