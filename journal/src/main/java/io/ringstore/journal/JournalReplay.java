package io.ringstore.journal;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.Engine;
import io.ringstore.engine.EngineContext;
import io.ringstore.engine.RingPublisher;
import io.ringstore.engine.block.Blocking;

import io.ringstore.engine.command.Args;
import io.ringstore.engine.command.CommandFlags;
import io.ringstore.engine.command.CommandSpec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * The applying half of start-up recovery: publishes every journal record into the engine's ring,
 * as one replay session, with the record's db and original ingress time, so the same shard code
 * that served the client re-executes it (no second implementation of any command). Journaling
 * the ingress time rather than rewriting commands keeps replay deterministic for every command at
 * once: relative TTLs (SET EX, EXPIRE, GETEX PX, ...) resolve to the same deadlines, and lazy
 * expiry during replay sees the clock each write saw. Call after {@link Engine#startPipeline} and
 * before {@link Engine#startTicker} (a tick stamped "now" could expire a key a later record still
 * uses) and before clients connect. Returns once the last record has left the ring.
 * <p>
 * Blocked clients are replayed too: a blocking command replays on a session carrying its
 * journaled client id, journaled ticks (flagged replayed: timeouts only, no active expiry) time
 * waiters out at the same sequences, CLIENT UNBLOCK and client-closed records find the same
 * waiters, so a pop served to a waiter live is served to it again. Clients blocked at the loaded
 * snapshot's cut were re-created by the snapshot load; replay starts from their sessions. A last
 * close event (client -1) drops every waiter left: those clients are gone after a restart. That
 * event is journaled, so a later replay of this journal drops them at the same point too (client
 * ids start again at 1 after a restart: without it, a new client's records would meet an old
 * client's waiter).
 */
public final class JournalReplay {
    private JournalReplay() {
    }

    public static long replay(Path dir, String prefix, Engine engine) throws IOException {
        return replay(dir, prefix, engine, -1);
    }

    /**
     * Replays the records whose sequence is greater than {@code afterSeq} (the loaded snapshot's
     * sequence; -1 for all): the earlier ones are already in the snapshot. Returns how many
     * command records it replayed (tick and close records are replayed but not counted).
     */
    private static final byte[] EXEC = "exec".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static boolean isDiscard(byte[] name) {
        return new String(name, java.nio.charset.StandardCharsets.ISO_8859_1).equalsIgnoreCase("discard");
    }

    public static long replay(Path dir, String prefix, Engine engine, long afterSeq) throws IOException {
        return replay(dir, prefix, engine, afterSeq, JournalScan.scan(dir, prefix, null).killedScripts);
    }

    /**
     * As {@link #replay(Path, String, Engine, long)}, with the scripts the journal's kill markers
     * name already collected (start-up's checking scan did): replay skips them.
     */
    public static long replay(Path dir, String prefix, Engine engine, long afterSeq, java.util.Set<String> killedScripts)
            throws IOException {
        EngineContext ctx = engine.context();
        ctx.killedScripts.addAll(killedScripts);
        ClientSession session = new ClientSession(ctx.sessions.nextId(), System.currentTimeMillis(), ctx.databases);
        // Clients that ran blocking commands, by journaled id: their waiters must be re-created on
        // the same sessions, so CLIENT UNBLOCK, closes and serving find them (replies go nowhere).
        Map<Long, ClientSession> blockers = new HashMap<>();
        Blocking.sessions(ctx, blockers);
        blockers.putAll(ctx.restoredClients); // clients a snapshot re-created: blocked or watching at its cut
        RingPublisher ring = engine.publisher();
        long[] last = {-1};
        long[] replayed = {0};
        JournalScan scan = JournalScan.scan(dir, prefix, new JournalScan.Visitor() {
            @Override
            public void record(long seq, long timeMs, int db, byte[][] args) {
                event(seq, timeMs, db, 0, JournalFormat.KIND_COMMAND, args);
            }

            @Override
            public void event(long seq, long timeMs, int db, long client, int kind, byte[][] args) {
                if (seq <= afterSeq || kind == JournalFormat.KIND_SCRIPT_KILLED) {
                    return; // a kill marker was read by the scan before this one: the script it names is skipped
                }
                if (db < 0 || db >= ctx.databases) {
                    throw new IllegalStateException("journal record " + seq + " uses db " + db
                            + " but databases is " + ctx.databases);
                }
                // An internal slot: a record that cannot be prepared is published as a no-op and
                // stops start-up (rethrown), never silently skipped.
                long rs = ring.publishInternal((e, q) -> {
                    if (kind == JournalFormat.KIND_COMMAND) {
                        for (byte[] a : args) {
                            e.args.add(a);
                        }
                        ClientSession s = sessionFor(client, args[0]);
                        if (s.tx == null && s != session && isDiscard(args[0])) {
                            engine.ingress().openTransaction(s); // DISCARD of a watching client: its queue was open
                        }
                        engine.ingress().prepareReplay(e, s, seq, timeMs, db);
                    } else if (kind == JournalFormat.KIND_EXEC) {
                        ClientSession s = sessionFor(client, EXEC);
                        queueTransaction(s, seq, args);
                        e.args.add(EXEC);
                        engine.ingress().prepareReplay(e, s, seq, timeMs, db);
                    } else if (kind == JournalFormat.KIND_CLIENT_CLOSED) {
                        ClientSession s = blockers.remove(client);
                        if (client == -1) {
                            blockers.clear(); // a restart: every client before it is gone
                        }
                        engine.ingress().prepareClientClosed(e, s == null ? session : s, client);
                        e.timeMs = timeMs;
                        e.replayed = true;
                        e.replaySeq = seq;
                    } else {
                        engine.ingress().prepareTick(e, timeMs, kind == JournalFormat.KIND_TICK_BARRIER);
                        e.replayed = true;
                        e.replaySeq = seq;
                    }
                });
                last[0] = rs;
                if (kind == JournalFormat.KIND_COMMAND || kind == JournalFormat.KIND_EXEC) {
                    replayed[0]++; // ticks and closes are bookkeeping, not counted
                }
            }

            /** Rebuilds a journaled transaction into {@code s}'s queue, each command in its db. */
            private void queueTransaction(ClientSession s, long seq, byte[][] args) {
                if (args.length < 1 || args[0].length != 1) {
                    throw new IllegalStateException("journal record " + seq + ": malformed transaction");
                }
                s.tx = null;
                engine.ingress().openTransaction(s);
                s.tx.rejected = args[0][0] == 1;
                Args a = new Args();
                for (int i = 1; i < args.length; ) {
                    ByteBuffer h = args[i].length == 8 ? ByteBuffer.wrap(args[i]) : null;
                    int n = h == null ? -1 : h.getInt(4);
                    if (h == null || n < 1 || i + 1 + n > args.length) {
                        throw new IllegalStateException("journal record " + seq + ": malformed transaction");
                    }
                    a.reset();
                    for (int j = i + 1; j <= i + n; j++) {
                        a.add(args[j]);
                    }
                    s.db = h.getInt(0);
                    if (s.db < 0 || s.db >= ctx.databases || !engine.ingress().queueReplayed(s, a)) {
                        throw new IllegalStateException("journal record " + seq + ": transaction command "
                                + a.latin1(0, 64) + " cannot be queued");
                    }
                    i += 1 + n;
                }
            }

            /**
             * The session a record replays on: the journaled client's own for clients whose state
             * replay must rebuild (blocked clients, clients that WATCH), the shared one otherwise.
             */
            private ClientSession sessionFor(long client, byte[] name) {
                if (client == 0) {
                    return session;
                }
                ClientSession s = blockers.get(client);
                if (s == null) {
                    CommandSpec spec = ctx.table.lookup(name, 0, name.length);
                    if (spec == null || !(spec.has(CommandFlags.BLOCKING) || spec.fullName.equals("watch"))) {
                        return session;
                    }
                    s = new ClientSession(client, 0, ctx.databases);
                    blockers.put(client, s);
                }
                return s;
            }
        });
        if (scan.damage != null) {
            throw new IOException("journal changed during replay: " + scan.damage);
        }
        // The clients are gone after a restart: forget every waiter replay re-created. Journaled
        // (not flagged replayed), so the next replay forgets them at this point as well.
        last[0] = ring.publishInternal((e, q) -> engine.ingress().prepareClientClosed(e, session, -1));
        while (!ring.consumed(last[0])) {
            LockSupport.parkNanos(100_000);
        }
        ctx.journal.loadedRecords = replayed[0];
        return replayed[0];
    }
}
