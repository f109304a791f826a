package io.ringstore.engine.script;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * The KEYS / ARGV table reused from one EVAL to the next. The runtime fills it through
 * {@link #fill}; any write by the script marks it {@link #dirty}, and a dirty table is replaced
 * before the next run, so a script never sees what an earlier one left. Runtime's thread.
 */
final class ArgTable extends LuaTable {
    boolean dirty;
    private int filled;

    void fill(int i, LuaValue v) {
        super.rawset(i, v);
    }

    /** Clears the entries after {@code n} left by a longer previous fill. */
    void trim(int n) {
        for (int i = n + 1; i <= filled; i++) {
            super.rawset(i, LuaValue.NIL);
        }
        filled = n;
    }

    @Override
    public void set(int key, LuaValue value) {
        dirty = true;
        super.set(key, value);
    }

    @Override
    public void set(LuaValue key, LuaValue value) {
        dirty = true;
        super.set(key, value);
    }

    @Override
    public void rawset(int key, LuaValue value) {
        dirty = true;
        super.rawset(key, value);
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        dirty = true;
        super.rawset(key, value);
    }

    @Override
    public void insert(int pos, LuaValue value) {
        dirty = true;
        super.insert(pos, value);
    }

    @Override
    public LuaValue remove(int pos) {
        dirty = true;
        return super.remove(pos);
    }

    @Override
    public void sort(LuaValue comparator) {
        dirty = true;
        super.sort(comparator);
    }

    @Override
    public LuaValue setmetatable(LuaValue metatable) {
        dirty = true;
        return super.setmetatable(metatable);
    }
}
