package io.ringstore.engine.command;

import io.ringstore.engine.RequestEvent;

/**
 * Key positions of a command whose keys are not a plain first/last/step range (movable keys, e.g.
 * a numkeys argument). Adds positions with {@link RequestEvent#addKeyPos}; on a malformed command it
 * adds none and the handler reports the error.
 */
@FunctionalInterface
public interface KeyFinder {
    void find(RequestEvent e);
}
