'use strict';
// Client checks with ioredis 5 (RESP2), run by scripts/test-clients.
//
//   NODE_PATH=.cache/clients/node_modules node scripts/clients/node/ioredis-checks.js 127.0.0.1:6379
//
// One line per check: `PASS name`, `FAIL name: detail` or `SKIP name: reason`; exit code 1 if any
// check failed. Each check uses ioredis the way an application would, so this file doubles as
// examples. Keys are prefixed with `io:`; databases 3 and 4 are used (and flushed) by select_db.
// The scripting checks run SCRIPT FLUSH (the script cache is the server's): run drivers one at a time.
const { createHash } = require('node:crypto');
const Redis = require('ioredis');
const { Skip, parseTarget, eq, check, expectReject, sleep, run } = require('./harness');

const { host, port } = parseTarget(process.argv);
const P = 'io:';
const opts = { host, port, maxRetriesPerRequest: 1, enableOfflineQueue: true };
const redis = new Redis(opts);
const others = [];
// a second client, as another process of the application would have
function other(extra = {}) {
  const c = new Redis({ ...opts, ...extra });
  others.push(c);
  return c;
}

async function cleanup() {
  // delete this driver's keys from an earlier run (keys may be binary: scan as Buffers)
  const stream = redis.scanBufferStream({ match: `${P}*`, count: 1000 });
  for await (const keys of stream) if (keys.length) await redis.del(...keys);
}

const checks = [];
const def = (name, fn) => checks.push([name, fn]);

// ---- basics --------------------------------------------------------------------------------
def('connect_ping', async () => {
  eq(await redis.ping(), 'PONG', 'PING');
  eq(await redis.echo('hello'), 'hello', 'ECHO');
  check(/redis_version:/.test(await redis.info('server')), 'INFO server lacks redis_version');
  eq(redis.status, 'ready', 'client status');
  // a named connection (CLIENT SETNAME on connect) with auto-pipelining on
  const named = other({ connectionName: 'ringstore-checks', enableAutoPipelining: true });
  eq(await named.client('GETNAME'), 'ringstore-checks', 'CLIENT GETNAME');
  check((await redis.client('LIST')).includes('name=ringstore-checks'), 'CLIENT LIST');
  eq(await Promise.all([named.set(`${P}ap`, '1'), named.incr(`${P}ap`), named.get(`${P}ap`)]), ['OK', 2, '2'], 'auto-pipelined');
});

def('strings', async () => {
  eq(await redis.set(`${P}s`, 'v1'), 'OK', 'SET');
  eq(await redis.get(`${P}s`), 'v1', 'GET');
  eq(await redis.set(`${P}s`, 'v2', 'NX'), null, 'SET NX on existing');
  eq(await redis.set(`${P}s`, 'v2', 'XX', 'GET'), 'v1', 'SET XX GET');
  eq(await redis.append(`${P}s`, '-tail'), 7, 'APPEND');
  eq(await redis.getrange(`${P}s`, 0, 1), 'v2', 'GETRANGE');
  eq(await redis.incr(`${P}n`), 1, 'INCR');
  eq(await redis.incrby(`${P}n`, 41), 42, 'INCRBY');
  eq(await redis.incrbyfloat(`${P}n`, 0.5), '42.5', 'INCRBYFLOAT');
  eq(await redis.mset({ [`${P}a`]: '1', [`${P}b`]: '2' }), 'OK', 'MSET object');
  eq(await redis.mget(`${P}a`, `${P}b`, `${P}missing`), ['1', '2', null], 'MGET');
  eq(await redis.getdel(`${P}a`), '1', 'GETDEL');
  eq(await redis.exists(`${P}a`, `${P}b`), 1, 'EXISTS');
  eq(await redis.del(`${P}b`, `${P}n`), 2, 'DEL');
  const err = await expectReject(redis.incr(`${P}s`), 'INCR on text');
  eq(err.constructor.name, 'ReplyError', 'error class');
  eq(err.message, 'ERR value is not an integer or out of range', 'INCR error');
});

def('strings_binary', async () => {
  const value = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('\r\n\0end')]);
  const key = Buffer.concat([Buffer.from(`${P}bin:`), Buffer.from([0, 0xff, 13, 10])]);
  eq(await redis.set(key, value), 'OK', 'SET binary');
  eq(await redis.getBuffer(key), value, 'GET binary (getBuffer)');
  eq(await redis.strlen(key), value.length, 'STRLEN');
  eq(await redis.setrange(key, 0, Buffer.from([0xfe, 0])), value.length, 'SETRANGE');
  eq(await redis.getrangeBuffer(key, 0, 3), Buffer.from([0xfe, 0, 2, 3]), 'GETRANGE binary');
  const big = Buffer.alloc(600000, 0xab);
  await redis.set(`${P}bigbin`, big);
  eq(await redis.getBuffer(`${P}bigbin`), big, 'GET 600 kB value');
  const utf8 = 'héllo wörld ✓ 日本';
  await redis.set(`${P}utf8`, utf8);
  eq(await redis.get(`${P}utf8`), utf8, 'UTF-8 round trip');
  eq(await redis.strlen(`${P}utf8`), Buffer.byteLength(utf8), 'STRLEN counts bytes');
});

def('expiry', async () => {
  await redis.set(`${P}e1`, 'x', 'EX', 100);
  const ttl = await redis.ttl(`${P}e1`);
  check(ttl >= 95 && ttl <= 100, `TTL after SET EX 100: ${ttl}`);
  const setAt = Date.now();
  await redis.set(`${P}e2`, 'x', 'PX', 400);
  const pttl = await redis.pttl(`${P}e2`);
  check(pttl > 0 && pttl <= 400, `PTTL after SET PX 400: ${pttl}`);
  eq(await redis.persist(`${P}e1`), 1, 'PERSIST');
  eq(await redis.ttl(`${P}e1`), -1, 'TTL without expiry');
  eq(await redis.ttl(`${P}nokey`), -2, 'TTL of a missing key');
  eq(await redis.expire(`${P}e1`, 50, 'NX'), 1, 'EXPIRE NX');
  eq(await redis.expire(`${P}e1`, 10, 'GT'), 0, 'EXPIRE GT (smaller)');
  eq(await redis.pexpireat(`${P}e1`, Date.now() + 60000), 1, 'PEXPIREAT');
  check((await redis.expiretime(`${P}e1`)) >= Math.floor(Date.now() / 1000) + 55, 'EXPIRETIME');
  eq(await redis.getex(`${P}e1`, 'PERSIST'), 'x', 'GETEX PERSIST');
  eq(await redis.ttl(`${P}e1`), -1, 'TTL after GETEX PERSIST');
  await sleep(Math.max(0, setAt + 500 - Date.now()));
  eq(await redis.get(`${P}e2`), null, 'GET after PX 400 elapsed');
  eq(await redis.exists(`${P}e2`), 0, 'EXISTS after expiry');
});

