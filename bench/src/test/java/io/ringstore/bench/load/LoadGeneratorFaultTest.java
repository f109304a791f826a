package io.ringstore.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs against a {@link FakeRespServer} that stalls or hangs up on cue. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadGeneratorFaultTest {

    private static RunResult run(int port, String... args) throws Exception {
        final String[] prefix = {"--port", String.valueOf(port), "-t", "ping", "-q", "--seed", "1"};
        final String[] all = new String[prefix.length + args.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(args, 0, all, prefix.length, args.length);
        final PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return LoadGenerator.run(LoadOptions.parse(all), sink, sink);
    }

    @Test
    void shouldShowAServerStallInTheOpenLoopTailAsWrk2Does() throws Exception {
        // 1000/s for 1 s on one connection; the server freezes for 300 ms after request 200.
        try (FakeRespServer server = new FakeRespServer(200, 300, -1)) {
            final RunResult r = run(server.port(), "-c", "1", "--rate", "1000", "--duration", "1");
            assertEquals(1000, r.replies());
            // Every request due during the stall waited for it: ~300 of 1000 requests took 0..300 ms,
            // so the 90th percentile is well above 100 ms. A closed-loop (uncorrected) measurement
            // would show one slow request and a p90 of microseconds.
            assertTrue(r.percentileUs(90) > 100_000, "p90 " + r.percentileUs(90) + " µs");
            assertTrue(r.maxUs() > 250_000 && r.maxUs() < 1_000_000, "max " + r.maxUs() + " µs");
        }
    }

    @Test
    void shouldCountDisconnectsAndUnansweredRequests() throws Exception {
        // The connection that serves the 500th request hangs up; the others carry on.
        try (FakeRespServer server = new FakeRespServer(-1, 0, 500)) {
            final RunResult r = run(server.port(), "-c", "2", "-P", "4", "-n", "2000");
            assertEquals(1, r.disconnects());
            assertTrue(r.unanswered() >= 1 && r.unanswered() <= 4, "in flight when it hung up: " + r.unanswered());
            assertTrue(r.replies() + r.unanswered() <= 2000);
            assertTrue(r.replies() >= 499, "replies " + r.replies());
        }
    }

    @Test
    void shouldGiveUpOnAServerThatStopsAnsweringAndCountWhatWasLost() throws Exception {
        // 1000/s for 0.5 s; the server answers 100 requests, then never again.
        try (FakeRespServer server = new FakeRespServer(101, 60_000, -1)) {
            final RunResult r = run(server.port(), "-c", "1", "--rate", "1000", "--duration", "0.5", "--max-in-flight", "64",
                "--drain-timeout", "0.3");
            assertEquals(100, r.replies());
            assertEquals(400, r.unanswered(), "sent and unanswered, plus scheduled and never sent");
        }
    }
}
