import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { events, FIXTURES, mendkit, spawnMendkit } from './support/cli';

const jobs = path.join(FIXTURES, 'jobs.js');
const stateDir = mkdtempSync(path.join(tmpdir(), 'mendkit-cli-'));

describe('the mendkit CLI', () => {
  after(() => rmSync(stateDir, { recursive: true, force: true }));

  it('lists a module’s jobs with their triggers and the next cron run', () => {
    const child = mendkit(['list', jobs]);
    assert.equal(child.status, 0, child.stderr);
    const [hello, broken] = child.stdout.trim().split('\n');
    assert.match(hello!, /^hello {2}· {2}cron '0 3 \* \* \*' \(Europe\/Paris\) {2}· {2}next: \d{4}-\d\d-\d\dT0[12]:00:00\.000Z {2}· {2}overlap: skip, catchUp$/);
    assert.equal(broken, 'broken  ·  every 1h  ·  overlap: skip, timeout: 5000 ms');
  });

  it('runs a job once: exit 0 on success, 1 on failure, each run in the history', () => {
    const ok = mendkit(['run', jobs, 'hello', '--state-dir', stateDir]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /^hello: succeeded in \d+ ms \(1 attempt\)\n$/);
    assert.equal(events(ok.stderr, 'fixture.hello').length, 1);
    const failed = mendkit(['run', jobs, 'broken', '--state-dir', stateDir]);
    assert.equal(failed.status, 1);
    assert.match(failed.stdout, /^broken: failed in \d+ ms \(1 attempt\) — EIO: disk on fire\n$/);

    const table = mendkit(['history', '--state-dir', stateDir]);
    assert.equal(table.status, 0, table.stderr);
    assert.match(table.stdout, /manual {3}hello: succeeded .*\n.*manual {3}broken: failed .* EIO: disk on fire\n$/);
    const json = mendkit(['history', '--state-dir', stateDir, '--job', 'broken', '--json']);
    const records = JSON.parse(json.stdout) as { job: string; outcome: string; errorCode: string; attempts: number; heals: number }[];
    assert.deepEqual(records.map((r) => [r.job, r.outcome, r.errorCode, r.attempts, r.heals]), [['broken', 'failed', 'EIO', 1, 0]]);
  });

  it('says an unknown job is unknown and lists the known ones (exit 5)', () => {
    const child = mendkit(['run', jobs, 'nope']);
    assert.equal(child.status, 5);
    assert.equal(child.stderr, "mendkit: no job named 'nope'; known jobs: hello, broken\n");
  });

  it('says where it looked for a missing module (exit 3)', () => {
    const child = mendkit(['list', 'missing/jobs.js']);
    assert.equal(child.status, 3);
    assert.equal(child.stderr, `mendkit: cannot find the module missing/jobs.js (looked for ${path.resolve('missing/jobs.js')})\n`);
  });

  it('says a module defines no jobs, and how to define one (exit 4)', () => {
    const child = mendkit(['start', path.join(FIXTURES, 'noJobs.js')]);
    assert.equal(child.status, 4);
    assert.match(child.stderr, /defines no jobs: decorate a class with @Job\(\{ name, cron \| every \| watch \}\)/);
  });

  it('names the job, the class and the field of a bad cron expression (exit 6)', () => {
    const child = mendkit(['list', path.join(FIXTURES, 'badCron.js')]);
    assert.equal(child.status, 6);
    assert.match(child.stderr, /has a misconfigured job: @Job\('late'\) on Late: invalid `cron` '0 25 \* \* \*': .*hour: 25\n$/);
  });

  it('answers --help everywhere, and refuses unknown commands, options and missing arguments (exit 2)', () => {
    for (const command of [[], ['list'], ['run'], ['start'], ['history']]) {
      const help = mendkit([...command, '--help']);
      assert.equal(help.status, 0);
      assert.match(help.stdout, new RegExp(`^Usage: mendkit ${command[0] ?? '<command>'}`));
    }
    const bare = mendkit([]);
    assert.deepEqual([bare.status, bare.stdout], [2, '']);
    assert.match(bare.stderr, /^Usage: mendkit <command>/);
    assert.equal(mendkit(['frob']).stderr, "mendkit: unknown command 'frob'; commands: list, run, start, history, chaos, dashboard\n");
    assert.equal(mendkit(['frob']).status, 2);
    const badOption = mendkit(['list', jobs, '--json']);
    assert.deepEqual([badOption.status, badOption.stderr], [2, "mendkit: list: unknown option --json; see 'mendkit list --help'\n"]);
    const missing = mendkit(['run', jobs]);
    assert.deepEqual([missing.status, missing.stderr], [2, "mendkit: run: missing the job name; see 'mendkit run --help'\n"]);
  });

  it('shows an empty history plainly', () => {
    const child = mendkit(['history', '--state-dir', path.join(stateDir, 'none')]);
    assert.equal(child.status, 0);
    assert.match(child.stdout, /^no runs recorded in /);
  });

  it('start: catches up a cron run missed while it was down, known from the run history on disk', async () => {
    const state = path.join(stateDir, 'catch-up');
    mkdirSync(state);
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const last = { id: 'old', job: 'hello', trigger: 'cron', scheduledAt: twoDaysAgo, startedAt: twoDaysAgo, endedAt: twoDaysAgo, durationMs: 1, outcome: 'succeeded', attempts: 1, heals: 0 };
    writeFileSync(path.join(state, 'runs.jsonl'), `${JSON.stringify(last)}\n`);
    const child = spawnMendkit(['start', jobs, '--state-dir', state]);
    await child.waitFor('"event":"job.succeeded"');
    child.child.kill('SIGTERM');
    assert.equal(await child.exited, 0, child.stderr);
    assert.equal(events(child.stderr, 'job.catchUp').length, 1);
    const records = JSON.parse(mendkit(['history', '--json', '--state-dir', state]).stdout) as { id: string; trigger: string; outcome: string }[];
    assert.deepEqual(records.map((r) => [r.trigger, r.outcome]), [['cron', 'succeeded'], ['catchUp', 'succeeded']]);
  });
});

