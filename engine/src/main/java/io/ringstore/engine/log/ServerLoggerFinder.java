package io.ringstore.engine.log;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * The {@link System.LoggerFinder} service (META-INF/services) that gives every
 * {@code System.getLogger(name)} of the process a logger writing to {@link ServerLog}, so server
 * code logs through the JDK's own API and the lines honour {@code loglevel} and {@code logfile}.
 * Chosen over a logging library: the JDK API costs no dependency, and Redis's format and four
 * levels need about forty lines. Levels map TRACE/DEBUG to Redis's debug/verbose, INFO to notice,
 * WARNING/ERROR to warning. Stateless; any thread.
 */
public final class ServerLoggerFinder extends System.LoggerFinder {
    @Override
    public System.Logger getLogger(String name, Module module) {
        return new ServerLogger(name);
    }

    static int redisLevel(System.Logger.Level level) {
        switch (level) {
            case ALL:
            case TRACE:
                return ServerLog.DEBUG;
            case DEBUG:
                return ServerLog.VERBOSE;
            case INFO:
                return ServerLog.NOTICE;
            case OFF:
                return Integer.MAX_VALUE;
            default:
                return ServerLog.WARNING;
        }
    }

    private static final class ServerLogger implements System.Logger {
        private final String name;

        ServerLogger(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            int l = redisLevel(level);
            return l <= ServerLog.WARNING && ServerLog.enabled(l);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (isLoggable(level)) {
                ServerLog.log(redisLevel(level), msg, thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                String msg = params == null || params.length == 0 ? format : MessageFormat.format(format, params);
                ServerLog.log(redisLevel(level), msg, null);
            }
        }

        @Override
        public void log(Level level, Supplier<String> supplier) {
            if (isLoggable(level)) {
                ServerLog.log(redisLevel(level), supplier.get(), null);
            }
        }
    }
}
