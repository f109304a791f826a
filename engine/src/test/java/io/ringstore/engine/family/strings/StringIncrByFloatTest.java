package io.ringstore.engine.family.strings;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * INCRBYFLOAT: 80-bit long double arithmetic and "%.17Lf" formatting, parsing as strtold does.
 * Every row of the tables was run on redis-server 7.0.15 (x86-64, glibc) and its reply copied.
 */
class StringIncrByFloatTest extends StringEngineTest {
    private static final String NAN_OR_INF = "ERR increment would produce NaN or Infinity";
    private static final String NOT_FLOAT = "ERR value is not a valid float";

    /** {stored value, increment, reply text (bulk) or error}. */
    private static final String[][] CASES = {
        {"0.1", "0.2", "0.3"},
        {"1e5", "1.5e-7", "100000.0000001499999982"},
        {"0", "0.000003814697265625", "0.00000381469726562"},
        {"5", "0.000003814697265625", "5.00000381469726562"},
        {"0", "0.000011444091796875", "0.00001144409179688"},
        {"1.5", "1.5", "3"},
        {"-5.5", "0.25", "-5.25"},
        {"0", "-0", "0"},
        {"-0", "-0", "0"},
        {"0", "-1e-30", "0"},
        {"0", "1e-17", "0.00000000000000001"},
        {"0", "5e-18", "0"},
        {"0", "3.3e-4940", "0"},
        {"0", "123456789012345678901234567890", "123456789012345678899921813504"},
        {"0", "1.23456789012345678901234567890", "1.23456789012345679"},
        {"9223372036854775807", "1", "9223372036854775808"},
        {"0", "9223372036854775807", "9223372036854775807"},
        {"18446744073709551616", "1", "18446744073709551616"},
        {"18446744073709551616", "3", "18446744073709551620"},
        {"18446744073709551616", "2", "18446744073709551618"},
        {"0", "0x10", "16"},
        {"16", "0x1p-2", "16.25"},
        {"0", "0x.8", "0.5"},
        {"0", "-0x1p1", "-2"},
        {"0", "0X1P+1", "2"},
        {"0", "1.", "1"},
        {"0", ".5", "0.5"},
        {"0", "+2", "2"},
        {"0", "1E+2", "100"},
        {"0", "00012", "12"},
        {"0", "-.5e1", "-5"},
        {"0", "0e99999", "0"},
        {"0", "0e-2147483649", "0"},
        {"10.5", "-10.5", "0"},
        {"3.0e-1", "-0.3", "0"},
        {"0.1", "0.1", "0.2"},
        {"-1e-320", "0", "0"},
        {"2.5", "-2.5000000000000000001", "0"},
        {"123.456", "-0.456", "123"},
        {"0", "0x1p-16445", "0"},
        {"0", "1e300", "1000000000000000000008997324079559193870523944273290747938260082321265646596180935755849152083"
            + "7504971903503725086142748359035925561846729839130962605207486462873271356418436532940842551076060167897"
            + "266529323700305513829476209945402947727818896206061792676116270974106505671873861056900894249"
            + "15104006144"},
        {"0", "1.5e400", "1499999999999999999978757125818063275760201655624410994645111810041287883779766693964085702"
            + "3786563371031417482152431247002932649329812161934081180095241362010316985074613896851030350220674205551"
            + "7157231429300942533815243663795016618227633134444327300334207239933678368985634140353430773890978809070"
            + "263126938522382997144340569603403261948049793336378180332895258361789434174348056457512725309"
            + "01454553088"},
        {"1.7976931348623157e308", "1.7976931348623157e308", "35953862697246313999184209354820886809677289388865835"
            + "6970628841530353257046248792709403737216774171128857586838851041378617416726902272110715794556052955234"
            + "1469979553725767896712363265880911888698590748945812549613388347692977582455524366671979077056642065650"
            + "09503223382416235440319971852753604933726679072768"},
        {"1e4932", "1e4932", NAN_OR_INF},
        {"1.18e4932", "1e4932", NAN_OR_INF},
        {"-1.18e4932", "-1e4932", NAN_OR_INF},
        {"0", "inf", NAN_OR_INF},
        {"0", "-inf", NAN_OR_INF},
        {"0", "+inf", NAN_OR_INF},
        {"0", "Infinity", NAN_OR_INF},
        {"inf", "1", NAN_OR_INF},
        {"-inf", "0", NAN_OR_INF},
        {"0", "1.18973149535723176509e4932", NOT_FLOAT},
        {"0", "1e5000", NOT_FLOAT},
        {"0", "1e-5000", NOT_FLOAT},
        {"0", "1e-4951", NOT_FLOAT},
        {"0", "0x1p-16446", NOT_FLOAT},
        {"0", "0x1p16384", NOT_FLOAT},
        {"0", "nan", NOT_FLOAT},
        {"0", "-nan", NOT_FLOAT},
        {"0", "nan(123)", NOT_FLOAT},
        {"0", "abc", NOT_FLOAT},
        {"0", " 1", NOT_FLOAT},
        {"0", "\t1", NOT_FLOAT},
        {"0", "1 ", NOT_FLOAT},
        {"0", "1e", NOT_FLOAT},
        {"0", "1e+", NOT_FLOAT},
        {"0", ".", NOT_FLOAT},
        {"0", "e5", NOT_FLOAT},
        {"0", "+-1", NOT_FLOAT},
        {"0", "--1", NOT_FLOAT},
        {"0", "0x", NOT_FLOAT},
        {"0", "infin", NOT_FLOAT},
        {"0", "1,5", NOT_FLOAT},
        {"0", "1\0abc", NOT_FLOAT},
        {"0", "\0", NOT_FLOAT},
        {"0", "", NOT_FLOAT},
        {"nan", "1", NOT_FLOAT},
        {"abc", "1", NOT_FLOAT},
        {" 2", "1", NOT_FLOAT},
        {"2\0junk", "1", NOT_FLOAT},
        {"1e-4951", "1", NOT_FLOAT},
    };

