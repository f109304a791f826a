package io.ringstore.journal.rdb;

/**
 * An RDB file that cannot be loaded: damaged, cut short, of a newer version or holding data this
 * server cannot load (modules). The message names the file, the byte offset and, when a key was
 * being read, the key and its db; with it nothing of the file stays loaded.
 */
public final class RdbFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public RdbFileException(String message) {
        super(message, null, false, false);
    }
}
