package io.ringstore.engine.family.lists;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.ringstore.engine.testing.Fixtures.T0;
import static io.ringstore.engine.testing.Resp.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * list-max-listpack-size changes memory, never a reply: the same random list commands on engines
 * whose lists have one element per node, a few per node, or the default 8 KB nodes (small lists:
 * one node, the layout the differential test checks against Redis) must reply byte for byte alike,
 * and DEBUG DIGEST must agree. Exercises every command across node boundaries.
 */
@Timeout(120)
class ListNodeSizeTest {
    private static final String[] FILLS = {"-2", "1", "3", "-1"};
    private static final String[] WORDS = {"a", "b", "c", "hello", ""};

    @Test
    void shouldReplyAlikeWhateverTheNodeSize() {
        List<EmbeddedEngine> engines = new ArrayList<>();
        try {
            for (String fill : FILLS) {
                EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0));
                assertEquals(OK, e.call("CONFIG", "SET", "list-max-listpack-size", fill));
                engines.add(e);
            }
            Random rnd = new Random(7);
            long longest = 0;
            for (int i = 0; i < 6000; i++) {
                String[] cmd = command(rnd);
                String expected = engines.get(0).call(cmd);
                if (cmd[0].endsWith("PUSH") && expected.startsWith(":")) {
                    longest = Math.max(longest, Long.parseLong(expected.substring(1, expected.length() - 2)));
                }
                for (int k = 1; k < engines.size(); k++) {
                    assertEquals(expected, engines.get(k).call(cmd),
                            "fill " + FILLS[k] + " after " + i + " commands: " + String.join(" ", cmd));
                }
            }
            assertTrue(longest > 40, "lists long enough to span nodes: " + longest);
            String digest = engines.get(0).call("DEBUG", "DIGEST");
            for (int k = 1; k < engines.size(); k++) {
                assertEquals(digest, engines.get(k).call("DEBUG", "DIGEST"), "digest with fill " + FILLS[k]);
            }
        } finally {
            engines.forEach(EmbeddedEngine::close);
        }
    }

    private static String element(Random rnd) {
        int r = rnd.nextInt(100);
        if (r < 85) {
            return WORDS[rnd.nextInt(WORDS.length)];
        }
        return "x".repeat(r < 98 ? rnd.nextInt(100) : 3000 + rnd.nextInt(3000)); // some bigger than a 4 KB node
    }

    private static String index(Random rnd) {
        return Integer.toString(rnd.nextInt(80) - 40);
    }

    private static String[] command(Random rnd) {
        String key = rnd.nextInt(4) == 0 ? "l2" : "l";
        List<String> c = new ArrayList<>();
        switch (rnd.nextInt(15)) {
            case 0: case 1: case 2: {
                c.add(rnd.nextBoolean() ? "RPUSH" : "LPUSH");
                c.add(key);
                int n = 1 + rnd.nextInt(rnd.nextInt(5) == 0 ? 30 : 4);
                for (int i = 0; i < n; i++) {
                    c.add(element(rnd));
                }
                break;
            }
            case 3:
                c.add(rnd.nextBoolean() ? "LPOP" : "RPOP");
                c.add(key);
                if (rnd.nextBoolean()) {
                    c.add(Integer.toString(rnd.nextInt(6)));
                }
                break;
            case 4: case 5:
                c.add("LRANGE"); c.add(key); c.add(index(rnd)); c.add(index(rnd));
                break;
            case 6:
                c.add("LINDEX"); c.add(key); c.add(index(rnd));
                break;
            case 7:
                c.add("LSET"); c.add(key); c.add(index(rnd)); c.add(element(rnd));
                break;
            case 8:
                c.add("LINSERT"); c.add(key); c.add(rnd.nextBoolean() ? "BEFORE" : "AFTER");
                c.add(element(rnd)); c.add(element(rnd));
                break;
            case 9:
                c.add("LREM"); c.add(key); c.add(Integer.toString(rnd.nextInt(7) - 3)); c.add(element(rnd));
                break;
            case 10:
                if (rnd.nextInt(8) == 0) {
                    c.add("LTRIM"); c.add(key); c.add(index(rnd)); c.add(index(rnd));
                } else {
                    c.add("LLEN"); c.add(key);
                }
                break;
            case 11: case 12:
                c.add("LPOS"); c.add(key); c.add(element(rnd));
                if (rnd.nextBoolean()) {
                    c.add("RANK"); c.add(Integer.toString(rnd.nextBoolean() ? 1 + rnd.nextInt(4) : -1 - rnd.nextInt(4)));
                }
                if (rnd.nextBoolean()) {
                    c.add("COUNT"); c.add(Integer.toString(rnd.nextInt(5)));
                }
                if (rnd.nextInt(4) == 0) {
                    c.add("MAXLEN"); c.add(Integer.toString(rnd.nextInt(20)));
                }
                break;
            case 13:
                c.add("LMOVE"); c.add(key); c.add(key.equals("l") ? "l2" : "l");
                c.add(rnd.nextBoolean() ? "LEFT" : "RIGHT"); c.add(rnd.nextBoolean() ? "LEFT" : "RIGHT");
                break;
            default:
                c.add("LMPOP"); c.add("2"); c.add("l2"); c.add("l"); c.add(rnd.nextBoolean() ? "LEFT" : "RIGHT");
                c.add("COUNT"); c.add(Integer.toString(1 + rnd.nextInt(5)));
                break;
        }
        return c.toArray(new String[0]);
    }
}
