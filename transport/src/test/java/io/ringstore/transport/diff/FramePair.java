package io.ringstore.transport.diff;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One client as two connections, one to redis-server and one to Ringstore, sent the same commands,
 * whose every incoming frame is read in order and compared: replies, subscribe confirmations,
 * message / pmessage / smessage frames, RESP3 pushes. Built for subscribers, whose frames come
 * unasked, so there is no "one reply per command" to wait for.
 *
 * <p>{@link #drain()} reads what each server has written to the connection so far, up to a barrier:
 * a {@code PING <token>} of its own, answered after everything the server wrote before it
 * ({@code $token}, or {@code [pong, token]} in RESP2 subscribed mode; the barrier's frame is part
 * of the compared list, so PING's form is checked on every drain). A connection the harness saw
 * enter MULTI gets no barrier (a PING would be queued): its replies are read by count, one per
 * command sent, RESP3 pushes not counted. After QUIT the connection is read to its end. Every wait
 * is bounded ({@link #WAIT_MS}); a missing barrier, a timeout or a close shows as a frame of text
 * in parentheses, so a hang becomes a mismatch. One test thread.
 */
final class FramePair implements AutoCloseable {
    /** How long a drain waits for the barrier (or a counted reply) on one side. */
    static final int WAIT_MS = 5_000;

    final String name;
    final int resp;
    private final RespClient[] sides = new RespClient[2]; // [0] redis-server, [1] Ringstore
    private final boolean[] closed = new boolean[2];
    private boolean inMulti;
    private boolean quitSent;
    private int unread;
    private int barriers;

    private FramePair(String name, int resp) {
        this.name = name;
        this.resp = resp;
    }

    /** Both connections, switched to RESP3 by HELLO 3 when {@code resp} is 3 (HELLO's reply is checked, not compared: ids differ). */
    static FramePair open(String name, int resp, int redisPort, int ringPort) throws IOException {
        FramePair p = new FramePair(name, resp);
        try {
            p.sides[0] = RespClient.connect(redisPort);
            p.sides[1] = RespClient.connect(ringPort);
            if (resp == 3) {
                for (RespClient c : p.sides) {
                    Reply r = c.call("HELLO", "3");
                    if (r.type != '%') {
                        throw new IllegalStateException(name + ": HELLO 3 answered " + r);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
        return p;
    }

    /** Writes the commands to both servers with one flush each; their frames are read by the next {@link #drain()}. */
    void send(List<byte[][]> commands) throws IOException {
        for (int side = 0; side < 2; side++) {
            if (closed[side]) {
                continue;
            }
            try {
                for (byte[][] c : commands) {
                    sides[side].write(c);
                }
                sides[side].flush();
            } catch (IOException e) {
                closed[side] = true; // reported by the next drain as a closed connection
            }
        }
        for (byte[][] c : commands) {
            unread++;
            String cmd = new String(c[0], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            if (cmd.equals("multi") && c.length == 1) {
                inMulti = true;
            } else if (cmd.equals("exec") || cmd.equals("discard") || cmd.equals("reset")) {
                inMulti = false;
            } else if (cmd.equals("quit")) {
                quitSent = true;
            }
        }
    }

    void send(String... args) throws IOException {
        send(java.util.Collections.singletonList(bytes(args)));
    }

    /** What each side received since the last drain: [0] redis-server's frames, [1] Ringstore's, as compared texts. */
    List<List<String>> drain() throws IOException {
        return drain(null);
    }

    /**
     * As {@link #drain()}, with {@code replies} applied to the reply frames (not pub/sub frames, not
     * the barrier): PUBSUB CHANNELS lists channels in dict order, so its step asks for SORTED.
     */
    List<List<String>> drain(Normalizer replies) throws IOException {
        String token = "barrier:" + name + ":" + (++barriers);
        boolean barrier = !inMulti && !quitSent;
        int count = unread;
        unread = 0;
        List<List<String>> out = new ArrayList<>(2);
        for (int side = 0; side < 2; side++) {
            out.add(drainSide(side, barrier, token, count, replies));
        }
        return out;
    }

    private List<String> drainSide(int side, boolean barrier, String token, int count, Normalizer replies) {
        List<String> frames = new ArrayList<>();
        List<Reply> raw = new ArrayList<>(); // parallel to frames; null for the barrier and markers
        read(side, barrier, token, count, replies, frames, raw);
        FrameNormal.order(frames, raw, replies == Normalizer.SORTED);
        return frames;
    }

    private void read(int side, boolean barrier, String token, int count, Normalizer replies, List<String> frames,
                      List<Reply> raw) {
        if (closed[side] && sides[side] == null) {
            return; // reported closed once already
        }
        RespClient c = sides[side];
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000L;
        try {
            if (closed[side]) {
                throw new EOFException("write failed");
            }
            // PING <token>: answered after every frame the server wrote to this connection before it
            if (barrier) {
                c.write(bytes("PING", token));
                c.flush();
            }
            int counted = 0;
            while (true) {
                if (!barrier && !quitSent && counted >= count) {
                    return;
                }
                long leftMs = (deadline - System.nanoTime()) / 1_000_000L;
                Reply r = leftMs <= 0 ? null : c.poll((int) leftMs);
                if (r == null) {
                    frames.add(barrier ? "(no barrier reply within " + WAIT_MS + " ms)"
                            : "(no further frame within " + WAIT_MS + " ms)");
                    raw.add(null);
                    return;
                }
                if (barrier && isBarrier(r, token)) {
                    frames.add(r.canonical());
                    raw.add(null);
                    return;
                }
                if (r.type != '>') {
                    counted++;
                }
                frames.add(replies != null && !FrameNormal.isPubSub(r) ? replies.apply(r) : frameText(r));
                raw.add(r);
            }
        } catch (EOFException e) {
            frames.add("(connection closed)");
            raw.add(null);
        } catch (IOException e) {
            frames.add("(unreadable: " + e.getMessage() + ")");
            raw.add(null);
        }
        closed[side] = true;
        c.close();
        sides[side] = null;
    }

    /** True once both sides are closed (after QUIT, or a server dropping the connection). */
    boolean isClosed() {
        return sides[0] == null && sides[1] == null;
    }

    private static boolean isBarrier(Reply r, String token) {
        if (r.type == '$') {
            return token.equals(r.text());
        }
        return (r.type == '*' || r.type == '>') && r.items != null && r.items.size() == 2
                && "pong".equals(r.items.get(0).text()) && token.equals(r.items.get(1).text());
    }

    /** A frame's compared text: canonical, but a HELLO reply with its id masked. */
    private static String frameText(Reply r) {
        if ((r.type == '%' || r.type == '*') && r.items != null && !r.items.isEmpty()
                && "server".equals(r.items.get(0).text())) {
            return Normalizer.HELLO.apply(r);
        }
        return r.canonical();
    }

    static byte[][] bytes(String... args) {
        byte[][] b = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            b[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return b;
    }

    @Override
    public void close() {
        for (int side = 0; side < 2; side++) {
            if (sides[side] != null) {
                sides[side].close();
                sides[side] = null;
            }
        }
    }
}
