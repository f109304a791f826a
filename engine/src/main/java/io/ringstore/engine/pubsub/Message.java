package io.ringstore.engine.pubsub;

import io.ringstore.engine.reply.ReplyBuffer;

/**
 * One pub/sub message (or MONITOR line, or notification) raised by a ring event: filled by the
 * thread that raises it and queued on the event ({@link MessageSink#message}), then read once by
 * the reply stage, which writes it after the event's own reply and hands it back to the event's
 * slot for reuse ({@code RequestEvent#recycleMessages}), so steady-state publishing allocates
 * nothing. Either for one receiver ({@link #session}, bytes in {@link #reply()}), or a fan-out to
 * every receiver in {@link #targets} but {@link #skip}, each getting the encoding of its protocol
 * (a PUBLISH encodes each once). Nothing writes a queued message until the reply stage is done
 * with it.
 */
public final class Message {
    /** The one receiver; null for a fan-out. */
    public Subscriber session;
    /** A fan-out's receivers (an array the registry never writes again); null for one receiver. */
    public Subscriber[] targets;
    /** A fan-out target that already got its copy (the publisher, written ahead of its reply). */
    public Subscriber skip;
    /** The next message of the same event (publish order), or of a spare list. */
    public Message next;
    /**
     * A message to the client whose command raised it that Redis writes ahead of the command's
     * reply, which is not built yet when the message is (a script publishing to its own RESP3
     * client): the reply stage writes it before the event's reply.
     */
    public boolean beforeReply;
    private final ReplyBuffer resp2 = new ReplyBuffer();
    private ReplyBuffer resp3;
    private boolean hasResp2;
    private boolean hasResp3;

    /** Clears the message for reuse (its buffers stay). */
    public void clear() {
        session = null;
        targets = null;
        skip = null;
        next = null;
        beforeReply = false;
        hasResp2 = false;
        hasResp3 = false;
    }

    /** The bytes its buffers hold on to (a spare keeping large buffers is dropped instead). */
    public int capacity() {
        return resp2.array().length + (resp3 == null ? 0 : resp3.array().length);
    }

    /** A message to {@code s} alone; returns its buffer, empty, in {@code s}'s protocol. */
    ReplyBuffer single(Subscriber s) {
        session = s;
        return encoding(s.protocol());
    }

    /** The buffer of {@code resp}'s encoding, emptied, to encode into (a fan-out may fill both). */
    ReplyBuffer encoding(int resp) {
        ReplyBuffer r;
        if (resp == 3 && targets != null) {
            if (resp3 == null) {
                resp3 = new ReplyBuffer();
            }
            r = resp3;
            hasResp3 = true;
        } else {
            r = resp2;
            hasResp2 = true;
        }
        r.reset(resp);
        return r;
    }

    /** The bytes of a single-receiver message. */
    public ReplyBuffer reply() {
        return resp2;
    }

    /**
     * The bytes for fan-out target {@code s} in its protocol now; the other encoding when its
     * protocol changed (HELLO) after the PUBLISH looked, which Redis would not see (it encodes per
     * receiver at publish time): a message racing a HELLO may keep the protocol it was made in.
     */
    public ReplyBuffer bytesFor(Subscriber s) {
        if (s.protocol() == 3 ? hasResp3 : !hasResp2) {
            return resp3;
        }
        return resp2;
    }
}
