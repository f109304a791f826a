#!/usr/bin/python3
"""Client checks with redis-py (Debian's python3-redis, 4.3.x), run by scripts/test-clients.

    /usr/bin/python3 scripts/clients/python/checks.py 127.0.0.1:6379

Prints one line per check, `PASS name`, `FAIL name: detail` or `SKIP name: reason`, and exits
non-zero if any check failed. Each check is written the way an application would use redis-py,
so this file doubles as a set of examples. Keys are prefixed with `py:` and only databases 0, 1
and 2 are used, so other drivers can share the server; databases 1 and 2 are flushed. The
scripting checks run SCRIPT FLUSH (the script cache is the server's): run drivers one at a time.
"""
import hashlib
import sys
import threading
import time
import traceback

import redis

P = "py:"  # key prefix of this driver

# KEYS[1] a counter, KEYS[2] a list: counts one more and pushes "<ARGV[1]>:<count>" atomically,
# so the counter always equals the list's length; returns {count, length}
INCR_AND_PUSH = """local n = redis.call('incr', KEYS[1])
redis.call('rpush', KEYS[2], ARGV[1] .. ':' .. n)
return {n, redis.call('llen', KEYS[2])}"""


def check(cond, detail):
    if not cond:
        raise AssertionError(detail)


def sha1(text):
    return hashlib.sha1(text.encode()).hexdigest()


def raises(call, error_class, what):
    """Calls call(); returns the error_class exception it raised, fails if it raised none."""
    try:
        value = call()
    except error_class as e:
        return e
    raise AssertionError(f"{what}: expected {error_class.__name__}, got {value!r}")


def eq(actual, expected, what=""):
    if actual != expected:
        raise AssertionError(f"{what}: expected {expected!r}, got {actual!r}" if what
                             else f"expected {expected!r}, got {actual!r}")


