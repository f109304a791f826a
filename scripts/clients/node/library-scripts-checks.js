'use strict';
// Lua scripts the way popular libraries ship them, run by scripts/test-clients: the libraries'
// own script text, unchanged, through their own client code (ioredis 5).
//
//   NODE_PATH=.cache/clients/libs/node_modules node scripts/clients/node/library-scripts-checks.js 127.0.0.1:6379
//
// - rate-limiter-flexible RateLimiterRedis: a fixed-window limiter whose consume is one Lua
//   script (SET NX EX, INCRBY, PTTL) defined with ioredis defineCommand; block uses MULTI.
// - bullmq Queue/Worker/QueueEvents/FlowProducer: a reliable job queue whose every state change
//   (add, move to active with a lock token, complete, fail and retry with backoff, stalled-job
//   recovery, rate limiting, parent/child flows) is one of its Lua scripts; workers block on
//   BZPOPMIN and QueueEvents on XREAD BLOCK.
// - bee-queue (on its own node_redis 3 client): jobs added by scripts (addJob, addDelayedJob),
//   finished by a MULTI, and job events (succeeded, retrying, failed, progress) PUBLISHed by the
//   worker to every queue subscribed with getEvents; delayed jobs and retry backoffs wake the
//   workers through PUBLISHes (one from inside addDelayedJob.lua) on an earlierDelayed channel.
// The distributed lock of the issue is redis-py's Lock, in scripts/clients/python/checks.py.
//
// One line per check: `PASS name`, `FAIL name: detail` or `SKIP name: reason`; exit code 1 if
// any check failed. Keys are prefixed with `lib:`. The driver forks itself
// (`--dying-worker host:port queue`) for a worker process that is killed in the middle of a job.
const { createHash } = require('node:crypto');
const { fork } = require('node:child_process');
const Redis = require('ioredis');

const P = 'lib:';
const BULL_PREFIX = `${P}bull`;
const BEE_PREFIX = `${P}bq`;

if (process.argv[2] === '--dying-worker') {
  dyingWorker(process.argv[3], process.argv[4]);
} else {
  main();
}

// A worker process that takes jobs and never finishes them: the parent kills it (SIGKILL)
// once it has reported the jobs it holds, so their locks are never renewed nor released.
function dyingWorker(target, queueName) {
  const { Worker } = require('bullmq');
  const i = target.lastIndexOf(':');
  const connection = { host: target.slice(0, i), port: Number(target.slice(i + 1)), maxRetriesPerRequest: null };
  const worker = new Worker(queueName, (job) => {
    process.send({ started: job.id, token: job.token });
    return new Promise(() => {}); // never settles
  }, { connection, prefix: BULL_PREFIX, lockDuration: 1500, stalledInterval: 300, concurrency: 1 });
  worker.on('error', (e) => process.send({ error: e.message }));
}

