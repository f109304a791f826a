package io.ringstore.engine.command;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.RequestEvent;

/**
 * Connection-state part of a connection command (SELECT, HELLO, RESET, QUIT, CLIENT SETNAME),
 * applied on the I/O thread at decode time so the commands that follow it on the same connection
 * are stamped with the new state. Stores its outcome in {@link RequestEvent#ingressStatus} for the
 * command's handler, which writes the reply in ring order.
 */
@FunctionalInterface
public interface IngressHook {
    void apply(ClientSession session, RequestEvent event);
}