def('lists', async () => {
  const k = `${P}list`;
  eq(await redis.rpush(k, 'a', 'b', 'c'), 3, 'RPUSH');
  eq(await redis.lpush(k, 'z'), 4, 'LPUSH');
  eq(await redis.lrange(k, 0, -1), ['z', 'a', 'b', 'c'], 'LRANGE');
  eq(await redis.lindex(k, -1), 'c', 'LINDEX');
  eq(await redis.linsert(k, 'BEFORE', 'b', 'a2'), 5, 'LINSERT');
  eq(await redis.lpos(k, 'b'), 3, 'LPOS');
  eq(await redis.lpop(k, 2), ['z', 'a'], 'LPOP count');
  eq(await redis.rpop(k), 'c', 'RPOP');
  eq(await redis.lmove(k, `${P}list2`, 'LEFT', 'RIGHT'), 'a2', 'LMOVE');
  eq(await redis.llen(k), 1, 'LLEN');
  eq(await redis.ltrim(k, 1, -1), 'OK', 'LTRIM');
  eq(await redis.exists(k), 0, 'empty list is deleted');
  await redis.set(`${P}notalist`, 'x');
  const err = await expectReject(redis.lpush(`${P}notalist`, 'a'), 'LPUSH on a string');
  check(err.message.startsWith('WRONGTYPE'), `LPUSH error: ${err.message}`);
});

def('hashes', async () => {
  const k = `${P}hash`;
  eq(await redis.hset(k, { f1: 'v1', f2: 'v2', n: '5' }), 3, 'HSET object');
  eq(await redis.hget(k, 'f1'), 'v1', 'HGET');
  eq(await redis.hgetall(k), { f1: 'v1', f2: 'v2', n: '5' }, 'HGETALL');
  eq(await redis.hmget(k, 'f2', 'nope'), ['v2', null], 'HMGET');
  eq(await redis.hincrby(k, 'n', 10), 15, 'HINCRBY');
  eq(await redis.hincrbyfloat(k, 'n', 0.25), '15.25', 'HINCRBYFLOAT');
  eq(await redis.hsetnx(k, 'f1', 'other'), 0, 'HSETNX existing');
  eq(await redis.hexists(k, 'f2'), 1, 'HEXISTS');
  eq(await redis.hdel(k, 'f2', 'nope'), 1, 'HDEL');
  eq((await redis.hkeys(k)).sort(), ['f1', 'n'], 'HKEYS');
  eq(await redis.hlen(k), 2, 'HLEN');
  eq(await redis.hscan(k, 0, 'MATCH', 'f*'), ['0', ['f1', 'v1']], 'HSCAN MATCH');
});

def('sets', async () => {
  const a = `${P}{s}a`;
  const b = `${P}{s}b`;
  eq(await redis.sadd(a, 'x', 'y', 'z'), 3, 'SADD');
  eq(await redis.sadd(b, ['y', 'z', 'w']), 3, 'SADD array');
  eq((await redis.smembers(a)).sort(), ['x', 'y', 'z'], 'SMEMBERS');
  eq(await redis.sismember(a, 'x'), 1, 'SISMEMBER');
  eq(await redis.smismember(a, 'x', 'w'), [1, 0], 'SMISMEMBER');
  eq((await redis.sinter(a, b)).sort(), ['y', 'z'], 'SINTER');
  eq((await redis.sunion(a, b)).sort(), ['w', 'x', 'y', 'z'], 'SUNION');
  eq(await redis.sdiff(a, b), ['x'], 'SDIFF');
  eq(await redis.sinterstore(`${P}{s}c`, a, b), 2, 'SINTERSTORE');
  eq(await redis.scard(`${P}{s}c`), 2, 'SCARD');
  eq(await redis.srem(a, 'x', 'nope'), 1, 'SREM');
  eq(await redis.smove(a, b, 'y'), 1, 'SMOVE');
  eq(await redis.spop(a), 'z', 'SPOP of a single-member set');
  eq(await redis.exists(a), 0, 'empty set is deleted');
});

def('sorted_sets', async () => {
  const k = `${P}zset`;
  eq(await redis.zadd(k, 1, 'a', 2.5, 'b', -3, 'c'), 3, 'ZADD');
  eq(await redis.zrange(k, 0, -1, 'WITHSCORES'), ['c', '-3', 'a', '1', 'b', '2.5'], 'ZRANGE WITHSCORES');
  eq(await redis.zscore(k, 'b'), '2.5', 'ZSCORE');
  eq(await redis.zincrby(k, 0.5, 'a'), '1.5', 'ZINCRBY');
  eq(await redis.zadd(k, 'GT', 'CH', 10, 'a'), 1, 'ZADD GT CH');
  eq(await redis.zadd(k, 'GT', 'CH', 1, 'a'), 0, 'ZADD GT CH (lower)');
  eq(await redis.zrank(k, 'a'), 2, 'ZRANK');
  eq(await redis.zrevrange(k, 0, 0, 'WITHSCORES'), ['a', '10'], 'ZREVRANGE WITHSCORES');
  eq(await redis.zrangebyscore(k, '(-3', '+inf'), ['b', 'a'], 'ZRANGEBYSCORE exclusive');
  eq(await redis.zrange(k, '+inf', '-inf', 'BYSCORE', 'REV', 'LIMIT', 0, 1), ['a'], 'ZRANGE BYSCORE REV LIMIT');
  eq(await redis.zcount(k, '-inf', 2.5), 2, 'ZCOUNT');
  eq(await redis.zadd(k, 'inf', 'inf'), 1, 'ZADD +inf');
  eq(await redis.zscore(k, 'inf'), 'inf', 'ZSCORE +inf');
  eq(await redis.zpopmin(k), ['c', '-3'], 'ZPOPMIN');
  eq(await redis.zrem(k, 'inf'), 1, 'ZREM');
  eq(await redis.zmscore(k, 'a', 'b', 'nope'), ['10', '2.5', null], 'ZMSCORE');
  eq(await redis.zcard(k), 2, 'ZCARD');
});

