package io.ringstore.transport;

import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.family.Commands;
import io.ringstore.engine.util.Clock;

/**
 * A real Ringstore server started in-process on an ephemeral port, for integration tests.
 */
public final class TestServer implements AutoCloseable {
    public final RingstoreServer server;

    private TestServer(RingstoreServer server) {
        this.server = server;
    }

    /** Starts a server on port 0 with the given option pairs ("shards", "2", ...). */
    public static TestServer start(String... options) throws Exception {
        return start(Commands.table(), options);
    }

    /** Starts a server with a given command table (rows that fail on purpose) and option pairs. */
    public static TestServer start(CommandTable table, String... options) throws Exception {
        Config config = new Config();
        config.setAtStartup("port", "0");
        for (int i = 0; i < options.length; i += 2) {
            String err = config.setAtStartup(options[i], options[i + 1]);
            if (err != null) {
                throw new IllegalArgumentException(options[i] + ": " + err);
            }
        }
        return new TestServer(new RingstoreServer(config, Clock.SYSTEM, table));
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
