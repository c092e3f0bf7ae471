import 'reflect-metadata';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { type ChaosReport, formatChaosReport, Job, type RunRecord } from 'mendkit';
import { intervalOf, progressTo } from '../src/cli/chaos';
import { integerOption } from '../src/cli/commands';
import { readJobSettings } from '../src/jobs/jobRegistry';
import { FIXTURES, mendkit, SAMPLES } from './support/cli';

const root = mkdtempSync(path.join(tmpdir(), 'mendkit-cli-chaos-'));
const sample = path.join(SAMPLES, 'api-sync.js');

/** The arguments `npm run chaos` gives the CLI, read from package.json so the test runs exactly that. */
function npmChaosArgs(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [, command = ''] = /node dist\/src\/cli\/main\.js (chaos .*)$/.exec(scripts.chaos ?? '') ?? [];
  return command.split(' ').map((arg) => (arg.startsWith('dist/') ? path.join(__dirname, '..', '..', arg) : arg));
}

function total(record: Readonly<Record<string, number>>): number {
  return Object.values(record).reduce((sum, count) => sum + count, 0);
}

/** The report a `--json` run printed on its last line. */
function lastLineReport(stdout: string): ChaosReport {
  return JSON.parse(stdout.trimEnd().split('\n').at(-1)!) as ChaosReport;
}