def('streams', async () => {
  const k = `${P}stream`;
  eq(await redis.xadd(k, '1-1', 'temp', '21', 'unit', 'C'), '1-1', 'XADD explicit id');
  const id2 = await redis.xadd(k, '*', 'temp', '22');
  check(Number(id2.split('-')[0]) > 1, `XADD auto id: ${id2}`);
  eq(await redis.xlen(k), 2, 'XLEN');
  eq(await redis.xrange(k, '-', '+', 'COUNT', 1), [['1-1', ['temp', '21', 'unit', 'C']]], 'XRANGE');
  eq((await redis.xrevrange(k, '+', '-')).map(([id]) => id), [id2, '1-1'], 'XREVRANGE ids');
  eq(await redis.xgroup('CREATE', k, 'workers', '0'), 'OK', 'XGROUP CREATE');
  eq(await redis.xreadgroup('GROUP', 'workers', 'alice', 'COUNT', 1, 'STREAMS', k, '>'),
    [[k, [['1-1', ['temp', '21', 'unit', 'C']]]]], 'XREADGROUP >');
  eq(await redis.xpending(k, 'workers'), [1, '1-1', '1-1', [['alice', '1']]], 'XPENDING summary');
  eq(await redis.xack(k, 'workers', '1-1'), 1, 'XACK');
  const got = await redis.xreadgroup('GROUP', 'workers', 'bob', 'COUNT', 10, 'BLOCK', 100, 'STREAMS', k, '>');
  eq(got.map(([s, entries]) => [s, entries.map(([id]) => id)]), [[k, [id2]]], 'XREADGROUP BLOCK');
  eq(await redis.xreadgroup('GROUP', 'workers', 'bob', 'BLOCK', 50, 'STREAMS', k, '>'), null, 'XREADGROUP BLOCK timeout');
  eq(await redis.xtrim(k, 'MAXLEN', 1), 1, 'XTRIM MAXLEN');
  eq(await redis.xdel(k, id2), 1, 'XDEL');
});

// ---- pipelines and transactions ------------------------------------------------------------
def('pipeline', async () => {
  // exec() resolves to [err, result] pairs; one failing command does not stop the others
  const res = await redis.pipeline()
    .set(`${P}p1`, 'a').incr(`${P}p2`).incr(`${P}p2`).get(`${P}p1`)
    .lpush(`${P}p1`, 'x')
    .get(`${P}p2`)
    .exec();
  eq(res.slice(0, 4), [[null, 'OK'], [null, 1], [null, 2], [null, 'a']], 'pipeline replies');
  check(res[4][0] && res[4][0].message.startsWith('WRONGTYPE'), `error in place: ${res[4]}`);
  eq(res[5], [null, '2'], 'reply after the error');
  // the array form, and commands queued from a loop
  const p = redis.pipeline([['set', `${P}p3`, '1'], ['incr', `${P}p3`]]);
  for (let i = 0; i < 3; i++) p.rpush(`${P}p4`, String(i));
  eq(await p.exec(), [[null, 'OK'], [null, 2], [null, 1], [null, 2], [null, 3]], 'array form');
});

def('transaction', async () => {
  const k = `${P}{tx}`;
  const res = await redis.multi()
    .set(`${k}a`, '1').incr(`${k}a`).rpush(`${k}l`, 'x', 'y').lrange(`${k}l`, 0, -1)
    .hset(`${k}h`, 'f', 'v').hgetall(`${k}h`)
    .exec();
  eq(res, [[null, 'OK'], [null, 2], [null, 2], [null, ['x', 'y']], [null, 1], [null, { f: 'v' }]], 'EXEC replies');
  eq(await redis.multi().exec(), [], 'empty transaction');
  // non-pipelined form: each command is sent at once and answers QUEUED
  eq(await redis.multi({ pipeline: false }), 'OK', 'MULTI');
  eq(await redis.set(`${k}np`, '1'), 'QUEUED', 'QUEUED');
  eq(await redis.incr(`${k}np`), 'QUEUED', 'QUEUED');
  eq(await redis.exec(), [[null, 'OK'], [null, 2]], 'EXEC after non-pipelined MULTI');
  // DISCARD
  eq(await redis.multi({ pipeline: false }), 'OK', 'MULTI');
  await redis.set(`${k}discarded`, '1');
  eq(await redis.discard(), 'OK', 'DISCARD');
  eq(await redis.exists(`${k}discarded`), 0, 'discarded');
  // another client sees all or nothing
  await redis.mset(`${k}from`, 100, `${k}to`, 0);
  const reader = other();
  let stop = false;
  const bad = [];
  const reading = (async () => {
    while (!stop) {
      const [a, b] = await reader.mget(`${k}from`, `${k}to`);
      if (Number(a) + Number(b) !== 100) bad.push([a, b]);
    }
  })();
  for (let i = 0; i < 200; i++) await redis.multi().decrby(`${k}from`, 1).incrby(`${k}to`, 1).exec();
  stop = true;
  await reading;
  eq(bad.slice(0, 3), [], 'reader saw a partial transaction');
  eq(await redis.mget(`${k}from`, `${k}to`), ['-100', '200'], 'after 200 transfers');
});

