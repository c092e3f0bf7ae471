import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it, type TestContext } from 'node:test';
import { FileRunHistory, type RunRecord } from 'mendkit';
import { CLI, FIXTURES } from './support/cli';

const root = mkdtempSync(path.join(tmpdir(), 'mendkit-history-scale-'));
const GIB = 1024 ** 3;
/** What reading the last 20 records of a 1 GiB history may read, beyond what the same command reads on an empty one. */
const READ_BOUND = 4 * 1024 * 1024;
/** What it may add to the process's peak RSS. */
const RSS_BOUND_KB = 48 * 1024;

function record(job: string, at: number, n = 0): RunRecord {
  const iso = new Date(at).toISOString();
  return { id: `${job}-${n}`, job, trigger: 'every', scheduledAt: iso, startedAt: iso, endedAt: iso, durationMs: 3, outcome: 'succeeded', attempts: 1, heals: 0 };
}

/**
 * Makes `file` a 1 GiB history: what is in it now, then a hole (read back as zeros, no newline —
 * a reader that went through it would meet one giant line), then a few MiB of real records
 * of other jobs at the end.
 */
function growToOneGiB(file: string): number {
  const now = Date.now();
  const lines = Array.from({ length: 20_000 }, (_, i) => JSON.stringify(record(i % 2 ? 'tiny' : 'sync', now - 60_000 + i, i))).join('\n');
  const tail = Buffer.from(`\n${lines}\n`);
  const fd = openSync(file, 'r+');
  try {
    ftruncateSync(fd, GIB - tail.length);
    writeSync(fd, tail, 0, tail.length, GIB - tail.length);
  } finally {
    closeSync(fd);
  }
  return statSync(file).size;
}

interface Cost {
  readonly ms: number;
  readonly maxRssKb: number;
  readonly readBytes: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in a child with the I/O probe; for `start`, stops it with SIGTERM once `untilLine` is logged. */
function measured(args: readonly string[], untilLine?: string): Promise<Cost> {
  const out = path.join(root, `probe-${Math.random().toString(36).slice(2)}.json`);
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--require', path.join(FIXTURES, 'ioProbe.js'), CLI, ...args], {
    env: { ...process.env, MENDKIT_PROBE_OUT: out },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let ms = 0;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if (untilLine !== undefined && ms === 0 && stderr.includes(untilLine)) {
      ms = Number(process.hrtime.bigint() - started) / 1e6;
      child.kill('SIGTERM');
    }
  });
  const hang = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      clearTimeout(hang);
      if (untilLine === undefined) ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) return reject(new Error(`mendkit ${args.join(' ')} exited ${code}: ${stderr}`));
      resolve({ ms, stdout, stderr, ...(JSON.parse(readFileSync(out, 'utf8')) as { maxRssKb: number; readBytes: number }) });
    });
  });
}

function report(t: TestContext, what: string, cost: Cost, baseline: Cost): void {
  t.diagnostic(
    `${what}: ${cost.ms.toFixed(0)} ms (empty history: ${baseline.ms.toFixed(0)} ms), ` +
      `read ${cost.readBytes - baseline.readBytes} bytes more, peak RSS ${cost.maxRssKb - baseline.maxRssKb} KiB more`,
  );
}

describe('a 1 GiB run history', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  it('history --limit 20 reads its tail only: bounded bytes read and memory, whatever the size', async (t) => {
    const empty = path.join(root, 'empty-a');
    const big = path.join(root, 'big-a');
    const history = new FileRunHistory(big);
    await history.append(record('sync', Date.now() - 120_000));
    assert.equal(growToOneGiB(history.file), GIB);
    const baseline = await measured(['history', '--limit', '20', '--state-dir', empty]);
    const cost = await measured(['history', '--limit', '20', '--json', '--state-dir', big]);
    report(t, 'history --limit 20', cost, baseline);
    const records = JSON.parse(cost.stdout) as RunRecord[];
    assert.deepEqual(records.map((r) => r.id), Array.from({ length: 20 }, (_, i) => `${i % 2 ? 'tiny' : 'sync'}-${19_980 + i}`));
    assert.ok(cost.readBytes - baseline.readBytes < READ_BOUND, `read ${cost.readBytes - baseline.readBytes} bytes`);
    assert.ok(cost.maxRssKb - baseline.maxRssKb < RSS_BOUND_KB, `peak RSS grew by ${cost.maxRssKb - baseline.maxRssKb} KiB`);
    rmSync(big, { recursive: true, force: true });
  });

  it('a catch-up start finds the cron job’s last run 1 GiB back from its last-run entry, reading none of the history', async (t) => {
    const empty = path.join(root, 'empty-b');
    const big = path.join(root, 'big-b');
    const history = new FileRunHistory(big);
    const twoDaysAgo = Date.now() - 2 * 86_400_000;
    await history.append({ ...record('hello', twoDaysAgo), trigger: 'cron' });
    growToOneGiB(history.file);
    const jobs = path.join(FIXTURES, 'jobs.js');
    const baseline = await measured(['start', jobs, '--state-dir', empty], '"scheduler.started"');
    const cost = await measured(['start', jobs, '--state-dir', big], '"scheduler.started"');
    report(t, 'catch-up start', cost, baseline);
    assert.match(cost.stderr, /"event":"job\.catchUp"/);
    assert.doesNotMatch(baseline.stderr, /"event":"job\.catchUp"/);
    assert.ok(cost.readBytes - baseline.readBytes < READ_BOUND, `read ${cost.readBytes - baseline.readBytes} bytes`);
    assert.ok(cost.maxRssKb - baseline.maxRssKb < RSS_BOUND_KB, `peak RSS grew by ${cost.maxRssKb - baseline.maxRssKb} KiB`);
    // The catch-up run was recorded: the 1 GiB file was rotated aside, the run is in a fresh runs.jsonl.
    const [last] = await new FileRunHistory(big).read({ limit: 1 });
    assert.deepEqual([last?.job, last?.trigger], ['hello', 'catchUp']);
    assert.ok(statSync(history.file).size < 10_000);
    rmSync(big, { recursive: true, force: true });
  });
});
