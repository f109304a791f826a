package io.ringstore.transport.diff;

import java.util.List;

/**
 * One command of a generated stream: its recipe's name ("set", "client|list"), family, argument
 * bytes, how its reply is compared, whether it closes the connection (QUIT), which connection sends
 * it (0 the stream's own, 1 the second one of the WATCH scenarios), and for an EXEC the normalizers
 * of the commands it queued (null otherwise), applied to the elements of its reply.
 */
record GeneratedCommand(int index, String name, String family, byte[][] args, Normalizer normalizer, boolean quits,
                        int connection, List<Normalizer> queued) {

    /** A command on the stream's own connection that queued nothing. */
    GeneratedCommand(int index, String name, String family, byte[][] args, Normalizer normalizer, boolean quits) {
        this(index, name, family, args, normalizer, quits, 0, null);
    }

    /**
     * The reply as compared: an EXEC's array element by element through its queued commands'
     * normalizers; anything else (EXECABORT, a null array, every other command) through this
     * command's normalizer.
     */
    String normalize(Reply r) {
        if (queued == null || r.isError() || r.type != '*' || r.items == null || r.items.size() != queued.size()) {
            return normalizer.apply(r);
        }
        StringBuilder sb = new StringBuilder("*[");
        for (int i = 0; i < queued.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(queued.get(i).apply(r.items.get(i)));
        }
        return sb.append(']').toString();
    }

    /** The command as a redis-cli-like line with every argument quoted and escaped. */
    String display() {
        StringBuilder sb = new StringBuilder(connection == 0 ? "" : "[2nd connection] ");
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            Reply.quote(sb, args[i]);
        }
        return sb.toString();
    }
}