def('watch_retry', async () => {
  // Optimistic locking: double a counter. Another client changes it between our read and our
  // EXEC once; EXEC then resolves to null and we retry.
  const k = `${P}{w}counter`;
  await redis.set(k, 10);
  const conflict = other();
  const seen = [];
  let result = null;
  for (let attempt = 0; attempt < 5 && result === null; attempt++) {
    await redis.watch(k);
    const value = Number(await redis.get(k));
    seen.push(value);
    if (attempt === 0) await conflict.set(k, 100);
    result = await redis.multi().set(k, value * 2).exec(); // null: a watched key changed
  }
  eq(seen, [10, 100], 'values read by each attempt');
  eq(result, [[null, 'OK']], 'EXEC of the retry');
  eq(await redis.get(k), '200', 'final value');
  // UNWATCH: a later write no longer aborts
  await redis.watch(k);
  await redis.unwatch();
  await conflict.incr(k);
  eq(await redis.multi().set(k, 'kept').exec(), [[null, 'OK']], 'EXEC after UNWATCH');
  // a watched key that expires counts as changed
  await redis.set(`${k}e`, 'x', 'PX', 50);
  await redis.watch(`${k}e`);
  await sleep(150);
  eq(await redis.multi().set(k, 'expired-watch').exec(), null, 'EXEC after a watched key expired');
  eq(await redis.get(k), 'kept', 'after expired watch');
  // WATCH on a dedicated connection, as concurrent users of one client should (a watch belongs
  // to the connection, not to the async flow): duplicate() opens a new connection
  const dedicated = redis.duplicate();
  others.push(dedicated);
  await dedicated.watch(k);
  await redis.set(k, 'changed-by-main');
  eq(await dedicated.multi().set(k, 'lost').exec(), null, 'EXEC on the duplicate aborted');
  eq(await redis.get(k), 'changed-by-main', 'aborted transaction wrote nothing');
});

def('execabort', async () => {
  // A command rejected while queueing makes EXEC fail with EXECABORT; ioredis rejects exec()
  // with that error and attaches the queueing errors as previousErrors.
  const k = `${P}{xa}`;
  const err = await expectReject(
    redis.multi().set(`${k}a`, '1').call('SET', `${k}b`).set(`${k}c`, '1').exec(), 'EXEC');
  eq(err.message, 'EXECABORT Transaction discarded because of previous errors.', 'EXEC error');
  eq((err.previousErrors || []).map((e) => e.message),
    ["ERR wrong number of arguments for 'set' command"], 'previousErrors');
  eq(await redis.exists(`${k}a`, `${k}c`), 0, 'nothing of the aborted transaction ran');
  const err2 = await expectReject(redis.multi().call('NOSUCHCOMMAND', 'x').exec(), 'EXEC');
  eq(err2.message, 'EXECABORT Transaction discarded because of previous errors.', 'EXEC error');
  check(err2.previousErrors[0].message.startsWith("ERR unknown command 'NOSUCHCOMMAND'"),
    `previousErrors: ${err2.previousErrors[0].message}`);
  eq((await expectReject(redis.exec(), 'EXEC without MULTI')).message, 'ERR EXEC without MULTI', 'EXEC without MULTI');
  // nested MULTI is rejected and the transaction goes on
  await redis.multi({ pipeline: false });
  eq((await expectReject(redis.multi({ pipeline: false }), 'nested MULTI')).message,
    'ERR MULTI calls can not be nested', 'nested MULTI');
  await redis.set(`${k}n`, '1');
  eq(await redis.exec(), [[null, 'OK']], 'EXEC after a nested MULTI');
});

def('exec_runtime_error', async () => {
  // A command that fails only when run does not stop the others: its [err, null] is in place.
  const k = `${P}{rt}`;
  await redis.set(`${k}s`, 'text');
  const res = await redis.multi().set(`${k}a`, '1').incr(`${k}s`).lpush(`${k}s`, 'x').incr(`${k}a`).exec();
  eq(res[0], [null, 'OK'], 'SET');
  check(res[1][0] && res[1][0].message === 'ERR value is not an integer or out of range', `INCR: ${res[1]}`);
  check(res[2][0] && res[2][0].message.startsWith('WRONGTYPE'), `LPUSH: ${res[2]}`);
  eq(res[3], [null, 2], 'INCR after the errors');
  eq(await redis.get(`${k}a`), '2', 'the commands around the error ran');
});

// ---- blocking, databases, volume -----------------------------------------------------------
def('blpop_timeout', async () => {
  // blocking commands hold their connection: give them their own
  const blocking = redis.duplicate();
  others.push(blocking);
  const k = `${P}queue`;
  const t0 = Date.now();
  eq(await blocking.blpop(k, 0.2), null, 'BLPOP timeout');
  const waited = Date.now() - t0;
  check(waited >= 150 && waited < 2000, `BLPOP 0.2 s timeout took ${waited} ms`);
  const served = blocking.blpop(`${P}empty`, k, 5);
  await sleep(100);
  await redis.rpush(k, 'job1', 'job2');
  eq(await served, [k, 'job1'], 'BLPOP served by a push');
  eq(await blocking.brpoplpush(k, `${P}done`, 1), 'job2', 'BRPOPLPUSH');
  // inside MULTI a blocking command does not block: it answers its timeout reply at once
  const t1 = Date.now();
  eq(await redis.multi().blpop(k, 5).rpush(k, 'x').exec(), [[null, null], [null, 1]], 'BLPOP in MULTI');
  check(Date.now() - t1 < 2000, 'BLPOP in MULTI blocked');
});

def('resp3', async () => {
  throw new Skip('ioredis 5 speaks RESP2 only');
});

def('select_db', async () => {
  const r3 = other({ db: 3 });
  const r4 = other({ db: 4 });
  await r3.flushdb();
  await r4.flushdb();
  await r3.set(`${P}where`, 'db3');
  await r4.set(`${P}where`, 'db4');
  eq(await r3.get(`${P}where`), 'db3', 'db 3');
  eq(await r4.get(`${P}where`), 'db4', 'db 4');
  eq(await r3.dbsize(), 1, 'DBSIZE db 3');
  eq(await r3.copy(`${P}where`, `${P}copy`, 'DB', 4), 1, 'COPY DB');
  eq(await r4.get(`${P}copy`), 'db3', 'copied into db 4');
  eq(await r3.swapdb(3, 4), 'OK', 'SWAPDB');
  eq(await r3.get(`${P}where`), 'db4', 'db 3 after SWAPDB');
  // select() changes the database of the connection (ioredis remembers it for reconnects)
  const c = other();
  eq(await c.select(4), 'OK', 'SELECT');
  eq(await c.get(`${P}where`), 'db3', 'after SELECT 4');
  eq(await c.pipeline().select(3).get(`${P}where`).select(0).exec(),
    [[null, 'OK'], [null, 'db4'], [null, 'OK']], 'SELECT in a pipeline');
  eq(await c.get(`${P}where`), null, 'db 0 untouched');
  await r3.flushdb();
  await r4.flushdb();
});

