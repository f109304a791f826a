package io.ringstore.bench.load;

import java.nio.ByteBuffer;

/**
 * Reads what a server sends a subscribed connection (RESP2 arrays {@code *}, RESP3 pushes {@code >})
 * and tells its listener, per complete frame, whether it was a message and, if the message's payload
 * starts with {@value CommandTemplate#TIME_DIGITS} lowercase hex digits (the generator's
 * {@code __send_ns__}), the send time they carry. An explicit state machine that consumes whatever
 * bytes are there and resumes on the next read; nothing is materialised, only the first byte of the
 * kind and the first 16 bytes of the payload are looked at:
 *
 * <pre>
 *   *3\r\n $7\r\n message\r\n $7\r\n channel\r\n $16\r\n 00001a2b3c4d5e6f...\r\n
 *   *4\r\n $8\r\n pmessage\r\n $8\r\n channel*\r\n $7\r\n channel\r\n $16\r\n 00001a2b3c4d5e6f\r\n
 *   *3\r\n $9\r\n subscribe\r\n $7\r\n channel\r\n :1\r\n
 *          ^ kind: told apart by its length and first byte; the payload is the last element
 * </pre>
 *
 * Owned by one {@link SubscriberConnection}, so by its {@link SubscriberWorker} thread.
 */
public final class PushMessageParser {
    /** Told about each complete top-level frame, in order. */
    public interface Listener {
        /** A message or pmessage whose payload carried a send time. */
        void onTimedMessage(long sendNs);

        /** A message or pmessage without a send time (e.g. a keyspace notification). */
        void onUntimedMessage();

        /** A subscribe or psubscribe confirmation. */
        void onSubscribed();

        /** Anything else: an error reply, unsubscribe confirmations, pong. */
        void onOther(boolean error);
    }

    private static final int KIND_OTHER = 0;
    private static final int KIND_MESSAGE = 1;
    private static final int KIND_SUBSCRIBED = 2;

    private static final int TYPE = 0;            // <here>*3\r\n  (top level)
    private static final int COUNT = 1;          // *<here>3\r\n
    private static final int ELEMENT_TYPE = 2;   // *3\r\n<here>$7\r\n
    private static final int BULK_LENGTH = 3;    // $<here>7\r\n
    private static final int BULK_BODY = 4;      // $7\r\n<here>message\r\n
    private static final int SKIP_LINE = 5;      // :<here>1\r\n  or top-level -ERR<here> ...\r\n

    private int state = TYPE;
    private boolean topLevelLine;                 // SKIP_LINE ends a top-level frame, not an element
    private boolean lineError;
    private boolean negative;
    private long number;
    private long elements;                        // of the current frame
    private long index;                           // current element
    private int kind;
    private long bulkLength;
    private long bulkRemaining;                   // body bytes plus the trailing \r\n
    private boolean capture;                      // this bulk is a message's payload
    private int timeDigits;
    private long timeValue;
    private boolean timeValid;

    /** Consumes all of {@code buf}'s remaining bytes, calling {@code listener} per complete frame. */
    public void parse(ByteBuffer buf, Listener listener) {
        while (buf.hasRemaining()) {
            switch (state) {
                case TYPE: {
                    final byte b = buf.get();
                    if (b == '*' || b == '>') {
                        negative = false;
                        number = 0;
                        state = COUNT;
                    } else if (b == '-' || b == '+' || b == ':' || b == '_') {
                        topLevelLine = true;
                        lineError = b == '-';
                        state = SKIP_LINE;
                    } else {
                        throw new IllegalStateException("unexpected frame on a subscribed connection: " + (char) b);
                    }
                    break;
                }
                case COUNT:
                case BULK_LENGTH: {
                    final byte b = buf.get();
                    if (b == '-') {
                        negative = true;
                    } else if (b >= '0' && b <= '9') {
                        number = number * 10 + (b - '0');
                    } else if (b == '\n') {
                        if (state == COUNT) {
                            countDone(listener);
                        } else {
                            bulkLengthDone(listener);
                        }
                    } else if (b != '\r') {
                        throw new IllegalStateException("bad RESP length byte: " + (char) b);
                    }
                    break;
                }
                case ELEMENT_TYPE: {
                    final byte b = buf.get();
                    negative = false;
                    number = 0;
                    if (b == '$') {
                        state = BULK_LENGTH;
                    } else if (b == ':' || b == '+') {
                        topLevelLine = false;
                        state = SKIP_LINE;
                    } else {
                        throw new IllegalStateException("unexpected element type in a push: " + (char) b);
                    }
                    break;
                }
                case BULK_BODY:
                    body(buf, listener);
                    break;
                case SKIP_LINE: {
                    if (buf.get() == '\n') {
                        if (topLevelLine) {
                            state = TYPE;
                            listener.onOther(lineError);
                        } else {
                            elementDone(listener);
                        }
                    }
                    break;
                }
                default:
                    throw new IllegalStateException("state " + state);
            }
        }
    }

    private void countDone(Listener listener) {
        elements = negative ? 0 : number;
        index = 0;
        kind = KIND_OTHER;
        if (elements == 0) {
            state = TYPE;
            listener.onOther(false);
        } else {
            state = ELEMENT_TYPE;
        }
    }

    private void bulkLengthDone(Listener listener) {
        if (negative) {                             // $-1: a null element, no body
            elementDone(listener);
            return;
        }
        bulkLength = number;
        bulkRemaining = number + 2;
        capture = kind == KIND_MESSAGE && index == elements - 1;
        timeDigits = 0;
        timeValue = 0;
        timeValid = true;
        state = BULK_BODY;
    }

    private void body(ByteBuffer buf, Listener listener) {
        if (index == 0 && bulkRemaining == bulkLength + 2) {
            kind = kindOf(bulkLength, buf.get(buf.position()));
        }
        if (capture) {
            while (timeDigits < CommandTemplate.TIME_DIGITS && timeDigits < bulkLength && buf.hasRemaining()) {
                final int d = hexDigit(buf.get());
                timeValid &= d >= 0;
                timeValue = (timeValue << 4) | (d & 0xF);
                timeDigits++;
                bulkRemaining--;
            }
        }
        final int skip = (int) Math.min(bulkRemaining, buf.remaining());
        buf.position(buf.position() + skip);
        bulkRemaining -= skip;
        if (bulkRemaining == 0) {
            elementDone(listener);
        }
    }

    private void elementDone(Listener listener) {
        if (++index < elements) {
            state = ELEMENT_TYPE;
            return;
        }
        state = TYPE;
        if (kind == KIND_MESSAGE) {
            if (capture && timeValid && timeDigits == CommandTemplate.TIME_DIGITS) {
                listener.onTimedMessage(timeValue);
            } else {
                listener.onUntimedMessage();
            }
        } else if (kind == KIND_SUBSCRIBED) {
            listener.onSubscribed();
        } else {
            listener.onOther(false);
        }
        capture = false;
    }

    /** "message" (7) and "pmessage" (8) are messages; "subscribe" (9) and "psubscribe" (10) confirm. */
    private static int kindOf(long length, byte first) {
        if ((length == 7 && first == 'm') || (length == 8 && first == 'p')) {
            return KIND_MESSAGE;
        }
        if ((length == 9 && first == 's') || (length == 10 && first == 'p')) {
            return KIND_SUBSCRIBED;
        }
        return KIND_OTHER;
    }

    private static int hexDigit(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
