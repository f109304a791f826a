package io.ringstore.engine.command;

import io.ringstore.engine.EngineContext;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.reply.ReplyBuffer;
import io.ringstore.engine.shard.ShardState;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.util.ByteHash;
import io.ringstore.engine.util.Numbers;

/**
 * What a command handler sees: its arguments, the event's time and database, the reply buffer,
 * and the databases that own its keys. One instance per shard thread, rebound for every event it
 * executes. When the command runs at a barrier, {@link #db(int)} finds each key's own shard.
 */
public final class CommandContext {
    public final EngineContext engine;
    public RequestEvent event;
    public Args args;
    public ReplyBuffer reply;
    /** Wall-clock time stamped on the event at ingress; the only clock handlers may read. */
    public long now;
    public int dbIndex;
    public long sequence;
    /** Scratch for {@link #parseLong}. */
    public long num;
    private final long[] parsed = new long[1];
    private int shardId;
    /** The shard thread's blocked-client machinery (CLIENT UNBLOCK reaches it here). */
    public ClientUnblocker blocking;
    /** The shard thread's transaction runner (EXEC, WATCH, UNWATCH reach it here). */
    public Transactions transactions;
    /**
     * The ring event being executed: {@link #event} itself, or the EXEC whose queued command
     * {@link #event} is. Blocked clients served on its behalf are delivered after its reply.
     */
    public RequestEvent ringEvent;
    /** The shard thread's script runner (EVAL, SCRIPT LOAD/FLUSH reach it here). */
    public Scripts scripts;
    /** The shard thread's function libraries (the FUNCTION subcommands reach them here). */
    public Functions functions;
    /**
     * Set while EXEC runs its queue (and, later, while a script runs): a blocking command that would
     * wait answers as if its timeout had passed, as Redis's CLIENT_DENY_BLOCKING.
     */
    public boolean denyBlocking;
    /** The event's journal sequence (the replayed record's in replay; EXEC's for a queued command). */
    public long journalSeq;
    /** The command's place in EXEC's queue, -1 when it is not a queued command. */
    public int queuedIndex = -1;
    private long rngState;
    /**
     * The client whose reply {@link #reply} is (the event's, a served waiter's), or null inside a
     * script: a keyspace notification it subscribes to is written into {@link #reply} at once.
     */
    public io.ringstore.engine.pubsub.Subscriber replyOwner;
    private final io.ringstore.engine.pubsub.KeyspaceNotifier notifier = new io.ringstore.engine.pubsub.KeyspaceNotifier();
    /** notify-keyspace-events, resolved once: {@code number()} holds the NotifyFlags bits. */
    private final io.ringstore.engine.config.Config.Option notifyFlags;
    /** The store's key events (new, expired) for commands and ticks this context runs. */
    public final ContextKeyEvents keyEvents = new ContextKeyEvents(this);

    public CommandContext(EngineContext engine) {
        this.engine = engine;
        this.notifyFlags = engine.options.notifyKeyspaceEvents;
    }

    /** Binds the context to an event about to execute on {@code shardId} (or ROUTE_BARRIER). */
    public void bind(RequestEvent e, long seq, int shardId) {
        this.event = e;
        this.args = e.args;
        this.reply = e.reply;
        this.now = e.timeMs;
        this.dbIndex = e.db;
        this.sequence = seq;
        this.shardId = shardId;
        // Seeded from the journal sequence, which a replayed record carries, so a write drawing
        // randomness replays to the same choice (invariant 3); without a journal the base is 0.
        long journalSeq = e.replayed ? e.replaySeq : engine.sequenceBase + seq;
        this.journalSeq = journalSeq;
        this.queuedIndex = -1;
        this.rngState = journalSeq * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        this.replyOwner = e.session;
    }

    /**
     * Binds the context to command {@code q} queued in a transaction, run at the EXEC event's
     * sequence: its own arguments, db and protocol, replying into EXEC's buffer {@code out}, with
     * randomness drawn from the sequence and the command's place {@code index} in the queue.
     */
    public void bindQueued(RequestEvent q, ReplyBuffer out, long seq, int shardId, int index) {
        bind(q, seq, shardId);
        this.reply = out;
        this.queuedIndex = index;
        this.rngState += (index + 1) * 0xD1B54A32D192ED03L;
    }

