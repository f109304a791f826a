package io.ringstore.engine.command;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.Transaction;

/**
 * CLIENT REPLY ON|OFF|SKIP as connection state at ingress, on the publishing I/O thread (as MULTI's
 * queue and subscribed mode are): every prepared event of a client is stamped
 * {@link RequestEvent#replyOff} from the client's flags, in its own command order, and whoever
 * writes replies to the socket (the reply stage) drops a stamped reply. Redis 7.0's rules
 * (networking.c clientCommand, resetClient, prepareClientToWrite, clearClientConnectionState):
 * <ul>
 * <li>ON clears OFF and SKIP, then answers +OK; OFF sets OFF (no answer, not even to itself); SKIP
 * sets SKIP_NEXT unless OFF is set, and the command after it is silenced (then replies resume).
 * Anything else is CLIENT REPLY's own error, itself silenced while OFF or SKIP.</li>
 * <li>After every command (resetClient) SKIP is dropped and SKIP_NEXT becomes SKIP. Rejected
 * commands (unknown, wrong arity, queued in MULTI) count as commands.</li>
 * <li>RESET clears OFF and SKIP_NEXT before answering, so +RESET is sent unless a SKIP is armed.</li>
 * <li>Pub/sub replies are pushes and are never silenced (CLIENT_PUSHING, checked against
 * 7.0.15): (P)(UN)SUBSCRIBE's confirmations and the messages themselves.</li>
 * <li>CLIENT REPLY queued in MULTI changes the flags when EXEC is prepared (after EXEC's own
 * stamp), so SKIP silences the command after EXEC, as in Redis. Its element of EXEC's array is
 * missing in both (OFF and SKIP answer nothing, which leaves the array short); but Redis applies
 * OFF in the middle of EXEC and also drops the elements after it, where Ringstore sends them.</li>
 * </ul>
 * Stateless beyond the rows; any publishing thread.
 */
final class ReplyIngress {
    static final int OFF = 1;
    static final int SKIP = 2;
    static final int SKIP_NEXT = 4;

    private static final byte[] ON_ARG = {'o', 'n'};
    private static final byte[] OFF_ARG = {'o', 'f', 'f'};
    private static final byte[] SKIP_ARG = {'s', 'k', 'i', 'p'};

    private final CommandSpec clientReply;
    private final CommandSpec exec;
    private final CommandSpec reset;
    /** Rows whose replies are pub/sub pushes (the subscribe family). */
    private final CommandSpec[] pushes;

    ReplyIngress(CommandTable t) {
        CommandSpec client = t.get("client");
        clientReply = client == null ? null : client.subcommands().get("reply");
        exec = t.get("exec");
        reset = t.get("reset");
        pushes = new CommandSpec[] {t.get("subscribe"), t.get("psubscribe"), t.get("unsubscribe"),
            t.get("punsubscribe"), t.get("ssubscribe"), t.get("sunsubscribe")};
    }

    /** Stamps a prepared event of {@code s} and moves the client's flags past it (resetClient). */
    void stamp(RequestEvent e, ClientSession s) {
        int f = s.replyFlags;
        CommandSpec spec = e.cmd;
        if (spec == clientReply && clientReply != null) {
            f = apply(f, e.args);
        } else if (spec == reset) {
            f &= ~(OFF | SKIP_NEXT);
        }
        e.replyOff = (f & (OFF | SKIP)) != 0 && !isPush(spec);
        if (spec == exec && e.tx != null && !e.tx.rejected) {
            Transaction t = e.tx;
            for (int i = 0; i < t.count(); i++) {
                RequestEvent q = t.get(i);
                if (q.cmd == clientReply) {
                    f = apply(f, q.args);
                }
            }
        }
        f &= ~SKIP;
        if ((f & SKIP_NEXT) != 0) {
            f = (f | SKIP) & ~SKIP_NEXT;
        }
        s.replyFlags = f;
    }

    /** CLIENT REPLY's effect on the flags; an argument other than ON, OFF or SKIP changes nothing. */
    private static int apply(int f, Args a) {
        if (a.count() != 3) {
            return f;
        }
        if (a.is(2, ON_ARG)) {
            return f & ~(OFF | SKIP);
        }
        if (a.is(2, OFF_ARG)) {
            return f | OFF;
        }
        if (a.is(2, SKIP_ARG) && (f & OFF) == 0) {
            return f | SKIP_NEXT;
        }
        return f;
    }

    private boolean isPush(CommandSpec spec) {
        for (CommandSpec p : pushes) {
            if (p != null && p == spec) {
                return true;
            }
        }
        return false;
    }
}
