package io.ringstore.engine.family.shared;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Errors;

/**
 * Turns a relative or absolute expiry argument into an absolute deadline in ms, with Redis's
 * validation and its error text ("invalid expire time in 'set' command"). Deadlines are computed
 * from the event's ingress time, so the journal can record them absolutely (invariant 3).
 */
public final class ExpireArgs {
    public static final int UNIT_SECONDS = 0;
    public static final int UNIT_MS = 1;

    private ExpireArgs() {
    }

    /**
     * Parses argument i as an expiry in {@code unit}, relative to now unless {@code absolute}.
     * Returns the deadline, or Long.MIN_VALUE after replying with the error. Zero and negative
     * values are rejected, as SET/GETEX/SETEX do.
     */
    public static long deadline(CommandContext c, int i, int unit, boolean absolute, String command) {
        if (!c.parseLong(i)) {
            c.reply.error(Errors.NOT_INTEGER);
            return Long.MIN_VALUE;
        }
        long v = c.num;
        if (v <= 0 || (unit == UNIT_SECONDS && v > Long.MAX_VALUE / 1000)) {
            c.reply.error(invalid(command));
            return Long.MIN_VALUE;
        }
        long ms = unit == UNIT_SECONDS ? v * 1000 : v;
        if (!absolute) {
            if (ms > Long.MAX_VALUE - c.now) {
                c.reply.error(invalid(command));
                return Long.MIN_VALUE;
            }
            ms += c.now;
        }
        return ms;
    }

    public static String invalid(String command) {
        return "ERR invalid expire time in '" + command + "' command";
    }
}
