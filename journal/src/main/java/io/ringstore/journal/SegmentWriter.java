package io.ringstore.journal;

import io.ringstore.engine.command.Args;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Appends records (layout in {@link JournalFormat}) to one segment file. Records are encoded into
 * a preallocated direct buffer, which {@link #flush} writes to the channel in one call and
 * {@link #force} makes durable; appending allocates nothing unless a record is larger than the
 * buffer, which then grows once. Owned by the journal stage's thread; only {@link #force} may be
 * called from another thread (the everysec flusher: FileChannel is thread-safe).
 */
public final class SegmentWriter implements AutoCloseable {
    private final FileChannel channel;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer buf;
    /** Bytes of the file including those still in the buffer. */
    private long size;

    private SegmentWriter(FileChannel channel, long size, int bufferBytes) {
        this.channel = channel;
        this.size = size;
        this.buf = ByteBuffer.allocateDirect(bufferBytes);
    }

    /** Creates a new segment whose first record will have {@code firstSeq}; the header is written and forced. */
    public static SegmentWriter create(Path path, long firstSeq, int bufferBytes) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        SegmentWriter w = new SegmentWriter(ch, 0, bufferBytes);
        w.buf.putInt(JournalFormat.MAGIC).putInt(JournalFormat.VERSION).putLong(firstSeq);
        w.size = JournalFormat.SEGMENT_HEADER_BYTES;
        w.flush();
        w.force();
        forceDirectory(path.toAbsolutePath().getParent());
        return w;
    }

    /** Opens an existing, already verified segment to append after its first {@code validBytes}. */
    public static SegmentWriter append(Path path, long validBytes, int bufferBytes) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE);
        ch.position(validBytes);
        return new SegmentWriter(ch, validBytes, bufferBytes);
    }

    /** Encodes one record of any kind; {@code args} may be null for ticks and closes. */
    public void append(long seq, long timeMs, int db, long client, int kind, Args args) throws IOException {
        int argc = args == null ? 0 : args.count();
        long body = JournalFormat.RECORD_FIXED_BODY_BYTES;
        for (int i = 0; i < argc; i++) {
            body += 4 + args.len(i);
        }
        if (body > JournalFormat.MAX_BODY_BYTES) {
            throw new IOException("journal record too large: " + body + " bytes");
        }
        int total = JournalFormat.RECORD_PREFIX_BYTES + (int) body;
        if (buf.remaining() < total) {
            flush();
            if (buf.capacity() < total) {
                buf = ByteBuffer.allocateDirect(total > 1 << 30 ? total : Integer.highestOneBit(total - 1) << 1);
            }
        }
        final ByteBuffer b = buf;
        int start = b.position();
        b.putInt((int) body).putInt(0).putLong(seq).putLong(timeMs).putInt(db).putInt(argc).putLong(client).putInt(kind);
        byte[] src = argc == 0 ? null : args.buf();
        for (int i = 0; i < argc; i++) {
            int n = args.len(i);
            b.putInt(n);
            b.put(src, args.off(i), n);
        }
        int end = b.position();
        // CRC over [start + 8, end) without a slice: narrow the buffer's window, then restore it.
        crc.reset();
        b.position(start + JournalFormat.RECORD_PREFIX_BYTES).limit(end);
        crc.update(b);
        b.limit(b.capacity()).position(end);
        b.putInt(start + 4, (int) crc.getValue());
        size += total;
    }

    /** Writes buffered records to the file (page cache); survives a process kill, not a power loss. */
    public void flush() throws IOException {
        ByteBuffer b = buf;
        b.flip();
        while (b.hasRemaining()) {
            channel.write(b);
        }
        b.clear();
    }

    /** Makes every flushed byte durable (fdatasync). */
    public void force() throws IOException {
        channel.force(false);
    }

    public long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
            force();
        } finally {
            channel.close();
        }
    }

    /** fsync of a directory, so a new segment's name survives a power loss (best effort off Linux). */
    static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a directory; the file's own force still holds its data
        }
    }
}
