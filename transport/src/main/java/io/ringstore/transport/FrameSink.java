package io.ringstore.transport;

import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * Receives what {@link RespDecoder} parsed. Implemented by the connection's ring publisher.
 */
interface FrameSink {
    /**
     * Publishes {@code frames} complete multibulk commands whose arguments lie in {@code buf} at the
     * absolute indexes given by the batch. Returns how many were published (fewer when the ring is
     * full); the decoder keeps the rest in the buffer and stops reading.
     */
    int publish(ByteBuf buf, RespDecoder.Batch batch);

    /** Publishes every frame of the batch, waiting for ring space (protocol-error path only). */
    void publishAll(ByteBuf buf, RespDecoder.Batch batch);

    /** Publishes one inline command (already unquoted). Returns false when the ring is full. */
    boolean publishInline(List<byte[]> args);

    /** Publishes a protocol error reply; the connection closes after it. */
    void protocolError(String message);

    /** Whether the connection stopped accepting commands (QUIT, protocol error). */
    boolean closing();

    /**
     * Whether a blocking command was just published and is not complete yet: the decoder stops
     * and keeps the rest of the buffer until the reply stage delivered that command's reply.
     */
    boolean fenced();
}
