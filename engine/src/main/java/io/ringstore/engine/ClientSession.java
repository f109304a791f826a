package io.ringstore.engine;

/**
 * Engine-side state of one client connection. The ingress fields ({@link #db}, {@link #resp},
 * {@link #closing}) are owned by the I/O thread that reads the connection: connection commands
 * (SELECT, HELLO, RESET, QUIT) apply to them at decode time, so every later command of the same
 * connection is stamped with the new state before it enters the ring. Descriptive fields that
 * CLIENT LIST reads from a shard thread are volatile. Transport subclasses it to attach the socket.
 */
public class ClientSession implements io.ringstore.engine.tracking.TrackingClient {
    public final long id;
    public final long createdMs;

    // Ingress-owned (I/O thread).
    public int db;
    public int resp = 2;
    public boolean closing;
    /** Between MULTI and EXEC/DISCARD: the queue; null outside a transaction. */
    public Transaction tx;
    /** A cleared transaction kept for the next MULTI (handed back by a ring slot). */
    public Transaction txFree;
    /**
     * Where this client's watched keys live, as a route: {@link #NO_WATCH}, one shard, or
     * RequestEvent.ROUTE_BARRIER when they span shards. EXEC, DISCARD, UNWATCH and RESET go there.
     */
    public int watchRoute = NO_WATCH;
    public static final int NO_WATCH = -100;
    /**
     * A fenced EXEC (see RequestEvent.fence) was aborted by WATCH: written by the shard before the
     * reply is written, read by the I/O thread when it lifts the fence, which then puts back the
     * db and protocol the connection had at MULTI ({@link #dbBeforeExec}, {@link #respBeforeExec}):
     * the SELECT or HELLO queued inside never ran.
     */
    public volatile boolean execAbortedByWatch;
    public int dbBeforeExec;
    public int respBeforeExec;
    /** With {@link #dbBeforeExec}: the CLIENT TRACKING options at MULTI, put back when a queued CLIENT TRACKING never ran. */
    public io.ringstore.engine.tracking.TrackingOptions trackingBeforeExec;
    /**
     * Channels, patterns and shard channels subscribed (command.PubSubIngress), null until the
     * first; written by the I/O thread only. Volatile so another thread reading a count (CLIENT
     * LIST, the output limits' client class) sees a set only once it is constructed.
     */
    public volatile java.util.HashSet<io.ringstore.engine.util.KeyName> subChannels;
    public volatile java.util.HashSet<io.ringstore.engine.util.KeyName> subPatterns;
    public volatile java.util.HashSet<io.ringstore.engine.util.KeyName> subShardChannels;

    /** The protocol pub/sub messages use (read by the shard running PUBLISH; a stale value only mis-encodes a message racing HELLO). */
    @Override
    public int protocol() {
        return resp;
    }

    /** MONITOR ran outside MULTI (command.PubSubIngress); ingress-owned. */
    public boolean monitoring;

    /** Whether the connection's close must drop it from the pub/sub registry (subscriptions or MONITOR). I/O thread. */
    public boolean inPubSubRegistry() {
        return monitoring || subscribed();
    }

    /** Whether the connection has subscriptions (RESP2's subscribed mode). I/O thread. */
    public boolean subscribed() {
        return (subChannels != null && !subChannels.isEmpty()) || (subPatterns != null && !subPatterns.isEmpty())
                || (subShardChannels != null && !subShardChannels.isEmpty());
    }

    /*
     * Subscription counts for CLIENT LIST (sub, psub, ssub), the 'P' flag and the client class of
     * output buffer limits: the one place that reads the ingress-owned sets from other threads
     * (a plain read of a size: possibly a command or so stale, never torn).
     */

    /** Channels subscribed (CLIENT LIST sub). */
    public int channelCount() {
        java.util.HashSet<?> s = subChannels;
        return s == null ? 0 : s.size();
    }

    /** Patterns subscribed (CLIENT LIST psub). */
    public int patternCount() {
        java.util.HashSet<?> s = subPatterns;
        return s == null ? 0 : s.size();
    }

    /** Shard channels subscribed (CLIENT LIST ssub). */
    public int shardChannelCount() {
        java.util.HashSet<?> s = subShardChannels;
        return s == null ? 0 : s.size();
    }

    /** Every subscription of the client: channels, patterns and shard channels. */
    public int subscriptionCount() {
        return channelCount() + patternCount() + shardChannelCount();
    }

