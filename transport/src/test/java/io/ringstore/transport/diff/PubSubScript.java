package io.ringstore.transport.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted pub/sub scenario: named client connections (each RESP2 or RESP3, see {@link FramePair})
 * and the steps sent on them. A step writes one command (or a batch, with one flush) on one
 * connection, then drains every open connection ({@link #step}), or only its own ({@link #only}:
 * the others keep their unread frames, so a later command of theirs meets messages already
 * queued). What each connection received is compared with redis-server's, frame by frame.
 *
 * <p>{@link #requires} names commands Ringstore may not have yet (shard channels): the scenario
 * is skipped, by assumption and with a message, while Ringstore answers them "unknown command".
 * {@link #knownDivergence} names a {@link CommandGenerator#KNOWN_DIVERGENCES} key that skips it
 * while the entry stands; {@link #notifications} turns keyspace notifications on for it (skipped
 * while Ringstore refuses the option).
 */
final class PubSubScript {
    /** One step: the connection, its commands, whether all connections are drained, the reply normalizer. */
    record Step(String conn, List<byte[][]> commands, boolean drainAll, Normalizer replies) {
        String display() {
            StringBuilder sb = new StringBuilder("[").append(conn).append("] ");
            for (int c = 0; c < commands.size(); c++) {
                if (c > 0) {
                    sb.append(" | ");
                }
                byte[][] args = commands.get(c);
                for (int i = 0; i < args.length; i++) {
                    if (i > 0) {
                        sb.append(' ');
                    }
                    Reply.quote(sb, args[i]);
                }
            }
            return sb.toString();
        }
    }

    final String name;
    final Map<String, Integer> connections = new LinkedHashMap<>();
    final List<Step> steps = new ArrayList<>();
    final List<String[]> requires = new ArrayList<>();
    String knownDivergence;
    /** notify-keyspace-events for the scenario (CONFIG SET on both servers before it, "" after), or null. */
    String notifications;

    PubSubScript(String name) {
        this.name = name;
    }

    /** A connection in RESP2 or RESP3, opened before the first step, drained in declaration order. */
    PubSubScript conn(String conn, int resp) {
        connections.put(conn, resp);
        return this;
    }

    /** Sends one command on {@code conn}, then drains every connection. */
    PubSubScript step(String conn, String... args) {
        return add(conn, true, null, java.util.Collections.singletonList(FramePair.bytes(args)));
    }

    /** Sends one command on {@code conn} and drains only that connection. */
    PubSubScript only(String conn, String... args) {
        return add(conn, false, null, java.util.Collections.singletonList(FramePair.bytes(args)));
    }

    /** As {@link #step}, with the step's reply frames through {@code n} (SORTED for PUBSUB CHANNELS). */
    PubSubScript step(String conn, Normalizer n, String... args) {
        return add(conn, true, n, java.util.Collections.singletonList(FramePair.bytes(args)));
    }

    /** Several commands on {@code conn} written at once, then every connection drained. */
    PubSubScript batch(String conn, String[]... commands) {
        List<byte[][]> cmds = new ArrayList<>();
        for (String[] c : commands) {
            cmds.add(FramePair.bytes(c));
        }
        return add(conn, true, null, cmds);
    }

    /** Skip (by assumption) while Ringstore answers this command (and subcommand) as unknown. */
    PubSubScript requires(String... command) {
        requires.add(command);
        return this;
    }

    /**
     * Runs the scenario with {@code notify-keyspace-events} set to {@code flags}; skipped (by
     * assumption) while Ringstore refuses that CONFIG SET.
     */
    PubSubScript notifications(String flags) {
        this.notifications = flags;
        return this;
    }

    /** Skip while {@code key} stands in {@link CommandGenerator#KNOWN_DIVERGENCES}. */
    PubSubScript knownDivergence(String key) {
        this.knownDivergence = key;
        return this;
    }

    private PubSubScript add(String conn, boolean all, Normalizer n, List<byte[][]> cmds) {
        if (!connections.containsKey(conn)) {
            throw new IllegalArgumentException(name + ": no connection " + conn);
        }
        steps.add(new Step(conn, cmds, all, n));
        return this;
    }
}
