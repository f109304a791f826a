package io.ringstore.transport.diff;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Subscriber connections beside a random stream ({@link DiffRun#sequential}): each a
 * {@link FramePair} (RESP2 or RESP3) set up with its own SUBSCRIBE / PSUBSCRIBE commands, drained
 * and compared with redis-server's after every command of the stream ({@link #afterCommand}), so a
 * message or notification must arrive in the same order, and before the stream's next command, on
 * both servers. Results go into the run's Tally under {@code family}; {@link #redisMessages()}
 * counts what redis-server delivered, so a test can refuse to pass on an empty comparison. One
 * test thread.
 */
final class StreamSubscribers implements AutoCloseable {
    private final DiffRun run;
    private final String family;
    private final int redisPort;
    private final int ringPort;
    private final List<FramePair> pairs = new ArrayList<>();
    private long redisMessages;

    StreamSubscribers(DiffRun run, String family, int redisPort, int ringPort) {
        this.run = run;
        this.family = family;
        this.redisPort = redisPort;
        this.ringPort = ringPort;
    }

    /** Opens a subscriber and sends its setup commands, comparing the confirmations. */
    StreamSubscribers add(String name, int resp, String[]... setup) throws IOException {
        FramePair p = FramePair.open(name, resp, redisPort, ringPort);
        pairs.add(p);
        for (String[] cmd : setup) {
            p.send(cmd);
            compare(p, -1, "(setup) " + String.join(" ", cmd), p.drain());
        }
        return this;
    }

    /** Drains every subscriber after the stream's command {@code c} and compares. */
    void afterCommand(GeneratedCommand c) throws IOException {
        for (FramePair p : pairs) {
            compare(p, c.index(), c.display(), p.drain());
        }
    }

    long redisMessages() {
        return redisMessages;
    }

    private void compare(FramePair p, int index, String command, List<List<String>> frames) {
        for (String f : frames.get(0)) {
            if (FrameNormal.isMessage(f)) {
                redisMessages++;
            }
        }
        String a = frames.get(0).toString();
        String b = frames.get(1).toString();
        boolean equal = a.equals(b);
        run.tally().record(family, equal);
        String what = command + " -> frames on subscriber [" + p.name + "] (RESP" + p.resp + ")";
        if (!equal) {
            run.tally().mismatch(new Tally.Mismatch(run.label(), run.seed(), index, family, what, a, b));
        }
        if (run.trace() && (!equal || frames.get(0).size() > 1)) {
            System.out.println((equal ? "  " : "! ") + "#" + index + " " + what + "\n      redis:     " + a
                    + (equal ? "" : "\n      ringstore: " + b));
        }
    }

    /**
     * RESETs each subscriber and waits for the reply before closing it, so its subscriptions are
     * gone from both registries before the next run (a close alone is processed asynchronously).
     */
    @Override
    public void close() {
        for (FramePair p : pairs) {
            try {
                if (!p.isClosed()) {
                    p.send("RESET");
                    p.drain();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
            p.close();
        }
    }
}
