package io.ringstore.engine.rdb;

/**
 * A payload or file that is cut short or damaged: what Redis's loader reports as a corrupt RDB
 * (and RESTORE as "Bad data format"). The message says where; callers choose the reply.
 */
public final class RdbFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public RdbFormatException(String message) {
        super(message, null, false, false);
    }
}
