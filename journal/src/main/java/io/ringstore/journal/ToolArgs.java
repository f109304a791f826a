package io.ringstore.journal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of the check tools: {@code [--<flag>...] <path> [<prefix>]}, as
 * {@code ringstore-check-journal [--fix] [--list] <dir> [appendfilename]} and
 * {@code ringstore-check-snapshot [--keys] <dir|file> [dbfilename]} take it. Parsed once at start.
 */
final class ToolArgs {
    private final Set<String> flags;
    final String path;
    final String prefix;
    /** Why the line is wrong, or null. */
    final String error;

    private ToolArgs(Set<String> flags, String path, String prefix, String error) {
        this.flags = flags;
        this.path = path;
        this.prefix = prefix;
        this.error = error;
    }

    /** Whether option {@code name} (one of the names parse was given) was on the line. */
    boolean has(String name) {
        return flags.contains(name);
    }

    /**
     * @param pathName what the positional path is called in the usage error ({@code dir}, ...)
     * @param flagNames the options the tool knows; any other {@code --} word is an error
     */
    static ToolArgs parse(String[] args, String pathName, String defaultPrefix, String... flagNames) {
        Set<String> flags = new HashSet<>();
        String path = null;
        String prefix = defaultPrefix;
        int positional = 0;
        for (String a : args) {
            if (List.of(flagNames).contains(a)) {
                flags.add(a);
            } else if (a.startsWith("--")) {
                return new ToolArgs(flags, null, null, "unknown option " + a);
            } else if (positional == 0) {
                path = a;
                positional++;
            } else if (positional == 1) {
                prefix = a;
                positional++;
            } else {
                return new ToolArgs(flags, null, null, "too many arguments");
            }
        }
        return new ToolArgs(flags, path, prefix, path == null ? "missing <" + pathName + ">" : null);
    }
}
