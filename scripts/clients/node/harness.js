'use strict';
// The tiny runner shared by the node drivers: runs named async checks in order and prints one
// line each, `PASS name`, `FAIL name: detail` or `SKIP name: reason`, like the python driver.
const assert = require('node:assert/strict');

class Skip extends Error {}

function parseTarget(argv) {
  const target = argv[2];
  if (!target || !target.includes(':')) {
    console.error(`usage: node ${argv[1]} host:port`);
    process.exit(2);
  }
  const i = target.lastIndexOf(':');
  return { host: target.slice(0, i) || '127.0.0.1', port: Number(target.slice(i + 1)) };
}

// eq(actual, expected, what): deep strict equality with a readable message
function eq(actual, expected, what) {
  try {
    assert.deepStrictEqual(actual, expected);
  } catch (e) {
    throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

function check(cond, detail) {
  if (!cond) throw new Error(detail);
}

function show(v) {
  if (Buffer.isBuffer(v)) return `<Buffer ${v.toString('hex').slice(0, 40)}>`;
  if (v instanceof Error) return `${v.constructor.name}(${JSON.stringify(v.message)})`;
  try {
    const s = JSON.stringify(v, (k, x) => (x instanceof Error ? `${x.constructor.name}(${x.message})` : x));
    return s === undefined ? String(v) : s.length > 300 ? s.slice(0, 300) + '...' : s;
  } catch (_) {
    return String(v);
  }
}

// expectReject(promise, what): resolves to the error the promise rejected with
async function expectReject(promise, what) {
  try {
    const v = await promise;
    throw new Error(`${what}: expected an error, got ${show(v)}`);
  } catch (e) {
    if (e.message && e.message.startsWith(`${what}: expected an error`)) throw e;
    return e;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// run(checks, { setup, teardown }, pending): pending is [name, reason] pairs for checks not
// written yet (they need a server feature still being built), printed as SKIP
async function run(checks, { setup, teardown } = {}, pending = []) {
  let failed = 0;
  if (setup) await setup();
  for (const [name, fn] of checks) {
    try {
      await fn();
      console.log(`PASS ${name}`);
    } catch (e) {
      if (e instanceof Skip) {
        console.log(`SKIP ${name}: ${e.message}`);
      } else {
        failed++;
        const where = (e.stack || '').split('\n').find((l) => l.includes('checks.js')) || '';
        const at = where.match(/:(\d+):\d+\)?$/);
        console.log(`FAIL ${name}: ${e.constructor.name}: ${e.message}${at ? ` (line ${at[1]})` : ''}`.replace(/\n/g, ' '));
      }
    }
  }
  for (const [name, reason] of pending) console.log(`SKIP ${name}: pending, ${reason}`);
  if (teardown) await teardown();
  process.exitCode = failed ? 1 : 0;
}

module.exports = { Skip, parseTarget, eq, check, show, expectReject, sleep, run };
