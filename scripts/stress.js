// Runs the whole compiled suite N times in a row while one busy loop per core keeps the machine
// loaded, and says which tests failed in which run: a test that passes only on an idle machine
// is not done. Uses whichever node runs it (`/path/to/node scripts/stress.js`), as run-tests.js.
//
//   npm run test:stress                 10 runs (after npm run build)
//   npm run test:stress -- --runs 3
//   node scripts/stress.js --runs 3 --hogs 0   the same without the load
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} takes a whole number, got ${process.argv[index + 1]}`);
    process.exit(2);
  }
  return value;
}

const runs = option('runs', 10);
const hogCount = option('hogs', os.availableParallelism());
const runTests = path.join(__dirname, 'run-tests.js');
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mendkit-stress-'));

const hogs = [];
/** The suite running now: its own process group, so that stopping it stops the test files too. */
let suite;
function stopAll() {
  for (const hog of hogs.splice(0)) hog.kill('SIGKILL');
  if (suite !== undefined && suite.exitCode === null) {
    try {
      process.kill(-suite.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}

/**
 * What a run of node's test runner with the TAP reporter said: the totals, and the failed tests
 * by their path (suite › test). A failed suite is listed only when none of its tests is (a file
 * that failed to load, a failing hook).
 */
function parseTap(text) {
  const names = [];
  const failed = [];
  const totals = {};
  for (const line of text.split('\n')) {
    const subtest = /^( *)# Subtest: (.*)$/.exec(line);
    if (subtest) {
      const depth = subtest[1].length / 4;
      names.length = depth;
      names[depth] = subtest[2];
      continue;
    }
    const notOk = /^( *)not ok \d+ - (.*?)(?: # (?:TODO|SKIP).*)?$/.exec(line);
    if (notOk) {
      const depth = notOk[1].length / 4;
      failed.push([...names.slice(0, depth), notOk[2]]);
      continue;
    }
    const total = /^# (tests|pass|fail|skipped|cancelled|todo) (\d+)$/.exec(line);
    if (total) totals[total[1]] = Number(total[2]);
  }
  const isParent = (outer) => failed.some((inner) => inner.length > outer.length && outer.every((name, i) => inner[i] === name));
  return { totals, failed: failed.filter((entry) => !isParent(entry)).map((entry) => entry.join(' › ')) };
}

function runSuite(index) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [runTests, '--test-reporter=tap'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    suite = child;
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (out += chunk));
    child.on('close', (code) => {
      const log = path.join(logDir, `run-${index}.tap`);
      fs.writeFileSync(log, out);
      resolve({ code, log, seconds: Math.round((Date.now() - started) / 1000), ...parseTap(out) });
    });
  });
}

async function main() {
  for (let i = 0; i < hogCount; i++) hogs.push(spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
  console.log(`${runs} run(s) of the suite on Node ${process.version}, ${hogCount} busy loop(s) on ${os.availableParallelism()} core(s); TAP logs in ${logDir}`);
  const results = [];
  for (let index = 1; index <= runs; index++) {
    const result = await runSuite(index);
    results.push(result);
    const { tests = 0, pass = 0, fail = 0, skipped = 0 } = result.totals;
    const ok = result.code === 0 && fail === 0;
    console.log(`run ${index}/${runs}: ${ok ? 'ok' : 'FAILED'} — ${tests} tests, ${pass} passed, ${fail} failed, ${skipped} skipped in ${result.seconds} s`);
    for (const name of result.failed) console.log(`  not ok: ${name}`);
    if (!ok) console.log(`  log: ${result.log}`);
    if (!ok && result.failed.length === 0) console.log(`  the runner exited with ${result.code}`);
  }
  stopAll();

  const failedRuns = results.filter((result) => result.code !== 0 || (result.totals.fail ?? 0) > 0);
  const counts = new Map();
  for (const result of results) for (const name of result.failed) counts.set(name, (counts.get(name) ?? 0) + 1);
  const seconds = results.map((result) => result.seconds);
  console.log(`\n${runs - failedRuns.length}/${runs} runs green; ${Math.min(...seconds)}–${Math.max(...seconds)} s per run`);
  for (const [name, count] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  failed ${count}×: ${name}`);
  process.exitCode = failedRuns.length === 0 ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  stopAll();
  process.exitCode = 1;
});