    /** Client classes as Redis's getClientType numbers them (CLIENT_TYPE_NORMAL, _SLAVE, _PUBSUB). */
    public static final int TYPE_NORMAL = 0;
    public static final int TYPE_REPLICA = 1;
    public static final int TYPE_PUBSUB = 2;

    /**
     * Redis's getClientType for Ringstore's clients: pubsub while subscribed to anything (flag
     * 'P'), else normal (MONITOR clients too, as in Redis). CLIENT LIST/KILL TYPE and the output
     * buffer limits use it.
     */
    public int clientType() {
        return subscriptionCount() > 0 ? TYPE_PUBSUB : TYPE_NORMAL;
    }

    /**
     * CLIENT TRACKING options (null when tracking is off), set at ingress by command.TrackingIngress;
     * volatile for CLIENT LIST on shard threads. {@link #trackingCaching} is Redis's
     * CLIENT_TRACKING_CACHING (CLIENT CACHING yes/no given for the next command), ingress-owned.
     */
    public volatile io.ringstore.engine.tracking.TrackingOptions tracking;
    public boolean trackingCaching;
    /**
     * Tracking was turned on since the last RESET (ingress-owned): the close or RESET must then
     * drop the client from every shard's tracking copy, even when the option is off at ingress by
     * then (a CLIENT TRACKING off queued in MULTI that never ran), as pub/sub's sets are a superset.
     */
    public boolean trackingEver;
    /** The REDIRECT target was found gone (flag 'R', "broken_redirect"); written by shard threads. */
    public volatile boolean trackingBroken;

    @Override
    public long clientId() {
        return id;
    }

    @Override
    public void redirectBroken(boolean broken) {
        if (trackingBroken != broken) {
            trackingBroken = broken;
        }
    }

    /** The client's WATCH state on the shards; created at its first WATCH, at ingress. */
    public io.ringstore.engine.store.Watcher watcher;

    // Read by other threads (CLIENT LIST / INFO).
    public volatile String name;
    public volatile String libName;
    public volatile String libVer;
    public volatile int currentDb;
    /**
     * CLIENT LIST {@code multi=}: commands queued since MULTI, -1 outside a transaction (flag 'x'
     * when not -1). Written by the I/O thread at ingress; other threads may read a stale value.
     */
    public volatile int multiCount = -1;
    /**
     * While EXEC runs this client's queue: how many commands it holds (CLIENT LIST inside EXEC
     * shows flag 'x' and {@code multi=} as Redis does), else -1. Written and read by the shard
     * thread running the EXEC.
     */
    public int execCount = -1;
    /** CLIENT NO-EVICT (flag 'e'); written by the shard running the command. */
    public volatile boolean noEvict;
    /** Waiting in a blocking command (flag 'b'); written by the shard that blocks or completes it. */
    public volatile boolean blocked;
    // Written per command by the I/O thread; other threads may read a slightly stale value.
    public long lastInteractionMs;
    /** Written by the shard executing the session's command; CLIENT LIST may read a stale value. */
    public String lastCommand = "NULL";

    private final int databases;

    public ClientSession(long id, long createdMs, int databases) {
        this.databases = databases;
        this.id = id;
        this.createdMs = createdMs;
        this.lastInteractionMs = createdMs;
    }

    public int databases() {
        return databases;
    }

    /** Peer address "ip:port" for CLIENT LIST. */
    public String remoteAddress() {
        return "127.0.0.1:0";
    }

    public String localAddress() {
        return "127.0.0.1:0";
    }

    /** The socket's file descriptor for CLIENT LIST, or -1 when there is none (embedded sessions). */
    public int fd() {
        return -1;
    }

    /** Closes the connection asynchronously (CLIENT KILL). Safe from any thread. */
    public void kill() {
    }

    /** Bytes waiting in the connection's query buffer (CLIENT LIST qbuf). */
    public long queryBufferBytes() {
        return 0;
    }

    /** CLIENT LIST obl: reply bytes gathered for the connection and not yet handed to the socket's queue. */
    public long outputBufferBytes() {
        return 0;
    }

    /** CLIENT LIST oll: buffers queued for the socket and not yet written. */
    public long outputListLength() {
        return 0;
    }

    /** CLIENT LIST omem: bytes queued for the socket and not yet written. */
    public long outputListBytes() {
        return 0;
    }

    /** The largest output buffer (obl + omem) seen for this client in the last few seconds (INFO clients). */
    public long recentMaxOutputBytes(long nowMs) {
        return 0;
    }

