package io.ringstore.engine.family.strings;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Replies;

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

    static final String NAN_OR_INFINITY_TEXT = "ERR increment would produce NaN or Infinity";
    static final String TOO_LARGE_TEXT = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
    static final String OFFSET_TEXT = "ERR offset is out of range";
    static final String DECR_OVERFLOW_TEXT = "ERR decrement would overflow";
    /** What Redis answers a denyoom command it cannot hold; here when the JVM cannot allocate. */
    static final String OOM_TEXT = "OOM command not allowed when used memory > 'maxmemory'.";

    private StringStatus() {
    }

    /** Replies with the error of a failed status. */
    static void replyError(CommandContext c, int status) {
        switch (status) {
            case WRONG_TYPE:
                c.wrongType();
                break;
            case NOT_INTEGER:
                c.reply.error(Replies.NOT_INTEGER);
                break;
            case OVERFLOW:
                c.reply.error(Replies.OVERFLOW);
                break;
            case NOT_FLOAT:
                c.reply.error(Replies.NOT_FLOAT);
                break;
            case NAN_OR_INFINITY:
                c.reply.error(NAN_OR_INFINITY_TEXT);
                break;
            case TOO_LARGE:
                c.reply.error(TOO_LARGE_TEXT);
                break;
            case OUT_OF_MEMORY:
                c.reply.error(OOM_TEXT);
                break;
            default:
                throw new IllegalArgumentException("not an error status: " + status);
        }
    }
}
