package io.ringstore.engine.pubsub;

import io.ringstore.engine.reply.ReplyBuffer;

/**
 * One pub/sub message for one subscriber, encoded in its protocol: written by the thread that
 * runs the PUBLISH into the publishing event's message list ({@code RequestEvent#messages}),
 * then read once by the reply stage, which writes it after the event's own reply, in list order.
 */
public final class Message {
    public final Subscriber session;
    public final ReplyBuffer reply = new ReplyBuffer();
    /** The next message of the same event (publish order). */
    public Message next;

    Message(Subscriber session, int resp) {
        this.session = session;
        reply.reset(resp);
    }

    /** A new message to {@code s}, in its protocol, on {@code e}'s list; returns the buffer to encode it into. */
    public static ReplyBuffer to(MessageSink e, Subscriber s) {
        Message m = new Message(s, s.protocol());
        e.message(m);
        return m.reply;
    }
}
