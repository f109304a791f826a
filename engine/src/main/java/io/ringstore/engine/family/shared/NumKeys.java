package io.ringstore.engine.family.shared;

import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.command.Args;

/**
 * The key finder of commands with a {@code numkeys key...} argument pair (Redis's
 * genericGetKeys): LMPOP, ZMPOP, SINTERCARD, ZUNION/ZINTER/ZDIFF/ZINTERCARD (numkeys at 1),
 * BLMPOP, BZMPOP and the Z*STORE inputs (numkeys at 2). Runs on an I/O thread: parses the digits
 * in place, no allocation. Stateless.
 */
public final class NumKeys {
    private NumKeys() {
    }

    /**
     * Adds the key positions after the numkeys argument at {@code at}: none when numkeys is not a
     * positive integer or names more keys than there are arguments (the handler then replies the
     * error).
     */
    public static void add(RequestEvent e, int at) {
        Args a = e.args;
        int len = a.len(at);
        if (len < 1 || len > 9) {
            return;
        }
        byte[] buf = a.buf();
        int off = a.off(at);
        int n = 0;
        for (int i = 0; i < len; i++) {
            int d = buf[off + i] - '0';
            if (d < 0 || d > 9) {
                return;
            }
            n = n * 10 + d;
        }
        if (n < 1 || n > a.count() - at - 1) {
            return;
        }
        for (int i = at + 1; i <= at + n; i++) {
            e.addKeyPos(i);
        }
    }

    /** LMPOP, ZMPOP, SINTERCARD, ZUNION, ZINTER, ZDIFF, ZINTERCARD: numkeys key... */
    public static void atOne(RequestEvent e) {
        add(e, 1);
    }

    /** BLMPOP, BZMPOP: timeout numkeys key... */
    public static void atTwo(RequestEvent e) {
        add(e, 2);
    }
}
