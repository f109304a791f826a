package io.ringstore.transport;

import io.netty.buffer.ByteBuf;
import io.ringstore.engine.command.Args;

import java.util.List;

/**
 * Benchmark entry point: drives the package-private {@link RespDecoder} over a buffer and copies
 * each frame's arguments into one {@link Args}, as {@link RespHandler}'s ring publisher copies them
 * into a ring slot, without a ring or a connection. It exists so the JMH suite (bench module)
 * measures the real decoder without making the decoder itself public. Not used by the server.
 * Owned by the calling thread.
 */
public final class RespDecodeProbe implements FrameSink {
    private final RespDecoder decoder;
    private final Args args = new Args();
    private long frames;
    private long argBytes;

    public RespDecodeProbe(long maxBulkLen) {
        this.decoder = new RespDecoder(maxBulkLen);
    }

    /**
     * Decodes every complete frame in {@code in} (its readerIndex advances past them) and returns
     * the number of frames decoded so far. Throws if the input was not valid RESP.
     */
    public long decode(ByteBuf in) {
        decoder.decode(in, this);
        if (decoder.failed()) {
            throw new IllegalStateException("protocol error in benchmark input");
        }
        return frames;
    }

    /** Total argument bytes copied (a result for the benchmark to consume). */
    public long argBytes() {
        return argBytes;
    }

    @Override
    public int publish(ByteBuf buf, RespDecoder.Batch batch) {
        int n = batch.frames;
        for (int f = 0; f < n; f++) {
            args.reset();
            int first = batch.frameArgStart[f];
            int argc = batch.argc(f);
            for (int a = 0; a < argc; a++) {
                int len = batch.argLen[first + a];
                int at = args.add(len);
                buf.getBytes(batch.argOff[first + a], args.buf(), at, len);
                argBytes += len;
            }
        }
        frames += n;
        return n;
    }

    @Override
    public void publishAll(ByteBuf buf, RespDecoder.Batch batch) {
        publish(buf, batch);
    }

    @Override
    public boolean publishInline(List<byte[]> inline) {
        frames++;
        return true;
    }

    @Override
    public void protocolError(String message) {
        throw new IllegalStateException(message);
    }

    @Override
    public boolean closing() {
        return false;
    }

    @Override
    public boolean fenced() {
        return false;
    }
}