describe('mendkit chaos', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  it('--runs 0 and --runs 1.5 break one rule, so they get one message (exit 2)', () => {
    const jobs = path.join(FIXTURES, 'jobs.js');
    for (const runs of ['0', '1.5']) {
      const child = mendkit(['chaos', jobs, 'hello', '--runs', runs]);
      assert.equal(child.status, 2, child.stderr);
      assert.match(child.stderr, new RegExp(`--runs must be an integer ≥ 1, got ${runs.replace('.', '\\.')}`));
    }
  });

  it('every integer option: plain digits at or above its minimum, one message for anything else', () => {
    const read = (raw: string | boolean, min: number) => integerOption({ positionals: [], options: { n: raw } }, 'n', min);
    assert.equal(read('7', 1), 7);
    assert.equal(read('0', 0), 0);
    for (const [raw, min] of [['0', 1], ['1.5', 1], ['-1', 0], ['', 0], [' ', 0], ['1e3', 0], ['0x10', 0], ['abc', 0], [true, 0], ['9007199254740993', 0]] as const) {
      assert.throws(() => read(raw, min), { message: `--n must be an integer ≥ ${min}, got ${String(raw)}` }, String(raw));
    }
  });

  it('npm run chaos: api-sync at rate 0.3 over 200 runs — none lost, all succeed within the retry budget, the report agrees with the history', () => {
    const args = npmChaosArgs();
    assert.deepEqual(args.slice(0, 1).concat(args.slice(3)), ['chaos', '--runs', '200', '--rate', '0.3', '--seed', '42']);
    const state = path.join(root, 'state');
    const child = mendkit([...args, '--json', '--state-dir', state], { API_SYNC_DIR: path.join(root, 'missing', 'records'), API_SYNC_URL: '' }, 60_000);
    assert.equal(child.status, 0, child.stderr);
    const report = lastLineReport(child.stdout);
    assert.deepEqual([report.runs, report.succeeded, report.failed, report.lost], [200, 200, 0, 0]);
    assert.equal(report.target, 'ApiSyncJob.run');
    assert.ok(total(report.injected) > 0 && report.retries > 0, 'faults were injected and retried');
    assert.ok((report.heals.RefreshToken ?? 0) > 0 && (report.heals.EnsureDirectory ?? 0) > 0, JSON.stringify(report.heals));

    const records = readFileSync(path.join(state, 'runs.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as RunRecord);
    assert.equal(records.length, 200);
    assert.ok(records.every((r) => r.job === 'api-sync' && r.outcome === 'succeeded'));
    // Within the retry budget: @Retry({ attempts: 10 }); re-runs after heals come on top.
    assert.ok(records.every((r) => r.attempts <= 10), 'no run went past its retry budget');
    assert.equal(records.reduce((sum, r) => sum + r.attempts + r.heals, 0), report.attempts);
    assert.equal(records.reduce((sum, r) => sum + r.heals, 0), total(report.heals));
    // Every attempt after a run's first was a retry or a re-run after a heal.
    assert.equal(report.attempts, report.runs + report.retries + total(report.heals));
    assert.equal(Math.max(...records.map((r) => r.attempts + r.heals)), report.attemptsPerRun.max);

    // The run is deterministic (the API misbehaves by count, faults follow the seed): docs/faults.md shows this very report.
    const page = readFileSync(path.join(__dirname, '..', '..', 'docs', 'faults.md'), 'utf8');
    const shown = /```text\n(chaos: 200 runs of ApiSyncJob\.run[^`]*)```/.exec(page)?.[1];
    const withoutTime = (table: string) => table.replace(/^ {2}time .*$/m, '').trim();
    assert.equal(withoutTime(formatChaosReport(report)), withoutTime(shown ?? 'docs/faults.md shows no api-sync report'));

    // Not a terminal: a few plain progress lines on stderr, the last one the total.
    const progress = child.stderr.split('\n').filter((line) => line.startsWith('chaos: '));
    assert.deepEqual(progress, [
      'chaos: 50/200 runs · 50 succeeded · 0 failed · 0 lost',
      'chaos: 100/200 runs · 100 succeeded · 0 failed · 0 lost',
      'chaos: 150/200 runs · 150 succeeded · 0 failed · 0 lost',
      'chaos: 200/200 runs · 200 succeeded · 0 failed · 0 lost',
    ]);
  });

  it('at rate 1.0 every run fails, each filed under its code, and the exit code is 1', () => {
    const child = mendkit(['chaos', sample, 'api-sync', '--runs', '5', '--rate', '1', '--seed', '1', '--faults', 'ECONNRESET:fetch'], {
      API_SYNC_DIR: path.join(root, 'never'),
    });
    assert.equal(child.status, 1, child.stderr);
    assert.match(child.stdout, /^chaos: 5 runs of ApiSyncJob\.run, fault rate 1, seed 1$/m);
    assert.match(child.stdout, /^ {2}succeeded +0$/m);
    assert.match(child.stdout, /^ {2}failed +5$/m);
    assert.match(child.stdout, /^ {2}attempts\/run +p50 10, p95 10, max 10$/m);
    // Filed as documented: the wrapper's code, then the last attempt's; the history keeps the last attempt's.
    assert.match(child.stdout, /^ {2}failures +MENDKIT_RETRY_EXHAUSTED\(ECONNRESET\) 5$/m);
  });

  it('explains itself with --help; unknown jobs and bad options are refused with their exit codes', () => {
    const help = mendkit(['chaos', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: mendkit chaos <module> <job>/);
    assert.match(help.stdout, /Time is compressed/);
    const unknown = mendkit(['chaos', sample, 'nope']);
    assert.equal(unknown.status, 5);
    assert.equal(unknown.stderr, "mendkit: no job named 'nope'; known jobs: api-sync\n");
    const rate = mendkit(['chaos', path.join(FIXTURES, 'jobs.js'), 'hello', '--rate', '2']);
    assert.equal(rate.status, 2);
    assert.match(rate.stderr, /--rate must be a number from 0 to 1, got 2/);
    const faults = mendkit(['chaos', path.join(FIXTURES, 'jobs.js'), 'hello', '--faults', 'EWHAT']);
    assert.equal(faults.status, 2);
    assert.match(faults.stderr, /unknown fault "EWHAT"/);
  });
});

describe('mendkit chaos: progress and spacing', () => {
  const progress = (done: number, runs: number) => ({ done, runs, succeeded: done, failed: 0, lost: 0 });

  it('redraws one status line on a terminal; writes a few plain lines otherwise', () => {
    const status: string[] = [];
    const plain: string[] = [];
    const onTerminal = progressTo({ out: () => undefined, err: () => undefined, status: (line) => status.push(line) });
    const onPipe = progressTo({ out: () => undefined, err: (line) => plain.push(line) });
    for (let done = 1; done <= 10; done++) {
      onTerminal(progress(done, 10));
      onPipe(progress(done, 10));
    }
    assert.equal(status.length, 10);
    assert.equal(status.at(-1), 'chaos: 10/10 runs · 10 succeeded · 0 failed · 0 lost');
    assert.deepEqual(plain.map((line) => line.split(' ')[1]), ['3/10', '6/10', '9/10', '10/10']);
  });

  it('spaces runs as the job’s trigger would: its interval, the gap between two cron times, none for a watch', () => {
    @Job({ name: 'every', every: '5m' })
    class Every {
      async run() {}
    }
    @Job({ name: 'nightly', cron: '0 3 * * *', timezone: 'UTC' })
    class Nightly {
      async run() {}
    }
    @Job({ name: 'watched', watch: '/tmp/inbox' })
    class Watched {
      async run() {}
    }
    assert.deepEqual([Every, Nightly, Watched].map((jobClass) => intervalOf(readJobSettings(jobClass)!)), [300_000, 86_400_000, 0]);
  });
});
