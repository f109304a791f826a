package io.ringstore.transport.diff;

/**
 * How to generate one kind of command: its name as Redis's command table spells it ("set",
 * "client|list"), the family it is counted under, its relative weight in the stream, how its reply
 * is compared, and a builder that appends the arguments (command name first) to an {@link ArgGen}.
 */
record Recipe(String name, String family, int weight, Normalizer normalizer, Builder builder) {

    /** Appends one command's arguments, name first. */
    interface Builder {
        void build(ArgGen g);
    }

    /** The top-level command name: "client" for "client|list". */
    String command() {
        int bar = name.indexOf('|');
        return bar < 0 ? name : name.substring(0, bar);
    }

    boolean quits() {
        return name.equals("quit");
    }
}
