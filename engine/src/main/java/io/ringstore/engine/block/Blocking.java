package io.ringstore.engine.block;

import io.ringstore.engine.util.KeyName;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EngineContext;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.command.BlockedCommand;
import io.ringstore.engine.command.Args;
import io.ringstore.engine.command.ClientUnblocker;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.Ingress;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.reply.ReplyBuffer;
import io.ringstore.engine.shard.ShardState;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.util.ByteHash;
import io.ringstore.engine.util.Crc16;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Blocked clients on one shard thread (Redis's blocked.c): registering a waiter, serving waiters
 * after a write made their key ready (handleClientsBlockedOnKeys: right after the command, oldest
 * waiter first, chains through BLMOVE destinations), timeouts on ticks, CLIENT UNBLOCK and
 * dropping a closed client's waiters. A completed waiter's reply is pushed on the completing
 * event's delivery list; the reply stage writes it after the event's own reply. One instance per
 * shard handler (its scratch is that thread's); {@link #block} is static, called by handlers.
 */
public final class Blocking implements ClientUnblocker {
    private final EngineContext engine;
    private final CommandContext c;
    // Keys to check, in the order they became ready: (buffer, offset, length) triplets.
    private byte[][] readyBuf = new byte[8][];
    private int[] readyOff = new int[8];
    private int[] readyLen = new int[8];
    private int readyCount;
    private final ArrayList<Waiter> scratch = new ArrayList<>();

    public Blocking(EngineContext engine, CommandContext c) {
        this.engine = engine;
        this.c = c;
    }

    /**
     * Blocks the client of the command bound to {@code c}: copies its arguments into a waiter with
     * the given deadline (0 = forever) and the behaviour its row names
     * ({@link io.ringstore.engine.command.CommandSpec#blocked}), and registers it under key arguments
     * [firstKey, firstKey + keyCount) on the shard that owns their slot, or, when they span hash
     * slots (Ingress then routed the command to a barrier, or there is one shard), with the
     * engine's cross-slot registry, served on ticks only. The rule depends on slots, not on the
     * shard count, so journal replay into another shard count decides the same. Writes no reply,
     * unless blocking is denied (inside EXEC): then it replies the command's timeout at once.
     */
    public static void block(CommandContext c, int firstKey, int keyCount, long deadlineMs) {
        BlockedCommand command = c.event.cmd.blocked();
        if (command == null) {
            throw new IllegalStateException(c.event.cmd.fullName + " has no blocked-command behaviour");
        }
        if (c.denyBlocking) {
            command.denied(c.reply); // inside EXEC: an immediate timeout, as Redis
            return;
        }
        Args copy = new Args();
        copy.copyFrom(c.args);
        register(c.engine, c.event.session, copy, c.dbIndex, c.reply.resp(), deadlineMs, command, firstKey, keyCount);
    }

    /**
     * Registers a waiter for {@code session} with arguments it owns from now on, in the registry the
     * slots of its keys choose (see {@link #block}). Called by {@link #block} and, before the
     * pipeline starts, by snapshot loading, which re-creates the clients blocked at the cut.
     */
    public static Waiter register(EngineContext en, ClientSession session, Args args, int db, int resp,
                                  long deadlineMs, BlockedCommand command, int firstKey, int keyCount) {
        int slot = Crc16.slot(args.buf(), args.off(firstKey), args.len(firstKey));
        boolean cross = false;
        for (int i = firstKey + 1; i < firstKey + keyCount; i++) {
            if (Crc16.slot(args.buf(), args.off(i), args.len(i)) != slot) {
                cross = true;
            }
        }
        WaiterRegistry reg = cross ? en.crossShard : en.shards[en.shardOfSlot(slot)].waiters;
        Waiter w = new Waiter(session, args, db, resp, deadlineMs, command, firstKey, keyCount, cross, reg);
        reg.add(w);
        if (cross) {
            en.crossShardWaiters = en.crossShard.size(); // volatile: the ticker turns ticks into barriers
        }
        session.blocked = true;
        return w;
    }

    /** Whether key argument i of w is the first occurrence of its key (BLPOP k k waits once). */
    static boolean firstOccurrence(Waiter w, int i) {
        Args a = w.args;
        for (int j = w.firstKey; j < i; j++) {
            if (Arrays.equals(a.buf(), a.off(j), a.off(j) + a.len(j), a.buf(), a.off(i), a.off(i) + a.len(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether any waiter may be served after a write executed on {@code shard} (ROUTE_BARRIER: all). */
    public boolean any(int shard) {
        if (shard >= 0) {
            return !engine.shards[shard].waiters.isEmpty();
        }
        for (ShardState s : engine.shards) {
            if (!s.waiters.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * After write command {@code w} ran on {@code shard} (ROUTE_BARRIER: shard 0 at a barrier):
     * serves the waiters of every key it names (every waited key, for keyless writes such as
     * SWAPDB), then those the serving itself made ready; their replies are delivered after ring
     * event {@code e}'s ({@code w} itself, or the EXEC that ran it). Cross-slot waiters are left to
     * the next tick. Called only when {@link #any} holds, so a shard without blocked clients pays nothing.
     */
    public void afterWrite(RequestEvent w, RequestEvent e, int shard) {
        readyCount = 0;
        if (w.keyCount == 0) {
            Ingress.findKeys(w, w.cmd);
        }
        if (w.keyCount > 0) {
            for (int k = 0; k < w.keyCount; k++) {
                int i = w.keyPos[k];
                addReady(w.args.buf(), w.args.off(i), w.args.len(i));
            }
        } else {
            for (ShardState s : engine.shards) {
                if (shard < 0 || s.id == shard) {
                    for (KeyName k : s.waiters.keys()) {
                        addReady(k.b, k.off, k.len);
                    }
                }
            }
        }
        drain(e, shard);
    }

    /**
     * After a script ran on {@code shard} (ROUTE_BARRIER: shard 0 at a barrier): serves the
     * waiters of the keys its writes named, in order, as Redis serves them once the script ends;
     * replies are delivered after ring event {@code e}'s.
     */
    public void afterWrites(List<byte[]> keys, RequestEvent e, int shard) {
        readyCount = 0;
        for (byte[] k : keys) {
            addReady(k, 0, k.length);
        }
        drain(e, shard);
    }

    private void addReady(byte[] b, int off, int len) {
        if (readyCount == readyBuf.length) {
            readyBuf = Arrays.copyOf(readyBuf, readyCount * 2);
            readyOff = Arrays.copyOf(readyOff, readyCount * 2);
            readyLen = Arrays.copyOf(readyLen, readyCount * 2);
        }
        readyBuf[readyCount] = b;
        readyOff[readyCount] = off;
        readyLen[readyCount++] = len;
    }

    private ShardState shardOf(int shard, byte[] b, int off, int len) {
        return engine.shards[shard >= 0 ? shard : engine.shardOfKey(b, off, len)];
    }

    /** Serves each ready key's FIFO, oldest waiter first, while the key holds data of its type. */
    private void drain(RequestEvent e, int shard) {
        for (int r = 0; r < readyCount; r++) {
            byte[] b = readyBuf[r];
            int off = readyOff[r];
            int len = readyLen[r];
            ShardState s = shardOf(shard, b, off, len);
            if (s.waiters.isEmpty()) {
                continue;
            }
            int i = 0;
            while (true) {
                ArrayList<Waiter> q = s.waiters.queue(b, off, len);
                if (q == null || i >= q.size()) {
                    break;
                }
                Waiter w = q.get(i);
                int keyArg = keyArg(w, b, off, len);
                if (!hasData(s, w, keyArg) && !w.command.wakesOnMissing()) {
                    i++;
                    continue;
                }
                int dst = serve(w, keyArg, e);
                if (dst == BlockedCommand.NOT_SERVED) {
                    i++;
                } else if (dst >= 0) {
                    addReady(w.args.buf(), w.args.off(dst), w.args.len(dst));
                }
            }
        }
        readyCount = 0;
    }

    private static int keyArg(Waiter w, byte[] b, int off, int len) {
        Args a = w.args;
        for (int i = w.firstKey; i < w.firstKey + w.keyCount; i++) {
            if (Arrays.equals(a.buf(), a.off(i), a.off(i) + a.len(i), b, off, off + len)) {
                return i;
            }
        }
        throw new IllegalStateException("waiter not on this key");
    }

    /** Key argument i of w exists in w's database (lazy expiry at this event's time) with w's type. */
    private boolean hasData(ShardState s, Waiter w, int i) {
        Db db = s.db(w.db);
        Args a = w.args;
        int slot = db.lookup(a.buf(), a.off(i), a.len(i), ByteHash.hash(a.buf(), a.off(i), a.len(i)), c.now);
        return slot >= 0 && db.type(slot) == w.command.type();
    }

    /** Runs the waiter's serve with the context rebound to it, then completes it. */
    private int serve(Waiter w, int keyArg, RequestEvent e) {
        Args args = c.args;
        ReplyBuffer reply = c.reply;
        int db = c.dbIndex;
        io.ringstore.engine.pubsub.Subscriber owner = c.replyOwner;
        c.args = w.args;
        c.reply = w.reply;
        c.dbIndex = w.db;
        c.replyOwner = w.session; // a notification to the served client goes ahead of its reply
        w.reply.reset(w.resp);
        int dst;
        try {
            dst = w.command.serve(c, keyArg);
        } finally {
            c.args = args;
            c.reply = reply;
            c.dbIndex = db;
            c.replyOwner = owner;
        }
        if (dst == BlockedCommand.NOT_SERVED) {
            w.reply.reset(w.resp);
            return dst;
        }
        complete(w, e);
        return dst;
    }

    private void complete(Waiter w, RequestEvent e) {
        w.done = true;
        w.owner.remove(w);
        if (w.crossShard) {
            engine.crossShardWaiters = engine.crossShard.size();
        }
        w.session.blocked = false;
        e.deliver(w);
    }

    /** Cross-shard waiters (shard 0 at a barrier): each served from its first key holding data. */
    private void serveCrossShard(RequestEvent e) {
        scratch.clear();
        scratch.addAll(engine.crossShard.owned);
        for (Waiter w : scratch) {
            if (w.done) {
                continue;
            }
            for (int i = w.firstKey; i < w.firstKey + w.keyCount; i++) {
                Args a = w.args;
                ShardState s = engine.shards[engine.shardOfKey(a.buf(), a.off(i), a.len(i))];
                if (hasData(s, w, i) || w.command.wakesOnMissing()) {
                    int dst = serve(w, i, e);
                    if (dst == BlockedCommand.NOT_SERVED) {
                        continue; // try its next key
                    }
                    if (dst >= 0) {
                        readyCount = 0;
                        addReady(a.buf(), a.off(dst), a.len(dst));
                        drain(e, RequestEvent.ROUTE_BARRIER);
                    }
                    break;
                }
            }
        }
        scratch.clear();
    }

    /** On a tick: replies the timeout (a null array) to every waiter of {@code reg} past its deadline. */
    public void timeouts(WaiterRegistry reg, RequestEvent e) {
        if (reg.isEmpty()) {
            return;
        }
        scratch.clear();
        for (Waiter w : reg.owned) {
            if (w.expired(e.timeMs)) {
                scratch.add(w);
            }
        }
        for (Waiter w : scratch) {
            w.reply.reset(w.resp);
            w.reply.nullArray();
            complete(w, e);
        }
        scratch.clear();
        vanishedKeys(reg, e);
    }

    /**
     * On a tick: serves the waiters told when a key goes ({@link BlockedCommand#wakesOnMissing},
     * XREADGROUP) whose key expired with nobody touching it since. Deletions by commands serve
     * them right after the command; Redis also wakes them on expiry. Deterministic under replay:
     * the lookup treats a key past its deadline at the tick's time as gone, whether or not active
     * expiry removed it.
     */
    private void vanishedKeys(WaiterRegistry reg, RequestEvent e) {
        boolean any = false;
        for (Waiter w : reg.owned) {
            if (w.command.wakesOnMissing()) {
                scratch.add(w);
                any = true;
            }
        }
        if (!any) {
            return;
        }
        c.bindTick(e, c.shardId()); // on the shard the tick is handled on (or shard 0 at a barrier)
        for (Waiter w : scratch) {
            Args a = w.args;
            for (int i = w.firstKey; i < w.firstKey + w.keyCount && !w.done; i++) {
                ShardState s = engine.shards[engine.shardOfKey(a.buf(), a.off(i), a.len(i))];
                if (!hasData(s, w, i)) {
                    serve(w, i, e);
                }
            }
        }
        scratch.clear();
    }

    /** A barrier tick on shard 0: cross-shard timeouts, then cross-shard serving. */
    public void crossShardTick(RequestEvent e) {
        c.bindTick(e);
        timeouts(engine.crossShard, e);
        if (!engine.crossShard.isEmpty()) {
            serveCrossShard(e);
        }
    }

    /**
     * CLIENT UNBLOCK (all shards parked): completes client {@code id}'s waiter with the timeout
     * reply or the UNBLOCKED error. Returns whether it was blocked.
     */
    @Override
    public boolean unblock(long id, boolean error, RequestEvent e) {
        Waiter w = find(id);
        if (w == null) {
            return false;
        }
        w.reply.reset(w.resp);
        if (error) {
            w.reply.error(Errors.UNBLOCKED);
        } else {
            w.reply.nullArray();
        }
        complete(w, e);
        return true;
    }

    /** A closed client (all shards parked): forgets its waiters without a reply; id -1 forgets all. */
    public void drop(long id) {
        List<WaiterRegistry> regs = registries();
        for (WaiterRegistry r : regs) {
            scratch.clear();
            for (Waiter w : r.owned) {
                if (id == -1 || w.session.id == id) {
                    scratch.add(w);
                }
            }
            for (Waiter w : scratch) {
                w.done = true;
                r.remove(w);
                w.session.blocked = false;
            }
        }
        scratch.clear();
        engine.crossShardWaiters = engine.crossShard.size();
    }

    private Waiter find(long id) {
        for (WaiterRegistry r : registries()) {
            for (Waiter w : r.owned) {
                if (w.session.id == id) {
                    return w;
                }
            }
        }
        return null;
    }

    private List<WaiterRegistry> registries() {
        List<WaiterRegistry> out = new ArrayList<>(engine.shards.length + 1);
        for (ShardState s : engine.shards) {
            out.add(s.waiters);
        }
        out.add(engine.crossShard);
        return out;
    }

    /**
     * The sessions of every registered waiter by client id, for journal replay after a snapshot
     * load (the waiters the snapshot re-created must meet their clients' later records). Called
     * before the pipeline starts.
     */
    public static void sessions(EngineContext engine, java.util.Map<Long, ClientSession> out) {
        for (ShardState s : engine.shards) {
            for (Waiter w : s.waiters.owned) {
                out.put(w.session.id, w.session);
            }
        }
        for (Waiter w : engine.crossShard.owned) {
            out.put(w.session.id, w.session);
        }
    }

    /** INFO: blocked clients, and those with a deadline (all shards parked). */
    public static long[] counts(EngineContext engine) {
        long n = engine.crossShard.size();
        long t = engine.crossShard.withTimeout();
        for (ShardState s : engine.shards) {
            n += s.waiters.size();
            t += s.waiters.withTimeout();
        }
        return new long[] {n, t};
    }
}