function main() {
  const { parseTarget, eq, check, expectReject, sleep, run } = require('./harness');
  const { RateLimiterRedis, RateLimiterRes } = require('rate-limiter-flexible');
  const { Queue, Worker, QueueEvents, FlowProducer, Job } = require('bullmq');
  const bullScripts = require('bullmq/dist/cjs/scripts'); // the script texts bullmq loads
  const BeeQueue = require('bee-queue');
  const beeLua = require('bee-queue/lib/lua'); // bee-queue's script texts and their SHA1s

  const { host, port } = parseTarget(process.argv);
  const target = `${host}:${port}`;
  const opts = { host, port, maxRetriesPerRequest: 1 };
  // bullmq wants maxRetriesPerRequest null on its connections (a worker's blocking one)
  const connection = { host, port, maxRetriesPerRequest: null };
  const redis = new Redis(opts);
  const sha1 = (s) => createHash('sha1').update(s).digest('hex');

  // per check: everything opened is closed at its end, even when it fails or times out
  let open = [];
  const track = (x) => {
    open.push(x);
    return x;
  };
  async function closeAll() {
    const xs = open.reverse();
    open = [];
    for (const x of xs) {
      try {
        if (x instanceof Redis) x.disconnect();
        else if (typeof x.kill === 'function') x.kill('SIGKILL');
        else if (x instanceof Worker) await x.close(true);
        else await x.close();
      } catch (_) {
        // closing is best effort
      }
    }
  }
  const client = (extra = {}) => track(new Redis({ ...opts, ...extra }));
  const limiter = (o) => new RateLimiterRedis({ storeClient: redis, keyPrefix: `${P}rl`, ...o });

  // waitFor(cond, what, ms): polls cond() until true; a generous bound, never an assertion of speed
  async function waitFor(cond, what, ms = 15000) {
    const t0 = Date.now();
    for (;;) {
      if (await cond()) return;
      if (Date.now() - t0 > ms) throw new Error(`${typeof what === 'function' ? await what() : what}: not within ${ms} ms`);
      await sleep(25);
    }
  }
  const queue = (name, extra = {}) => {
    const q = track(new Queue(name, { connection, prefix: BULL_PREFIX, ...extra }));
    q.on('error', () => {});
    return q;
  };
  const worker = (name, fn, extra = {}) => {
    const w = track(new Worker(name, fn, { connection, prefix: BULL_PREFIX, ...extra }));
    w.on('error', () => {});
    return w;
  };
  const events = async (name) => {
    const e = track(new QueueEvents(name, { connection, prefix: BULL_PREFIX }));
    e.on('error', () => {});
    await e.waitUntilReady();
    return e;
  };
  const counts = (q) => q.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed', 'waiting-children');
  const noCounts = { waiting: 0, prioritized: 0, active: 0, delayed: 0, completed: 0, failed: 0, 'waiting-children': 0 };

  async function cleanup() {
    const stream = redis.scanStream({ match: `${P}*`, count: 1000 });
    for await (const keys of stream) if (keys.length) await redis.del(...keys);
  }

  const checks = [];
  const def = (name, fn, timeoutMs = 40000) => checks.push([name, async () => {
    let timer;
    try {
      await Promise.race([fn(), new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`check timed out after ${timeoutMs} ms`)), timeoutMs);
      })]);
    } finally {
      clearTimeout(timer);
      await closeAll();
    }
  }]);

  // ---- rate-limiter-flexible ---------------------------------------------------------------
  def('ratelimit_consume', async () => {
    const rl = limiter({ points: 5, duration: 10 });
    // the script is the library's own: ioredis holds its text, the server caches it by SHA1
    const lua = redis.scriptsSet.rlflxIncr.lua;
    check(lua.includes("redis.call('incrby', KEYS[1], ARGV[1])"), `not the library's script: ${lua}`);
    await redis.script('FLUSH');
    const seen = [];
    for (let i = 0; i < 5; i++) {
      const r = await rl.consume('user-1');
      check(r instanceof RateLimiterRes, `consume resolves to a RateLimiterRes: ${r}`);
      check(r.msBeforeNext > 5000 && r.msBeforeNext <= 10000, `msBeforeNext ${r.msBeforeNext} not in (5000, 10000]`);
      seen.push([r.consumedPoints, r.remainingPoints, r.isFirstInDuration]);
    }
    eq(seen, [[1, 4, true], [2, 3, false], [3, 2, false], [4, 1, false], [5, 0, false]], 'five allowed consumes');
    eq(await redis.script('EXISTS', sha1(lua)), [1], 'the library script is in the server cache');
    // the sixth is rejected: with a RateLimiterRes, not an Error
    const rej = await expectReject(rl.consume('user-1'), 'sixth consume');
    check(rej instanceof RateLimiterRes, `rejected with ${rej}`);
    eq([rej.consumedPoints, rej.remainingPoints], [6, 0], 'rejection points');
    check(rej.msBeforeNext > 5000 && rej.msBeforeNext <= 10000, `rejection msBeforeNext ${rej.msBeforeNext}`);
    eq(await redis.get(`${P}rl:user-1`), '6', 'the counter key');
    const pttl = await redis.pttl(`${P}rl:user-1`);
    check(pttl > 5000 && pttl <= 10000, `counter PTTL ${pttl}`);
    // several points at once; another key is its own window
    const r3 = await rl.consume('user-2', 3);
    eq([r3.consumedPoints, r3.remainingPoints, r3.isFirstInDuration], [3, 2, true], 'consume 3');
    const r3b = await expectReject(rl.consume('user-2', 3), 'consume 3 more');
    eq([r3b.consumedPoints, r3b.remainingPoints], [6, 0], 'consume 3 more: rejected');
    // get, delete
    const g = await rl.get('user-2');
    eq([g.consumedPoints, g.remainingPoints], [6, 0], 'get');
    eq(await rl.get('nobody'), null, 'get of an unknown key');
    eq(await rl.delete('user-2'), true, 'delete');
    eq(await rl.delete('user-2'), false, 'delete again');
    eq((await rl.consume('user-2')).consumedPoints, 1, 'consume after delete');
  });

  def('ratelimit_window', async () => {
    const rl = limiter({ points: 2, duration: 2, keyPrefix: `${P}rlw` });
    eq((await rl.consume('k')).remainingPoints, 1, 'first');
    eq((await rl.consume('k')).remainingPoints, 0, 'second');
    const rej = await expectReject(rl.consume('k'), 'third in the window');
    check(rej instanceof RateLimiterRes && rej.msBeforeNext > 0 && rej.msBeforeNext <= 2000, `third: ${JSON.stringify(rej)}`);
    // the window ends with the key's expiry (SET NX EX in the script): the next consume opens a new one
    await sleep(rej.msBeforeNext + 150);
    eq(await redis.exists(`${P}rlw:k`), 0, 'the window key expired');
    const r = await rl.consume('k');
    eq([r.consumedPoints, r.remainingPoints, r.isFirstInDuration], [1, 1, true], 'first of the next window');
  });

  def('ratelimit_penalty_reward', async () => {
    const rl = limiter({ points: 10, duration: 30, keyPrefix: `${P}rlp` });
    eq((await rl.consume('k', 4)).remainingPoints, 6, 'consume 4');
    const p = await rl.penalty('k', 3);
    eq([p.consumedPoints, p.remainingPoints], [7, 3], 'penalty 3');
    const w = await rl.reward('k', 5);
    eq([w.consumedPoints, w.remainingPoints], [2, 8], 'reward 5');
    const pttl = await redis.pttl(`${P}rlp:k`);
    check(pttl > 20000 && pttl <= 30000, `the window is kept: PTTL ${pttl}`);
    // penalty on a new key opens its window
    const n = await rl.penalty('fresh', 2);
    eq([n.consumedPoints, n.remainingPoints], [2, 8], 'penalty on a new key');
    check((await redis.pttl(`${P}rlp:fresh`)) > 20000, 'penalty on a new key sets the expiry');
  });

  def('ratelimit_block', async () => {
    // blockDuration: going over the limit blocks the key (MULTI SET EX + PTTL) for 5 s
    const rl = limiter({ points: 2, duration: 1, blockDuration: 5, keyPrefix: `${P}rlb` });
    await rl.consume('k');
    await rl.consume('k');
    const rej = await expectReject(rl.consume('k'), 'over the limit');
    check(rej instanceof RateLimiterRes, `rejected with ${rej}`);
    check(rej.msBeforeNext > 4000 && rej.msBeforeNext <= 5000, `blocked msBeforeNext ${rej.msBeforeNext}`);
    eq(rej.remainingPoints, 0, 'blocked remainingPoints');
    eq(await redis.get(`${P}rlb:k`), '3', 'blocked key holds points + 1');
    // still blocked after the 1 s window would have ended
    await sleep(1200);
    const still = await expectReject(rl.consume('k'), 'after the window, still blocked');
    check(still.msBeforeNext > 0 && still.msBeforeNext <= 4000, `still blocked msBeforeNext ${still.msBeforeNext}`);
    // block() and its answer through get()
    const b = await rl.block('other', 20);
    check(b.msBeforeNext > 19000 && b.msBeforeNext <= 20000, `block msBeforeNext ${b.msBeforeNext}`);
    const g = await rl.get('other');
    eq([g.consumedPoints, g.remainingPoints], [3, 0], 'get of a blocked key');
    check(g.msBeforeNext > 19000 && g.msBeforeNext <= 20000, `get msBeforeNext ${g.msBeforeNext}`);
  });

  def('ratelimit_concurrent', async () => {
    // four processes' limiters on one key, 50 consumes each against 100 points: the script is
    // atomic, so exactly 100 are allowed and they saw each count 1..100 once
    const limiters = [0, 1, 2, 3].map(() => new RateLimiterRedis({
      storeClient: client(), keyPrefix: `${P}rlc`, points: 100, duration: 60,
    }));
    const allowed = [];
    let rejected = 0;
    await Promise.all(limiters.map(async (rl) => {
      const tries = [];
      for (let i = 0; i < 50; i++) tries.push(rl.consume('shared').then((r) => allowed.push(r.consumedPoints), (r) => {
        if (!(r instanceof RateLimiterRes)) throw r;
        rejected++;
      }));
      await Promise.all(tries);
    }));
    eq([allowed.length, rejected], [100, 100], 'allowed, rejected');
    eq(allowed.sort((a, b) => a - b), Array.from({ length: 100 }, (_, i) => i + 1), 'counts seen by the allowed');
    eq(await redis.get(`${P}rlc:shared`), '200', 'the counter');
  });

  // ---- bullmq ------------------------------------------------------------------------------
  def('bullmq_process_all', async () => {
    const q = queue('all');
    const qe = await events('all');
    const completedEvents = new Map();
    qe.on('completed', ({ jobId, returnvalue }) => completedEvents.set(jobId, returnvalue));
    // 30 jobs: addBulk, add, a fixed jobId added twice (one job), one removed when complete
    const bulk = await q.addBulk(Array.from({ length: 25 }, (_, i) => ({ name: 'square', data: { n: i } })));
    const more = [];
    for (let i = 25; i < 28; i++) more.push(await q.add('square', { n: i }));
    const fixed1 = await q.add('square', { n: 28 }, { jobId: 'fixed' });
    const fixed2 = await q.add('square', { n: 999 }, { jobId: 'fixed' });
    eq([fixed1.id, fixed2.id], ['fixed', 'fixed'], 'the same jobId');
    const gone = await q.add('square', { n: 29 }, { removeOnComplete: true });
    const jobs = [...bulk, ...more, fixed1, gone];
    eq(jobs.length, 30, 'jobs added');
    eq(new Set(jobs.map((j) => j.id)).size, 30, 'distinct ids');
    eq(await counts(q), { ...noCounts, waiting: 30 }, 'counts before the workers');
    // two workers (two processes would do the same), concurrency 3 each
    const runs = new Map();
    let running = 0;
    let maxRunning = 0;
    const processor = (tag) => async (job) => {
      runs.set(job.id, (runs.get(job.id) || []).concat(tag));
      running++;
      maxRunning = Math.max(maxRunning, running);
      await sleep(5);
      running--;
      return job.data.n * job.data.n;
    };
    const finishedEvents = [];
    const w1 = worker('all', processor('w1'), { concurrency: 3 });
    const w2 = worker('all', processor('w2'), { concurrency: 3 });
    for (const w of [w1, w2]) w.on('completed', (job, result) => finishedEvents.push([job.id, result]));
    const waited = await fixed1.waitUntilFinished(qe, 20000);
    eq(waited, 28 * 28, 'waitUntilFinished');
    await waitFor(async () => (await q.getCompletedCount()) === 29 && completedEvents.size === 30, 'all completed');
    eq([...runs.values()].filter((r) => r.length !== 1), [], 'jobs run more than once');
    eq(runs.size, 30, 'jobs run');
    check(maxRunning <= 6, `at most 2 x 3 at once, saw ${maxRunning}`);
    eq(finishedEvents.length, 30, 'worker completed events');
    for (const j of jobs) {
      eq(completedEvents.get(j.id), j.data.n * j.data.n, `QueueEvents completed ${j.id}`);
    }
    for (const j of [...bulk, ...more, fixed1]) {
      const stored = await Job.fromId(q, j.id);
      eq([stored.returnvalue, stored.attemptsMade, stored.failedReason], [j.data.n * j.data.n, 1, undefined], `job ${j.id}`);
      check(stored.finishedOn >= stored.processedOn && stored.processedOn >= stored.timestamp, `job ${j.id} timestamps`);
    }
    eq(await Job.fromId(q, gone.id), undefined, 'removeOnComplete job');
    eq(await counts(q), { ...noCounts, completed: 29 }, 'counts at the end');
    // the job's hash as the scripts left it
    const hash = await redis.hgetall(`${BULL_PREFIX}:all:${fixed1.id}`);
    eq([hash.name, hash.data, hash.returnvalue, hash.atm], ['square', '{"n":28}', '784', '1'], 'job hash');
    eq(await redis.exists(`${BULL_PREFIX}:all:${fixed1.id}:lock`), 0, 'no lock left');
    // the scripts that ran are bullmq's own text, cached by the server under their SHA1
    eq(await redis.script('EXISTS', ...['addStandardJob', 'moveToActive', 'moveToFinished'].map((n) => sha1(bullScripts[n].content))),
      [1, 1, 1], 'bullmq scripts in the server cache');
  });

  def('bullmq_retry_backoff', async () => {
    const q = queue('retry');
    const flaky = await q.add('flaky', {}, { attempts: 3, backoff: { type: 'fixed', delay: 300 } });
    const always = await q.add('always', {}, { attempts: 2, backoff: { type: 'exponential', delay: 200 } });
    const starts = { flaky: [], always: [] };
    let allowAlways = false;
    const failures = [];
    const w = worker('retry', async (job) => {
      starts[job.name].push([Date.now(), job.attemptsMade]);
      if (job.name === 'flaky' && job.attemptsMade < 2) throw new Error(`boom ${job.attemptsMade}`);
      if (job.name === 'always' && !allowAlways) throw new Error('always');
      return `${job.name} ok after ${job.attemptsMade}`;
    });
    w.on('failed', (job, err) => failures.push([job.name, err.message]));
    await waitFor(async () => (await q.getCompletedCount()) === 1 && (await q.getFailedCount()) === 1, 'flaky completed, always failed');
    // attempts in order, each after its backoff (lower bounds only: a busy machine is slower)
    eq(starts.flaky.map((s) => s[1]), [0, 1, 2], 'flaky attemptsMade seen by the processor');
    check(starts.flaky[1][0] - starts.flaky[0][0] >= 280, `fixed backoff 1: ${starts.flaky[1][0] - starts.flaky[0][0]} ms`);
    check(starts.flaky[2][0] - starts.flaky[1][0] >= 280, `fixed backoff 2: ${starts.flaky[2][0] - starts.flaky[1][0]} ms`);
    eq(starts.always.map((s) => s[1]), [0, 1], 'always attemptsMade seen by the processor');
    check(starts.always[1][0] - starts.always[0][0] >= 180, `exponential backoff: ${starts.always[1][0] - starts.always[0][0]} ms`);
    eq(failures.sort(), [['always', 'always'], ['always', 'always'], ['flaky', 'boom 0'], ['flaky', 'boom 1']], 'failed events');
    const f = await Job.fromId(q, flaky.id);
    eq([f.returnvalue, f.attemptsMade, f.stacktrace.length, await f.getState()], ['flaky ok after 2', 3, 2, 'completed'], 'flaky job');
    const a = await Job.fromId(q, always.id);
    eq([a.failedReason, a.attemptsMade, a.stacktrace.length, await a.getState()], ['always', 2, 2, 'failed'], 'always job');
    check(a.stacktrace[0].includes('Error: always'), `stacktrace: ${a.stacktrace[0]}`);
    eq((await q.getFailed()).map((j) => j.id), [always.id], 'getFailed');
    // a failed job retried by hand runs again
    allowAlways = true;
    await a.retry('failed');
    await waitFor(async () => (await a.getState()) === 'completed', 'retried job completed');
    const a2 = await Job.fromId(q, always.id);
    eq([a2.returnvalue, a2.failedReason], ['always ok after 2', undefined], 'the retried job (attemptsMade kept)');
    eq(await counts(q), { ...noCounts, completed: 2 }, 'counts at the end');
  });

  def('bullmq_lock_token', async () => {
    // a worker without a processor: the application takes jobs by hand with its own token
    const q = queue('manual');
    const w = worker('manual', null, { lockDuration: 5000 });
    await q.add('m1', { v: 1 });
    await q.add('m2', { v: 2 });
    const job = await w.getNextJob('token-1');
    eq([job.name, job.data], ['m1', { v: 1 }], 'first job');
    const lockKey = `${BULL_PREFIX}:manual:${job.id}:lock`;
    eq(await redis.get(lockKey), 'token-1', 'the lock holds the token');
    const pttl = await redis.pttl(lockKey);
    check(pttl > 3000 && pttl <= 5000, `lock PTTL ${pttl}`);
    eq(await job.getState(), 'active', 'state');
    eq(await job.extendLock('token-1', 20000), 1, 'extendLock');
    check((await redis.pttl(lockKey)) > 15000, 'extended');
    eq(await job.extendLock('token-2', 20000), 0, 'extendLock with another token');
    // another token cannot finish it
    const err = await expectReject(job.moveToCompleted('done', 'token-2', false), 'complete with another token');
    eq(err.message, `Lock mismatch for job ${job.id}. Cmd moveToFinished from active`, 'lock mismatch');
    eq(await job.getState(), 'active', 'still active');
    // its own token can; fetchNext hands out the next job under the same token
    const next = await job.moveToCompleted('done', 'token-1', true);
    eq(await job.getState(), 'completed', 'completed');
    eq(await redis.exists(lockKey), 0, 'lock released');
    check(Array.isArray(next) && next.length > 0, `fetchNext returned ${JSON.stringify(next)}`);
    const job2 = await Job.fromId(q, '2');
    eq([await job2.getState(), await redis.get(`${BULL_PREFIX}:manual:2:lock`)], ['active', 'token-1'], 'the next job, locked');
    // failing by hand with no attempts left
    await job2.moveToFailed(new Error('manual failure'), 'token-1', false);
    const j2 = await Job.fromId(q, '2');
    eq([await j2.getState(), j2.failedReason], ['failed', 'manual failure'], 'failed by hand');
    eq(await w.getNextJob('token-3', { block: false }), undefined, 'nothing left');
  });

  def('bullmq_stalled', async () => {
    // two worker processes take a job each and are killed (SIGKILL) in the middle of it: their
    // locks are never renewed. A live worker's stalled-job check gives the job of the first
    // back to the queue (maxStalledCount 1) and fails the other's (maxStalledCount 0).
    const qa = queue('stall-a');
    const qb = queue('stall-b');
    const ja = await qa.add('job', { v: 'a' });
    const jb = await qb.add('job', { v: 'b' });
    const held = await Promise.all(['stall-a', 'stall-b'].map((name) => new Promise((resolve, reject) => {
      const child = track(fork(__filename, ['--dying-worker', target, name], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] }));
      child.on('message', (m) => (m.started ? resolve([child, m]) : reject(new Error(`dying worker: ${m.error}`))));
      child.on('exit', (code) => reject(new Error(`dying worker exited (${code}) before taking a job`)));
    })));
    eq(held.map(([, m]) => m.started), [ja.id, jb.id], 'the dying workers took the jobs');
    for (const [child] of held) {
      child.removeAllListeners('exit');
      child.kill('SIGKILL');
    }
    const lockA = `${BULL_PREFIX}:stall-a:${ja.id}:lock`;
    eq(await redis.get(lockA), held[0][1].token, 'the dead worker\'s lock');
    eq(await ja.getState(), 'active', 'active while its lock lives');
    const stalled = [];
    const runs = [];
    const wa = worker('stall-a', async (job) => {
      runs.push(job.id);
      return `recovered ${job.data.v}`;
    }, { stalledInterval: 300, maxStalledCount: 1 });
    wa.on('stalled', (jobId, prev) => stalled.push(['a', jobId, prev]));
    const wb = worker('stall-b', async (job) => {
      runs.push(job.id);
      return 'should not run';
    }, { stalledInterval: 300, maxStalledCount: 0 });
    wb.on('stalled', (jobId, prev) => stalled.push(['b', jobId, prev]));
    const failed = [];
    wb.on('failed', (job, err) => failed.push([job.id, err.message]));
    await waitFor(async () => (await ja.getState()) === 'completed' && (await jb.getState()) === 'failed',
      async () => `stalled jobs handled (states ${await ja.getState()}, ${await jb.getState()}; stalled events ${JSON.stringify(stalled)})`);
    eq(runs, [ja.id], 'jobs run by the live workers');
    eq(stalled.sort(), [['a', ja.id, 'active'], ['b', jb.id, 'active']], 'stalled events');
    const a = await Job.fromId(qa, ja.id);
    eq([a.returnvalue, a.attemptsStarted, a.stalledCounter, a.attemptsMade], ['recovered a', 2, 1, 1], 'recovered job');
    const b = await Job.fromId(qb, jb.id);
    eq([b.failedReason, b.stalledCounter], ['job stalled more than allowable limit', 1], 'job stalled too often');
    eq(failed, [[jb.id, 'job stalled more than allowable limit']], 'failed event');
    eq(await redis.exists(lockA), 0, 'no lock left');
    eq(await redis.script('EXISTS', sha1(bullScripts.moveStalledJobsToWait.content)), [1], 'the stalled-job script ran');
  });

  def('bullmq_priority_delay_pause', async () => {
    const q = queue('order');
    const t0 = Date.now();
    await q.add('late', {}, { delay: 700 });
    await q.add('p3', {}, { priority: 3 });
    await q.add('p1', {}, { priority: 1 });
    await q.add('plain1', {});
    await q.add('p2', {}, { priority: 2 });
    await q.add('plain2', {});
    await q.add('first', {}, { lifo: true });
    eq(await counts(q), { ...noCounts, waiting: 3, prioritized: 3, delayed: 1 }, 'counts before the worker');
    eq((await q.getDelayed()).map((j) => j.name), ['late'], 'getDelayed');
    const order = [];
    let lateAt = 0;
    worker('order', async (job) => {
      order.push(job.name);
      if (job.name === 'late') lateAt = Date.now();
    }, { concurrency: 1 });
    await waitFor(async () => order.length === 7, 'all seven run');
    // waiting jobs (lifo first) before prioritized ones, those by priority; the delayed one after its delay
    eq(order.filter((n) => n !== 'late'), ['first', 'plain1', 'plain2', 'p1', 'p2', 'p3'], 'order');
    check(lateAt - t0 >= 650, `delayed job ran ${lateAt - t0} ms after it was added`);
    // pause: jobs wait; resume: they run
    await q.pause();
    eq(await q.isPaused(), true, 'isPaused');
    await q.add('while-paused', {});
    await sleep(400);
    eq(order.length, 7, 'nothing runs while paused');
    eq(await counts(q), { ...noCounts, waiting: 1, completed: 7 }, 'counts while paused');
    await q.resume();
    await waitFor(async () => order.length === 8, 'the job added while paused runs');
    eq(order[7], 'while-paused', 'after resume');
  });

  def('bullmq_rate_limit', async () => {
    // the worker's limiter (in the move-to-active script): 2 jobs a second
    const q = queue('limited');
    await q.addBulk(Array.from({ length: 6 }, (_, i) => ({ name: 'job', data: { i } })));
    const starts = [];
    worker('limited', async (job) => {
      starts.push([job.data.i, Date.now()]);
    }, { concurrency: 4, limiter: { max: 2, duration: 1000 } });
    await waitFor(async () => starts.length === 6, 'six jobs run');
    eq(starts.map((s) => s[0]).sort(), [0, 1, 2, 3, 4, 5], 'each job once');
    const t = starts.map((s) => s[1]);
    // 6 jobs at 2 a window need 3 windows: the 5th starts at least 2 windows after the 1st
    check(t[4] - t[0] >= 1600, `5th job ${t[4] - t[0]} ms after the 1st`);
    check(t[2] - t[0] >= 700, `3rd job ${t[2] - t[0]} ms after the 1st`);
    eq(await q.getCompletedCount(), 6, 'completed');
  });

  def('bullmq_flow', async () => {
    // a parent job waits for its children (in two queues); it runs after them and reads their results
    const flows = track(new FlowProducer({ connection, prefix: BULL_PREFIX }));
    const tree = await flows.add({
      name: 'sum', queueName: 'parents', data: {},
      children: [
        { name: 'square', queueName: 'children', data: { n: 2 } },
        { name: 'square', queueName: 'children', data: { n: 3 } },
        { name: 'square', queueName: 'children', data: { n: 4 } },
        { name: 'cube', queueName: 'cubes', data: { n: 2 } },
      ],
    });
    const parent = tree.job;
    eq(await parent.getState(), 'waiting-children', 'parent state before the children');
    eq(await parent.getDependenciesCount(), { processed: 0, unprocessed: 4, ignored: 0, failed: 0 }, 'dependencies before');
    const order = [];
    worker('children', async (job) => {
      order.push(`child ${job.data.n}`);
      return job.data.n * job.data.n;
    });
    worker('cubes', async (job) => {
      order.push('cube');
      return job.data.n ** 3;
    });
    worker('parents', async (job) => {
      order.push('parent');
      const values = Object.values(await job.getChildrenValues());
      return values.reduce((a, b) => a + b, 0);
    });
    await waitFor(async () => (await parent.getState()) === 'completed', 'parent completed');
    eq(order.length, 5, 'five jobs run');
    eq(order[4], 'parent', 'the parent runs last');
    const p = await Job.fromId(track(new Queue('parents', { connection, prefix: BULL_PREFIX })), parent.id);
    eq(p.returnvalue, 4 + 9 + 16 + 8, 'parent result');
    eq(await parent.getDependenciesCount(), { processed: 4, unprocessed: 0, ignored: 0, failed: 0 }, 'dependencies after');
  });

  def('bullmq_events_admin', async () => {
    // progress and logs through QueueEvents, the workers list (CLIENT SETNAME / CLIENT LIST),
    // a job scheduler (repeat every 200 ms), deduplication, clean and obliterate
    const q = queue('admin');
    const qe = await events('admin');
    const progress = [];
    qe.on('progress', ({ jobId, data }) => progress.push([jobId, data]));
    const ticks = [];
    const w = worker('admin', async (job) => {
      if (job.name === 'tick') {
        ticks.push(job.id);
        return 'tick';
      }
      await job.updateProgress(50);
      await job.log('half way');
      await job.updateProgress({ done: true });
      return 'done';
    });
    await w.waitUntilReady();
    eq((await q.getWorkers()).length, 1, 'getWorkers');
    eq(await q.getWorkersCount(), 1, 'getWorkersCount');
    const job = await q.add('progress', {});
    await waitFor(async () => (await job.getState()) === 'completed' && progress.length === 2, 'progress job');
    eq(progress, [[job.id, 50], [job.id, { done: true }]], 'progress events');
    eq(await q.getJobLogs(job.id), { logs: ['half way'], count: 1 }, 'job logs');
    eq((await Job.fromId(q, job.id)).progress, { done: true }, 'stored progress');
    // deduplication: a second add with the same id while the first exists is the first job
    await q.pause();
    const d1 = await q.add('dedup', { v: 1 }, { deduplication: { id: 'same' } });
    const d2 = await q.add('dedup', { v: 2 }, { deduplication: { id: 'same' } });
    eq([d2.id, (await Job.fromId(q, d1.id)).data], [d1.id, { v: 1 }], 'deduplicated');
    eq(await q.getDeduplicationJobId('same'), d1.id, 'getDeduplicationJobId');
    await q.remove(d1.id);
    await q.resume();
    // a job scheduler: jobs every 200 ms until it is removed
    await q.upsertJobScheduler('every-200', { every: 200 }, { name: 'tick' });
    eq((await q.getJobSchedulers()).map((s) => [s.key, s.every]), [['every-200', 200]], 'getJobSchedulers');
    await waitFor(async () => ticks.length >= 3, 'three ticks');
    eq(await q.removeJobScheduler('every-200'), true, 'removeJobScheduler');
    eq(new Set(ticks).size, ticks.length, 'each tick job once');
    await waitFor(async () => (await q.getActiveCount()) === 0, 'no active job');
    // clean the completed jobs, then obliterate the queue: no key of it is left
    const cleaned = await q.clean(0, 1000, 'completed');
    check(cleaned.includes(job.id) && cleaned.length >= 4, `clean: ${JSON.stringify(cleaned)}`);
    eq(await q.getCompletedCount(), 0, 'completed after clean');
    await w.close();
    await q.obliterate({ force: true });
    eq(await redis.keys(`${BULL_PREFIX}:admin:*`), [], 'keys left after obliterate');
  });

  // ---- bee-queue ---------------------------------------------------------------------------
  // Queues on node_redis 3 (bee-queue's own client): a producer with getEvents, workers with
  // sendEvents. Job events go over pub/sub: the worker PUBLISHes {id, event, data} to
  // <prefix>:<queue>:events in the MULTI that finishes the job (reportProgress: a plain PUBLISH),
  // and every queue with getEvents SUBSCRIBEs to that channel. Delayed jobs: addDelayedJob.lua
  // PUBLISHes the job's time to <prefix>:<queue>:earlierDelayed when it becomes the head of the
  // delayed set, and so does the worker's MULTI that schedules a retry after a backoff; workers
  // with activateDelayedJobs subscribe to it and set a timer, then raiseDelayedJobs.lua moves
  // the due jobs to the waiting list (its reply names the next time to wake up).
  const beeQueue = (name, extra = {}) => {
    const q = track(new BeeQueue(name, { prefix: BEE_PREFIX, redis: { host, port }, ...extra }));
    q.errors = [];
    q.on('error', (e) => q.errors.push(e.message));
    return q;
  };
  // the queue-level job events a queue receives, as [event, jobId, data] (an Error as its message)
  const beeEvents = (q) => {
    const got = [];
    for (const ev of ['succeeded', 'failed', 'retrying', 'progress']) {
      q.on(`job ${ev}`, (id, data) => got.push([ev, id, data instanceof Error ? `Error: ${data.message}` : data]));
    }
    return got;
  };
  // [event, data] lists per job id, in arrival order
  const byJob = (events) => {
    const m = {};
    for (const [ev, id, data] of events) (m[id] = m[id] || []).push([ev, data]);
    return m;
  };
  // an ioredis connection of its own subscribed to the channels: the messages as published
  const rawSubscriber = async (...channels) => {
    const sub = client();
    const got = [];
    sub.on('message', (channel, message) => got.push([channel, message]));
    await sub.subscribe(...channels);
    return got;
  };

  def('beequeue_job_events', async () => {
    const name = 'events';
    const channel = `${BEE_PREFIX}:${name}:events`;
    const raw = await rawSubscriber(channel);
    const producer = beeQueue(name, { isWorker: false, getEvents: true, sendEvents: false });
    const observer = beeQueue(name, { isWorker: false, getEvents: true, sendEvents: false });
    const worker = beeQueue(name, { getEvents: false, sendEvents: true });
    await Promise.all([producer.ready(), observer.ready(), worker.ready()]);
    // ready loaded the library's scripts (SCRIPT EXISTS, SCRIPT LOAD); three subscribers
    const names = ['addJob', 'addDelayedJob', 'checkStalledJobs', 'raiseDelayedJobs', 'removeJob'];
    eq(names.map((n) => beeLua.shas[n] === sha1(beeLua.scripts[n])), names.map(() => true), 'the library\'s script texts');
    eq(await redis.script('EXISTS', ...names.map((n) => beeLua.shas[n])), names.map(() => 1), 'the scripts in the server cache');
    eq(await redis.pubsub('NUMSUB', channel), [channel, 3], 'subscribers of the events channel');
    const producerEvents = beeEvents(producer);
    const observerEvents = beeEvents(observer);
    // jobs: 8 squares saved in one pipelined batch (saveAll), reporting progress twice; one that
    // succeeds on its 3rd try (retries 2), one that fails twice (retries 1), one with no retry
    const squares = Array.from({ length: 8 }, (_, i) => producer.createJob({ kind: 'square', n: i + 1 }));
    eq((await producer.saveAll(squares)).size, 0, 'saveAll errors');
    const flaky = await producer.createJob({ kind: 'flaky' }).retries(2).save();
    const doomed = await producer.createJob({ kind: 'doomed' }).retries(1).save();
    const quiet = await producer.createJob({ kind: 'quiet' }).save();
    const jobs = [...squares, flaky, doomed, quiet];
    eq(jobs.map((j) => j.id), Array.from({ length: 11 }, (_, i) => String(i + 1)), 'job ids');
    // the events each Job object of the producer gets
    const perJob = {};
    for (const j of jobs) {
      perJob[j.id] = [];
      for (const ev of ['succeeded', 'failed', 'retrying', 'progress']) {
        j.on(ev, (data) => perJob[j.id].push([ev, data instanceof Error ? `Error: ${data.message}` : data]));
      }
    }
    const tries = new Map();
    worker.process(2, async (job) => {
      const n = (tries.get(job.id) || 0) + 1;
      tries.set(job.id, n);
      switch (job.data.kind) {
        case 'square':
          await job.reportProgress(50);
          await job.reportProgress({ n: job.data.n, stage: 'done' });
          return job.data.n * job.data.n;
        case 'flaky':
          if (n < 3) throw new Error(`flaky try ${n}`);
          return { ok: true, tries: n };
        case 'doomed':
          throw new Error(`doomed try ${n}`);
        default:
          throw new Error('no retries');
      }
    });
    const expected = {};
    for (const j of squares) {
      const n = j.data.n;
      expected[j.id] = [['progress', 50], ['progress', { n, stage: 'done' }], ['succeeded', n * n]];
    }
    expected[flaky.id] = [['retrying', 'Error: flaky try 1'], ['retrying', 'Error: flaky try 2'], ['succeeded', { ok: true, tries: 3 }]];
    expected[doomed.id] = [['retrying', 'Error: doomed try 1'], ['failed', 'Error: doomed try 2']];
    expected[quiet.id] = [['failed', 'Error: no retries']];
    const total = Object.values(expected).reduce((a, e) => a + e.length, 0);
    await waitFor(() => producerEvents.length >= total && observerEvents.length >= total && raw.length >= total,
      () => `${total} events each (producer ${producerEvents.length}, observer ${observerEvents.length}, raw ${raw.length})`);
    await sleep(200); // nothing more comes
    eq(byJob(producerEvents), expected, 'the producer\'s job events, per job in order');
    eq(byJob(observerEvents), expected, 'a second queue\'s job events');
    eq(perJob, expected, 'the events of the producer\'s Job objects');
    // on the wire: JSON {id, event, data}, an error as its message
    const wire = raw.map(([ch, m]) => {
      const { id, event, data } = JSON.parse(m);
      return [ch === channel ? event : `${ch}?`, id, event === 'failed' || event === 'retrying' ? `Error: ${data}` : data];
    });
    eq(byJob(wire), expected, 'the published messages');
    eq([flaky.options.retries, squares[0].progress], [0, { n: 1, stage: 'done' }], 'Job objects updated by the events');
    // the queue's state as the scripts and MULTIs left it
    eq(await producer.checkHealth(), { waiting: 0, active: 0, succeeded: 9, failed: 2, delayed: 0, newestJob: 11 }, 'checkHealth');
    eq((await producer.getJobs('failed')).map((j) => j.id).sort(), [doomed.id, quiet.id], 'failed jobs');
    const d = await producer.getJob(doomed.id);
    eq([d.status, d.options.retries, d.options.stacktraces.length], ['failed', 0, 2], 'the doomed job');
    check(d.options.stacktraces[0].startsWith('Error: doomed try 2'), `stacktrace: ${d.options.stacktraces[0]}`);
    const f = await producer.getJob(flaky.id);
    eq([f.status, f.options.stacktraces.length], ['succeeded', 2], 'the flaky job');
    eq([...tries.values()].reduce((a, b) => a + b, 0), 8 + 3 + 2 + 1, 'runs');
    // closing quits the subscribers (QUIT in subscribed mode)
    await Promise.all([producer.close(), observer.close(), worker.close()]);
    eq(await redis.pubsub('NUMSUB', channel), [channel, 1], 'subscribers after close');
    eq([producer.errors, observer.errors, worker.errors], [[], [], []], 'queue errors');
  });

  def('beequeue_delayed', async () => {
    const name = 'delayed';
    const earlier = `${BEE_PREFIX}:${name}:earlierDelayed`;
    const raw = await rawSubscriber(earlier);
    const producer = beeQueue(name, { isWorker: false, getEvents: true, sendEvents: false });
    // activateDelayedJobs: a timer the worker sets from the earlierDelayed messages (the producer
    // has none: the worker learns of a delayed job only through pub/sub, else in 20 minutes)
    const worker = beeQueue(name, { getEvents: false, sendEvents: true, activateDelayedJobs: true });
    await Promise.all([producer.ready(), worker.ready()]);
    eq(await redis.pubsub('NUMSUB', earlier), [earlier, 2], 'subscribers of earlierDelayed');
    check(beeLua.scripts.addDelayedJob.includes('redis.call("publish", KEYS[4], ARGV[3])'), 'addDelayedJob.lua publishes');
    const events = beeEvents(producer);
    const runs = [];
    const raised = [];
    worker.on('raised jobs', (n) => raised.push(n));
    worker.process(1, async (job) => {
      runs.push([job.data.tag, Date.now()]);
      if (job.data.tag === 'backoff' && runs.length === 1) throw new Error('first try');
      return job.data.tag;
    });
    // a failed try retried after a fixed 400 ms backoff: the worker's MULTI ZADDs the job to the
    // delayed set and PUBLISHes its time; the worker's own subscription brings it back
    const b = await producer.createJob({ tag: 'backoff' }).retries(1).backoff('fixed', 400).save();
    await waitFor(() => events.length === 2, () => `backoff job events: ${JSON.stringify(events)}`);
    eq(events.splice(0), [['retrying', b.id, 'Error: first try'], ['succeeded', b.id, 'backoff']], 'backoff job events');
    eq(raw.length, 1, 'earlierDelayed messages of the retry');
    const retryAt = Number(raw.splice(0)[0][1]);
    check(runs[1][1] >= retryAt && retryAt - runs[0][1] >= 400, `retry due at +${retryAt - runs[0][1]} ms, ran at +${runs[1][1] - runs[0][1]} ms`);
    // delayed jobs added while the worker waits: a and b each become the head of the delayed set
    // (the script publishes their times), c does not; the worker wakes for b, then for a (from
    // raiseDelayedJobs' reply), then for c
    const t0 = Date.now();
    const [ta, tb, tc] = [t0 + 1500, t0 + 700, t0 + 3000];
    const a = await producer.createJob({ tag: 'a' }).delayUntil(ta).save();
    const bb = await producer.createJob({ tag: 'b' }).delayUntil(tb).save();
    const c = await producer.createJob({ tag: 'c' }).delayUntil(tc).save();
    eq([a.id, bb.id, c.id], ['2', '3', '4'], 'delayed job ids');
    eq(await redis.zrange(`${BEE_PREFIX}:${name}:delayed`, 0, -1, 'WITHSCORES'),
      [bb.id, String(tb), a.id, String(ta), c.id, String(tc)], 'the delayed set');
    eq((await producer.checkHealth()).delayed, 3, 'checkHealth delayed');
    await waitFor(() => runs.length === 5, () => `delayed jobs run: ${JSON.stringify(runs)}`);
    eq(raw.map(([, m]) => m), [String(ta), String(tb)], 'earlierDelayed messages of the adds');
    eq(runs.slice(2).map(([tag]) => tag), ['b', 'a', 'c'], 'delayed jobs in time order');
    const late = runs.slice(2).map(([tag, at]) => at - { a: ta, b: tb, c: tc }[tag]).filter((d) => d < 0);
    eq(late, [], 'delayed jobs run before their time (ms)');
    await waitFor(() => events.length === 3, () => `delayed job events: ${JSON.stringify(events)}`);
    eq(events, [['succeeded', bb.id, 'b'], ['succeeded', a.id, 'a'], ['succeeded', c.id, 'c']], 'delayed job events');
    eq(raised.reduce((x, y) => x + y, 0), 4, `jobs raised (${JSON.stringify(raised)})`);
    eq(await producer.checkHealth(), { waiting: 0, active: 0, succeeded: 4, failed: 0, delayed: 0, newestJob: 4 }, 'checkHealth at the end');
    await Promise.all([producer.close(), worker.close()]);
    eq(await redis.pubsub('NUMSUB', earlier), [earlier, 1], 'subscribers after close');
    eq([producer.errors, worker.errors], [[], []], 'queue errors');
  });

  // ONLY=name,name runs some checks (for debugging one)
  const only = process.env.ONLY ? process.env.ONLY.split(',') : null;
  run(only ? checks.filter(([name]) => only.includes(name)) : checks, {
    setup: cleanup,
    teardown: async () => {
      await closeAll();
      redis.disconnect();
    },
  }).then(() => process.exit());
}
