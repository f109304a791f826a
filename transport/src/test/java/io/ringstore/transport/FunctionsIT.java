package io.ringstore.transport;

import io.lettuce.core.FlushMode;
import io.lettuce.core.FunctionRestoreMode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.FunctionRestorePolicy;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.FunctionStats;
import redis.clients.jedis.resps.LibraryInfo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Functions through real clients: Jedis (functionLoad, fcall, fcallReadonly, functionList,
 * functionStats, functionDump/Restore) and Lettuce (functionLoad, fcall, functionList, dump and
 * restore), on the in-process server with 1 and 2 shards. Their reply parsers are the check that
 * the shapes are what clients expect.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FunctionsIT {
    private static final String LIBRARY = "#!lua name=mylib\n"
            + "redis.register_function('knockknock', function() return 'Who\\'s there?' end)\n"
            + "redis.register_function{function_name='my_hset', description='HSET with a timestamp field',"
            + " callback=function(keys, args) local time = redis.call('TIME')[1]"
            + " return redis.call('HSET', keys[1], '_last_modified_', time, unpack(args)) end}\n"
            + "redis.register_function{function_name='my_hgetall', flags={'no-writes'},"
            + " callback=function(keys) return redis.call('HGETALL', keys[1]) end}";
    static TestServer one;
    static TestServer two;

    @BeforeAll
    static void start() throws Exception {
        one = TestServer.start();
        two = TestServer.start("shards", "2");
    }

    @AfterAll
    static void stop() {
        one.close();
        two.close();
    }

    @Test
    void shouldLoadAndCallFunctionsThroughJedis() {
        for (TestServer s : List.of(one, two)) {
            try (Jedis j = new Jedis("127.0.0.1", s.port())) {
                j.functionFlush();
                assertEquals("mylib", j.functionLoad(LIBRARY));
                assertEquals("Who's there?", j.fcall("knockknock", List.of(), List.of()));
                assertEquals(3L, j.fcall("my_hset", List.of("jedis:h"), List.of("a", "1", "b", "2")));
                @SuppressWarnings("unchecked")
                List<Object> all = (List<Object>) j.fcallReadonly("my_hgetall", List.of("jedis:h"), List.of());
                assertEquals(6, all.size());
                JedisDataException e = assertThrows(JedisDataException.class,
                        () -> j.fcallReadonly("my_hset", List.of("jedis:h"), List.of("c", "3")));
                assertEquals("ERR Can not execute a script with write flag using *_ro command.", e.getMessage());

                List<LibraryInfo> libs = j.functionListWithCode();
                assertEquals(1, libs.size());
                assertEquals("mylib", libs.get(0).getLibraryName());
                assertEquals("LUA", libs.get(0).getEngine());
                assertEquals(LIBRARY, libs.get(0).getLibraryCode());
                assertEquals(3, libs.get(0).getFunctions().size());
                Map<String, Object> hset = libs.get(0).getFunctions().stream()
                        .filter(f -> f.get("name").equals("my_hset")).findFirst().orElseThrow();
                assertEquals("HSET with a timestamp field", hset.get("description"));

                FunctionStats stats = j.functionStats();
                assertNull(stats.getRunningScript());
                assertEquals(1L, stats.getEngines().get("LUA").get("libraries_count"));
                assertEquals(3L, stats.getEngines().get("LUA").get("functions_count"));

                byte[] dump = j.functionDump();
                assertEquals("OK", j.functionFlush());
                assertEquals(List.of(), j.functionList());
                assertEquals("OK", j.functionRestore(dump));
                assertEquals("OK", j.functionRestore(dump, FunctionRestorePolicy.REPLACE));
                e = assertThrows(JedisDataException.class, () -> j.functionRestore(dump, FunctionRestorePolicy.APPEND));
                assertEquals("ERR Library mylib already exists", e.getMessage());
                assertEquals("Who's there?", j.fcall("KNOCKKNOCK", List.of(), List.of()));
                assertEquals("mylib", j.functionLoadReplace(LIBRARY));
                assertEquals("OK", j.functionDelete("mylib"));
                e = assertThrows(JedisDataException.class, () -> j.fcall("knockknock", List.of(), List.of()));
                assertEquals("ERR Function not found", e.getMessage());
            }
        }
    }

    @Test
    void shouldLoadAndCallFunctionsThroughLettuce() {
        for (TestServer s : List.of(one, two)) {
            RedisClient client = RedisClient.create("redis://127.0.0.1:" + s.port());
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                RedisCommands<String, String> cmd = c.sync();
                cmd.functionFlush(FlushMode.SYNC);
                assertEquals("mylib", cmd.functionLoad(LIBRARY));
                assertEquals("Who's there?", cmd.fcall("knockknock", ScriptOutputType.VALUE));
                Long fields = cmd.fcall("my_hset", ScriptOutputType.INTEGER, new String[] {"lettuce:h"}, "x", "1");
                assertEquals(2L, fields);
                List<Object> all = cmd.fcallReadOnly("my_hgetall", ScriptOutputType.MULTI, "lettuce:h");
                assertEquals(4, all.size());
                List<Map<String, Object>> libs = cmd.functionList();
                assertEquals(1, libs.size());
                assertEquals("mylib", libs.get(0).get("library_name"));
                byte[] dump = cmd.functionDump();
                assertEquals("OK", cmd.functionFlush(FlushMode.ASYNC));
                assertEquals("OK", cmd.functionRestore(dump, FunctionRestoreMode.FLUSH));
                assertTrue(cmd.functionList("my*").size() == 1);
                assertEquals("mylib", cmd.functionLoad(LIBRARY, true));
            } finally {
                client.shutdown();
            }
        }
    }
}
