package io.ringstore.transport.diff;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one {@link PubSubScript} against redis-server and Ringstore: opens its connections as
 * {@link FramePair}s, sends each step, drains and compares what every connection received, and
 * ends with a RESET on each connection still open (compared too), so no subscription outlives the
 * scenario in either server's registry (a closed socket is dropped asynchronously; a RESET's
 * reply proves it done). Results go to a {@link Tally} under family {@value #FAMILY}. One test thread.
 */
final class PubSubRun {
    static final String FAMILY = "pubsub";

    private final String label;
    private final int redisPort;
    private final int ringPort;
    private final Tally tally;
    private final boolean trace;
    private int index;

    PubSubRun(String label, int redisPort, int ringPort, Tally tally, boolean trace) {
        this.label = label;
        this.redisPort = redisPort;
        this.ringPort = ringPort;
        this.tally = tally;
        this.trace = trace;
    }

    /**
     * Why the scenario cannot run on this Ringstore yet, or null: a required command answered as
     * unknown (asked on a connection of its own), or a standing KNOWN_DIVERGENCES entry.
     */
    String skipReason(PubSubScript s, boolean everything) throws IOException {
        if (s.knownDivergence != null && !everything && CommandGenerator.skipped(s.knownDivergence)) {
            return "KNOWN DIVERGENCE " + s.knownDivergence + ": " + CommandGenerator.KNOWN_DIVERGENCES.get(s.knownDivergence);
        }
        if (s.notifications != null) {
            try (RespClient c = RespClient.connect(ringPort)) {
                Reply r = c.call("CONFIG", "SET", "notify-keyspace-events", s.notifications);
                c.call("CONFIG", "SET", "notify-keyspace-events", "");
                if (r.isError()) {
                    return "keyspace notifications are not built yet: Ringstore answered CONFIG SET"
                            + " notify-keyspace-events " + s.notifications + " with -" + r.text()
                            + "; this scenario runs once it accepts it";
                }
            }
        }
        for (String[] probe : s.requires) {
            try (RespClient c = RespClient.connect(ringPort)) {
                Reply r = c.call(probe);
                if (r.isError() && (r.text().startsWith("ERR unknown command") || r.text().startsWith("ERR unknown subcommand"))) {
                    return "Ringstore does not know " + String.join(" ", probe) + " yet (it answered \"" + r.text()
                            + "\"): this scenario runs once the command lands";
                }
            }
        }
        return null;
    }

    void run(PubSubScript s) throws IOException {
        for (int port : new int[] {redisPort, ringPort}) {
            try (RespClient c = RespClient.connect(port)) {
                Reply r = c.call("FLUSHALL");
                if (!r.canonical().equals("+OK")) {
                    throw new IllegalStateException("FLUSHALL on port " + port + " answered " + r);
                }
            }
        }
        quiesce();
        Map<String, FramePair> pairs = new LinkedHashMap<>();
        try {
            if (s.notifications != null) {
                notifications(s.notifications);
            }
            for (Map.Entry<String, Integer> e : s.connections.entrySet()) {
                pairs.put(e.getKey(), FramePair.open(e.getKey(), e.getValue(), redisPort, ringPort));
            }
            for (PubSubScript.Step step : s.steps) {
                FramePair own = pairs.get(step.conn());
                own.send(step.commands());
                for (FramePair p : pairs.values()) {
                    if (p.isClosed() || (p != own && !step.drainAll())) {
                        continue;
                    }
                    compare(s.name, step.display(), p, p.drain(p == own ? step.replies() : null));
                }
                index++;
            }
            for (FramePair p : pairs.values()) {
                if (!p.isClosed()) {
                    p.send("RESET");
                    compare(s.name, "[" + p.name + "] \"RESET\" (end of scenario)", p, p.drain());
                }
            }
        } finally {
            pairs.values().forEach(FramePair::close);
            if (s.notifications != null) {
                notifications("");
            }
        }
    }

    /** CONFIG SET notify-keyspace-events on both servers; both must accept it. */
    private void notifications(String flags) throws IOException {
        for (int port : new int[] {redisPort, ringPort}) {
            try (RespClient c = RespClient.connect(port)) {
                Reply r = c.call("CONFIG", "SET", "notify-keyspace-events", flags);
                if (!r.canonical().equals("+OK")) {
                    throw new IllegalStateException("CONFIG SET notify-keyspace-events " + flags + " on port " + port
                            + " answered " + r);
                }
            }
        }
    }

    /**
     * Waits (up to 2 s per server) until no channel or pattern is subscribed: a connection closed
     * by QUIT at the end of the previous scenario is dropped from the registry asynchronously.
     */
    private void quiesce() throws IOException {
        for (int port : new int[] {redisPort, ringPort}) {
            try (RespClient c = RespClient.connect(port)) {
                long deadline = System.nanoTime() + 2_000_000_000L;
                while (!(c.call("PUBSUB", "NUMPAT").canonical().equals(":0")
                        && c.call("PUBSUB", "CHANNELS").canonical().equals("*[]"))
                        && System.nanoTime() - deadline < 0) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** Records one connection's frames after a step: equal lists, or a mismatch with both. */
    private void compare(String script, String step, FramePair p, List<List<String>> frames) {
        String a = frames.get(0).toString();
        String b = frames.get(1).toString();
        boolean equal = a.equals(b);
        tally.record(FAMILY, equal);
        String what = script + ": #" + index + " " + step + " -> frames on [" + p.name + "] (RESP" + p.resp + ")";
        if (!equal) {
            tally.mismatch(new Tally.Mismatch(label, 0, index, FAMILY, what, a, b));
        }
        if (trace) {
            System.out.println((equal ? "  " : "! ") + what + "\n      redis:     " + a
                    + (equal ? "" : "\n      ringstore: " + b));
        }
    }
}
