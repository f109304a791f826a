package io.ringstore.engine;

import com.lmax.disruptor.EventHandler;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.family.Commands;
import io.ringstore.engine.util.Clock;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine without sockets: the same ring, shards and command table, with a reply stage that
 * keeps each reply for the caller. For unit tests (with an injected clock), in-process benchmarks
 * and tools. {@link #call} is synchronous, {@link #send} pipelines; both are meant for one
 * calling thread.
 */
public final class EmbeddedEngine implements AutoCloseable {
    private final Engine engine;
    private final ClientSession session;
    private final Replies replies;

    /** Reply stage keeping the last reply's bytes; the caller waits for its sequence. */
    static final class Replies implements EventHandler<RequestEvent> {
        volatile long done = -1;
        byte[] last = new byte[0];
        int lastLen;
        long lastSeq = -1;

        /** Replies written later to blocked clients (served, timed out, unblocked), per session. */
        final java.util.concurrent.ConcurrentHashMap<ClientSession, java.util.concurrent.LinkedBlockingQueue<String>> deferred =
                new java.util.concurrent.ConcurrentHashMap<>();

        private void defer(ClientSession s, io.ringstore.engine.reply.ReplyBuffer reply) {
            String r = new String(reply.array(), 0, reply.length(), StandardCharsets.ISO_8859_1);
            deferred.computeIfAbsent(s, k -> new java.util.concurrent.LinkedBlockingQueue<>()).add(r);
        }

        @Override
        public void onEvent(RequestEvent e, long sequence, boolean endOfBatch) {
            for (io.ringstore.engine.block.Waiter w = e.deliveries.get(); w != null; w = w.next) {
                String r = new String(w.reply.array(), 0, w.reply.length(), StandardCharsets.ISO_8859_1);
                deferred.computeIfAbsent(w.session, k -> new java.util.concurrent.LinkedBlockingQueue<>()).add(r);
            }
            int early = 0;
            io.ringstore.engine.pubsub.Message messages = e.takeMessages();
            for (io.ringstore.engine.pubsub.Message m = messages; m != null; m = m.next) {
                if (m.beforeReply) {
                    early += m.reply().length(); // goes ahead of the reply, into it here
                    continue;
                }
                if (m.targets != null) {
                    for (io.ringstore.engine.pubsub.Subscriber t : m.targets) {
                        if (t != m.skip) {
                            defer((ClientSession) t, m.bytesFor(t));
                        }
                    }
                } else {
                    defer((ClientSession) m.session, m.reply());
                }
            }
            if (e.kind == RequestEvent.KIND_COMMAND && e.session != null) {
                int n = early + e.reply.length();
                if (last.length < n) {
                    last = new byte[Math.max(n, last.length * 2)];
                }
                int at = 0;
                for (io.ringstore.engine.pubsub.Message m = messages; m != null; m = m.next) {
                    if (m.beforeReply) {
                        System.arraycopy(m.reply().array(), 0, last, at, m.reply().length());
                        at += m.reply().length();
                    }
                }
                System.arraycopy(e.reply.array(), 0, last, at, e.reply.length());
                lastLen = n;
                lastSeq = sequence;
            }
            e.recycleMessages(messages);
            done = sequence; // volatile store publishes the reply to the caller
        }
    }

    public EmbeddedEngine(int shards, Clock clock) {
        this(shards, clock, new Config());
    }

    public EmbeddedEngine(int shards, Clock clock, Config config) {
        this(shards, clock, config, (e, s, b) -> { }, true);
    }

    /**
     * An engine with a given journal stage (journal tests). Without {@code ticker} only the
     * pipeline starts, so a test can replay a journal first and call {@link #startTicker} after.
     */
    public EmbeddedEngine(int shards, Clock clock, Config config, EventHandler<RequestEvent> journal, boolean ticker) {
        this(shards, clock, config, journal, ticker, Commands.table());
    }

    /** An engine with a given command table (tests add rows that fail on purpose). */
    public EmbeddedEngine(int shards, Clock clock, Config config, EventHandler<RequestEvent> journal, boolean ticker,
                          CommandTable table) {
        ThreadProfile profile = new ThreadProfile(shards, 1, "phased", false, shards == 1);
        EngineContext ctx = new EngineContext(table, config, new SessionRegistry(), profile);
        this.replies = new Replies();
        this.engine = new Engine(ctx, clock, 1024, Engine.namedThreads("embedded-pipeline"), journal, null, replies);
        this.session = newSession();
        engine.startPipeline();
        if (ticker) {
            engine.startTicker();
        }
    }

    public void startTicker() {
        engine.startTicker();
    }

    public Engine engine() {
        return engine;
    }

    public EngineContext context() {
        return engine.context();
    }

    public ClientSession session() {
        return session;
    }

    public ClientSession newSession() {
        SessionRegistry reg = engine.context().sessions;
        ClientSession s = new ClientSession(reg.nextId(), System.currentTimeMillis(), engine.context().databases);
        reg.register(s);
        return s;
    }

    /** Runs one command on the default session; returns the raw RESP reply. */
    public String call(String... args) {
        return call(session, args);
    }

    /** Runs one command on a given session; returns the raw RESP reply (ISO-8859-1 text). */
    public String call(ClientSession s, String... args) {
        return new String(callBytes(s, utf8(args)), StandardCharsets.ISO_8859_1);
    }

    /**
     * Pipelines one command on the default session: publishes it without waiting, and its reply is
     * dropped. The ring keeps order, so the next {@link #call} sees its effect. For tests that
     * need many commands and cannot afford a round trip each.
     */
    public void send(String... args) {
        publish(session, utf8(args));
    }

    /**
     * The next reply written to {@code s} after its command blocked (served by another client's
     * write, timed out on a tick, unblocked), waiting up to {@code waitMs}; null if none came.
     */
    public String deferredReply(ClientSession s, long waitMs) {
        try {
            return replies.deferred.computeIfAbsent(s, k -> new java.util.concurrent.LinkedBlockingQueue<>())
                    .poll(waitMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The connection of {@code s} closed while blocked: publishes the close event and waits for it. */
    public void disconnect(ClientSession s) {
        long seq = engine.publisher().publishOne(s, (e, q) -> engine.ingress().prepareClientClosed(e, s, s.id));
        await(seq);
        engine.context().sessions.unregister(s);
    }

    /** Runs one command given as raw argument bytes; returns the reply bytes. */
    public byte[] callBytes(ClientSession s, byte[][] args) {
        long seq = publish(s, args);
        await(seq);
        if (replies.lastSeq != seq) {
            throw new IllegalStateException("no reply for sequence " + seq);
        }
        return java.util.Arrays.copyOf(replies.last, replies.lastLen);
    }

    private long publish(ClientSession s, byte[][] args) {
        return engine.publisher().publishOne(s, (e, seq) -> {
            for (byte[] a : args) {
                e.args.add(a);
            }
            engine.ingress().prepare(e, s);
        });
    }

    private static byte[][] utf8(String[] args) {
        byte[][] b = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            b[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return b;
    }

    /** Publishes a tick (active expiry, rehash steps) and waits for every shard to run it. */
    public void tick() {
        await(engine.publisher().publishInternal((e, seq) -> engine.ingress().prepareTick(e)));
    }

    private void await(long seq) {
        for (int i = 0; replies.done < seq; i++) {
            if (i < 1000) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(10_000);
            }
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
