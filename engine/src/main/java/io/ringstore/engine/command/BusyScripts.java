package io.ringstore.engine.command;

import io.ringstore.engine.RequestEvent;

/**
 * The scripts running now, one {@link BusyScript} per shard: with the default script-routing a
 * script runs only on shard 0 (alone, or at a barrier), with {@code script-routing keys} each shard
 * may run one of its own. The I/O threads ask here whether any runs (-BUSY, holding a connection's
 * next command), kill one (SCRIPT KILL, FUNCTION KILL) or stop all (SHUTDOWN NOSAVE); each shard's
 * script runner uses its own entry. Immutable array of thread-safe entries; any thread.
 */
public final class BusyScripts {
    private final BusyScript[] byShard;

    public BusyScripts(int shards) {
        byShard = new BusyScript[shards];
        for (int i = 0; i < shards; i++) {
            byShard[i] = new BusyScript();
        }
    }

    /** The entry the script runner of {@code shard} updates. */
    public BusyScript of(int shard) {
        return byShard[shard];
    }

    /** Whether a script runs on any shard (one volatile read per shard; no clock). */
    public boolean running() {
        for (BusyScript b : byShard) {
            if (b.running()) {
                return true;
            }
        }
        return false;
    }

    /** How long the longest-running script has run, or -1 when none runs. */
    public long busyNanos() {
        long max = -1;
        for (BusyScript b : byShard) {
            max = Math.max(max, b.busyNanos());
        }
        return max;
    }

    /** Whether the longest-running script is an EVAL (else a function): which -BUSY text applies. */
    public boolean isEval() {
        long max = -1;
        boolean eval = true;
        for (BusyScript b : byShard) {
            long n = b.busyNanos();
            if (n > max) {
                max = n;
                eval = b.isEval();
            }
        }
        return eval;
    }

    /**
     * SCRIPT KILL ({@code byEval}) or FUNCTION KILL: stops the first script of that kind that has
     * not written (KILL_OK, its sequence written to {@code e}); else UNKILLABLE when one has
     * written, WRONG_KIND when only the other kind runs, NOT_BUSY when none runs.
     */
    public int kill(boolean byEval, RequestEvent e) {
        int outcome = BusyScript.NOT_BUSY;
        for (BusyScript b : byShard) {
            int o = b.kill(byEval, e);
            if (o == BusyScript.KILL_OK) {
                return o;
            }
            if (o == BusyScript.UNKILLABLE || (o == BusyScript.WRONG_KIND && outcome == BusyScript.NOT_BUSY)) {
                outcome = o;
            }
        }
        return outcome;
    }

    /**
     * SHUTDOWN NOSAVE: stops every running script, written or not; their sequences go to {@code e}
     * ({@link RequestEvent#killSeq}, then {@link RequestEvent#moreKills}) for the journal's marker.
     * Returns how many it stopped.
     */
    public int abortAll(RequestEvent e) {
        int n = 0;
        RequestEvent one = new RequestEvent(); // rare path: SHUTDOWN NOSAVE while busy
        for (BusyScript b : byShard) {
            if (!b.abort(one)) {
                continue;
            }
            if (n == 0) {
                e.killSeq = one.killSeq;
                e.killIndex = one.killIndex;
            } else {
                long[] more = e.moreKills == null ? new long[0] : e.moreKills;
                more = java.util.Arrays.copyOf(more, more.length + 2);
                more[more.length - 2] = one.killSeq;
                more[more.length - 1] = one.killIndex;
                e.moreKills = more;
            }
            n++;
        }
        return n;
    }
}
