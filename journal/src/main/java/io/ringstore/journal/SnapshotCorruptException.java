package io.ringstore.journal;

/** A snapshot file that must not be loaded: bad magic, version, CRC or structure. Names the file. */
public final class SnapshotCorruptException extends Exception {
    public SnapshotCorruptException(String message) {
        super(message);
    }
}
