package io.ringstore.engine.command;

import io.ringstore.engine.RequestEvent;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The script running now, as the I/O threads see it: Redis's {@code curr_run_ctx} for -BUSY,
 * SCRIPT KILL, FUNCTION KILL and SHUTDOWN NOSAVE. Scripts run on one thread at a time (the only
 * shard, or shard 0 at a barrier), which calls {@link #begin}, {@link #write}, {@link #stopped}
 * and {@link #end}; I/O threads call {@link #busyNanos}, {@link #kill} and {@link #abort}.
 * <p>
 * The state is one word, {@code run << 3 | phase}. A kill lands on the run it inspected or on none
 * (a compare-and-set on the word), and a script's first write races a kill through the same word:
 * a script that has written is never killed (UNKILLABLE), and a killed script never writes after
 * the kill (its next write, its next instruction-budget check, or its end stops it). So a killed
 * script has changed nothing, and journal replay may skip it (the kill is journaled as a marker
 * naming the script's sequence, see {@link RequestEvent#killSeq}). SHUTDOWN NOSAVE aborts even a
 * script that wrote; the process exits and replay skips the script too, as Redis never persists a
 * script it did not finish.
 */
public final class BusyScript {
    static final int IDLE = 0;
    static final int CLEAN = 1;
    static final int DIRTY = 2;
    static final int KILLED = 3;
    static final int ABORTED = 4;

    /** {@link #kill} outcomes. */
    public static final int KILL_OK = 0;
    public static final int NOT_BUSY = 1;
    public static final int UNKILLABLE = 2;
    /** SCRIPT KILL while a function runs, or FUNCTION KILL while an EVAL runs: -BUSY naming the other. */
    public static final int WRONG_KIND = 3;

    private final AtomicLong word = new AtomicLong();
    private volatile long sinceNanos;
    private volatile long seq;
    private volatile int index;
    private volatile boolean eval;
    /** Runs begun; the script thread's. */
    private long runs;

    // ---- the thread running scripts

    /**
     * A script starts: {@code seq} is its ring sequence (EXEC's for a script queued in MULTI, with
     * {@code index} its place in the queue; -1 outside MULTI), {@code eval} false for FCALL.
     */
    public void begin(long seq, int index, boolean eval) {
        this.seq = seq;
        this.index = index;
        this.eval = eval;
        this.sinceNanos = System.nanoTime();
        runs++;
        word.set(runs << 3 | CLEAN); // publishes the fields above to whoever reads the word
    }

    /**
     * Before each write command the script runs (Redis's SCRIPT_WRITE_DIRTY): true when it may
     * write, false when a kill or an abort came first (the script must stop).
     */
    public boolean write() {
        long w = word.get();
        int phase = (int) (w & 7);
        if (phase == DIRTY) {
            return true;
        }
        // Only this thread sets DIRTY: a failed compare-and-set means a kill or an abort won.
        return phase == CLEAN && word.compareAndSet(w, (w & ~7L) | DIRTY);
    }

    /** Whether the running script was killed or aborted (it must stop at once). */
    public boolean stopped() {
        return (word.get() & 7) >= KILLED;
    }

    /**
     * The script ended (normally, with an error, or stopped). Returns how: {@link #STOPPED_BY_KILL}
     * or {@link #STOPPED_BY_ABORT} when a kill or an abort landed before its end (even if the script
     * finished first: the kill's marker is journaled either way, so it counts as stopped), else 0.
     */
    public int end() {
        long w = word.getAndSet(runs << 3 | IDLE);
        int phase = (int) (w & 7);
        return phase == KILLED ? STOPPED_BY_KILL : phase == ABORTED ? STOPPED_BY_ABORT : 0;
    }

    public static final int STOPPED_BY_KILL = 1;
    public static final int STOPPED_BY_ABORT = 2;

    // ---- I/O threads

    /** Whether a script runs now (one volatile read; no clock). */
    public boolean running() {
        return (word.get() & 7) != IDLE;
    }

    /** How long the running script has run, or -1 when none runs (one volatile read when idle). */
    public long busyNanos() {
        long w = word.get();
        if ((w & 7) == IDLE) {
            return -1;
        }
        return Math.max(0, System.nanoTime() - sinceNanos);
    }

    /** Whether the running (or last) script is an EVAL rather than a function. */
    public boolean isEval() {
        return eval;
    }

    /**
     * SCRIPT KILL ({@code byEval}) or FUNCTION KILL: one of the outcomes above. On KILL_OK the
     * script's sequence and queue index are written to {@code e} so the journal records the kill.
     */
    public int kill(boolean byEval, RequestEvent e) {
        while (true) {
            long w = word.get();
            int phase = (int) (w & 7);
            if (phase == IDLE || phase >= KILLED) {
                return NOT_BUSY;
            }
            long s = seq;
            int i = index;
            boolean isEval = eval;
            if (phase == DIRTY) {
                return UNKILLABLE;
            }
            if (isEval != byEval) {
                return WRONG_KIND;
            }
            if (word.compareAndSet(w, (w & ~7L) | KILLED)) {
                e.killSeq = s;
                e.killIndex = i;
                return KILL_OK;
            }
        }
    }

    /**
     * SHUTDOWN NOSAVE while a script runs: stops it whether or not it wrote. Returns false when no
     * script runs; else writes its sequence and index to {@code e} (the journal's marker).
     */
    public boolean abort(RequestEvent e) {
        while (true) {
            long w = word.get();
            int phase = (int) (w & 7);
            if (phase == IDLE) {
                return false;
            }
            long s = seq;
            int i = index;
            if (word.compareAndSet(w, (w & ~7L) | ABORTED)) {
                e.killSeq = s;
                e.killIndex = i;
                return true;
            }
        }
    }
}
