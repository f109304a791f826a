package io.ringstore.engine.script;

import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * The runaway-script check, in place of LuaJ's debug library: LuaJ calls
 * {@link #onInstruction} before every VM instruction once a DebugLib is installed, and this one
 * only counts down and calls {@link ScriptHost#busy()} every {@code period} instructions (Redis
 * sets a count hook of 100000). It keeps the stack of running Lua functions and the current pc,
 * so a killed script reports its line, and answers {@link #traceback} with "" so a LuaJ error
 * never pays for building a traceback. The {@code debug} table it would install is removed from
 * the sandbox (as Redis nils it). Owned by the runtime's thread.
 */
final class InstructionBudget extends DebugLib {
    private final int period;
    private int countdown;
    private ScriptHost host;
    private LuaClosure[] frames = new LuaClosure[64];
    private int depth;
    private int pc;
    private LuaClosure lastReturned;
    private int lastReturnedPc;
    /** Where the last kill happened (the stack is unwound by the time the runtime catches it). */
    String killedSource;
    int killedLine;

    InstructionBudget(int period) {
        this.period = period;
        this.countdown = period;
    }

    /** Arms the budget for a run; {@code host} null disarms. */
    void start(ScriptHost host) {
        this.host = host;
        this.countdown = period;
        this.depth = 0;
        this.lastReturned = null;
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        this.pc = pc;
        if (--countdown == 0) {
            countdown = period;
            ScriptHost h = host;
            if (h != null) {
                try {
                    h.busy();
                } catch (ScriptKilled k) {
                    killedSource = source();
                    killedLine = line();
                    throw k;
                }
            }
        }
    }

    @Override
    public void onCall(LuaFunction f) {
    }

    @Override
    public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) {
        if (depth == frames.length) {
            frames = java.util.Arrays.copyOf(frames, depth * 2);
        }
        frames[depth++] = c;
    }

    @Override
    public void onReturn() {
        if (depth > 0) {
            lastReturned = frames[--depth];
            lastReturnedPc = pc;
            frames[depth] = null;
        }
    }

    /**
     * Where the last Lua function to return stopped: the position of an error raised by a Java
     * function it tail-called ({@code return redis.call(...)}), which LuaJ runs after the caller
     * has returned, so the error carries no position of its own.
     */
    String lastSource() {
        return lastReturned == null ? null : lastReturned.p.source.tojstring();
    }

    int lastLine() {
        int[] lines = lastReturned == null ? null : lastReturned.p.lineinfo;
        return lines != null && lastReturnedPc >= 0 && lastReturnedPc < lines.length ? lines[lastReturnedPc] : -1;
    }

    @Override
    public String traceback(int level) {
        return "";
    }

    /** The source of the running Lua function ("@user_script"), or null. */
    String source() {
        return depth == 0 ? null : frames[depth - 1].p.source.tojstring();
    }

    /** The line being executed in the running Lua function, or -1. */
    int line() {
        if (depth == 0) {
            return -1;
        }
        int[] lines = frames[depth - 1].p.lineinfo;
        return lines != null && pc >= 0 && pc < lines.length ? lines[pc] : -1;
    }
}