class Checks:
    def __init__(self, host, port):
        self.host, self.port = host, port
        self.pool = redis.ConnectionPool(host=host, port=port, decode_responses=True)
        self.r = redis.Redis(connection_pool=self.pool)
        # bytes in, bytes out: for binary values
        self.rb = redis.Redis(host=host, port=port, decode_responses=False)

    def other(self, **kw):
        """A second, independent connection (the 'other client' in conflict checks)."""
        return redis.Redis(host=self.host, port=self.port, decode_responses=True, **kw)

    def raw(self):
        """One connection, commands sent as given, replies unconverted (errors raise)."""
        conn = redis.Connection(host=self.host, port=self.port, decode_responses=True)

        def call(*args):
            conn.send_command(*args)
            return conn.read_response()

        call.close = conn.disconnect
        return call

    def cleanup(self):
        """Deletes this driver's keys left by an earlier run (db 0)."""
        keys = list(self.rb.scan_iter(match=P + "*", count=1000))  # bytes: some keys are binary
        for i in range(0, len(keys), 1000):
            self.rb.delete(*keys[i:i + 1000])

    # ---- basics ---------------------------------------------------------------------------
    def connect_ping(self):
        eq(self.r.ping(), True, "PING")
        eq(self.r.echo("hello"), "hello", "ECHO")
        info = self.r.info("server")
        check("redis_version" in info, f"INFO server lacks redis_version: {sorted(info)[:5]}")
        # a named connection (CLIENT SETNAME on connect), with periodic health checks
        named = self.other(client_name="ringstore-checks", health_check_interval=1)
        eq(named.client_getname(), "ringstore-checks", "CLIENT GETNAME")
        check(any(c.get("name") == "ringstore-checks" for c in self.r.client_list()), "CLIENT LIST")
        named.close()

    def strings(self):
        r = self.r
        eq(r.set(P + "s", "v1"), True, "SET")
        eq(r.get(P + "s"), "v1", "GET")
        eq(r.set(P + "s", "v2", nx=True), None, "SET NX on existing")
        eq(r.set(P + "s", "v2", xx=True, get=True), "v1", "SET XX GET")
        eq(r.append(P + "s", "-tail"), 7, "APPEND")
        eq(r.getrange(P + "s", 0, 1), "v2", "GETRANGE")
        eq(r.strlen(P + "s"), 7, "STRLEN")
        eq(r.incr(P + "n"), 1, "INCR")
        eq(r.incrby(P + "n", 41), 42, "INCRBY")
        eq(r.incrbyfloat(P + "n", 0.5), 42.5, "INCRBYFLOAT")
        eq(r.mset({P + "a": "1", P + "b": "2"}), True, "MSET")
        eq(r.mget([P + "a", P + "b", P + "missing"]), ["1", "2", None], "MGET")
        eq(r.getdel(P + "a"), "1", "GETDEL")
        eq(r.exists(P + "a", P + "b"), 1, "EXISTS")
        eq(r.delete(P + "b", P + "n"), 2, "DEL")
        try:
            r.incr(P + "s")
            raise AssertionError("INCR on a non-integer did not raise")
        except redis.ResponseError as e:
            eq(str(e), "value is not an integer or out of range", "INCR error")

    def strings_binary(self):
        rb = self.rb
        value = bytes(range(256)) + b"\r\n\x00end"
        key = (P + "bin:").encode() + b"\x00\xff\r\n"
        eq(rb.set(key, value), True, "SET binary")
        eq(rb.get(key), value, "GET binary")
        eq(rb.strlen(key), len(value), "STRLEN binary")
        eq(rb.setrange(key, 0, b"\xfe\x00"), len(value), "SETRANGE")
        eq(rb.getrange(key, 0, 3), b"\xfe\x00\x02\x03", "GETRANGE binary")
        big = b"\x00\x01" * 300_000  # 600 kB, more than one network read
        rb.set(P + "bigbin", big)
        eq(rb.get(P + "bigbin"), big, "GET 600 kB value")
        utf8 = "héllo wörld ✓ 日本"
        self.r.set(P + "utf8", utf8)
        eq(self.r.get(P + "utf8"), utf8, "UTF-8 round trip")
        eq(self.r.strlen(P + "utf8"), len(utf8.encode()), "STRLEN counts bytes")

    def expiry(self):
        r = self.r
        r.set(P + "e1", "x", ex=100)
        ttl = r.ttl(P + "e1")
        check(95 <= ttl <= 100, f"TTL after SET EX 100: {ttl}")
        set_at = time.monotonic()
        r.set(P + "e2", "x", px=400)
        pttl = r.pttl(P + "e2")
        check(0 < pttl <= 400, f"PTTL after SET PX 400: {pttl}")
        eq(r.persist(P + "e1"), True, "PERSIST")
        eq(r.ttl(P + "e1"), -1, "TTL without expiry")
        eq(r.ttl(P + "nokey"), -2, "TTL of a missing key")
        eq(r.expire(P + "e1", 50, nx=True), True, "EXPIRE NX")
        eq(r.expire(P + "e1", 10, gt=True), False, "EXPIRE GT (smaller)")
        eq(r.pexpireat(P + "e1", int(time.time() * 1000) + 60_000), True, "PEXPIREAT")
        eq(r.expiretime(P + "e1") >= int(time.time()) + 55, True, "EXPIRETIME")
        eq(r.getex(P + "e1", persist=True), "x", "GETEX PERSIST")
        eq(r.ttl(P + "e1"), -1, "TTL after GETEX PERSIST")
        time.sleep(max(0.0, set_at + 0.5 - time.monotonic()))
        eq(r.get(P + "e2"), None, "GET after PX 400 elapsed")
        eq(r.exists(P + "e2"), 0, "EXISTS after expiry")

    def lists(self):
        r = self.r
        k = P + "list"
        eq(r.rpush(k, "a", "b", "c"), 3, "RPUSH")
        eq(r.lpush(k, "z"), 4, "LPUSH")
        eq(r.lrange(k, 0, -1), ["z", "a", "b", "c"], "LRANGE")
        eq(r.lindex(k, -1), "c", "LINDEX")
        eq(r.linsert(k, "BEFORE", "b", "a2"), 5, "LINSERT")
        eq(r.lpos(k, "b"), 3, "LPOS")
        eq(r.lpop(k, 2), ["z", "a"], "LPOP count")
        eq(r.rpop(k), "c", "RPOP")
        eq(r.lmove(k, P + "list2", "LEFT", "RIGHT"), "a2", "LMOVE")
        eq(r.llen(k), 1, "LLEN")
        eq(r.ltrim(k, 1, -1), True, "LTRIM")
        eq(r.exists(k), 0, "empty list is deleted")
        r.set(P + "notalist", "x")
        try:
            r.lpush(P + "notalist", "a")
            raise AssertionError("LPUSH on a string did not raise")
        except redis.ResponseError as e:
            check(str(e).startswith("WRONGTYPE"), f"LPUSH error: {e}")

    def hashes(self):
        r = self.r
        k = P + "hash"
        eq(r.hset(k, mapping={"f1": "v1", "f2": "v2", "n": "5"}), 3, "HSET mapping")
        eq(r.hget(k, "f1"), "v1", "HGET")
        eq(r.hgetall(k), {"f1": "v1", "f2": "v2", "n": "5"}, "HGETALL")
        eq(r.hmget(k, ["f2", "nope"]), ["v2", None], "HMGET")
        eq(r.hincrby(k, "n", 10), 15, "HINCRBY")
        eq(r.hincrbyfloat(k, "n", 0.25), 15.25, "HINCRBYFLOAT")
        eq(r.hsetnx(k, "f1", "other"), False, "HSETNX existing")
        eq(r.hexists(k, "f2"), True, "HEXISTS")
        eq(r.hdel(k, "f2", "nope"), 1, "HDEL")
        eq(sorted(r.hkeys(k)), ["f1", "n"], "HKEYS")
        eq(r.hlen(k), 2, "HLEN")
        eq(r.hstrlen(k, "f1"), 2, "HSTRLEN")
        cursor, found = r.hscan(k, 0, match="f*")
        eq((cursor, found), (0, {"f1": "v1"}), "HSCAN MATCH")

    def sets(self):
        r = self.r
        a, b = P + "{s}a", P + "{s}b"
        eq(r.sadd(a, "x", "y", "z"), 3, "SADD")
        eq(r.sadd(b, "y", "z", "w"), 3, "SADD")
        eq(r.smembers(a), {"x", "y", "z"}, "SMEMBERS")
        eq(r.sismember(a, "x"), True, "SISMEMBER")
        eq(r.smismember(a, ["x", "w"]), [1, 0], "SMISMEMBER")
        eq(r.sinter(a, b), {"y", "z"}, "SINTER")
        eq(r.sunion(a, b), {"x", "y", "z", "w"}, "SUNION")
        eq(r.sdiff(a, b), {"x"}, "SDIFF")
        eq(r.sinterstore(P + "{s}c", [a, b]), 2, "SINTERSTORE")
        eq(r.scard(P + "{s}c"), 2, "SCARD")
        eq(r.srem(a, "x", "nope"), 1, "SREM")
        eq(r.smove(a, b, "y"), True, "SMOVE")
        eq(r.spop(a), "z", "SPOP of a single-member set")
        eq(r.exists(a), 0, "empty set is deleted")

    def sorted_sets(self):
        r = self.r
        k = P + "zset"
        eq(r.zadd(k, {"a": 1, "b": 2.5, "c": -3}), 3, "ZADD")
        eq(r.zrange(k, 0, -1, withscores=True), [("c", -3.0), ("a", 1.0), ("b", 2.5)],
           "ZRANGE WITHSCORES")
        eq(r.zscore(k, "b"), 2.5, "ZSCORE")
        eq(r.zincrby(k, 0.5, "a"), 1.5, "ZINCRBY")
        eq(r.zadd(k, {"a": 10}, gt=True, ch=True), 1, "ZADD GT CH")
        eq(r.zadd(k, {"a": 1}, gt=True, ch=True), 0, "ZADD GT CH (lower)")
        eq(r.zrank(k, "a"), 2, "ZRANK")
        eq(r.zrevrange(k, 0, 0, withscores=True), [("a", 10.0)], "ZREVRANGE WITHSCORES")
        eq(r.zrangebyscore(k, "(-3", "+inf"), ["b", "a"], "ZRANGEBYSCORE exclusive")
        eq(r.zcount(k, "-inf", 2.5), 2, "ZCOUNT")
        eq(r.zadd(k, {"inf": float("inf")}), 1, "ZADD +inf")
        eq(r.zscore(k, "inf"), float("inf"), "ZSCORE +inf")
        eq(r.zpopmin(k), [("c", -3.0)], "ZPOPMIN")
        eq(r.zrem(k, "inf"), 1, "ZREM")
        eq(r.zmscore(k, ["a", "b", "nope"]), [10.0, 2.5, None], "ZMSCORE")
        eq(r.zcard(k), 2, "ZCARD")

    def streams(self):
        r = self.r
        k = P + "stream"
        id1 = r.xadd(k, {"temp": "21", "unit": "C"}, id="1-1")
        eq(id1, "1-1", "XADD explicit id")
        id2 = r.xadd(k, {"temp": "22"})
        check(int(id2.split("-")[0]) > 1, f"XADD auto id: {id2}")
        eq(r.xlen(k), 2, "XLEN")
        eq(r.xrange(k, "-", "+", count=1), [("1-1", {"temp": "21", "unit": "C"})], "XRANGE")
        eq([i for i, _ in r.xrevrange(k)], [id2, "1-1"], "XREVRANGE ids")
        eq(r.xgroup_create(k, "workers", id="0"), True, "XGROUP CREATE")
        got = r.xreadgroup("workers", "alice", {k: ">"}, count=1)
        eq(got, [[k, [("1-1", {"temp": "21", "unit": "C"})]]], "XREADGROUP >")
        pending = r.xpending(k, "workers")
        eq((pending["pending"], pending["min"], pending["consumers"]),
           (1, "1-1", [{"name": "alice", "pending": 1}]), "XPENDING summary")
        eq(r.xack(k, "workers", "1-1"), 1, "XACK")
        got = r.xreadgroup("workers", "bob", {k: ">"}, count=10, block=100)
        eq([[s, [i for i, _ in entries]] for s, entries in got], [[k, [id2]]], "XREADGROUP BLOCK")
        # nothing new: a BLOCK read times out with nil
        eq(r.xreadgroup("workers", "bob", {k: ">"}, block=50), [], "XREADGROUP BLOCK timeout")
        eq(r.xtrim(k, maxlen=1, approximate=False), 1, "XTRIM MAXLEN =")
        eq(r.xdel(k, id2), 1, "XDEL")

    # ---- pipelines and transactions ---------------------------------------------------------
    def pipeline(self):
        pipe = self.r.pipeline(transaction=False)
        pipe.set(P + "p1", "a").incr(P + "p2").incr(P + "p2").get(P + "p1")
        pipe.lpush(P + "p1", "x")  # WRONGTYPE: a pipeline goes on past an error
        pipe.get(P + "p2")
        res = pipe.execute(raise_on_error=False)
        eq(res[:4], [True, 1, 2, "a"], "pipeline replies")
        check(isinstance(res[4], redis.ResponseError) and str(res[4]).startswith("WRONGTYPE"),
              f"pipeline error in place: {res[4]!r}")
        eq(res[5], "2", "reply after the error")
        # with raise_on_error (the default) the first error is raised, after all ran
        pipe.set(P + "p3", "1").lpush(P + "p1", "x").set(P + "p4", "1")
        try:
            pipe.execute()
            raise AssertionError("pipeline with an error did not raise")
        except redis.ResponseError as e:
            check("WRONGTYPE" in str(e), f"raised: {e}")
        eq(self.r.exists(P + "p3", P + "p4"), 2, "commands around the error ran")

    def transaction(self):
        k = P + "{tx}"
        with self.r.pipeline(transaction=True) as pipe:
            pipe.set(k + "a", "1").incr(k + "a").rpush(k + "l", "x", "y").lrange(k + "l", 0, -1)
            pipe.hset(k + "h", "f", "v").hgetall(k + "h")
            eq(pipe.execute(), [True, 2, 2, ["x", "y"], 1, {"f": "v"}], "EXEC replies")
        # an empty MULTI/EXEC
        with self.r.pipeline(transaction=True) as pipe:
            eq(pipe.execute(), [], "empty transaction")
        # the other connection sees all or nothing: a reader never sees a half-done transfer
        self.r.mset({k + "from": 100, k + "to": 0})
        stop = threading.Event()
        bad = []

        def reader():
            o = self.other()
            while not stop.is_set():
                a, b = o.mget(k + "from", k + "to")
                if int(a) + int(b) != 100:
                    bad.append((a, b))
            o.close()

        t = threading.Thread(target=reader)
        t.start()
        try:
            for _ in range(200):
                with self.r.pipeline() as pipe:
                    pipe.decrby(k + "from", 1).incrby(k + "to", 1).execute()
        finally:
            stop.set()
            t.join()
        eq(bad[:3], [], "reader saw a partial transaction")
        eq(self.r.mget(k + "from", k + "to"), ["-100", "200"], "after 200 transfers")
        # DISCARD: reset() on a pipeline in MULTI mode after explicit multi()
        with self.r.pipeline(transaction=False) as pipe:
            pipe.multi()
            pipe.set(k + "discarded", "1")
            pipe.reset()  # nothing sent
        eq(self.r.exists(k + "discarded"), 0, "discarded")
        # by hand on one connection (MULTI is connection state: a pooled client may send each
        # command on a different connection), replies as they come off the wire
        raw = self.raw()
        eq(raw("MULTI"), "OK", "raw MULTI")
        eq(raw("SET", k + "d2", "1"), "QUEUED", "QUEUED")
        eq(raw("DISCARD"), "OK", "raw DISCARD")
        eq(raw("EXISTS", k + "d2"), 0, "DISCARD dropped the queue")
        raw.close()

    def watch_retry(self):
        """Optimistic locking: double a counter; another client changes it between our
        read and our EXEC once, so the first attempt aborts and transaction() retries."""
        k = P + "{w}counter"
        self.r.set(k, 10)
        other = self.other()
        attempts = []

        def double(pipe):  # pipe is in immediate mode: the key is WATCHed
            value = int(pipe.get(k))
            attempts.append(value)
            if len(attempts) == 1:
                other.set(k, 100)  # the conflict
            pipe.multi()
            pipe.set(k, value * 2)

        result = self.r.transaction(double, k)
        eq(attempts, [10, 100], "values read by each attempt")
        eq(result, [True], "EXEC of the retry")
        eq(self.r.get(k), "200", "final value")

        # without a retry: WatchError reaches the caller
        with self.r.pipeline() as pipe:
            pipe.watch(k)
            other.incr(k)
            pipe.multi()
            pipe.set(k, "lost")
            try:
                pipe.execute()
                raise AssertionError("EXEC after a conflicting write did not raise WatchError")
            except redis.WatchError:
                pass
        eq(self.r.get(k), "201", "aborted transaction wrote nothing")

        # UNWATCH (pipe.reset) forgets the watch: a later write no longer aborts
        with self.r.pipeline() as pipe:
            pipe.watch(k)
            pipe.unwatch()
            other.incr(k)
            pipe.multi()
            pipe.set(k, "kept")
            eq(pipe.execute(), [True], "EXEC after UNWATCH")
        # a key that expires while watched counts as changed
        self.r.set(k + "e", "x", px=50)
        with self.r.pipeline() as pipe:
            pipe.watch(k + "e")
            time.sleep(0.15)
            pipe.multi()
            pipe.set(k, "expired-watch")
            try:
                pipe.execute()
                raise AssertionError("EXEC after a watched key expired did not raise WatchError")
            except redis.WatchError:
                pass
        eq(self.r.get(k), "kept", "after expired watch")
        other.close()

    def execabort(self):
        """A command rejected while queueing (arity error) discards the whole transaction."""
        k = P + "{xa}"
        with self.r.pipeline(transaction=True) as pipe:
            pipe.set(k + "a", "1")
            pipe.execute_command("SET", k + "b")  # wrong number of arguments
            pipe.set(k + "c", "1")
            try:
                pipe.execute()
                raise AssertionError("EXEC did not raise")
            except redis.ResponseError as e:
                # redis-py raises the queueing error (annotated), not the EXECABORT itself
                check("wrong number of arguments for 'set' command" in str(e), f"raised: {e}")
        eq(self.r.exists(k + "a", k + "c"), 0, "nothing of the aborted transaction ran")
        # unknown command while queueing, sent by hand to see the EXECABORT itself
        raw = self.raw()
        eq(raw("MULTI"), "OK", "MULTI")
        try:
            raw("NOSUCHCOMMAND", "x")
            raise AssertionError("unknown command was queued")
        except redis.ResponseError as e:
            check(str(e).startswith("unknown command 'NOSUCHCOMMAND'"), f"queueing error: {e}")
        try:
            raw("EXEC")
            raise AssertionError("EXEC did not raise")
        except redis.exceptions.ExecAbortError as e:
            eq(str(e), "Transaction discarded because of previous errors.", "EXECABORT")
        # EXEC without MULTI; MULTI inside MULTI (rejected, the transaction goes on)
        try:
            raw("EXEC")
            raise AssertionError("EXEC without MULTI did not raise")
        except redis.ResponseError as e:
            eq(str(e), "EXEC without MULTI", "EXEC without MULTI")
        raw("MULTI")
        try:
            raw("MULTI")
            raise AssertionError("nested MULTI did not raise")
        except redis.ResponseError as e:
            eq(str(e), "MULTI calls can not be nested", "nested MULTI")
        eq(raw("SET", k + "n", "1"), "QUEUED", "queueing after nested MULTI")
        eq(raw("EXEC"), ["OK"], "EXEC after a nested MULTI")
        raw.close()

    def exec_runtime_error(self):
        """A command that fails only when run (WRONGTYPE, not an integer) does not stop the
        others: EXEC returns its error in place."""
        k = P + "{rt}"
        self.r.set(k + "s", "text")
        with self.r.pipeline(transaction=True) as pipe:
            pipe.set(k + "a", "1").incr(k + "s").lpush(k + "s", "x").incr(k + "a")
            res = pipe.execute(raise_on_error=False)
        eq(res[0], True, "SET")
        check(isinstance(res[1], redis.ResponseError)
              and "value is not an integer or out of range" in str(res[1]), f"INCR: {res[1]!r}")
        check(isinstance(res[2], redis.ResponseError) and str(res[2]).startswith("WRONGTYPE"),
              f"LPUSH: {res[2]!r}")
        eq(res[3], 2, "INCR after the errors")
        with self.r.pipeline(transaction=True) as pipe:
            pipe.incr(k + "a").incr(k + "s").incr(k + "a")
            try:
                pipe.execute()
                raise AssertionError("execute() did not raise")
            except redis.ResponseError as e:
                check(str(e).startswith("Command # 2 (INCR") and "not an integer" in str(e),
                      f"raised: {e}")
        eq(self.r.get(k + "a"), "4", "the commands around the error ran")

    # ---- blocking, databases, volume ----------------------------------------------------------
    def blpop_timeout(self):
        k = P + "queue"
        t0 = time.monotonic()
        eq(self.r.blpop([k], timeout=0.2), None, "BLPOP timeout")
        waited = time.monotonic() - t0
        check(0.15 <= waited < 2, f"BLPOP 0.2 s timeout took {waited:.3f} s")
        # served by a push from another connection while blocked
        other = self.other()

        def push():
            time.sleep(0.1)
            other.rpush(k, "job1", "job2")

        t = threading.Thread(target=push)
        t.start()
        eq(self.r.blpop([P + "empty", k], timeout=5), (k, "job1"), "BLPOP served by a push")
        t.join()
        eq(self.r.brpoplpush(k, P + "done", timeout=1), "job2", "BRPOPLPUSH")
        # inside MULTI a blocking command does not block: it answers its timeout reply at once
        t0 = time.monotonic()
        with self.r.pipeline(transaction=True) as pipe:
            eq(pipe.blpop([k], timeout=5).rpush(k, "x").execute(), [None, 1], "BLPOP in MULTI")
        check(time.monotonic() - t0 < 2, "BLPOP in MULTI blocked")
        other.close()

    def resp3(self):
        raise Skip(f"redis-py {redis.__version__} speaks RESP2 only (protocol=3 arrived in 5.0)")

    def select_db(self):
        r1 = self.other(db=1)
        r2 = self.other(db=2)
        r1.flushdb()
        r2.flushdb()
        r1.set(P + "where", "db1")
        r2.set(P + "where", "db2")
        eq(r1.get(P + "where"), "db1", "db 1")
        eq(r2.get(P + "where"), "db2", "db 2")
        eq(r1.dbsize(), 1, "DBSIZE db 1")
        eq(r1.copy(P + "where", P + "copy", destination_db=2), True, "COPY DB")
        eq(r2.get(P + "copy"), "db1", "copied into db 2")
        eq(r1.execute_command("SWAPDB", 1, 2), True, "SWAPDB")
        eq(r1.get(P + "where"), "db2", "db 1 after SWAPDB")
        # SELECT inside a pipeline switches only that connection
        pipe = self.r.pipeline(transaction=False)
        pipe.execute_command("SELECT", 2).get(P + "where").execute_command("SELECT", 0)
        eq(pipe.execute(), [True, "db1", True], "SELECT in a pipeline")
        eq(self.r.get(P + "where"), None, "db 0 untouched")
        r1.flushdb()
        r2.flushdb()
        r1.close()
        r2.close()

    def large_pipeline(self):
        n = 10_000
        pipe = self.r.pipeline(transaction=False)
        for i in range(n):
            pipe.set(f"{P}big:{i}", i)
        res = pipe.execute()
        eq((len(res), all(res)), (n, True), "10k SET replies")
        pipe = self.r.pipeline(transaction=False)
        for i in range(n):
            pipe.get(f"{P}big:{i}")
        res = pipe.execute()
        eq(res == [str(i) for i in range(n)], True, "10k GET replies in order")
        # and the same volume inside one MULTI/EXEC
        with self.r.pipeline(transaction=True) as pipe:
            for i in range(n):
                pipe.incr(P + "{big}counter")
            res = pipe.execute()
        eq((len(res), res[-1]), (n, n), "10k INCR in one transaction")
        self.r.delete(*[f"{P}big:{i}" for i in range(n)])


    # ---- scripting ----------------------------------------------------------------------------
    def recording(self, client):
        """Wraps `client` so the names of the commands it sends are recorded: what the library
        really does (EVALSHA, its NOSCRIPT fallback), not what the application asked for."""
        sent = []
        send = client.execute_command

        def execute_command(*args, **options):
            sent.append(args[0])
            return send(*args, **options)

        client.execute_command = execute_command
        return sent

    def eval_evalsha(self):
        r, k = self.r, P + "ev:n"
        r.delete(k)
        body = "return {KEYS[1], ARGV[1], redis.call('incrby', KEYS[1], ARGV[2])}"
        eq(r.eval(body, 1, k, "a", 5), [k, "a", 5], "EVAL")
        sha = r.script_load(body)
        eq(sha, hashlib.sha1(body.encode()).hexdigest(), "SCRIPT LOAD returns the body's SHA1")
        eq(r.script_exists(sha, "0" * 40), [True, False], "SCRIPT EXISTS")
        eq(r.evalsha(sha, 1, k, "b", 10), [k, "b", 15], "EVALSHA")
        eq(r.get(k), "15", "the scripts' writes")
        # Lua values as replies: numbers truncated, true -> 1, false -> nil (the array goes on)
        eq(r.eval("return {1, 3.99, 'x', true, false, 'after'}", 0), [1, 3, "x", 1, None, "after"],
           "Lua table reply")
        eq(r.eval("return redis.status_reply('FINE')", 0), "FINE", "status_reply")
        # two keys on (with --shards 2) different shards, one script: both written
        eq(r.eval("redis.call('set', KEYS[1], ARGV[1]); redis.call('set', KEYS[2], ARGV[1]);"
                  " return redis.call('mget', KEYS[1], KEYS[2])", 2, P + "ev:a", P + "ev:b", "v"),
           ["v", "v"], "a script writing two keys")
        # the read-only variants
        read = "return redis.call('get', KEYS[1])"
        eq(r.eval_ro(read, 1, k), "15", "EVAL_RO")
        eq(r.evalsha_ro(r.script_load(read), 1, k), "15", "EVALSHA_RO")
        write = "return redis.call('set', KEYS[1], 'x')"
        err = raises(lambda: r.eval_ro(write, 1, k), redis.ResponseError, "EVAL_RO writing")
        eq(str(err), "Write commands are not allowed from read-only scripts. script: "
           f"{sha1(write)}, on @user_script:1.", "EVAL_RO error")
        eq(r.get(k), "15", "EVAL_RO wrote nothing")
        # errors: an unknown SHA, an error raised by redis.call, redis.error_reply, redis.pcall
        err = raises(lambda: r.evalsha("f" * 40, 0), redis.exceptions.NoScriptError, "unknown SHA")
        eq(str(err), "No matching script. Please use EVAL.", "NOSCRIPT text")
        r.set(P + "ev:text", "text")
        incr = "return redis.call('incr', KEYS[1])"
        err = raises(lambda: r.eval(incr, 1, P + "ev:text"), redis.ResponseError, "INCR on text")
        eq(str(err), f"value is not an integer or out of range script: {sha1(incr)}, on @user_script:1.",
           "error from redis.call")
        err = raises(lambda: r.eval("return redis.error_reply('MY custom failure')", 0),
                     redis.ResponseError, "error_reply")
        eq(str(err), "MY custom failure", "error_reply text")
        eq(r.eval("local e = redis.pcall('incr', KEYS[1]); return {type(e), e.err}", 1, P + "ev:text"),
           ["table", "ERR value is not an integer or out of range"], "redis.pcall")
        # binary-safe arguments and replies
        blob = bytes(range(256)) + b"\r\n"
        eq(self.rb.eval("return {ARGV[1], #ARGV[1]}", 0, blob), [blob, 258], "binary argument")
        # SCRIPT FLUSH forgets every script, in both modes
        eq(r.script_flush(), True, "SCRIPT FLUSH")
        eq(r.script_exists(sha), [False], "SCRIPT EXISTS after FLUSH")
        eq(r.script_flush("ASYNC"), True, "SCRIPT FLUSH ASYNC")

    def register_script(self):
        """A Script object: EVALSHA, and on NOSCRIPT redis-py loads it (SCRIPT LOAD) and retries."""
        c = self.other()
        sent = self.recording(c)
        counter, log = P + "rs:counter", P + "rs:log"  # untagged: two shards with --shards 2
        c.delete(counter, log)
        push = c.register_script(INCR_AND_PUSH)
        eq(push.sha, sha1(INCR_AND_PUSH), "Script.sha")
        c.script_flush()
        sent.clear()
        eq(push(keys=[counter, log], args=["a"]), [1, 1], "first call")
        eq(sent, ["EVALSHA", "SCRIPT LOAD", "EVALSHA"], "first call: NOSCRIPT, then loaded")
        sent.clear()
        eq(push(keys=[counter, log], args=["b"]), [2, 2], "second call")
        eq(sent, ["EVALSHA"], "second call: EVALSHA only")
        c.script_flush()
        sent.clear()
        eq(push(keys=[counter, log], args=["c"]), [3, 3], "call after SCRIPT FLUSH")
        eq(sent, ["EVALSHA", "SCRIPT LOAD", "EVALSHA"], "after SCRIPT FLUSH: loaded again")
        eq((c.get(counter), c.lrange(log, 0, -1)), ("3", ["a:1", "b:2", "c:3"]), "keys after 3 calls")
        # an error raised by the script is the script's, not retried as NOSCRIPT
        c.set(P + "rs:text", "text")
        sent.clear()
        err = raises(lambda: push(keys=[P + "rs:text", log], args=["x"]), redis.ResponseError,
                     "script on a string")
        check(str(err).startswith("value is not an integer or out of range script: "), f"error: {err}")
        eq(sent, ["EVALSHA"], "no retry after a script error")
        eq(c.llen(log), 3, "the failed script pushed nothing")
        # another client never sees half a script: counter == length of the list, always
        stop = threading.Event()
        bad = []

        def reader():
            o = self.other()
            while not stop.is_set():
                with o.pipeline(transaction=True) as pipe:
                    n, length = pipe.get(counter).llen(log).execute()
                if int(n) != length:
                    bad.append((n, length))
            o.close()

        t = threading.Thread(target=reader)
        t.start()
        try:
            for i in range(200):
                push(keys=[counter, log], args=[f"r{i}"])
        finally:
            stop.set()
            t.join()
        eq(bad[:3], [], "reader saw half a script")
        eq((c.get(counter), c.llen(log)), ("203", 203), "after 200 more calls")
        c.close()

    def script_in_multi(self):
        """Scripts in pipelines: redis-py checks SCRIPT EXISTS and loads missing scripts before
        sending the pipeline, which then holds EVALSHA."""
        r = self.r
        counter, log = P + "sm:counter", P + "sm:log"
        r.delete(counter, log)
        push = r.register_script(INCR_AND_PUSH)
        r.script_flush()
        with r.pipeline(transaction=True) as pipe:
            push(keys=[counter, log], args=["a"], client=pipe)
            push(keys=[counter, log], args=["b"], client=pipe)
            pipe.lrange(log, 0, -1)
            eq(pipe.execute(), [[1, 1], [2, 2], ["a:1", "b:2"]], "MULTI/EXEC with two scripts")
        eq(r.script_exists(push.sha), [True], "the pipeline loaded the script")
        with r.pipeline(transaction=False) as pipe:
            push(keys=[counter, log], args=["c"], client=pipe)
            pipe.get(counter)
            eq(pipe.execute(), [[3, 3], "3"], "plain pipeline with a script")
        # an error inside EXEC stays in place; the commands around it ran
        r.set(P + "sm:text", "text")
        with r.pipeline(transaction=True) as pipe:
            push(keys=[P + "sm:text", log], args=["x"], client=pipe)
            push(keys=[counter, log], args=["d"], client=pipe)
            res = pipe.execute(raise_on_error=False)
        check(isinstance(res[0], redis.ResponseError), f"error in place: {res[0]!r}")
        eq(res[1], [4, 4], "the script after the error")
        # with WATCH: transaction() retries the function when the watched key changes
        conflict = self.other()
        attempts = []

        def append_next(pipe):  # immediate mode until multi(): the GET is watched
            n = int(pipe.get(counter))
            attempts.append(n)
            if len(attempts) == 1:
                conflict.incr(counter)
            pipe.multi()
            push(keys=[counter, log], args=[f"after{n}"], client=pipe)

        eq(r.transaction(append_next, counter), [[6, 5]], "EXEC of the retry")
        eq(attempts, [4, 5], "values read by each attempt")
        eq(r.lrange(log, -1, -1), ["after5:6"], "what the script pushed")
        conflict.close()

    def lock(self):
        """redis-py's Lock: SET NX PX to acquire; release, extend and reacquire are Lua scripts
        run with EVALSHA (loaded on NOSCRIPT) that check the token first."""
        r, name = self.r, P + "lock"
        r.delete(name)
        lock = r.lock(name, timeout=5)
        eq(lock.acquire(blocking=False), True, "acquire")
        check(lock.locked() and lock.owned(), "locked and owned after acquire")
        eq(r.get(name), lock.local.token.decode(), "the key holds the token")
        check(4000 < r.pttl(name) <= 5000, f"PTTL after acquire: {r.pttl(name)}")
        # a second lock on the same name gives up after blocking_timeout
        rival = r.lock(name, timeout=5, sleep=0.05, thread_local=False)
        t0 = time.monotonic()
        eq(rival.acquire(blocking_timeout=0.2), False, "acquire while held")
        took = time.monotonic() - t0
        check(0.1 <= took < 2, f"blocking_timeout 0.2 s took {took:.3f} s")
        eq(rival.owned(), False, "rival does not own it")
        # extend adds to the TTL or replaces it, reacquire resets it to the timeout
        eq(lock.extend(10), True, "extend")
        check(14000 < r.pttl(name) <= 15000, f"PTTL after extend(10): {r.pttl(name)}")
        eq(lock.extend(2, replace_ttl=True), True, "extend replace_ttl")
        check(1000 < r.pttl(name) <= 2000, f"PTTL after extend(2, replace_ttl): {r.pttl(name)}")
        eq(lock.reacquire(), True, "reacquire")
        check(4000 < r.pttl(name) <= 5000, f"PTTL after reacquire: {r.pttl(name)}")
        # a blocking acquire gets the lock when the holder releases it (SCRIPT FLUSH first:
        # release meets NOSCRIPT and loads its script again)
        got = []
        waiter = threading.Thread(target=lambda: got.append(rival.acquire(blocking_timeout=5)))
        t0 = time.monotonic()
        waiter.start()
        time.sleep(0.3)
        r.script_flush()
        lock.release()
        waiter.join()
        took = time.monotonic() - t0
        eq(got, [True], "blocking acquire after release")
        check(0.25 <= took < 5, f"blocking acquire took {took:.3f} s")
        eq(r.get(name), rival.local.token.decode(), "the key holds the new owner's token")
        rival.release()
        eq(r.exists(name), 0, "released")
        # a lock that expired and was taken by someone else: extend, reacquire and release
        # refuse (LockNotOwnedError) and leave the new owner's key alone
        short = r.lock(name, timeout=0.2)
        eq(short.acquire(blocking=False), True, "acquire with timeout 0.2")
        time.sleep(0.35)
        owner = r.lock(name, timeout=5)
        eq(owner.acquire(blocking=False), True, "acquire after expiry")
        for what, call in (("extend", lambda: short.extend(1)), ("reacquire", short.reacquire),
                           ("release", short.release)):
            raises(call, redis.exceptions.LockNotOwnedError, f"{what} of a lock no longer owned")
        eq(r.get(name), owner.local.token.decode(), "the new owner's key is intact")
        check(4000 < r.pttl(name) <= 5000, f"the new owner's TTL: {r.pttl(name)}")
        owner.release()
        # mutual exclusion: 4 threads, 20 read-modify-write increments each, under `with lock`
        counter = P + "lock:counter"
        r.set(counter, 0)
        errors = []

        def worker():
            c = self.other()
            try:
                for _ in range(20):
                    with c.lock(name, timeout=5, sleep=0.002, blocking_timeout=10):
                        c.set(counter, int(c.get(counter)) + 1)
            except Exception as e:  # noqa: BLE001 - reported by the main thread
                errors.append(repr(e))
            c.close()

        threads = [threading.Thread(target=worker) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        eq(errors, [], "errors in the workers")
        eq(r.get(counter), "80", "no increment lost under the lock")
        eq(r.exists(name), 0, "the lock is free at the end")

    # ---- pub/sub -----------------------------------------------------------------------------
    @staticmethod
    def _messages(p, n, timeout=5.0):
        """The next n messages of PubSub p, waiting at most timeout seconds in all."""
        got, deadline = [], time.monotonic() + timeout
        while len(got) < n and time.monotonic() < deadline:
            m = p.get_message(timeout=0.1)
            if m is not None:
                got.append(m)
        return got

    def pubsub(self):
        r = self.r
        news, sport, wind, nobody = P + "ps:news", P + "ps:sport", P + "ps:wind", P + "ps:nobody"
        pat = P + "ps:w*"

        def msg(kind, channel, data, pattern=None):
            return {"type": kind, "pattern": pattern, "channel": channel, "data": data}

        numpat0 = r.pubsub_numpat()
        p = r.pubsub()
        p.subscribe(news, sport)
        p.psubscribe(pat)
        eq(self._messages(p, 3), [msg("subscribe", news, 1), msg("subscribe", sport, 2),
                                  msg("psubscribe", pat, 3)], "subscribe confirmations")
        # PUBLISH answers how many subscribers got the message; they arrive in publish order
        eq([r.publish(news, "hello"), r.publish(P + "ps:weather", "sunny"),
            r.publish(sport, "goal"), r.publish(nobody, "lost")], [1, 1, 1, 0], "PUBLISH counts")
        eq(self._messages(p, 3), [msg("message", news, "hello"),
                                  msg("pmessage", P + "ps:weather", "sunny", pat),
                                  msg("message", sport, "goal")], "messages in order")
        # a channel subscribed and matching the pattern: the message, then the pmessage
        p.subscribe(wind)
        eq(self._messages(p, 1), [msg("subscribe", wind, 4)], "subscribe to a 4th")
        eq(r.publish(wind, "gust"), 2, "PUBLISH to channel + pattern")
        eq(self._messages(p, 2), [msg("message", wind, "gust"), msg("pmessage", wind, "gust", pat)],
           "message and pmessage")
        # PING in subscribed mode: the pong message
        p.ping()
        eq(self._messages(p, 1), [msg("pong", None, "")], "PING while subscribed")
        # PUBSUB introspection from another connection
        eq(sorted(r.pubsub_channels(P + "ps:*")), sorted([news, sport, wind]), "PUBSUB CHANNELS")
        eq(r.pubsub_numsub(news, wind, nobody), [(news, 1), (wind, 1), (nobody, 0)], "PUBSUB NUMSUB")
        eq(r.pubsub_numpat(), numpat0 + 1, "PUBSUB NUMPAT")
        # unsubscribe one channel, then the pattern, then the rest
        p.unsubscribe(news)
        eq(self._messages(p, 1), [msg("unsubscribe", news, 3)], "UNSUBSCRIBE one")
        eq(r.publish(news, "late"), 0, "PUBLISH after UNSUBSCRIBE")
        p.punsubscribe()
        eq(self._messages(p, 1), [msg("punsubscribe", pat, 2)], "PUNSUBSCRIBE all")
        eq(r.publish(P + "ps:weather", "rain"), 0, "PUBLISH after PUNSUBSCRIBE")
        p.unsubscribe()
        rest = self._messages(p, 2)
        # UNSUBSCRIBE without arguments goes through the channels in no set order
        eq(sorted(m["channel"] for m in rest), sorted([sport, wind]), "UNSUBSCRIBE all: channels")
        eq([(m["type"], m["data"]) for m in rest], [("unsubscribe", 1), ("unsubscribe", 0)],
           "UNSUBSCRIBE all: counts")
        eq(p.subscribed, False, "no longer subscribed")
        eq(p.get_message(timeout=0.2), None, "nothing more")
        eq(r.pubsub_channels(P + "ps:*"), [], "PUBSUB CHANNELS at the end")
        eq(r.pubsub_numpat(), numpat0, "PUBSUB NUMPAT at the end")
        p.close()

    def pubsub_thread(self):
        r = self.r
        ch, pat = P + "pt:jobs", P + "pt:ev:*"
        got, done = [], threading.Event()

        def handler(m):
            got.append((m["type"], m["pattern"], m["channel"], m["data"]))
            if len(got) == 3:
                done.set()

        p = r.pubsub(ignore_subscribe_messages=True)
        # the pattern first: once NUMSUB shows the channel, the server has both subscriptions
        p.psubscribe(**{pat: handler})
        p.subscribe(**{ch: handler})
        thread = p.run_in_thread(sleep_time=0.01, daemon=True)
        try:
            deadline = time.monotonic() + 5
            while r.pubsub_numsub(ch) != [(ch, 1)] and time.monotonic() < deadline:
                time.sleep(0.01)
            eq(r.pubsub_numsub(ch), [(ch, 1)], "subscribed within 5 s")
            eq([r.publish(ch, "job1"), r.publish(P + "pt:ev:start", "s"), r.publish(ch, "job2")],
               [1, 1, 1], "PUBLISH counts")
            check(done.wait(5), f"3 messages within 5 s, got {got}")
            eq(got, [("message", None, ch, "job1"), ("pmessage", pat, P + "pt:ev:start", "s"),
                     ("message", None, ch, "job2")], "the handler's messages in order")
        finally:
            thread.stop()
            thread.join(timeout=2)
            p.close()
        check(not thread.is_alive(), "the worker thread stopped")
        eq(r.pubsub_numsub(ch), [(ch, 0)], "no subscriber after close")


    # ---- MONITOR ------------------------------------------------------------------------------
    def monitor(self):
        """redis-py's Monitor parses Redis's MONITOR lines: another client's commands, in order."""
        other = self.other()
        key = P + "mon:k"
        with self.r.monitor() as m:
            other.set(key, 'say "hi"')
            other.get(key)
            first, second = m.next_command(), m.next_command()
        eq(first["command"], f'SET {key} say "hi"', "MONITOR line of SET (quotes unescaped by redis-py)")
        eq(second["command"], f"GET {key}", "MONITOR line of GET")
        eq((first["db"], first["client_type"], first["client_address"]), (0, "tcp", "127.0.0.1"),
           "db and client of the line")
        check(first["time"] <= second["time"], f"times in order: {first['time']} {second['time']}")
        other.close()

class Skip(Exception):
    pass


CHECKS = [
    "connect_ping", "strings", "strings_binary", "expiry", "lists", "hashes", "sets",
    "sorted_sets", "streams", "pipeline", "transaction", "watch_retry", "execabort",
    "exec_runtime_error", "blpop_timeout", "resp3", "select_db", "large_pipeline",
    "eval_evalsha", "register_script", "script_in_multi", "lock", "pubsub", "pubsub_thread", "monitor",
]


def main():
    host, _, port = sys.argv[1].rpartition(":")
    checks = Checks(host or "127.0.0.1", int(port))
    checks.cleanup()
    failed = 0
    for name in CHECKS:
        try:
            getattr(checks, name)()
            print(f"PASS {name}", flush=True)
        except Skip as e:
            print(f"SKIP {name}: {e}", flush=True)
        except Exception as e:  # noqa: BLE001 - any failure is reported, not raised
            failed += 1
            where = traceback.extract_tb(e.__traceback__)[-1]
            detail = f"{type(e).__name__}: {e} (line {where.lineno})".replace("\n", " ")
            print(f"FAIL {name}: {detail}", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
