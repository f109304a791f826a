package io.ringstore.transport.diff;

/**
 * One command of a generated stream: its recipe's name ("set", "client|list"), family, argument
 * bytes, how its reply is compared, and whether it closes the connection (QUIT).
 */
record GeneratedCommand(int index, String name, String family, byte[][] args, Normalizer normalizer, boolean quits) {

    /** The command as a redis-cli-like line with every argument quoted and escaped. */
    String display() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            Reply.quote(sb, args[i]);
        }
        return sb.toString();
    }
}
