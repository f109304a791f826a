package io.ringstore.bench.load;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Counts complete RESP replies in a byte stream without materialising them: an explicit state machine
 * that consumes whatever bytes are there and resumes on the next read. It only needs to know where
 * each top-level reply ends and whether it is an error ({@code -ERR ...\r\n}). Aggregates (arrays,
 * sets, maps, pushes) nest through a stack of "elements still to come". Owned by one
 * {@link LoadConnection}, so by that connection's {@link LoadWorker} thread.
 */
public final class RespReplyParser {
    /** Told about each complete top-level reply, in order. */
    public interface Listener {
        void onReply(boolean error);
    }

    private static final int TYPE = 0;          // <here>$5\r\nhello\r\n
    private static final int SKIP_LINE = 1;     // +OK<here>\r\n  (simple string, error, integer, ...)
    private static final int LENGTH = 2;        // $<here>5\r\n  or  *<here>3\r\n
    private static final int BULK_BODY = 3;     // $5\r\n<here>hello\r\n

    private int state = TYPE;
    private boolean topLevelError;
    private boolean aggregate;
    private boolean mapPairs;
    private boolean negative;
    private long number;
    private long bulkRemaining;
    private int[] pending = new int[16];
    private int depth;

    /** Consumes all of {@code buf}'s remaining bytes, calling {@code listener} per complete reply. */
    public void parse(ByteBuffer buf, Listener listener) {
        while (buf.hasRemaining()) {
            switch (state) {
                case TYPE: {
                    final byte b = buf.get();
                    if (depth == 0) {
                        topLevelError = b == '-' || b == '!';
                    }
                    if (b == '$' || b == '=' || b == '!' || b == '*' || b == '~' || b == '>' || b == '%') {
                        aggregate = b == '*' || b == '~' || b == '>' || b == '%';
                        mapPairs = b == '%';
                        negative = false;
                        number = 0;
                        state = LENGTH;
                    } else {
                        state = SKIP_LINE;
                    }
                    break;
                }
                case SKIP_LINE: {
                    if (buf.get() == '\n') {
                        elementDone(listener);
                    }
                    break;
                }
                case LENGTH: {
                    final byte b = buf.get();
                    if (b == '-') {
                        negative = true;
                    } else if (b >= '0' && b <= '9') {
                        number = number * 10 + (b - '0');
                    } else if (b == '\n') {
                        lengthDone(listener);
                    } else if (b != '\r') {
                        throw new IllegalStateException("bad RESP length byte: " + (char) b);
                    }
                    break;
                }
                case BULK_BODY: {
                    final int skip = (int) Math.min(bulkRemaining, buf.remaining());
                    buf.position(buf.position() + skip);
                    bulkRemaining -= skip;
                    if (bulkRemaining == 0) {
                        elementDone(listener);
                    }
                    break;
                }
                default:
                    throw new IllegalStateException("state " + state);
            }
        }
    }

    private void lengthDone(Listener listener) {
        if (negative || number == 0) {           // $-1 / *-1 null, or an empty aggregate ($0 has a body)
            if (!aggregate && !negative) {
                bulkRemaining = 2;               // $0\r\n<here>\r\n
                state = BULK_BODY;
                return;
            }
            elementDone(listener);
        } else if (aggregate) {
            if (depth == pending.length) {
                pending = Arrays.copyOf(pending, depth * 2);
            }
            pending[depth++] = (int) (mapPairs ? number * 2 : number);
            state = TYPE;
        } else {
            bulkRemaining = number + 2;          // data plus its \r\n
            state = BULK_BODY;
        }
    }

    private void elementDone(Listener listener) {
        state = TYPE;
        while (depth > 0) {
            if (--pending[depth - 1] > 0) {
                return;
            }
            depth--;
        }
        listener.onReply(topLevelError);
    }
}
