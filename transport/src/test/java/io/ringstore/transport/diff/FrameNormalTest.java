package io.ringstore.transport.diff;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** FrameNormal takes out Redis's dict order and nothing else (no servers involved). */
class FrameNormalTest {

    @Test
    void shouldSortPmessagesOfOnePublishButKeepPublishOrder() {
        List<Reply> raw = new ArrayList<>(List.of(push("pmessage", "b*", "bx", "1"), push("pmessage", "*", "bx", "1"),
                push("pmessage", "*", "bx", "2"), push("message", "bx", "3"), push("pmessage", "b*", "bx", "3")));
        List<String> frames = texts(raw);
        FrameNormal.order(frames, raw, false);
        assertEquals(List.of(raw.get(1).canonical(), raw.get(0).canonical(), raw.get(2).canonical(),
                raw.get(3).canonical(), raw.get(4).canonical()), frames);
    }

    @Test
    void shouldSortUnsubscribedNamesKeepingCountsOnlyWhenAsked() {
        List<Reply> raw = new ArrayList<>(List.of(push("unsubscribe", "b", ":1"), push("unsubscribe", "a", ":0")));
        List<String> asIs = texts(raw);
        FrameNormal.order(asIs, raw, false);
        assertEquals(texts(raw), asIs);
        List<String> sorted = texts(raw);
        FrameNormal.order(sorted, raw, true);
        assertEquals(List.of(">[$\"unsubscribe\", $\"a\", :1]", ">[$\"unsubscribe\", $\"b\", :0]"), sorted);
    }

    private static List<String> texts(List<Reply> raw) {
        List<String> out = new ArrayList<>();
        raw.forEach(r -> out.add(r.canonical()));
        return out;
    }

    /** A RESP3 push of bulk strings; an item starting with ':' is an integer. */
    private static Reply push(String... items) {
        List<Reply> r = new ArrayList<>();
        for (String s : items) {
            r.add(s.startsWith(":") ? new Reply(':', s.substring(1).getBytes(StandardCharsets.US_ASCII), null, null)
                    : new Reply('$', s.getBytes(StandardCharsets.UTF_8), null, null));
        }
        return new Reply('>', null, Arrays.asList(r.toArray(new Reply[0])), null);
    }
}
