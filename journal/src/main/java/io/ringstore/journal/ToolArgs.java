package io.ringstore.journal;

/**
 * The command line of the check tools: {@code [--<flag>] <path> [<prefix>]}, as
 * {@code ringstore-check-journal [--fix] <dir> [appendfilename]} and
 * {@code ringstore-check-snapshot [--keys] <dir|file> [dbfilename]} take it. Parsed once at start.
 */
final class ToolArgs {
    final boolean flag;
    final String path;
    final String prefix;
    /** Why the line is wrong, or null. */
    final String error;

    private ToolArgs(boolean flag, String path, String prefix, String error) {
        this.flag = flag;
        this.path = path;
        this.prefix = prefix;
        this.error = error;
    }

    static ToolArgs parse(String[] args, String flagName, String defaultPrefix) {
        boolean flag = false;
        String path = null;
        String prefix = defaultPrefix;
        int positional = 0;
        for (String a : args) {
            if (a.equals(flagName)) {
                flag = true;
            } else if (a.startsWith("--")) {
                return new ToolArgs(false, null, null, "unknown option " + a);
            } else if (positional == 0) {
                path = a;
                positional++;
            } else if (positional == 1) {
                prefix = a;
                positional++;
            } else {
                return new ToolArgs(false, null, null, "too many arguments");
            }
        }
        return new ToolArgs(flag, path, prefix, path == null ? "missing <" + (flagName.equals("--fix") ? "dir" : "file> or <dir") + ">" : null);
    }
}
