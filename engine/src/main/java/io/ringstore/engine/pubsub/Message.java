package io.ringstore.engine.pubsub;

import io.ringstore.engine.reply.ReplyBuffer;

/**
 * One pub/sub message (or MONITOR line, or notification) for one subscriber: written by the
 * thread that raises it onto the ring event's message list ({@code RequestEvent#message}), then
 * read once by the reply stage, which writes {@link #reply} after the event's own reply. The bytes
 * may be shared: a PUBLISH encodes each message once per protocol and every receiver's Message
 * points at that buffer, which nobody writes after it is queued.
 */
public final class Message {
    public final Subscriber session;
    public final ReplyBuffer reply;
    /** The next message of the same event (publish order). */
    public Message next;
    /**
     * A message to the client whose command raised it that Redis writes ahead of the command's
     * reply, which is not built yet when the message is (a script publishing to its own RESP3
     * client): the reply stage writes it before the event's reply.
     */
    public boolean beforeReply;

    /** A message with its own, empty buffer in protocol {@code resp}. */
    Message(Subscriber session, int resp) {
        this.session = session;
        this.reply = new ReplyBuffer();
        reply.reset(resp);
    }

    /** A message sharing already encoded bytes. */
    Message(Subscriber session, ReplyBuffer shared) {
        this.session = session;
        this.reply = shared;
    }
}
