package io.ringstore.transport.diff;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Sends one generated stream to redis-server and to Ringstore over one connection each, compares
 * every reply (through the command's {@link Normalizer}), then compares the final keyspace of every
 * database. Two ways to send: {@link #sequential} (one command, one reply) and {@link #pipelined}
 * (a batch of commands written at once, then its replies read in order). QUIT ends a batch; the run
 * checks both servers closed the connection and reconnects. Commands of the WATCH scenarios'
 * second connection ({@link GeneratedCommand#connection()} 1) go over a second pair of
 * connections, opened on first use, and always as a batch of their own, so they land between the
 * watcher's commands exactly where the stream puts them. One test thread.
 */
final class DiffRun {
    static final String SNAPSHOT = "snapshot";
    private static final int CLOSE_WAIT_MS = 2_000;

    private final String run;
    private final long seed;
    private final int redisPort;
    private final int ringPort;
    private final Tally tally;
    private final boolean trace;
    private final CommandGenerator generator;
    /** Per side, the stream's own connection [0] and the second one [1]; null when not (or no longer) open. */
    private final RespClient[] redis = new RespClient[2];
    private final RespClient[] ring = new RespClient[2];

    /**
     * Called after each command of a {@link #sequential} run, and after each batch of a
     * {@link #pipelined} one (with its last command), was compared: subscriber drains hook in here.
     */
    interface AfterCommand {
        void after(GeneratedCommand c) throws IOException;
    }

    private AfterCommand afterCommand = c -> { };

    DiffRun(String run, CommandGenerator generator, long seed, int redisPort, int ringPort, Tally tally, boolean trace) {
        this.run = run;
        this.generator = generator;
        this.seed = seed;
        this.redisPort = redisPort;
        this.ringPort = ringPort;
        this.tally = tally;
        this.trace = trace;
    }

    /**
     * Brings both servers to the same empty state: FLUSHALL, SCRIPT FLUSH, FUNCTION FLUSH, and the
     * options a stream may change back to their defaults (only through commands both servers have).
     */
    void reset() throws IOException {
        for (int port : new int[] {redisPort, ringPort}) {
            try (RespClient c = RespClient.connect(port)) {
                expectOk(c, port, "FLUSHALL");
                if (generator.supported("script|flush")) {
                    expectOk(c, port, "SCRIPT", "FLUSH"); // the script cache outlives FLUSHALL, and runs
                }
                if (generator.supported("function|flush")) {
                    expectOk(c, port, "FUNCTION", "FLUSH"); // so do function libraries
                }
                if (generator.supported("config|set")) {
                    // Every option a recipe changes (ServerRecipes: hz; StreamRecipes: node limits;
                    // the notification tests set notify-keyspace-events around their runs themselves),
                    // back to its default: one redis-server serves several runs of a test class.
                    String[] reset = {"CONFIG", "SET", "hz", "10", "stream-node-max-entries", "100",
                        "stream-node-max-bytes", "4096"};
                    Reply r = c.call(reset);
                    // Strict unless the generator ignores the lists (diff.all): then CONFIG may not exist.
                    if (!r.canonical().equals("+OK") && !generator.everything()) {
                        throw new IllegalStateException("reset: " + String.join(" ", reset) + " on port " + port
                                + " answered " + r);
                    }
                }
            }
        }
    }

    /** Sets what runs after each command or batch (StreamSubscribers compares their frames). */
    void afterEachCommand(AfterCommand a) {
        this.afterCommand = a;
    }

    String label() {
        return run;
    }

    long seed() {
        return seed;
    }

    Tally tally() {
        return tally;
    }

    boolean trace() {
        return trace;
    }

    private static void expectOk(RespClient c, int port, String... cmd) throws IOException {
        Reply r = c.call(cmd);
        if (!r.canonical().equals("+OK")) {
            throw new IllegalStateException("reset: " + String.join(" ", cmd) + " on port " + port + " answered " + r);
        }
    }

    /** One command at a time: write to both servers, then read both replies. */
    void sequential(List<GeneratedCommand> cmds) throws IOException {
        connect();
        try {
            for (GeneratedCommand c : cmds) {
                sendBoth(List.of(c));
                compare(c, readOne(true, c), readOne(false, c));
                if (c.quits()) {
                    afterQuit(c);
                }
                afterCommand.after(c);
            }
        } finally {
            disconnect();
        }
    }

    /**
     * Batches of 1..maxBatch commands (sizes from {@code batches}): each batch written to both
     * servers with one flush, then its replies read in order. A QUIT is always a batch's last.
     */
    void pipelined(List<GeneratedCommand> cmds, Random batches, int maxBatch) throws IOException {
        connect();
        try {
            int i = 0;
            while (i < cmds.size()) {
                int want = 1 + batches.nextInt(maxBatch);
                List<GeneratedCommand> batch = new ArrayList<>(want);
                while (i < cmds.size() && batch.size() < want) {
                    GeneratedCommand c = cmds.get(i);
                    if (!batch.isEmpty() && c.connection() != batch.get(0).connection()) {
                        break; // the other connection: its own batch
                    }
                    i++;
                    batch.add(c);
                    if (c.quits() || c.connection() != 0) {
                        break;
                    }
                }
                batch(batch);
                afterCommand.after(batch.get(batch.size() - 1));
            }
        } finally {
            disconnect();
        }
    }

    /** The whole script as one pipelined batch (it must not contain QUIT before its end). */
    void oneBatch(List<GeneratedCommand> cmds) throws IOException {
        connect();
        try {
            batch(cmds);
        } finally {
            disconnect();
        }
    }

    private void batch(List<GeneratedCommand> batch) throws IOException {
        sendBoth(batch);
        List<String> a = new ArrayList<>(batch.size());
        for (GeneratedCommand c : batch) {
            a.add(readOne(true, c));
        }
        List<String> b = new ArrayList<>(batch.size());
        for (GeneratedCommand c : batch) {
            b.add(readOne(false, c));
        }
        for (int k = 0; k < batch.size(); k++) {
            compare(batch.get(k), a.get(k), b.get(k));
        }
        GeneratedCommand last = batch.get(batch.size() - 1);
        if (last.quits()) {
            afterQuit(last);
        }
    }

    /** Writes a batch (all on one connection) to both servers, opening the second connection on first use. */
    private void sendBoth(List<GeneratedCommand> batch) throws IOException {
        int conn = batch.get(0).connection();
        if (redis[conn] == null) {
            redis[conn] = RespClient.connect(redisPort);
        }
        if (ring[conn] == null) {
            ring[conn] = RespClient.connect(ringPort);
        }
        for (GeneratedCommand c : batch) {
            redis[conn].write(c.args());
            ring[conn].write(c.args());
        }
        redis[conn].flush();
        ring[conn].flush();
    }

    /**
     * Reads one reply from one side and normalizes it. A lost connection or a missing reply becomes
     * the reply text "(...)" and the side reconnects, so one failure cannot hang the run.
     */
    private String readOne(boolean fromRedis, GeneratedCommand c) throws IOException {
        int conn = c.connection();
        RespClient client = (fromRedis ? redis : ring)[conn];
        if (client == null) {
            return "(connection lost earlier in this batch)";
        }
        try {
            return c.normalize(client.read());
        } catch (EOFException e) {
            dropSide(fromRedis, conn);
            return "(connection closed by server)";
        } catch (SocketTimeoutException e) {
            dropSide(fromRedis, conn);
            return "(no reply within the read timeout)";
        } catch (IOException e) {
            dropSide(fromRedis, conn);
            return "(unreadable reply: " + e.getMessage() + ")";
        }
    }

    private void dropSide(boolean fromRedis, int conn) {
        RespClient[] side = fromRedis ? redis : ring;
        side[conn].close();
        side[conn] = null;
    }

    /** After QUIT's reply both servers must close the connection; then both are reopened. */
    private void afterQuit(GeneratedCommand c) throws IOException {
        String a = redis[0] == null ? "closed" : redis[0].closedByPeer(CLOSE_WAIT_MS) ? "closed" : "open";
        String b = ring[0] == null ? "closed" : ring[0].closedByPeer(CLOSE_WAIT_MS) ? "closed" : "open";
        compare(new GeneratedCommand(c.index(), "quit", c.family(), c.args(), Normalizer.EXACT, true),
                "connection " + a + " after QUIT", "connection " + b + " after QUIT");
        closeMain();
        connect();
    }

    private void compare(GeneratedCommand c, String a, String b) throws IOException {
        boolean equal = a.equals(b);
        tally.record(c.family(), equal);
        if (c.name().equals("exec") || c.name().equals("discard")) {
            tally.note(outcome(c.name(), a));
        }
        if (!equal) {
            tally.mismatch(new Tally.Mismatch(run, seed, c.index(), c.family(), c.display(), a, b));
        }
        if (trace) {
            System.out.println((equal ? "  " : "! ") + "#" + c.index() + " " + c.display() + "\n      redis:     " + a
                    + (equal ? "" : "\n      ringstore: " + b));
        }
        // A side that lost its stream connection continues on a fresh one (the second connection
        // reopens when next used).
        if (redis[0] == null) {
            redis[0] = RespClient.connect(redisPort);
        }
        if (ring[0] == null) {
            ring[0] = RespClient.connect(ringPort);
        }
    }

    /** How an EXEC or DISCARD ended, by Redis's reply, for the transactions summary line. */
    private static String outcome(String name, String redisReply) {
        if (redisReply.startsWith("-EXECABORT")) {
            return name + ": EXECABORT";
        }
        if (redisReply.equals("*nil") || redisReply.equals("_")) {
            return name + ": aborted by WATCH";
        }
        if (redisReply.contains(" without MULTI")) {
            return name + ": without MULTI";
        }
        return name + (redisReply.startsWith("-") ? ": other error" : ": ran");
    }

    private void connect() throws IOException {
        redis[0] = RespClient.connect(redisPort);
        ring[0] = RespClient.connect(ringPort);
    }

    /** Leaves a harmless last command on each connection (CLIENT LIST reads it), then closes. */
    private void disconnect() {
        closeMain();
        close(redis, 1);
        close(ring, 1);
    }

    private void closeMain() {
        close(redis, 0);
        close(ring, 0);
    }

    private static void close(RespClient[] side, int conn) {
        RespClient c = side[conn];
        if (c != null) {
            try {
                c.call("PING");
            } catch (IOException ignored) {
                // closing anyway
            }
            c.close();
        }
        side[conn] = null;
    }

    /**
     * Compares the function libraries (FUNCTION LIST WITHCODE) and the final keyspace of all 16
     * databases through fresh RESP2 connections, using only commands both servers have: DBSIZE,
     * then per key of the universe (and of KEYS * when KEYS exists) EXISTS, GET, and TYPE, PTTL
     * class and OBJECT ENCODING when those exist.
     */
    void snapshot() throws IOException {
        connect();
        try {
            int index = 0;
            if (generator.supported("function|list")) {
                check(index++, Normalizer.FUNCTION_LIST, "FUNCTION", "LIST", "WITHCODE");
            }
            for (int db = 0; db < 16; db++) {
                check(index++, Normalizer.EXACT, "SELECT", Integer.toString(db));
                String[] size = check(index++, Normalizer.EXACT, "DBSIZE");
                if (size[0].equals(":0") && size[1].equals(":0")) {
                    continue;
                }
                Set<String> keys = new LinkedHashSet<>();
                for (byte[] k : ArgGen.KEYS) {
                    keys.add(new String(k, StandardCharsets.ISO_8859_1));
                }
                if (generator.supported("keys")) {
                    Reply[] all = checkRaw(index++, Normalizer.SORTED, "KEYS", "*");
                    for (Reply r : all) {
                        if (r != null && r.items != null) {
                            r.items.forEach(x -> keys.add(x.text()));
                        }
                    }
                }
                for (String key : keys) {
                    byte[] k = key.getBytes(StandardCharsets.ISO_8859_1);
                    check(index++, Normalizer.EXACT, b("EXISTS"), k);
                    if (generator.supported("type")) {
                        check(index++, Normalizer.EXACT, b("TYPE"), k);
                    }
                    check(index++, Normalizer.EXACT, b("GET"), k);
                    if (generator.supported("pttl")) {
                        check(index++, Normalizer.TTL_CLASS, b("PTTL"), k);
                    }
                    if (generator.supported("object|encoding")) {
                        check(index++, Normalizer.EXACT, b("OBJECT"), b("ENCODING"), k);
                    }
                    if (generator.supported("zrange")) {
                        check(index++, Normalizer.EXACT, b("ZRANGE"), k, b("0"), b("-1"), b("WITHSCORES"));
                    }
                    if (generator.supported("hgetall")) {
                        check(index++, Normalizer.PAIRS_SORTED, b("HGETALL"), k);
                    }
                    if (generator.supported("xrange")) {
                        check(index++, Normalizer.STREAM, b("XRANGE"), k, b("-"), b("+"));
                        check(index++, Normalizer.STREAM, b("XINFO"), b("GROUPS"), k);
                    }
                }
            }
        } finally {
            disconnect();
        }
    }

    private String[] check(int index, Normalizer n, String... args) throws IOException {
        byte[][] b = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            b[i] = b(args[i]);
        }
        return check(index, n, b);
    }

    private String[] check(int index, Normalizer n, byte[]... args) throws IOException {
        GeneratedCommand c = new GeneratedCommand(index, "(snapshot)", SNAPSHOT, args, n, false);
        sendBoth(List.of(c));
        String a = readOne(true, c);
        String b = readOne(false, c);
        compare(c, a, b);
        return new String[] {a, b};
    }

    /** Like check, but also returns both raw replies (null for a side whose read failed). */
    private Reply[] checkRaw(int index, Normalizer n, String... args) throws IOException {
        byte[][] b = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            b[i] = b(args[i]);
        }
        GeneratedCommand c = new GeneratedCommand(index, "(snapshot)", SNAPSHOT, b, n, false);
        sendBoth(List.of(c));
        Reply ra = null;
        Reply rb = null;
        String a;
        String bb;
        try {
            ra = redis[0].read();
            a = n.apply(ra);
        } catch (IOException e) {
            dropSide(true, 0);
            a = "(" + e.getMessage() + ")";
        }
        try {
            rb = ring[0].read();
            bb = n.apply(rb);
        } catch (IOException e) {
            dropSide(false, 0);
            bb = "(" + e.getMessage() + ")";
        }
        compare(c, a, bb);
        return new Reply[] {ra, rb};
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
