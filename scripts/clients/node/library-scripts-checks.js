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
