package io.ringstore.journal;

/** Start-up stops: the journal is damaged before its end. The message names file, offset and sequence. */
public final class JournalCorruptException extends Exception {
    public JournalCorruptException(String message) {
        super(message);
    }
}
