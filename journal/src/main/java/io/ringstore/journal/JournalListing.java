package io.ringstore.journal;

import java.io.PrintStream;
import java.nio.ByteBuffer;

/**
 * Prints journal records one per line for {@code ringstore-check-journal --list}:
 * {@code seq <n> time <epoch ms> db <db> client <id> <what>}, where what is {@code command} and
 * its arguments, {@code tick}, {@code tick (barrier)}, {@code client closed}, or for a transaction
 * (kind 4) {@code EXEC transaction of <n> commands}, {@code (EXECABORT)} when EXEC answered that,
 * followed by one indented line per queued command with its db. Arguments print as redis-cli
 * quotes them: bare when plain printable ASCII, else in double quotes with escapes. A record that
 * does not decode as a transaction is printed as such, never thrown on (the tool inspects
 * damaged journals). The check tool's thread only.
 */
final class JournalListing implements JournalScan.Visitor {
    private final PrintStream out;
    private final StringBuilder line = new StringBuilder();

    JournalListing(PrintStream out) {
        this.out = out;
    }

    @Override
    public void record(long seq, long timeMs, int db, byte[][] args) {
        event(seq, timeMs, db, 0, JournalFormat.KIND_COMMAND, args);
    }

    @Override
    public void event(long seq, long timeMs, int db, long client, int kind, byte[][] args) {
        StringBuilder b = line;
        b.setLength(0);
        b.append("seq ").append(seq).append(" time ").append(timeMs).append(" db ").append(db)
         .append(" client ").append(client).append(' ');
        switch (kind) {
            case JournalFormat.KIND_COMMAND:
                b.append("command");
                words(b, args, 0, args.length);
                break;
            case JournalFormat.KIND_TICK:
                b.append("tick");
                break;
            case JournalFormat.KIND_TICK_BARRIER:
                b.append("tick (barrier)");
                break;
            case JournalFormat.KIND_CLIENT_CLOSED:
                b.append("client closed");
                break;
            case JournalFormat.KIND_EXEC:
                transaction(b, args);
                break;
            case JournalFormat.KIND_SCRIPT_KILLED:
                b.append("script killed: the script of record ").append(client);
                if (db >= 0) {
                    b.append(", command ").append(db).append(" of its transaction");
                }
                b.append(" (replay skips it)");
                break;
            default:
                b.append("kind ").append(kind);
        }
        out.println(b);
    }

    /** A transaction record (Transaction.encode): flag byte, then per command (db, argc) and arguments. */
    private static void transaction(StringBuilder b, byte[][] args) {
        int commands = 0;
        boolean ok = args.length >= 1 && args[0].length == 1;
        for (int i = 1; ok && i < args.length; ) {
            int n = args[i].length == 8 ? ByteBuffer.wrap(args[i]).getInt(4) : -1;
            ok = n >= 1 && i + 1 + n <= args.length;
            i += 1 + Math.max(n, 0);
            commands++;
        }
        if (!ok) {
            b.append("EXEC transaction, malformed:");
            words(b, args, 0, args.length);
            return;
        }
        b.append("EXEC transaction of ").append(commands).append(commands == 1 ? " command" : " commands");
        if (args[0][0] == 1) {
            b.append(" (EXECABORT)");
        }
        for (int i = 1; i < args.length; ) {
            ByteBuffer h = ByteBuffer.wrap(args[i]);
            int n = h.getInt(4);
            b.append("\n    db ").append(h.getInt(0)).append(':');
            words(b, args, i + 1, i + 1 + n);
            i += 1 + n;
        }
    }

    private static void words(StringBuilder b, byte[][] args, int from, int to) {
        for (int i = from; i < to; i++) {
            b.append(' ');
            quote(b, args[i]);
        }
    }

    /** redis-cli's quoting: bare when every byte is printable ASCII other than space and quotes. */
    static void quote(StringBuilder b, byte[] a) {
        boolean bare = a.length > 0;
        for (byte x : a) {
            if (x <= ' ' || x >= 127 || x == '"' || x == '\'' || x == '\\') {
                bare = false;
                break;
            }
        }
        if (bare) {
            for (byte x : a) {
                b.append((char) x);
            }
            return;
        }
        b.append('"');
        for (byte x : a) {
            int c = x & 0xff;
            switch (c) {
                case '\\': b.append("\\\\"); break;
                case '"': b.append("\\\""); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c >= ' ' && c < 127) {
                        b.append((char) c);
                    } else {
                        b.append(String.format("\\x%02x", c));
                    }
            }
        }
        b.append('"');
    }
}
