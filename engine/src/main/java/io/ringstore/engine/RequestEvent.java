package io.ringstore.engine;

import io.ringstore.engine.command.Args;
import io.ringstore.engine.command.CommandSpec;
import io.ringstore.engine.reply.ReplyBuffer;

import io.ringstore.engine.block.Waiter;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One preallocated slot of the inbound ring. The publisher (an I/O thread, the tick timer, or
 * journal replay) fills the ingress fields and publishes; the journal and replication stages read
 * them; the owning shard (or shard 0 at a barrier) executes the command and writes {@link #reply};
 * the reply stage hands the reply to the connection. The ring's sequence barriers order all of it.
 */
public final class RequestEvent implements io.ringstore.engine.pubsub.MessageSink {
    public static final int KIND_COMMAND = 0;
    public static final int KIND_TICK = 1;
    /** A claimed slot that must be published but does nothing (commands read after QUIT). */
    public static final int KIND_NOOP = 2;
    /** A snapshot job's event (start, step, commit, failure), handled by every shard: see BackgroundSaves. */
    public static final int KIND_SNAPSHOT = 3;
    /**
     * A connection with a blocking command in flight closed (or, with clientId -1, journal replay
     * ended): its waiters are forgotten. Runs at a barrier; journaled, so replay forgets them too.
     */
    public static final int KIND_CLIENT_CLOSED = 4;

    /** Route value: every shard parks at this sequence while shard 0 executes the command. */
    public static final int ROUTE_BARRIER = -1;
    /** Route value: every shard handles the event on its own (ticks). */
    public static final int ROUTE_ALL = -2;

    // ---- ingress (written by the publisher before publish) ----
    public int kind;
    public long timeMs;
    public ClientSession session;
    public int db;
    public int resp;
    public CommandSpec cmd;
    public int route;
    public int ingressStatus;
    public String ingressError;
    public boolean closeAfterReply;
    /**
     * An error decided after ingress by a stage ahead of the shards (the journal refusing writes
     * with -MISCONF): the shard replies it instead of executing the command. Null normally.
     */
    public String failure;
    /** Published by journal replay: already in the journal, so the journal stage skips it. */
    public boolean replayed;
    /** The journal sequence of a replayed record (meaningful only when {@link #replayed}). */
    public long replaySeq;
    /** KIND_SNAPSHOT only: the job, what happens to it (BackgroundSaves.OP_*), the step number. */
    public io.ringstore.engine.snapshot.SnapshotJob snapshotJob;
    public int snapshotOp;
    public long snapshotStep;
    /** KIND_CLIENT_CLOSED: the client; on replayed records, the journaled client id. */
    public long clientId;
    public final Args args = new Args();
    public int[] keyPos = new int[8];
    public int keyCount;
    /**
     * Set by a key finder when the command also reads keys its arguments do not name (SORT's BY
     * and GET patterns build key names from the values it sorts): with several shards it must run
     * at a barrier, where every shard's keys can be read. Cleared with the key positions.
     */
    public boolean anyShardKeys;
    /** Whether the journal stage records this event (decided at ingress: writes, WATCH state, EXEC). */
    public boolean journal;
    /** A command MULTI queued (this event only answers +QUEUED): its row, for CLIENT LIST cmd=. */
    public CommandSpec queued;
    /**
     * The connection must not publish what it pipelined after this command until its reply is
     * written (an EXEC whose outcome decides the connection's db or protocol: see
     * TransactionIngress). Blocking rows fence the same way by their flag.
     */
    public boolean fence;
    /** EVAL (and EVALSHA, which ingress turns into EVAL): the cached script; null otherwise. */
    public io.ringstore.engine.command.ScriptCache.Entry script;
    /**
     * SCRIPT KILL, FUNCTION KILL or SHUTDOWN NOSAVE stopped a running script: its ring sequence
     * (EXEC's when it was queued in MULTI), else -1. The journal writes a marker naming it, so
     * replay skips that script (command.BusyScript).
     */
    public long killSeq = -1;
    /** With {@link #killSeq}: the script's place in EXEC's queue, -1 outside MULTI. */
    public int killIndex = -1;
    /** SHUTDOWN NOSAVE stopped scripts on several shards: the others' (sequence, index) pairs, else null. */
    public long[] moreKills;
    /**
     * Rejected at ingress with an answer that must not wait behind the running script (-BUSY, or
     * SCRIPT KILL's UNKILLABLE): the I/O thread writes {@link #ingressError} at once when the
     * connection has nothing in flight, and publishes the slot as a no-op; else it flows in order.
     */
    public boolean immediate;
    /**
     * Pub/sub messages this event raised (PUBLISH, alone or in EXEC or a script; later keyspace
     * notifications, also from every shard's active expiry on a tick), pushed with a CAS, newest
     * first; {@link #takeMessages} hands them to the reply stage oldest first.
     */
    private final AtomicReference<io.ringstore.engine.pubsub.Message> messages = new AtomicReference<>();
    /** Stamped at ingress: the connection was in RESP2 subscribed mode (PING answers as a message). */
    public boolean subscribedMode;
    /**
     * CLIENT REPLY OFF or SKIP silences this command's reply (and a blocked command's later one);
     * decided at ingress (command.ReplyIngress), applied by whoever writes replies to the client.
     */
    public boolean replyOff;
    /**
     * EVALSHA (or EVALSHA_RO) as the client sent it, before ingress rewrote it into EVAL: the
     * command name and SHA1 bytes in {@link #evalshaHead} (name first), for MONITOR's line. The
     * array belongs to the slot and is reused. {@link #evalshaNameLen} is 0 when not rewritten.
     */
    public byte[] evalshaHead;
    public int evalshaNameLen;
    public int evalshaShaLen;

    /** Keeps EVALSHA's name and SHA1 (arguments 0 and 1 of {@code a}) before they are rewritten. */
    public void keepEvalshaHead(Args a) {
        int n = a.len(0);
        int sha = a.len(1);
        if (evalshaHead == null || evalshaHead.length < n + sha) {
            evalshaHead = new byte[Math.max(64, n + sha)];
        }
        System.arraycopy(a.buf(), a.off(0), evalshaHead, 0, n);
        System.arraycopy(a.buf(), a.off(1), evalshaHead, n, sha);
        evalshaNameLen = n;
        evalshaShaLen = sha;
    }

    /**
     * Stamped at ingress for a client with CLIENT TRACKING on (not BCAST) whose OPTIN/OPTOUT and
     * CLIENT CACHING say this command's reads are remembered: {@link #TRACK_READ} for a read-only
     * command (its keys are remembered after it runs), {@link #TRACK_SCRIPT} for a script (its
     * declared keys, once it runs a read-only command: Redis 7.0 remembers the caller's keys).
     */
    public int track;
    public static final int TRACK_READ = 1;
    public static final int TRACK_SCRIPT = 2;
    /** CLIENT TRACKING (the options to apply; null for off), TRACKINGINFO and GETREDIR (the options at ingress). */
    public io.ringstore.engine.tracking.TrackingOptions tracking;
    /** RESET of a tracking client: it leaves every shard's tracking copy (the RESET runs at a barrier). */
    public boolean trackingReset;
    /** A command a script runs through redis.call (its reply goes to Lua, not to the client). */
    public boolean fromScript;
    /** EXEC: the queued commands it runs; null otherwise. */
    public Transaction tx;
    /** The transaction this slot carried last time, handed back to the next MULTI of the publisher. */
    public Transaction txSpare;

    // ---- execution ----
    public final ReplyBuffer reply = new ReplyBuffer();
    /** Shards other than the executor that reached this sequence (barrier events only). */
    public final AtomicInteger barrierArrived = new AtomicInteger();
    /** Set (volatile store) by the barrier executor when the command is done. */
    public volatile boolean barrierDone;
    /**
     * Blocked clients this event completed (served, timed out, unblocked), linked through
     * Waiter.next: the reply stage writes each waiter's reply after the event's own. Pushed with a
     * CAS because on a tick every shard may complete waiters at once.
     */
    public final AtomicReference<Waiter> deliveries = new AtomicReference<>();

    /** Clears the slot for a new command; called by the publisher after claiming it. */
    public void clear() {
        kind = KIND_COMMAND;
        session = null;
        snapshotJob = null;
        cmd = null;
        route = 0;
        ingressStatus = 0;
        ingressError = null;
        failure = null;
        closeAfterReply = false;
        replayed = false;
        keyCount = 0;
        anyShardKeys = false;
        clientId = 0;
        journal = false;
        queued = null;
        fence = false;
        script = null;
        killSeq = -1;
        moreKills = null;
        immediate = false;
        if (messages.get() != null) {
            messages.set(null); // normally taken already by the reply stage
        }
        subscribedMode = false;
        track = 0;
        tracking = null;
        trackingReset = false;
        fromScript = false;
        evalshaNameLen = 0;
        replyOff = false;
        if (tx != null) {
            txSpare = tx;
            tx = null;
        }
        args.reset();
        if (deliveries.get() != null) {
            deliveries.set(null);
        }
    }

    /**
     * Messages this slot raised before, handed back by the reply stage once written
     * ({@link #recycleMessages}) and reused by the thread executing a later event in this slot:
     * the ring orders the two (the slot is published again only after the reply stage passed it).
     * Used only on command events, which one thread executes (a tick's active expiry runs on every
     * shard at once; another shard's BCAST invalidations use pubsub.FreshMessages).
     */
    private io.ringstore.engine.pubsub.Message spareMessages;

    @Override
    public io.ringstore.engine.pubsub.Message newMessage() {
        io.ringstore.engine.pubsub.Message m = spareMessages;
        if (m == null || kind != KIND_COMMAND) { // a tick: every shard raises messages at once
            return new io.ringstore.engine.pubsub.Message();
        }
        spareMessages = m.next;
        spareCount--;
        m.next = null;
        return m;
    }

    /** At most this many spare messages per slot, each holding at most {@link #SPARE_BYTES}. */
    static final int MAX_SPARES = 16;
    static final int SPARE_BYTES = 16 * 1024;
    private int spareCount;

    /**
     * The reply stage is done with {@code head} (the list {@link #takeMessages} gave it): kept for
     * reuse, up to {@link #MAX_SPARES} small ones, so a slot never holds more than a few KB however
     * large an event it once carried (a DEL of many keys notifying, a huge PUBLISH).
     */
    public void recycleMessages(io.ringstore.engine.pubsub.Message head) {
        for (io.ringstore.engine.pubsub.Message m = head; m != null; ) {
            io.ringstore.engine.pubsub.Message next = m.next;
            if (spareCount < MAX_SPARES && m.capacity() <= SPARE_BYTES) {
                m.clear(); // no session, targets or skip kept alive by a spare
                m.next = spareMessages;
                spareMessages = m;
                spareCount++;
            }
            m = next;
        }
    }

    /**
     * Queues a pub/sub message behind this event's reply (any shard thread: on a tick every shard
     * may raise notifications at once). One thread's messages keep their order.
     */
    @Override
    public void message(io.ringstore.engine.pubsub.Message m) {
        io.ringstore.engine.pubsub.Message head;
        do {
            head = messages.get();
            m.next = head;
        } while (!messages.compareAndSet(head, m));
    }

    /**
     * The reply stage's read, once per event: the messages in the order they were queued (each
     * shard's in its own order), linked through {@code next}; null when there are none.
     */
    public io.ringstore.engine.pubsub.Message takeMessages() {
        io.ringstore.engine.pubsub.Message m = messages.get();
        if (m == null) {
            return null;
        }
        messages.set(null);
        io.ringstore.engine.pubsub.Message prev = null;
        while (m != null) { // reverse the newest-first stack in place
            io.ringstore.engine.pubsub.Message next = m.next;
            m.next = prev;
            prev = m;
            m = next;
        }
        return prev;
    }

    /** Queues a completed waiter's reply behind this event's (any shard thread). */
    public void deliver(Waiter w) {
        Waiter head;
        do {
            head = deliveries.get();
            w.next = head;
        } while (!deliveries.compareAndSet(head, w));
    }

    /** Arms the barrier for this sequence; called by ingress only for barrier-routed commands. */
    public void armBarrier() {
        barrierArrived.lazySet(0);
        barrierDone = false;
    }

    public void addKeyPos(int i) {
        if (keyCount == keyPos.length) {
            keyPos = java.util.Arrays.copyOf(keyPos, keyCount * 2);
        }
        keyPos[keyCount++] = i;
    }
}
