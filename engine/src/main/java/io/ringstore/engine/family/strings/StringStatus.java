package io.ringstore.engine.family.strings;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Errors;

/**
 * Outcomes of the string shard ops and the one place that maps a failed outcome to Redis's error
 * reply, so op code never writes protocol by hand. Stateless; shard threads.
 */
final class StringStatus {
    static final int OK = 0;
    static final int WRONG_TYPE = 1;
    static final int NOT_INTEGER = 2;
    static final int OVERFLOW = 3;
    static final int NOT_FLOAT = 4;
    static final int NAN_OR_INFINITY = 5;
    static final int TOO_LARGE = 6;
    static final int OUT_OF_MEMORY = 7;

    private StringStatus() {
    }

    /** Replies with the error of a failed status. */
    static void replyError(CommandContext c, int status) {
        switch (status) {
            case WRONG_TYPE:
                c.wrongType();
                break;
            case NOT_INTEGER:
                c.reply.error(Errors.NOT_INTEGER);
                break;
            case OVERFLOW:
                c.reply.error(Errors.OVERFLOW);
                break;
            case NOT_FLOAT:
                c.reply.error(Errors.NOT_FLOAT);
                break;
            case NAN_OR_INFINITY:
                c.reply.error(Errors.NAN_OR_INFINITY_RESULT);
                break;
            case TOO_LARGE:
                c.reply.error(Errors.STRING_TOO_LARGE);
                break;
            case OUT_OF_MEMORY:
                c.reply.error(Errors.OOM);
                break;
            default:
                throw new IllegalArgumentException("not an error status: " + status);
        }
    }
}
