package io.ringstore.engine.command;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.util.KeyName;

import java.util.HashSet;

/**
 * Subscribed mode as connection state at ingress, on the publishing I/O thread (as MULTI's queue
 * is): the channels and patterns a connection subscribed to decide, in its own command order,
 * RESP2's restriction to the subscribe family, PING, QUIT and RESET (Redis's processCommand text),
 * PING's message form (stamped on the event), and that its close or RESET must drop its
 * subscriptions from the registry. The sets here are a superset of the registry's (a SUBSCRIBE
 * queued in MULTI counts from queue time; a later WATCH abort cannot take it back), so a close
 * always cleans up. Stateless beyond the rows; any publishing thread.
 */
final class PubSubIngress {
    private final CommandSpec subscribe;
    private final CommandSpec psubscribe;
    private final CommandSpec unsubscribe;
    private final CommandSpec punsubscribe;
    private final CommandSpec ping;
    private final CommandSpec quit;
    private final CommandSpec reset;

    PubSubIngress(CommandTable t) {
        subscribe = t.get("subscribe");
        psubscribe = t.get("psubscribe");
        unsubscribe = t.get("unsubscribe");
        punsubscribe = t.get("punsubscribe");
        ping = t.get("ping");
        quit = t.get("quit");
        reset = t.get("reset");
    }

    /** RESP2 subscribed mode refuses everything but these (the S-variants once they exist). */
    boolean refused(ClientSession s, CommandSpec spec) {
        return s.resp == 2 && subscribed(s) && spec != subscribe && spec != psubscribe && spec != unsubscribe
                && spec != punsubscribe && spec != ping && spec != quit && spec != reset;
    }

    static boolean subscribed(ClientSession s) {
        return (s.subChannels != null && !s.subChannels.isEmpty()) || (s.subPatterns != null && !s.subPatterns.isEmpty());
    }

    /** Redis's refusal text: the command's full name, lower case. */
    static String refusal(CommandSpec spec) {
        return io.ringstore.engine.reply.Errors.subscribedContext(spec.fullName);
    }

    /**
     * Tracks a subscribe-family command (run now, or {@code queued} in MULTI) and stamps PING's
     * mode. RESET's clearing is {@link #reset}'s.
     */
    void track(RequestEvent e, ClientSession s, CommandSpec spec, boolean queued) {
        if (spec == ping) {
            e.subscribedMode = s.resp == 2 && subscribed(s);
        } else if ((spec == subscribe || spec == psubscribe) && !queued) {
            HashSet<KeyName> set = spec == subscribe ? channels(s) : patterns(s);
            for (int i = 1; i < e.args.count(); i++) {
                set.add(new KeyName(e.args.copy(i)));
            }
        } else if ((spec == unsubscribe || spec == punsubscribe) && !queued) {
            HashSet<KeyName> set = spec == unsubscribe ? s.subChannels : s.subPatterns;
            if (set == null) {
                return;
            }
            if (e.args.count() == 1) {
                set.clear();
            } else {
                KeyName probe = new KeyName();
                for (int i = 1; i < e.args.count(); i++) {
                    set.remove(probe.set(e.args.buf(), e.args.off(i), e.args.len(i)));
                }
            }
        }
    }

    /**
     * EXEC is about to run a queue: its SUBSCRIBE/PSUBSCRIBE count from now (Redis subscribes
     * inside EXEC; a WATCH abort leaves the sets a superset, which is safe). Queued unsubscribes
     * are not applied here, so the sets never lose a subscription the registry may still hold.
     */
    void beforeExec(ClientSession s) {
        io.ringstore.engine.Transaction t = s.tx;
        for (int i = 0; i < t.count(); i++) {
            RequestEvent q = t.get(i);
            if (q.cmd == subscribe || q.cmd == psubscribe) {
                track(q, s, q.cmd, false);
            }
        }
    }

    boolean tracks(CommandSpec spec) {
        return spec == subscribe || spec == psubscribe || spec == unsubscribe || spec == punsubscribe || spec == ping;
    }

    /** RESET: the connection leaves subscribed mode; returns whether it had subscriptions (they must be dropped). */
    static boolean reset(ClientSession s) {
        boolean had = subscribed(s);
        s.subChannels = null;
        s.subPatterns = null;
        return had;
    }

    private static HashSet<KeyName> channels(ClientSession s) {
        if (s.subChannels == null) {
            s.subChannels = new HashSet<>();
        }
        return s.subChannels;
    }

    private static HashSet<KeyName> patterns(ClientSession s) {
        if (s.subPatterns == null) {
            s.subPatterns = new HashSet<>();
        }
        return s.subPatterns;
    }
}
