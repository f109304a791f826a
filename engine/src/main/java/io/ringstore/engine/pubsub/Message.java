package io.ringstore.engine.pubsub;

import io.ringstore.engine.reply.ReplyBuffer;

/**
 * One pub/sub message (or MONITOR line, or notification) raised by a ring event: written by the
 * thread that raises it onto the event's message list ({@code RequestEvent#message}), then read
 * once by the reply stage, which writes it after the event's own reply. Either for one receiver
 * ({@link #session}, bytes in {@link #reply}), or a fan-out to every receiver in {@link #targets}
 * but {@link #skip}, each getting the encoding of its protocol ({@link #reply} for RESP2,
 * {@link #resp3} for RESP3; a PUBLISH encodes each once). Nothing writes the buffers or the
 * targets array after the message is queued.
 */
public final class Message {
    /** The one receiver; null for a fan-out. */
    public final Subscriber session;
    /** The bytes for {@link #session}, or a fan-out's RESP2 encoding (null when no target needs it). */
    public final ReplyBuffer reply;
    /** A fan-out's RESP3 encoding (null when no target needs it). */
    public final ReplyBuffer resp3;
    /** A fan-out's receivers (an array the registry never writes again); null for one receiver. */
    public final Subscriber[] targets;
    /** A fan-out target that already got its copy (the publisher, written ahead of its reply). */
    public final Subscriber skip;
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
        this(session, new ReplyBuffer(), null, null, null);
        reply.reset(resp);
    }

    /** A message to one receiver sharing already encoded bytes. */
    Message(Subscriber session, ReplyBuffer shared) {
        this(session, shared, null, null, null);
    }

    private Message(Subscriber session, ReplyBuffer reply, ReplyBuffer resp3, Subscriber[] targets, Subscriber skip) {
        this.session = session;
        this.reply = reply;
        this.resp3 = resp3;
        this.targets = targets;
        this.skip = skip;
    }

    /** A fan-out of one message to {@code targets} but {@code skip}. */
    static Message fanOut(Subscriber[] targets, Subscriber skip, ReplyBuffer resp2, ReplyBuffer resp3) {
        return new Message(null, resp2, resp3, targets, skip);
    }

    /**
     * The bytes for fan-out target {@code s} in its protocol now; the other encoding when its
     * protocol changed (HELLO) after the PUBLISH looked, which Redis would not see (it encodes per
     * receiver at publish time): a message racing a HELLO may keep the protocol it was made in.
     */
    public ReplyBuffer bytesFor(Subscriber s) {
        ReplyBuffer r = s.protocol() == 3 ? resp3 : reply;
        return r != null ? r : (reply != null ? reply : resp3);
    }
}
