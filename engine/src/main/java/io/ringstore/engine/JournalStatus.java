package io.ringstore.engine;

/**
 * What INFO persistence reports about the write-ahead journal. Single writer: the journal stage's
 * thread (and the everysec flusher for {@link #lastWriteOk}); INFO reads the volatile fields from
 * shard 0 at a barrier, so a value may be one batch stale.
 */
public final class JournalStatus {
    /** appendonly yes at start-up. */
    public volatile boolean enabled;
    /** False after a failed write or force (INFO aof_last_write_status:err). */
    public volatile boolean lastWriteOk = true;
    /**
     * Null while the journal is healthy. After a write or force failed (appendfsync everysec or
     * no), the error every write command (and PING, as Redis) is refused with:
     * {@code MISCONF Errors writing to the AOF file: <reason>}. Set once; cleared only by a
     * restart, whose recovery checks the journal. See JournalStage.
     */
    public volatile String writeDenied;

    /** Records a failed journal write or force: writes are refused from now on. Any thread. */
    public void writeFailed(Throwable cause) {
        // strerror()'s words where Java has them (Redis's text), else the exception's message
        String reason = cause instanceof java.nio.file.NoSuchFileException ? "No such file or directory"
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        lastWriteOk = false;
        if (writeDenied == null) {
            writeDenied = "MISCONF Errors writing to the AOF file: " + reason;
        }
    }
    /** Bytes in every segment of the journal, including the current one. */
    public volatile long sizeBytes;
    /**
     * Bytes of closed segments deleted after a SAVE covered them. Single writer: shard 0's thread
     * at the SAVE barrier; the journal subtracts it when it computes {@link #sizeBytes}.
     */
    public volatile long deletedSegmentBytes;
    /** Bytes the journal held when start-up recovery finished. */
    public volatile long baseSizeBytes;
    /** Records replayed at start-up. */
    public volatile long loadedRecords;
    /**
     * Under everysec, written by the fsync thread: the age in ms of the oldest write a background
     * force made durable, for the last force and the largest since start-up (the power-loss window).
     */
    public volatile long lastFsyncLagMs;
    public volatile long maxFsyncLagMs;
    /** Journal sequence of the last record appended (or recovered); -1 when empty. */
    public volatile long lastSequence = -1;
}
