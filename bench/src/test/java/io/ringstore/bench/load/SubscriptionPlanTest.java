package io.ringstore.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ringstore.engine.util.Glob;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SubscriptionPlanTest {

    @Test
    void shouldSubscribeEverySubscriberToTheChannelWithoutPatterns() {
        final SubscriptionPlan plan = SubscriptionPlan.of(3, "news", 0, 1, List.of());
        assertEquals(List.of("SUBSCRIBE", "news"), plan.command(2));
        assertEquals(3, plan.confirmations());
        assertEquals(3, plan.receiversPerPublish());
    }

    @Test
    void shouldSpreadPatternsRoundRobinWithTheMatchingOnesFirst() {
        final SubscriptionPlan plan = SubscriptionPlan.of(2, "news", 5, 2, List.of());
        assertEquals(List.of("PSUBSCRIBE", "news*", "news.2.*", "news.4.*"), plan.command(0));
        assertEquals(List.of("PSUBSCRIBE", "new*", "news.3.*"), plan.command(1));
        assertEquals(5, plan.confirmations());
        assertEquals(2, plan.receiversPerPublish(), "one pmessage per matching pattern");
    }

    @Test
    void shouldGiveOnePatternEachToAHundredSubscribers() {
        final SubscriptionPlan plan = SubscriptionPlan.of(100, "channel", 100, 1, List.of());
        assertEquals(List.of("PSUBSCRIBE", "channel*"), plan.command(0));
        assertEquals(List.of("PSUBSCRIBE", "channel.99.*"), plan.command(99));
        assertEquals(1, plan.receiversPerPublish());
    }

    @Test
    void shouldGenerateExactlyMatchingManyPatternsThatMatchUnderRedisGlob() {
        final String channel = "orders.eu";
        final List<String> patterns = SubscriptionPlan.generate(channel, 50, 7);
        final byte[] c = channel.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < patterns.size(); i++) {
            assertEquals(i < 7, Glob.match(patterns.get(i).getBytes(StandardCharsets.UTF_8), c, false), patterns.get(i));
        }
        assertEquals(50, patterns.stream().distinct().count(), "no duplicate patterns");
    }

    @Test
    void shouldNotKnowReceiversOfExplicitPatterns() {
        final SubscriptionPlan plan = SubscriptionPlan.of(1, "channel", 0, 1, List.of("__keyevent@0__:*"));
        assertEquals(List.of("PSUBSCRIBE", "__keyevent@0__:*"), plan.command(0));
        assertEquals(1, plan.confirmations());
        assertEquals(-1, plan.receiversPerPublish());
    }

    @Test
    void shouldRejectPlansThatCannotBeKept() {
        assertThrows(IllegalArgumentException.class, () -> SubscriptionPlan.of(0, "c", 0, 1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> SubscriptionPlan.of(3, "channel", 2, 1, List.of()),
            "a subscriber without a pattern");
        assertThrows(IllegalArgumentException.class, () -> SubscriptionPlan.of(1, "ab", 5, 3, List.of()),
            "more matching patterns than the channel has prefixes");
        assertThrows(IllegalArgumentException.class, () -> SubscriptionPlan.of(1, "a*", 5, 1, List.of()),
            "a channel with glob characters");
        assertThrows(IllegalArgumentException.class, () -> SubscriptionPlan.of(1, "abc", 2, 3, List.of()));
    }
}