def('large_pipeline', async () => {
  const n = 10000;
  const p = redis.pipeline();
  for (let i = 0; i < n; i++) p.set(`${P}big:${i}`, i);
  const sets = await p.exec();
  eq([sets.length, sets.every(([e, r]) => e === null && r === 'OK')], [n, true], '10k SET replies');
  const g = redis.pipeline();
  for (let i = 0; i < n; i++) g.get(`${P}big:${i}`);
  const gets = await g.exec();
  eq(gets.every(([e, r], i) => e === null && r === String(i)), true, '10k GET replies in order');
  const m = redis.multi();
  for (let i = 0; i < n; i++) m.incr(`${P}{big}counter`);
  const incrs = await m.exec();
  eq([incrs.length, incrs[n - 1]], [n, [null, n]], '10k INCR in one transaction');
  // without an explicit pipeline: 10k concurrent commands on one connection
  const all = await Promise.all(Array.from({ length: n }, (_, i) => redis.del(`${P}big:${i}`)));
  eq(all.reduce((a, b) => a + b, 0), n, '10k concurrent DEL');
});

// ---- scripting -----------------------------------------------------------------------------
// KEYS[1] a counter, KEYS[2] a list: counts one more and pushes "<ARGV[1]>:<count>" atomically,
// so the counter always equals the list's length; returns {count, length}
const INCR_AND_PUSH = `local n = redis.call('incr', KEYS[1])
redis.call('rpush', KEYS[2], ARGV[1] .. ':' .. n)
return {n, redis.call('llen', KEYS[2])}`;
const sha1 = (text) => createHash('sha1').update(text).digest('hex');

// recordSent(client): returns a function that hands over (and forgets) the names of the
// commands the client has written since the last call. A defined command is written as eval or
// evalsha: ioredis decides per connection, and resends an evalsha met by NOSCRIPT as eval.
function recordSent(client) {
  const sent = [];
  const send = client.sendCommand;
  client.sendCommand = function (command, stream, node) {
    sent.push(command);
    return send.call(this, command, stream, node);
  };
  return () => sent.splice(0).map((command) => command.name);
}

// a connection of its own with incrAndPush defined, recording what it sends
function scriptClient(extra = {}) {
  const c = other(extra);
  c.defineCommand('incrAndPush', { numberOfKeys: 2, lua: INCR_AND_PUSH });
  return [c, recordSent(c)];
}

def('eval_evalsha', async () => {
  const k = `${P}ev:n`;
  await redis.del(k);
  const body = "return {KEYS[1], ARGV[1], redis.call('incrby', KEYS[1], ARGV[2])}";
  eq(await redis.eval(body, 1, k, 'a', 5), [k, 'a', 5], 'EVAL');
  const sha = await redis.script('LOAD', body);
  eq(sha, sha1(body), "SCRIPT LOAD returns the body's SHA1");
  eq(await redis.script('EXISTS', sha, '0'.repeat(40)), [1, 0], 'SCRIPT EXISTS');
  eq(await redis.evalsha(sha, 1, k, 'b', 10), [k, 'b', 15], 'EVALSHA');
  eq(await redis.get(k), '15', "the scripts' writes");
  // Lua values as replies: numbers truncated, true -> 1, false -> null (the array goes on)
  eq(await redis.eval("return {1, 3.99, 'x', true, false, 'after'}", 0), [1, 3, 'x', 1, null, 'after'], 'Lua table reply');
  eq(await redis.eval("return redis.status_reply('FINE')", 0), 'FINE', 'status_reply');
  // two keys on (with --shards 2) different shards, one script: both written
  eq(await redis.eval("redis.call('set', KEYS[1], ARGV[1]); redis.call('set', KEYS[2], ARGV[1]);"
    + " return redis.call('mget', KEYS[1], KEYS[2])", 2, `${P}ev:a`, `${P}ev:b`, 'v'), ['v', 'v'], 'a script writing two keys');
  // the read-only variants
  const read = "return redis.call('get', KEYS[1])";
  eq(await redis.eval_ro(read, 1, k), '15', 'EVAL_RO');
  eq(await redis.evalsha_ro(await redis.script('LOAD', read), 1, k), '15', 'EVALSHA_RO');
  const write = "return redis.call('set', KEYS[1], 'x')";
  eq((await expectReject(redis.eval_ro(write, 1, k), 'EVAL_RO writing')).message,
    `ERR Write commands are not allowed from read-only scripts. script: ${sha1(write)}, on @user_script:1.`, 'EVAL_RO error');
  eq(await redis.get(k), '15', 'EVAL_RO wrote nothing');
  // errors: an unknown SHA, an error raised by redis.call, error(), redis.error_reply, redis.pcall
  const noscript = await expectReject(redis.evalsha('f'.repeat(40), 0), 'unknown SHA');
  eq([noscript.constructor.name, noscript.message], ['ReplyError', 'NOSCRIPT No matching script. Please use EVAL.'], 'NOSCRIPT');
  await redis.set(`${P}ev:text`, 'text');
  const incr = "return redis.call('incr', KEYS[1])";
  eq((await expectReject(redis.eval(incr, 1, `${P}ev:text`), 'INCR on text')).message,
    `ERR value is not an integer or out of range script: ${sha1(incr)}, on @user_script:1.`, 'error from redis.call');
  const boom = "error('boom')";
  eq((await expectReject(redis.eval(boom, 0), 'error()')).message,
    `ERR user_script:1: boom script: ${sha1(boom)}, on @user_script:1.`, 'error() text');
  eq((await expectReject(redis.eval("return redis.error_reply('MY custom failure')", 0), 'error_reply')).message,
    'MY custom failure', 'error_reply text');
  eq(await redis.eval("local e = redis.pcall('incr', KEYS[1]); return {type(e), e.err}", 1, `${P}ev:text`),
    ['table', 'ERR value is not an integer or out of range'], 'redis.pcall');
  // binary-safe arguments and replies (evalBuffer)
  const blob = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('\r\n')]);
  eq(await redis.evalBuffer('return {ARGV[1], #ARGV[1]}', 0, blob), [blob, 258], 'binary argument');
  // SCRIPT FLUSH forgets every script, in both modes
  eq(await redis.script('FLUSH'), 'OK', 'SCRIPT FLUSH');
  eq(await redis.script('EXISTS', sha), [0], 'SCRIPT EXISTS after FLUSH');
  eq(await redis.script('FLUSH', 'ASYNC'), 'OK', 'SCRIPT FLUSH ASYNC');
});

