package io.ringstore.engine.command;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.util.KeyName;

import java.util.HashSet;

/**
 * Subscribed mode as connection state at ingress, on the publishing I/O thread (as MULTI's queue
 * is): the channels, patterns and shard channels a connection subscribed to decide, in its own
 * command order, RESP2's restriction to the subscribe family, PING, QUIT and RESET (Redis's
 * processCommand text), PING's message form (stamped on the event), and that its close or RESET
 * must drop its subscriptions from the registry. The sets here are a superset of the registry's
 * (a SUBSCRIBE queued in MULTI counts from queue time; a later WATCH abort cannot take it back),
 * so a close always cleans up. Stateless beyond the rows; any publishing thread.
 */
final class PubSubIngress {
    private final CommandSpec subscribe;
    private final CommandSpec psubscribe;
    private final CommandSpec ssubscribe;
    private final CommandSpec unsubscribe;
    private final CommandSpec punsubscribe;
    private final CommandSpec sunsubscribe;
    private final CommandSpec ping;
    private final CommandSpec quit;
    private final CommandSpec reset;

    PubSubIngress(CommandTable t) {
        subscribe = t.get("subscribe");
        psubscribe = t.get("psubscribe");
        ssubscribe = t.get("ssubscribe");
        unsubscribe = t.get("unsubscribe");
        punsubscribe = t.get("punsubscribe");
        sunsubscribe = t.get("sunsubscribe");
        ping = t.get("ping");
        quit = t.get("quit");
        reset = t.get("reset");
    }

    /** RESP2 subscribed mode refuses everything but the subscribe family, PING, QUIT and RESET. */
    boolean refused(ClientSession s, CommandSpec spec) {
        return s.resp == 2 && s.subscribed() && !isSubscribeFamily(spec) && spec != ping && spec != quit && spec != reset;
    }

    private boolean isSubscribeFamily(CommandSpec spec) {
        return spec == subscribe || spec == psubscribe || spec == ssubscribe
                || spec == unsubscribe || spec == punsubscribe || spec == sunsubscribe;
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
            e.subscribedMode = s.resp == 2 && s.subscribed();
        } else if (queued) {
            return; // subscribes count at EXEC (beforeExec); queued unsubscribes never shrink the sets
        } else if (spec == subscribe || spec == psubscribe || spec == ssubscribe) {
            HashSet<KeyName> set = set(s, spec);
            for (int i = 1; i < e.args.count(); i++) {
                set.add(new KeyName(e.args.copy(i)));
            }
        } else {
            HashSet<KeyName> set = set(s, spec);
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
     * inside EXEC; a WATCH abort leaves the sets a superset, which is safe). SSUBSCRIBE is refused
     * inside EXEC, and queued unsubscribes are not applied here, so the sets never lose a
     * subscription the registry may still hold.
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
        return isSubscribeFamily(spec) || spec == ping;
    }

    /**
     * RESET: the connection leaves subscribed mode and MONITOR; returns whether it was in the
     * registry (it must be dropped).
     */
    static boolean reset(ClientSession s) {
        boolean had = s.inPubSubRegistry();
        s.monitoring = false;
        s.subChannels = null;
        s.subPatterns = null;
        s.subShardChannels = null;
        return had;
    }

    /** The connection's set for a command of this kind, created at first use. */
    private HashSet<KeyName> set(ClientSession s, CommandSpec spec) {
        if (spec == subscribe || spec == unsubscribe) {
            if (s.subChannels == null) {
                s.subChannels = new HashSet<>();
            }
            return s.subChannels;
        }
        if (spec == psubscribe || spec == punsubscribe) {
            if (s.subPatterns == null) {
                s.subPatterns = new HashSet<>();
            }
            return s.subPatterns;
        }
        if (s.subShardChannels == null) {
            s.subShardChannels = new HashSet<>();
        }
        return s.subShardChannels;
    }
}