    @BeforeEach
    void startEngine() {
        start(1);
    }

    @Test
    void shouldMatchRedisOnEveryVerifiedCase() {
        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < CASES.length; i++) {
            String[] c = CASES[i];
            String key = "f" + i;
            call("SET", key, c[0]);
            String expected = c[2].startsWith("ERR ") ? error(c[2]) : bulk(c[2]);
            String actual = call("INCRBYFLOAT", key, c[1]);
            checks.add(() -> assertEquals(expected, actual, "SET " + c[0] + "; INCRBYFLOAT " + c[1]));
        }
        assertAll(checks);
    }

    @Test
    void shouldPrintTheLargestLongDoubleInFull() {
        String r = call("INCRBYFLOAT", "max", "1.18973149535723176502e4932");
        assertTrue(r.startsWith("$4933\r\n118973149535723176502126385303097020516906332229462420044032"), r);
        assertTrue(r.endsWith("260031762345960769508849149662444156604419552086811989770240\r\n"));
    }

    @Test
    void shouldRefuseInputsOf5120BytesOrMore() {
        assertEquals(bulk("0"), call("INCRBYFLOAT", "a", "0".repeat(5119)));
        assertEquals(error(NOT_FLOAT), call("INCRBYFLOAT", "b", "0".repeat(5120)));
        assertEquals(bulk("1"), call("INCRBYFLOAT", "c", "0".repeat(5118) + "1"));
        call("SET", "d", "0".repeat(5120));
        assertEquals(error(NOT_FLOAT), call("INCRBYFLOAT", "d", "1"));
        call("SET", "d", "0".repeat(5119));
        assertEquals(bulk("1"), call("INCRBYFLOAT", "d", "1"));
    }

    @Test
    void shouldCreateMissingKeysAndStoreTextNotInt() {
        assertEquals(bulk("3"), call("INCRBYFLOAT", "new", "3"));
        assertEquals("embstr", encoding("new"));
        call("SET", "i", "41");
        assertEquals("int", encoding("i"));
        assertEquals(bulk("42.5"), call("INCRBYFLOAT", "i", "1.5"));
        assertEquals("embstr", encoding("i"));
        call("INCRBYFLOAT", "big", "1e300");
        assertEquals("raw", encoding("big"));
        assertEquals(bulk("42.5"), call("GET", "i"));
    }

    @Test
    void shouldAccumulateLikeRedis() {
        for (int i = 0; i < 3; i++) {
            call("INCRBYFLOAT", "acc", "0.1");
        }
        assertEquals(bulk("0.3"), call("GET", "acc"));
        assertEquals(bulk("10.3"), call("INCRBYFLOAT", "acc", "10"));
        assertEquals(bulk("11"), call("INCRBYFLOAT", "acc", "0.7"));
    }

    @Test
    void shouldKeepTtlAndCheckTypeBeforeParsing() {
        call("SET", "t", "1", "EX", "100");
        assertEquals(bulk("2.1"), call("INCRBYFLOAT", "t", "1.1"));
        assertEquals(100_000, pttl("t"));
        putForeign("l");
        assertEquals(WRONGTYPE, call("INCRBYFLOAT", "l", "1"));
        assertEquals(WRONGTYPE, call("INCRBYFLOAT", "l", "abc"));
        call("SET", "s", "abc");
        assertEquals(error(NOT_FLOAT), call("INCRBYFLOAT", "s", "abc"));
        assertEquals(bulk("abc"), call("GET", "s"));
    }
}