def('define_command', async () => {
  // defineCommand: the first call on a connection is sent as EVAL, later ones as EVALSHA; an
  // EVALSHA met by NOSCRIPT is sent again as EVAL
  const [c, sent] = scriptClient();
  const counter = `${P}dc:counter`;
  const log = `${P}dc:log`; // untagged: two shards with --shards 2
  await c.del(counter, log);
  await c.script('FLUSH');
  sent();
  eq(await c.incrAndPush(counter, log, 'a'), [1, 1], 'first call');
  eq(sent(), ['eval'], 'first call on the connection: EVAL');
  eq(await c.incrAndPush(counter, log, 'b'), [2, 2], 'second call');
  eq(sent(), ['evalsha'], 'second call: EVALSHA');
  eq(await c.script('EXISTS', sha1(INCR_AND_PUSH)), [1], 'EVAL cached the script');
  await c.script('FLUSH', 'SYNC');
  sent();
  eq(await c.incrAndPush(counter, log, 'c'), [3, 3], 'call after SCRIPT FLUSH');
  eq(sent(), ['evalsha', 'eval'], 'after SCRIPT FLUSH: NOSCRIPT, then EVAL');
  eq([await c.get(counter), await c.lrange(log, 0, -1)], ['3', ['a:1', 'b:2', 'c:3']], 'keys after 3 calls');
  // an error raised by the script rejects with it, and is not retried
  await c.set(`${P}dc:text`, 'text');
  sent();
  const err = await expectReject(c.incrAndPush(`${P}dc:text`, log, 'x'), 'script on a string');
  eq([err.constructor.name, err.message],
    ['ReplyError', `ERR value is not an integer or out of range script: ${sha1(INCR_AND_PUSH)}, on @user_script:1.`], 'script error');
  eq(sent(), ['evalsha'], 'no retry after a script error');
  eq(await c.llen(log), 3, 'the failed script pushed nothing');
  // the caller gives the number of keys when numberOfKeys is left out; the Buffer variant
  c.defineCommand('keysAndArgs', { lua: 'return {#KEYS, #ARGV, KEYS[1], ARGV[1]}' });
  eq(await c.keysAndArgs(2, 'k1', 'k2', 'a1'), [2, 1, 'k1', 'a1'], 'dynamic number of keys');
  eq(await c.keysAndArgsBuffer(1, 'k', Buffer.from([0, 255])), [1, 1, Buffer.from('k'), Buffer.from([0, 255])], 'Buffer variant');
  // scripts given to the constructor, with a keyPrefix: KEYS get the prefix, ARGV do not
  await redis.del(`${P}kp:counter`, `${P}kp:log`);
  const prefixed = other({ keyPrefix: `${P}kp:`, scripts: { incrAndPush: { numberOfKeys: 2, lua: INCR_AND_PUSH } } });
  eq(await prefixed.incrAndPush('counter', 'log', 'x'), [1, 1], 'constructor scripts + keyPrefix');
  eq(await redis.lrange(`${P}kp:log`, 0, -1), ['x:1'], 'the prefixed key');
  // another client never sees half a script: counter == length of the list, always
  const reader = other();
  let stop = false;
  const bad = [];
  const reading = (async () => {
    while (!stop) {
      const [[, n], [, length]] = await reader.multi().get(counter).llen(log).exec();
      if (Number(n) !== length) bad.push([n, length]);
    }
  })();
  for (let i = 0; i < 200; i++) await c.incrAndPush(counter, log, `r${i}`);
  stop = true;
  await reading;
  eq(bad.slice(0, 3), [], 'reader saw half a script');
  eq([await c.get(counter), await c.llen(log)], ['203', 203], 'after 200 more calls');
});

def('script_in_multi', async () => {
  const [c, sent] = scriptClient();
  const counter = `${P}sm:counter`;
  const log = `${P}sm:log`;
  await c.del(counter, log);
  await c.script('FLUSH');
  sent();
  // in a pipeline: EVAL for the connection's first use, EVALSHA after it in the same batch
  eq(await c.pipeline().incrAndPush(counter, log, 'a').incrAndPush(counter, log, 'b').lrange(log, 0, -1).exec(),
    [[null, [1, 1]], [null, [2, 2]], [null, ['a:1', 'b:2']]], 'pipeline with two calls');
  eq(sent(), ['eval', 'evalsha', 'lrange'], 'pipeline: EVAL, then EVALSHA');
  // after SCRIPT FLUSH the pipelined EVALSHA meets NOSCRIPT and is resent as EVAL on its own,
  // after the rest of the batch: the GET queued after it still reads the old count
  await c.script('FLUSH');
  sent();
  eq(await c.pipeline().incrAndPush(counter, log, 'c').get(counter).exec(), [[null, [3, 3]], [null, '2']],
    'pipeline after SCRIPT FLUSH');
  eq(sent(), ['evalsha', 'get', 'eval'], 'pipeline after SCRIPT FLUSH: resent as EVAL');
  // multi(): MULTI, EVALSHA, ..., EXEC
  eq(await c.multi().incrAndPush(counter, log, 'd').lrange(log, 0, -1).exec(),
    [[null, [4, 4]], [null, ['a:1', 'b:2', 'c:3', 'd:4']]], 'multi()');
  eq(sent(), ['multi', 'evalsha', 'lrange', 'exec'], 'multi(): EVALSHA queued');
  // inside MULTI an EVALSHA after SCRIPT FLUSH is queued and fails in EXEC: ioredis does not
  // resend it, the NOSCRIPT is in place and the rest of the transaction ran
  await c.script('FLUSH');
  sent();
  const res = await c.multi().incrAndPush(counter, log, 'e').get(counter).exec();
  eq([res[0][0] && res[0][0].message, res[1]], ['NOSCRIPT No matching script. Please use EVAL.', [null, '4']],
    'multi() after SCRIPT FLUSH');
  eq(sent(), ['multi', 'evalsha', 'get', 'exec'], 'multi() after SCRIPT FLUSH: not resent');
  eq(await c.incrAndPush(counter, log, 'f'), [5, 5], 'the next call outside MULTI');
  eq(sent(), ['evalsha', 'eval'], 'outside MULTI: NOSCRIPT, then EVAL');
  // a script error inside EXEC stays in place; the calls around it ran
  await c.set(`${P}sm:text`, 'text');
  const errs = await c.multi().incrAndPush(`${P}sm:text`, log, 'x').incrAndPush(counter, log, 'g').exec();
  check(errs[0][0] && errs[0][0].message.startsWith('ERR value is not an integer or out of range script: '), `error in place: ${errs[0]}`);
  eq(errs[1], [null, [6, 6]], 'the script after the error');
  eq(await c.lrange(log, 0, -1), ['a:1', 'b:2', 'c:3', 'd:4', 'f:5', 'g:6'], 'the list at the end');
});

