package io.ringstore.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringstore.engine.config.Config;
import io.ringstore.transport.RingstoreServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Black-box runs of the generator against a real Ringstore server started in-process. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadGeneratorTest {
    private static RingstoreServer server;

    @BeforeAll
    static void startServer() throws Exception {
        final Config config = new Config();
        config.setAtStartup("port", "0");
        server = new RingstoreServer(config);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static RunResult run(String... args) throws Exception {
        final String[] all = new String[args.length + 2];
        all[0] = "--port";
        all[1] = String.valueOf(server.port());
        System.arraycopy(args, 0, all, 2, args.length);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final RunResult r = LoadGenerator.run(LoadOptions.parse(all), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("throughput/s"), "summary table printed");
        return r;
    }

    @Test
    void shouldRunClosedLoopAndWriteParseableOutputs(@TempDir Path dir) throws Exception {
        final RunResult r = run("-c", "4", "-P", "4", "-n", "4000", "--mix", "set:1,get:3", "--keyspace", "1000",
            "--zipf", "0.99", "--data-size", "16", "-q", "--out", dir.toString(), "--name", "e2e", "--plot");

        assertEquals(4000, r.replies());
        assertEquals(4000, r.histogram().getTotalCount());
        assertEquals(0, r.errors());
        assertEquals(0, r.disconnects());
        assertEquals(0, r.unanswered());
        assertTrue(r.throughputPerSecond() > 0);

        final JsonNode json = new ObjectMapper().readTree(dir.resolve("e2e.json").toFile());
        assertEquals("e2e", json.get("name").asText());
        assertEquals(4000, json.get("requests").asLong());
        assertEquals(0, json.get("errors").asLong());
        assertEquals(0, json.get("disconnects").asLong());
        assertEquals("closed", json.get("settings").get("loop").asText());
        assertEquals(4, json.get("settings").get("pipeline").asInt());
        assertEquals("set:1,get:3", json.get("settings").get("mix").asText());
        final JsonNode latency = json.get("latencyUs");
        for (String p : new String[] {"p50", "p90", "p99", "p99.9", "p99.99", "max"}) {
            assertTrue(latency.get(p).asDouble() > 0, p);
        }
        assertTrue(latency.get("p50").asDouble() <= latency.get("p99").asDouble());
        assertTrue(latency.get("p99").asDouble() <= latency.get("max").asDouble());

        final String hgrm = Files.readString(dir.resolve("e2e.hgrm"));
        assertTrue(hgrm.matches("(?s).*Total count\\s+=\\s+4000\\].*"), hgrm);

        long logged = 0;
        final HistogramLogReader reader = new HistogramLogReader(dir.resolve("e2e.hlog").toFile());
        for (Histogram h = (Histogram) reader.nextIntervalHistogram(); h != null; h = (Histogram) reader.nextIntervalHistogram()) {
            logged += h.getTotalCount();
        }
        assertEquals(4000, logged, "the interval log holds every measured request");

        final BufferedImage png = ImageIO.read(dir.resolve("e2e.png").toFile());
        assertEquals(1000, png.getWidth());

        final Path both = dir.resolve("both.png");
        LatencyPlot.main(new String[] {both.toString(), dir.resolve("e2e.hlog").toString(), dir.resolve("e2e.hlog").toString()});
        assertEquals(600, ImageIO.read(both.toFile()).getHeight());
    }

    @Test
    void shouldCountErrorRepliesToRejectedCommands() throws Exception {
        final RunResult r = run("-c", "2", "-P", "8", "-n", "2000", "--command", "NOSUCHCOMMAND k:__rand_int__", "-q");
        assertEquals(2000, r.replies());
        assertEquals(2000, r.errors());
        assertEquals(0, r.disconnects());
    }

    @Test
    void shouldCountATransactionAsOneRequestCompletedByItsLastReply() throws Exception {
        final RunResult r = run("-c", "2", "-P", "4", "-n", "1000", "--command",
            "MULTI ; INCR c:__rand_int__ ; SET k:__rand_int__ v ; EXEC", "-q");
        assertEquals(1000, r.replies());
        assertEquals(0, r.errors());
        final RunResult bad = run("-c", "1", "-n", "200", "--command", "MULTI ; NOSUCHCOMMAND ; EXEC", "-q");
        assertEquals(200, bad.replies());
        assertEquals(200, bad.errors(), "a request with an error reply among its frames counts once as an error");
    }

    @Test
    void shouldCountOnlyTheRejectedShareOfAMix() throws Exception {
        final RunResult r = run("-c", "2", "-P", "4", "-n", "2000", "--mix", "get:1", "--command", "NOSUCHCOMMAND", "-q",
            "--seed", "11");
        assertEquals(2000, r.replies());
        assertTrue(r.errors() > 800 && r.errors() < 1200, "about half are errors: " + r.errors());
    }

    @Test
    void shouldRunOpenLoopAtTheRequestedRateExcludingWarmup() throws Exception {
        final RunResult r = run("-c", "2", "--rate", "2000", "--duration", "1", "--warmup", "0.3", "--mix", "get:1", "-q",
            "--threads", "2");
        assertEquals(2000, r.replies());     // 1 s x 2000/s, warm-up requests excluded
        assertEquals(0, r.errors());
        assertEquals(0, r.disconnects());
        assertEquals(1.0, r.measuredSeconds(), 0.25);
    }

    @Test
    void shouldDeliverEveryPublishToEverySubscriberAndTimeIt(@TempDir Path dir) throws Exception {
        final RunResult r = run("-c", "2", "-P", "4", "-n", "2000", "--subscribers", "3", "--data-size", "32", "-q",
            "--out", dir.toString(), "--name", "ps");
        assertEquals(2000, r.replies());
        assertEquals(0, r.errors());
        final DeliveryResult d = r.delivery();
        assertEquals(6000, d.delivered());
        assertEquals(6000, d.expected());
        assertEquals(0, d.missing());
        assertEquals(0, d.untimed());
        assertEquals(6000, d.histogram().getTotalCount(), "every message timed");
        assertEquals(0, d.disconnects());

        final JsonNode json = new ObjectMapper().readTree(dir.resolve("ps.json").toFile());
        assertEquals(2000, json.get("requests").asLong());
        assertEquals(3, json.get("settings").get("subscribers").asInt());
        final JsonNode delivery = json.get("delivery");
        assertEquals(6000, delivery.get("delivered").asLong());
        assertEquals(0, delivery.get("missing").asLong());
        assertTrue(delivery.get("deliveredPerSecond").asDouble() > 0);
        assertTrue(delivery.get("latencyUs").get("p50").asDouble() <= delivery.get("latencyUs").get("p99.9").asDouble());
        assertTrue(Files.readString(dir.resolve("ps.delivery.hgrm")).matches("(?s).*Total count\\s+=\\s+6000\\].*"));
    }

    @Test
    void shouldDeliverOnePmessagePerMatchingPattern() throws Exception {
        final RunResult r = run("-c", "1", "-P", "8", "-n", "1000", "--subscribers", "4", "--patterns", "8",
            "--matching", "2", "--channel", "orders.eu", "-q");
        assertEquals(1000, r.replies());
        assertEquals(2000, r.delivery().delivered());
        assertEquals(2000, r.delivery().histogram().getTotalCount());
        assertEquals(8, r.delivery().confirmations());
    }

    @Test
    void shouldCountUntimedMessagesOfAnyWorkload() throws Exception {
        // Subscribers beside a workload that is not a timed PUBLISH: counted, not timed, nothing expected.
        final RunResult r = run("-c", "1", "-n", "300", "--subscribers", "1", "--command", "PUBLISH channel hello", "-q");
        assertEquals(300, r.delivery().delivered());
        assertEquals(300, r.delivery().untimed());
        assertEquals(-1, r.delivery().expected());
        assertEquals(0, r.delivery().histogram().getTotalCount());
    }

    @Test
    void shouldRejectBadOptionsWithAMessage() {
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--rate", "100"));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("-n", "10", "--duration", "1"));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--mix", "get"));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--bogus"));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--patterns", "10"));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--subscribers", "5", "--patterns", "2"));
        assertEquals("publish-timed:1", LoadOptions.parse("--subscribers", "2").mix.describe());
        assertEquals("set:1", LoadOptions.parse("--subscribers", "1", "--psubscribe", "__keyevent@0__:*", "-t", "set")
            .mix.describe());
        assertTrue(LoadOptions.parse("--help").help);
        assertEquals("get:1,set:1,incr:1", LoadOptions.parse("-t", "get,set,incr").mix.describe());
    }
}