    /** The shard this command runs on, or RequestEvent.ROUTE_BARRIER at a barrier. */
    public int shardId() {
        return shardId;
    }

    /**
     * The pub/sub registry this command reads: its shard's copy, or at a barrier shard 0's (every
     * copy is the same at a barrier, where all shards are parked at one sequence).
     */
    public io.ringstore.engine.pubsub.PubSub pubsub() {
        return engine.pubsub[shardId >= 0 ? shardId : 0];
    }

    /** Binds the context to a tick or close event handled by shard 0 at a barrier (no arguments). */
    public void bindTick(RequestEvent e) {
        bindTick(e, RequestEvent.ROUTE_BARRIER);
    }

    /**
     * Binds the context to a tick (or close) event handled on {@code shardId}, or on shard 0 at a
     * barrier: what active expiry and timeouts raise is delivered after it.
     */
    public void bindTick(RequestEvent e, int shardId) {
        this.event = e;
        this.ringEvent = e;
        this.args = e.args;
        this.reply = e.reply;
        this.now = e.timeMs;
        this.dbIndex = 0;
        this.shardId = shardId;
        this.replyOwner = null;
    }

    /** The database (of this command's db index) on the shard that owns key argument {@code i}. */
    public Db db(int i) {
        return shardFor(i).db(dbIndex);
    }

    /** The shard that owns key argument {@code i}. */
    public ShardState shardFor(int i) {
        if (shardId >= 0) {
            return engine.shards[shardId];
        }
        return engine.shards[engine.shardOfKey(args.buf(), args.off(i), args.len(i))];
    }

    public int hash(int i) {
        return ByteHash.hash(args.buf(), args.off(i), args.len(i));
    }

    /** Read lookup of key argument i in db (lazy expiry, hit/miss stats, LRU touch). */
    public int readKey(Db db, int i) {
        return db.lookupRead(args.buf(), args.off(i), args.len(i), hash(i), now);
    }

    /** Write lookup of key argument i in db (lazy expiry, LRU touch). */
    public int writeKey(Db db, int i) {
        return db.lookupWrite(args.buf(), args.off(i), args.len(i), hash(i), now);
    }

    /** Returned by {@link #typedKey} after it replied WRONGTYPE. */
    public static final int WRONG_TYPE = -2;

    /**
     * Looks key argument i up for reading or writing and checks its type: the slot, -1 when the
     * key is missing, or {@link #WRONG_TYPE} after replying WRONGTYPE (Redis's checkType).
     */
    public int typedKey(Db db, int i, int type, boolean write) {
        int slot = write ? writeKey(db, i) : readKey(db, i);
        if (slot >= 0 && db.type(slot) != type) {
            wrongType();
            return WRONG_TYPE;
        }
        return slot;
    }

    /** Lookup without stats or LRU touch (OBJECT, TYPE-like NOTOUCH paths still expire lazily). */
    public int peekKey(Db db, int i) {
        return db.lookup(args.buf(), args.off(i), args.len(i), hash(i), now);
    }

    /**
     * Redis's signalModifiedKey: key argument {@code i} (in this command's db) was written,
     * deleted or replaced; clients WATCHing it will see EXEC fail. Call after the change, exactly
     * where Redis 7.0 calls signalModifiedKey (not for no-op writes such as a failed SET NX).
     */
    public void signalModifiedKey(int i) {
        signalModifiedKey(dbIndex, i);
    }

    /** signalModifiedKey for key argument {@code i} in another database of its shard (MOVE, COPY DB). */
    public void signalModifiedKey(int dbIndex, int i) {
        ShardState s = shardFor(i);
        s.db(dbIndex).touch(args.buf(), args.off(i), args.len(i));
        io.ringstore.engine.tracking.Tracking t = engine.tracking[s.id];
        if (t.active()) { // trackingInvalidateKey: one branch when nobody tracks
            t.invalidate(args.buf(), args.off(i), args.len(i), event.fromScript);
        }
    }