    /** Reply suppression (CLIENT REPLY): Redis's CLIENT_REPLY_OFF, _SKIP and _SKIP_NEXT. Ingress-owned. */
    public int replyFlags;

    /** CLIENT LIST "flags": Redis's letters for the states this session can be in, or "N". */
    public String flags() {
        return flags(multiCount >= 0 || execCount >= 0, true);
    }

    /**
     * The flags with {@code multi} deciding 'x'. A client describing itself is in MULTI only while
     * EXEC runs its queue: its {@link #multiCount}, written at ingress, may already belong to a
     * transaction pipelined after the command running now. Likewise it is never dirty inside its
     * EXEC (which forgot its watches first, as Redis's unwatchAllKeys does): a dirty flag seen then
     * belongs to a WATCH pipelined later, already run by a shard that is ahead.
     */
    private String flags(boolean multi, boolean watchable) {
        io.ringstore.engine.store.Watcher w = watcher;
        boolean dirty = watchable && w != null && w.dirtyAnywhere();
        boolean pubsub = subscriptionCount() > 0;
        boolean monitor = monitoring;
        io.ringstore.engine.tracking.TrackingOptions t = tracking;
        if (!pubsub && !monitor && !multi && !blocked && !dirty && !noEvict && t == null) {
            return "N";
        }
        StringBuilder f = new StringBuilder(4);
        if (monitor) {
            f.append('O'); // Redis's CLIENT_SLAVE|CLIENT_MONITOR
        }
        if (pubsub) {
            f.append('P');
        }
        if (multi) {
            f.append('x');
        }
        if (blocked) {
            f.append('b');
        }
        if (t != null) { // Redis's order: t, R, B after b
            f.append('t');
            if (trackingBroken) {
                f.append('R');
            }
            if (t.has(io.ringstore.engine.tracking.TrackingOptions.BCAST)) {
                f.append('B');
            }
        }
        if (dirty) {
            f.append('d');
        }
        if (noEvict) {
            f.append('e');
        }
        return f.toString();
    }

    /** One CLIENT LIST line, as another connection sees this session. */
    public String infoLine(long nowMs) {
        return line(nowMs, currentDb, resp, lastCommand, flags(), execCount >= 0 ? execCount : multiCount);
    }

    /**
     * One CLIENT LIST / CLIENT INFO line, fields in Redis 7.0's order (networking.c
     * catClientInfoString). {@code db} and {@code resp} are passed in so a session describing
     * itself reports the state its own command was stamped with, not what later pipelined
     * commands have already changed at ingress. Buffer sizes Ringstore does not keep are 0; for
     * obl, oll, omem and tot-mem see docs/architecture.md ("Output buffers").
     */
    public String infoLine(long nowMs, int db, int resp, String cmd) {
        return line(nowMs, db, resp, cmd, flags(execCount >= 0, execCount < 0), execCount);
    }

    /** CLIENT LIST redir=: the REDIRECT target, 0 when tracking without one, -1 when not tracking. */
    private long redirect() {
        io.ringstore.engine.tracking.TrackingOptions t = tracking;
        return t == null ? -1 : t.redirect;
    }

    private String line(long nowMs, int db, int resp, String cmd, String flags, int multi) {
        StringBuilder sb = new StringBuilder(256);
        String n = name;
        sb.append("id=").append(id)
          .append(" addr=").append(remoteAddress())
          .append(" laddr=").append(localAddress())
          .append(" fd=").append(fd())
          .append(" name=").append(n == null ? "" : n)
          .append(" age=").append(Math.max(0, (nowMs - createdMs) / 1000))
          .append(" idle=").append(Math.max(0, (nowMs - lastInteractionMs) / 1000))
          .append(" flags=").append(flags)
          .append(" db=").append(db)
          .append(" sub=").append(channelCount())
          .append(" psub=").append(patternCount())
          .append(" ssub=").append(shardChannelCount())
          .append(" multi=").append(multi);
        long qbuf = queryBufferBytes();
        long obl = outputBufferBytes();
        long omem = outputListBytes();
        sb.append(" qbuf=").append(qbuf)
          .append(" qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=").append(obl)
          .append(" oll=").append(outputListLength())
          .append(" omem=").append(omem)
          .append(" tot-mem=").append(qbuf + obl + omem)
          .append(omem > 0 ? " events=rw" : " events=r") // Redis: a write handler is installed while output waits
          .append(" cmd=").append(cmd)
          .append(" user=default redir=").append(redirect()).append(" resp=").append(resp);
        return sb.toString();
    }
}
