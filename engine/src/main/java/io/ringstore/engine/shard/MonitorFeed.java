package io.ringstore.engine.shard;

import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.command.Args;
import io.ringstore.engine.command.CommandFlags;
import io.ringstore.engine.command.CommandSpec;
import io.ringstore.engine.command.Ingress;
import io.ringstore.engine.pubsub.MessageSink;
import io.ringstore.engine.pubsub.PubSub;
import io.ringstore.engine.pubsub.Subscriber;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * MONITOR's feed (Redis 7.0's replicationFeedMonitors): one status line per executed command,
 * {@code +<seconds>.<micros> [<db> <client address>] "arg" ...}, to every monitor in the executing
 * shard's registry copy, as messages behind the ring event's reply. What is fed follows what
 * redis-server 7.0.15 shows: a command after it ran (so SELECT shows its new db), a script command
 * (EVAL, FCALL) before its script's own commands, which show {@code [<db> lua]}; EXEC after the
 * commands it ran; nothing for a command refused before running (unknown, wrong arity), a command
 * queued in MULTI (it is fed when EXEC runs it), {@code admin} or {@code skip_monitor} rows, or
 * journal replay. AUTH's and HELLO's credentials read {@code "(redacted)"}. The time is the wall
 * clock when the line is made: monitor output is not state, so it need not replay. Runs on the
 * shard thread executing the command; allocates only while someone monitors.
 */
final class MonitorFeed {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REDACTED = "\"(redacted)\"".getBytes(StandardCharsets.US_ASCII);

    private MonitorFeed() {
    }

    /** Whether command {@code q} is fed at all. */
    static boolean feeds(RequestEvent q, boolean replayed) {
        CommandSpec c = q.cmd;
        if (replayed || c == Ingress.REJECTED || q.queued != null || c.has(CommandFlags.ADMIN)) {
            return false;
        }
        return !c.has(CommandFlags.SKIP_MONITOR) || runsScript(c);
    }

    /**
     * Whether {@code q} is fed before it runs: EVAL, EVALSHA, FCALL and their _RO forms are
     * {@code skip_monitor} rows that Redis feeds itself as the script starts (evalGenericCommand,
     * fcallCommandGeneric), so their line precedes their script's commands.
     */
    static boolean before(RequestEvent q) {
        return runsScript(q.cmd);
    }

    private static boolean runsScript(CommandSpec c) {
        String n = c.fullName;
        return n.startsWith("eval") || n.startsWith("fcall");
    }

    /** Feeds command {@code q} (run by a client, or by a script when {@code q.fromScript}) to every monitor. */
    static void feed(PubSub registry, MessageSink sink, RequestEvent q) {
        byte[] line = line(q);
        for (Subscriber m : registry.monitors()) {
            PubSub.send(sink, m).raw(line);
        }
    }

    static byte[] line(RequestEvent q) {
        Instant now = Instant.now();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + q.args.count() * 16);
        StringBuilder head = new StringBuilder(48);
        head.append('+').append(now.getEpochSecond()).append('.');
        String micros = Integer.toString(now.getNano() / 1000);
        head.append("000000", 0, 6 - micros.length()).append(micros);
        head.append(" [").append(q.db).append(' ');
        head.append(q.fromScript || q.session == null ? "lua" : q.session.remoteAddress()).append("] ");
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        Args a = q.args;
        int redactFrom = redactFrom(q);
        int from = 0;
        if (q.evalshaNameLen > 0) { // EVALSHA as sent, not the EVAL ingress made of it
            repr(out, q.evalshaHead, 0, q.evalshaNameLen);
            out.write(' ');
            repr(out, q.evalshaHead, q.evalshaNameLen, q.evalshaShaLen);
            from = 2;
        }
        for (int i = from; i < a.count(); i++) {
            if (i > 0) {
                out.write(' ');
            }
            if (i >= redactFrom && redacted(q, i)) {
                out.writeBytes(REDACTED);
            } else {
                repr(out, a.buf(), a.off(i), a.len(i));
            }
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    /** The first argument that may be a credential: AUTH's arguments, HELLO's after AUTH; else none. */
    private static int redactFrom(RequestEvent q) {
        String name = q.cmd.fullName;
        if (name.equals("auth")) {
            return 1;
        }
        if (name.equals("hello")) {
            return 2;
        }
        return Integer.MAX_VALUE;
    }

    /** AUTH: every argument; HELLO: the two after an AUTH option. */
    private static boolean redacted(RequestEvent q, int i) {
        if (q.cmd.fullName.equals("auth")) {
            return true;
        }
        Args a = q.args;
        for (int j = 2; j < a.count(); j++) {
            if (a.len(j) == 4 && new String(a.buf(), a.off(j), 4, StandardCharsets.ISO_8859_1).equalsIgnoreCase("auth")) {
                if (i == j + 1 || i == j + 2) {
                    return true;
                }
                j += 2;
            } else if (a.len(j) == 7 && new String(a.buf(), a.off(j), 7, StandardCharsets.ISO_8859_1).equalsIgnoreCase("setname")) {
                j++;
            }
        }
        return false;
    }

    /** Redis's sdscatrepr: quoted, with \\ \" \n \r \t \a \b escaped and other non-printables as \xhh. */
    static void repr(ByteArrayOutputStream out, byte[] b, int off, int len) {
        out.write('"');
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            switch (c) {
                case '\\', '"' -> {
                    out.write('\\');
                    out.write(c);
                }
                case '\n' -> escape(out, 'n');
                case '\r' -> escape(out, 'r');
                case '\t' -> escape(out, 't');
                case 7 -> escape(out, 'a');
                case '\b' -> escape(out, 'b');
                default -> {
                    if (c >= 0x20 && c <= 0x7e) {
                        out.write(c);
                    } else {
                        out.write('\\');
                        out.write('x');
                        out.write(HEX[c >> 4]);
                        out.write(HEX[c & 15]);
                    }
                }
            }
        }
        out.write('"');
    }

    private static void escape(ByteArrayOutputStream out, char c) {
        out.write('\\');
        out.write(c);
    }
}