    /**
     * Redis's notifyKeyspaceEvent for key argument {@code i} in this command's db: when the class
     * {@code type} (a {@link io.ringstore.engine.config.NotifyFlags} bit) is on, {@code event} is
     * published to the key's keyspace channel and the key to the event's keyevent channel. Call
     * exactly where Redis 7.0 does, with its event name. Off: one load and one branch.
     */
    public void notify(int type, String event, int i) {
        long flags = notifyFlags.number(); // volatile load: CONFIG SET takes effect at once
        if ((flags & type) != 0) {
            notifier.publish(pubsub(), ringEvent, replyOwner, ownerOut(), flags, event, dbIndex, args.buf(), args.off(i), args.len(i));
        }
    }

    /** {@link #notify(int, String, int)} for key argument {@code i} in database {@code db} (MOVE, COPY DB). */
    public void notify(int type, String event, int db, int i) {
        long flags = notifyFlags.number(); // volatile load: CONFIG SET takes effect at once
        if ((flags & type) != 0) {
            notifier.publish(pubsub(), ringEvent, replyOwner, ownerOut(), flags, event, db, args.buf(), args.off(i), args.len(i));
        }
    }

    /**
     * Where a notification to {@link #replyOwner} is written at once: its reply buffer, or none for
     * a command a script runs (its reply goes to Lua) or whose reply CLIENT REPLY OFF/SKIP drops,
     * whose message then goes ahead of the reply as a message of its own (Message.beforeReply), as
     * Redis writes it into the client's output and never silences a push.
     */
    private ReplyBuffer ownerOut() {
        if (replyOwner != event.session) {
            return reply; // a served blocked client's own reply buffer (Blocking)
        }
        return event.fromScript || ringEvent.replyOff ? null : reply;
    }

    /**
     * {@link #notify(int, String, int)} while the reply is half written (XREADGROUP creating its
     * consumer inside its reply): a message to the running client itself follows its reply
     * instead of being written into the middle of it.
     */
    public void notifyAfterReply(int type, String event, int i) {
        long flags = notifyFlags.number(); // volatile load: CONFIG SET takes effect at once
        if ((flags & type) != 0) {
            notifier.publish(pubsub(), ringEvent, null, null, flags, event, dbIndex, args.buf(), args.off(i), args.len(i));
        }
    }

    /** {@link #notify(int, String, int)} for a key given as bytes (one not among the arguments, or a waiter's). */
    public void notify(int type, String event, int db, byte[] k, int off, int len) {
        long flags = notifyFlags.number(); // volatile load: CONFIG SET takes effect at once
        if ((flags & type) != 0) {
            notifier.publish(pubsub(), ringEvent, replyOwner, ownerOut(), flags, event, db, k, off, len);
        }
    }

    /** A one-element scratch array for number parsing helpers. */
    public long[] scratchLong() {
        return parsed;
    }

    /** Parses argument i as a Redis integer into {@link #num}; false if it is not one. */
    public boolean parseLong(int i) {
        if (Numbers.parseLong(args.buf(), args.off(i), args.len(i), parsed)) {
            num = parsed[0];
            return true;
        }
        return false;
    }

    /** Parses argument i as an integer, replying "value is not an integer" when it is not. */
    public boolean longOrReply(int i) {
        if (parseLong(i)) {
            return true;
        }
        reply.raw(Errors.NOT_INTEGER_REPLY);
        return false;
    }

    /** Deterministic randomness: seeded from the event's journal sequence (SplitMix64). */
    public long nextRandom() {
        long z = (rngState += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Replies WRONGTYPE (pre-encoded, as Redis's shared.wrongtypeerr). */
    public void wrongType() {
        reply.raw(Errors.WRONGTYPE_REPLY);
    }

    /** Replies "ERR syntax error" (pre-encoded, as Redis's shared.syntaxerr). */
    public void syntaxError() {
        reply.raw(Errors.SYNTAX_REPLY);
    }

    /** Argument i equals a lower-case ASCII literal, ignoring case. */
    public boolean argIs(int i, byte[] lowerLiteral) {
        return args.is(i, lowerLiteral);
    }
}
