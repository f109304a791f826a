package io.ringstore.engine.log;

import io.ringstore.engine.config.Config;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Where the server's log lines go, in Redis's format and with Redis's levels: {@code loglevel}
 * (debug, verbose, notice, warning; CONFIG SET-able) filters, {@code logfile} ("" = standard
 * output, as Redis) is the destination, fixed at start-up. Lines look like Redis's:
 * <pre>
 *   4711:M 03 Dec 2026 09:19:40.123 * Ready to accept connections
 *   pid  role  local time            level (. debug, - verbose, * notice, # warning)
 * </pre>
 * Code logs through {@link System.Logger} ({@code System.getLogger("ringstore")}); the JDK hands
 * those loggers to {@link ServerLoggerFinder}, which writes here. Never on the request hot path:
 * only failures, start-up, persistence events. Process-wide; any thread (a line is written whole
 * under the stream's lock).
 */
public final class ServerLog {
    public static final int DEBUG = 0;
    public static final int VERBOSE = 1;
    public static final int NOTICE = 2;
    public static final int WARNING = 3;
    private static final String LEVEL_CHARS = ".-*#";
    private static final String[] NAMES = {"debug", "verbose", "notice", "warning"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ENGLISH);
    private static final long PID = ProcessHandle.current().pid();

    private static volatile int verbosity = NOTICE;
    private static volatile PrintStream out = System.out;

    private ServerLog() {
    }

    /**
     * Applies {@code loglevel} now and on every CONFIG SET, and opens {@code logfile} for appending
     * when one is set (Redis opens it per line; one open stream does the same work). Called once by
     * the server at start-up, before anything is logged. Throws if the file cannot be opened, so
     * start-up fails with the reason instead of logging nowhere.
     */
    public static void configure(Config config) throws IOException {
        verbosity = level(config.get("loglevel"));
        config.onChange("loglevel", o -> verbosity = level(o.value()));
        String file = config.get("logfile");
        out = file.isEmpty() ? System.out : new PrintStream(new FileOutputStream(file, true), true, StandardCharsets.UTF_8);
    }

    /**
     * A stream whose every line becomes one log line at {@code level}: for start-up code that
     * reports progress to a PrintStream (journal recovery, snapshot loading, the check tools).
     */
    public static PrintStream lines(int level) {
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    log(level, line.toString(StandardCharsets.UTF_8), null);
                    line.reset();
                } else if (b != '\r') {
                    line.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }

    /** The Redis level of a {@code loglevel} value. */
    static int level(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown loglevel " + name);
    }

    public static boolean enabled(int level) {
        return level >= verbosity;
    }

    /** Writes one line at {@code level} (and the stack trace of {@code thrown}, when given). */
    public static void log(int level, String message, Throwable thrown) {
        if (level < verbosity) {
            return;
        }
        String line = PID + ":M " + TIME.format(LocalDateTime.now()) + ' ' + LEVEL_CHARS.charAt(level) + ' ' + message;
        PrintStream o = out;
        synchronized (o) {
            o.println(line);
            if (thrown != null) {
                thrown.printStackTrace(o);
            }
        }
    }
}