// ---- pub/sub -------------------------------------------------------------------------------
// recorder(emitter, names): records the emitter's events of those names in order, as arrays
function recorder(emitter, names) {
  const got = [];
  for (const name of names) emitter.on(name, (...args) => got.push([name, ...args]));
  // until(n): resolves with the first n events, or with what came within 5 s
  got.until = async (n) => {
    for (let i = 0; i < 500 && got.length < n; i++) await sleep(10);
    return got.splice(0, got.length);
  };
  return got;
}

def('pubsub', async () => {
  const [news, sport, wind, nobody, pat] = ['news', 'sport', 'wind', 'nobody', 'w*'].map((s) => `${P}ps:${s}`);
  const numpat0 = await redis.pubsub('NUMPAT');
  // a dedicated subscriber connection: once subscribed it takes only (un)subscribe commands
  const sub = other();
  const got = recorder(sub, ['message', 'pmessage']);
  eq(await sub.subscribe(news, sport), 2, 'SUBSCRIBE count');
  eq(await sub.psubscribe(pat), 3, 'PSUBSCRIBE count');
  const err = await expectReject(sub.get(`${P}x`), 'GET on a subscriber');
  check(/subscriber mode/.test(err.message), `GET on a subscriber: ${err.message}`);
  eq([await redis.publish(news, 'hello'), await redis.publish(`${P}ps:weather`, 'sunny'),
    await redis.publish(sport, 'goal'), await redis.publish(nobody, 'lost')], [1, 1, 1, 0], 'PUBLISH counts');
  eq(await got.until(3), [['message', news, 'hello'], ['pmessage', pat, `${P}ps:weather`, 'sunny'],
    ['message', sport, 'goal']], 'messages in publish order');
  // a channel subscribed and matching the pattern: the message, then the pmessage
  eq(await sub.subscribe(wind), 4, 'SUBSCRIBE a 4th');
  eq(await redis.publish(wind, 'gust'), 2, 'PUBLISH to channel + pattern');
  eq(await got.until(2), [['message', wind, 'gust'], ['pmessage', pat, wind, 'gust']], 'message and pmessage');
  // binary-safe payload through messageBuffer
  const bufs = recorder(sub, ['messageBuffer']);
  const payload = Buffer.from([0, 255, 13, 10, 1]);
  eq(await redis.publish(sport, payload), 1, 'PUBLISH a Buffer');
  eq(await bufs.until(1), [['messageBuffer', Buffer.from(sport), payload]], 'messageBuffer');
  eq(await got.until(1), [['message', sport, payload.toString()]], "the 'message' event too");
  eq(await redis.pubsub('NUMSUB', news, wind, nobody), [news, 1, wind, 1, nobody, 0], 'PUBSUB NUMSUB');
  eq((await redis.pubsub('CHANNELS', `${P}ps:*`)).sort(), [news, sport, wind].sort(), 'PUBSUB CHANNELS');
  eq(await redis.pubsub('NUMPAT'), numpat0 + 1, 'PUBSUB NUMPAT');
  // unsubscribe: the promise gives the remaining count
  eq(await sub.unsubscribe(news), 3, 'UNSUBSCRIBE one');
  eq(await redis.publish(news, 'late'), 0, 'PUBLISH after UNSUBSCRIBE');
  // (ioredis resolves an argument-less punsubscribe() only when the total count reaches 0)
  eq(await sub.punsubscribe(pat), 2, 'PUNSUBSCRIBE the pattern');
  eq(await redis.publish(`${P}ps:weather`, 'rain'), 0, 'PUBLISH after PUNSUBSCRIBE');
  eq(await sub.unsubscribe(), 0, 'UNSUBSCRIBE all');
  // at count 0 the connection leaves subscriber mode and takes every command again
  eq(await sub.set(`${P}ps:after`, '1'), 'OK', 'SET after leaving subscriber mode');
  await sleep(100);
  eq([...got], [], 'no stray message');
  eq(await redis.pubsub('CHANNELS', `${P}ps:*`), [], 'PUBSUB CHANNELS at the end');
  eq(await redis.pubsub('NUMPAT'), numpat0, 'PUBSUB NUMPAT at the end');
});

