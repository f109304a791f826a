package io.ringstore.engine;

import com.lmax.disruptor.EventHandler;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.testing.FaultyCommands;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failures injected into the pipeline, through the real engine (fused on 1 shard, separate stages
 * on 2): a slot whose preparation throws, a command whose execution throws, and a stage that
 * throws on an event. Each time the failing command gets an error, the commands around it are
 * served, and INFO counts the failure. Before RingPublisher, a throwing preparation left its
 * claimed sequence unpublished and every stage stopped for good: these tests then time out.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PipelineFailureTest {
    /** A journal stage that throws on FAILSTAGE: an exception escaping a stage, not a command. */
    static final EventHandler<RequestEvent> THROWING_JOURNAL = (e, seq, end) -> {
        if (e.cmd != null && e.cmd.name.equals("failstage")) {
            throw new IllegalStateException("injected failure in the journal stage");
        }
    };

    private static EmbeddedEngine engine(int shards) {
        return new EmbeddedEngine(shards, new ManualClock(1_700_000_000_000L), new Config(), THROWING_JOURNAL, false,
                FaultyCommands.table());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldAnswerAFailedPreparationWithAnErrorAndKeepServing(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            ClientSession other = e.newSession();
            e.call("SET", "k", "v");
            String reply = e.call("FAILPREPARE");
            assertTrue(reply.startsWith("-ERR internal error preparing 'failprepare'"), reply);
            assertEquals("$1\r\nv\r\n", e.call("GET", "k"));
            assertEquals("$1\r\nv\r\n", e.call(other, "GET", "k"));
            assertEquals(1, stat(e, "ringstore_ingress_errors"));
            assertEquals(0, stat(e, "ringstore_stage_errors"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldKeepNeighbouringSlotsOfAFailedPreparation(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            // One claim of three slots, as a pipelined connection makes: the middle one fails.
            String[][] commands = {{"SET", "a", "1"}, {"FAILPREPARE"}, {"INCR", "a"}};
            RingPublisher p = e.engine().publisher();
            long hi = p.claim(commands.length);
            long lo = hi - commands.length + 1;
            p.publish(lo, commands.length, e.session(), (ev, seq) -> {
                for (String a : commands[(int) (seq - lo)]) {
                    ev.args.add(a.getBytes(StandardCharsets.UTF_8));
                }
                e.engine().ingress().prepare(ev, e.session());
            });
            assertEquals("$1\r\n2\r\n", e.call("GET", "a"));
            assertEquals(1, stat(e, "ringstore_ingress_errors"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldAnswerACommandThatThrowsWithAnErrorAndCountIt(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            String reply = e.call("FAILEXECUTE");
            assertTrue(reply.startsWith("-ERR internal error executing 'failexecute'"), reply);
            assertEquals("+PONG\r\n", e.call("PING"));
            assertEquals(1, stat(e, "ringstore_stage_errors"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldGoOnAfterAStageThrows(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            // The journal stage threw on the event; the stage's error handler logged and counted
            // it, and the later stages still ran it (the Disruptor's default handler would have
            // halted the stage, and with it every client).
            assertEquals("+EXECUTED\r\n", e.call("FAILSTAGE"));
            assertEquals("+EXECUTED\r\n", e.call("FAILSTAGE"));
            e.call("SET", "k", "v");
            assertEquals("$1\r\nv\r\n", e.call("GET", "k"));
            assertEquals(2, stat(e, "ringstore_stage_errors"));
        }
    }

    static long stat(EmbeddedEngine e, String field) {
        Matcher m = Pattern.compile(field + ":(\\d+)").matcher(e.call("INFO", "stats"));
        assertTrue(m.find(), field + " missing from INFO stats");
        return Long.parseLong(m.group(1));
    }
}