def('shard_pubsub', async () => {
  // shard channels (Redis 7): SSUBSCRIBE / SPUBLISH, their own namespace beside plain channels
  const [orders, stock, nobody] = ['orders', 'stock', 'nobody'].map((s) => `${P}sps:${s}`);
  const sub = other();
  const got = recorder(sub, ['smessage', 'message']);
  eq(await sub.ssubscribe(orders), 1, 'SSUBSCRIBE count');
  eq(await sub.ssubscribe(stock, orders), 2, 'SSUBSCRIBE a 2nd (and the 1st again)');
  const err = await expectReject(sub.get(`${P}x`), 'GET on a shard subscriber');
  check(/subscriber mode/.test(err.message), `GET on a shard subscriber: ${err.message}`);
  // a plain subscriber of the same name gets PUBLISH, not SPUBLISH, and the other way round
  const plainSub = other();
  const plainGot = recorder(plainSub, ['message', 'smessage']);
  eq(await plainSub.subscribe(orders), 1, 'SUBSCRIBE to the same name');
  eq([await redis.spublish(orders, 'o1'), await redis.spublish(stock, 's1'), await redis.spublish(nobody, 'x'),
    await redis.publish(orders, 'plain'), await redis.spublish(orders, 'o2')], [1, 1, 0, 1, 1], 'SPUBLISH / PUBLISH counts');
  eq(await got.until(3), [['smessage', orders, 'o1'], ['smessage', stock, 's1'], ['smessage', orders, 'o2']],
    'smessages in publish order');
  eq(await plainGot.until(1), [['message', orders, 'plain']], 'the plain subscriber');
  // binary-safe payload through smessageBuffer
  const bufs = recorder(sub, ['smessageBuffer']);
  const payload = Buffer.from([0, 255, 13, 10, 1]);
  eq(await redis.spublish(stock, payload), 1, 'SPUBLISH a Buffer');
  eq(await bufs.until(1), [['smessageBuffer', Buffer.from(stock), payload]], 'smessageBuffer');
  eq(await got.until(1), [['smessage', stock, payload.toString()]], "the 'smessage' event too");
  eq((await redis.pubsub('SHARDCHANNELS', `${P}sps:*`)).sort(), [orders, stock], 'PUBSUB SHARDCHANNELS');
  eq(await redis.pubsub('SHARDNUMSUB', orders, stock, nobody), [orders, 1, stock, 1, nobody, 0], 'PUBSUB SHARDNUMSUB');
  eq(await redis.pubsub('CHANNELS', `${P}sps:*`), [orders], 'PUBSUB CHANNELS: plain channels only');
  eq(await redis.pubsub('NUMSUB', stock), [stock, 0], 'PUBSUB NUMSUB of a shard channel');
  // SUNSUBSCRIBE: the remaining count; at 0 the connection takes every command again
  eq(await sub.sunsubscribe(orders), 1, 'SUNSUBSCRIBE one');
  eq(await redis.spublish(orders, 'late'), 0, 'SPUBLISH after SUNSUBSCRIBE');
  eq(await sub.sunsubscribe(stock), 0, 'SUNSUBSCRIBE the last');
  eq(await sub.set(`${P}sps:after`, '1'), 'OK', 'SET after leaving subscriber mode');
  await sleep(100);
  eq([[...got], [...plainGot]], [[], []], 'no stray message');
  eq(await redis.pubsub('SHARDCHANNELS', `${P}sps:*`), [], 'PUBSUB SHARDCHANNELS at the end');
});

// ---- MONITOR -------------------------------------------------------------------------------
def('monitor', async () => {
  // redis.monitor(): a connection of its own in monitor mode, emitting ('monitor', time, args,
  // source, db) for every command the server runs, parsed from Redis's MONITOR lines
  const k = `${P}mon:k`;
  const c = other();
  const d = other({ db: 3 });
  await Promise.all([c.ping(), d.ping()]); // their connection set-up is done before MONITOR
  const monitor = await redis.monitor();
  others.push(monitor);
  eq(monitor.status, 'monitoring', 'monitor status');
  const got = recorder(monitor, ['monitor']);
  await c.set(k, 'say "hi"');
  await c.get(k);
  await c.set(`${P}mon:bin`, Buffer.from('a\nb\x00\xff\\', 'latin1'));
  await c.eval("return redis.call('incr', KEYS[1])", 1, `${P}mon:n`);
  await c.multi().incr(`${P}mon:n`).get(`${P}mon:n`).exec();
  await d.set(`${P}mon:db3`, 'x');
  await d.del(`${P}mon:db3`);
  const cAddr = `127.0.0.1:${c.stream.localPort}`;
  const dAddr = `127.0.0.1:${d.stream.localPort}`;
  // only the lines of c, d and their scripts (other connections of the driver are idle)
  const lines = (await got.until(11)).filter(([, , , source]) => [cAddr, dAddr, 'lua'].includes(source));
  const who = { [cAddr]: 'c', [dAddr]: 'd', lua: 'lua' };
  const seen = lines.map(([, , args, source, db]) => [who[source], db, ...args]);
  const want = [
    ['c', '0', 'set', k, 'say "hi"'], // quotes escaped by the server, unescaped by ioredis
    ['c', '0', 'get', k],
    ['c', '0', 'set', `${P}mon:bin`, 'a\\nb\\x00\\xff\\\\'], // other bytes as the server escapes them
    ['c', '0', 'eval', "return redis.call('incr', KEYS[1])", '1', `${P}mon:n`],
    ['lua', '0', 'incr', `${P}mon:n`], // the script's command, source lua
    ['c', '0', 'multi'],
    ['c', '0', 'incr', `${P}mon:n`],
    ['c', '0', 'get', `${P}mon:n`],
    ['c', '0', 'exec'],
    ['d', '3', 'set', `${P}mon:db3`, 'x'],
    ['d', '3', 'del', `${P}mon:db3`],
  ];
  // line by line, so a failure names the line: [client, db, ...args]
  for (let i = 0; i < Math.max(seen.length, want.length); i++) eq(seen[i], want[i], `MONITOR line ${i + 1} of ${want.length}`);
  const times = lines.map(([, time]) => time);
  check(times.every((t) => /^\d{10}\.\d{6}$/.test(t)), `time format: ${times}`);
  check(times.every((t, i) => i === 0 || Number(t) >= Number(times[i - 1])), `times in order: ${times}`);
  check(Math.abs(Number(times[0]) - Date.now() / 1000) < 10, `time ${times[0]} is now`);
  // the monitor connection takes no other command
  const err = await expectReject(monitor.get(k), 'GET on the monitor');
  check(/monitoring mode/.test(err.message), `GET on the monitor: ${err.message}`);
  monitor.disconnect();
  await sleep(100);
  // once it is gone, commands are no longer fed
  eq(await c.get(k), 'say "hi"', 'GET after the monitor left');
  eq([...got], [], 'no line after disconnect');
});

run(checks, {
  setup: cleanup,
  teardown: async () => {
    for (const c of others) c.disconnect();
    await redis.quit();
  },
});
