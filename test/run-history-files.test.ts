import 'reflect-metadata';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, FileRunHistory, type RunRecord, type SkipReason } from 'mendkit';
import { mendkit } from './support/cli';

const root = mkdtempSync(path.join(tmpdir(), 'mendkit-history-files-'));

function record(job: string, n: number, at = Date.UTC(2026, 0, 1) + n * 1000): RunRecord {
  const iso = new Date(at).toISOString();
  return { id: `${job}-${n}`, job, trigger: 'every', scheduledAt: iso, startedAt: iso, endedAt: iso, durationMs: 5, outcome: 'succeeded', attempts: 1, heals: 0 };
}

function sizeOf(dir: string): number {
  return readdirSync(dir).filter((name) => name.endsWith('.jsonl')).reduce((sum, name) => sum + statSync(path.join(dir, name)).size, 0);
}

describe('FileRunHistory: rotation, skipped lines, last runs', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  it('rotates by size, keeps maxFiles files, and reads the newest records across them in order', async () => {
    const dir = path.join(root, 'rotate');
    const history = new FileRunHistory(dir, { maxFileBytes: 4096, maxFiles: 3 });
    for (let n = 0; n < 200; n++) await history.append(record(n % 3 ? 'a' : 'b', n));
    const files = readdirSync(dir).filter((name) => name.endsWith('.jsonl'));
    assert.equal(files.length, 3, files.join(', '));
    assert.ok(files.every((name) => name === 'runs.jsonl' || /^runs\.\d{8}T\d{9}Z\.\d+\.\d{6}\.jsonl$/.test(name)), files.join(', '));
    assert.ok(sizeOf(dir) <= 3 * 4096, `${sizeOf(dir)} bytes kept`);
    const ids = (await history.read()).map((r) => r.id);
    assert.deepEqual(ids.slice(-3), ['a-197', 'b-198', 'a-199']);
    const numbers = ids.map((id) => Number(id.split('-')[1]));
    assert.deepEqual(numbers, [...numbers].sort((x, y) => x - y), 'oldest first, across files');
    assert.deepEqual((await history.read({ job: 'b', limit: 2 })).map((r) => r.id), ['b-195', 'b-198']);
  });

  it('skips lines that are not run records — torn, null, an array, a string, {"job":"tiny"}, one huge line — and counts them', async () => {
    const dir = path.join(root, 'skips');
    mkdirSync(dir);
    const file = path.join(dir, 'runs.jsonl');
    const good = [record('x', 1), record('x', 2), record('x', 3)].map((r) => JSON.stringify(r));
    const huge = 'z'.repeat(3 * 1024 * 1024); // no record is this long: skipped without being held whole
    writeFileSync(file, [good[0], '{"job":"tiny"}', 'null', '[1,2]', '"a string"', huge, good[1], '{"id":"torn","job":"x","trig', good[2], ''].join('\n'));
    const skipped: SkipReason[] = [];
    const records = await new FileRunHistory(dir).read({ onSkipped: (reason) => skipped.push(reason) });
    assert.deepEqual(records.map((r) => r.id), ['x-1', 'x-2', 'x-3']);
    assert.deepEqual(skipped.sort(), ['not a run record', 'not a run record', 'not a run record', 'not a run record', 'torn', 'torn']);

    const cli = mendkit(['history', '--state-dir', dir]);
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(cli.stdout.trim().split('\n').length, 3);
    assert.match(cli.stderr, /^mendkit: 6 line\(s\) skipped among those read: 2 torn \(not JSON: cut short by a crash\?\), 4 not run records$/m);
  });

  it('starts a batch after a torn line (another process killed mid-write) on a fresh line', async () => {
    const dir = path.join(root, 'torn-other');
    const history = new FileRunHistory(dir);
    await history.append(record('x', 1));
    appendFileSync(history.file, JSON.stringify(record('x', 2)).slice(0, 30)); // another process, killed
    await history.append(record('x', 3));
    assert.deepEqual((await history.read()).map((r) => r.id), ['x-1', 'x-3']);
  });

  it('keeps each job’s last run apart: found without the history; a busy job’s is checked against the tail', async () => {
    const dir = path.join(root, 'last');
    const history = new FileRunHistory(dir);
    await history.append(record('nightly', 1));
    for (let n = 2; n < 60; n++) await history.append(record('busy', n));
    assert.equal((await history.lastRun('nightly'))?.id, 'nightly-1');
    // Without flush the busy job's entry lags (a crash now): the tail has its later runs.
    assert.equal((await new FileRunHistory(dir).lastRun('busy'))?.id, 'busy-59');
    await history.flush();
    assert.equal((await new FileRunHistory(dir).lastRun('busy'))?.id, 'busy-59');
    // Entries written by an older version do not exist: the tail is read instead.
    rmSync(path.join(dir, 'runs.last'), { recursive: true });
    assert.equal((await new FileRunHistory(dir).lastRun('nightly'))?.id, 'nightly-1');
    assert.equal(await new FileRunHistory(dir).lastRun('never'), undefined);
  });

  it('refuses bad rotation settings, from options and from the environment', () => {
    assert.throws(() => new FileRunHistory(root, { maxFiles: 0 }), ConfigError);
    assert.throws(() => new FileRunHistory(root, { maxFileBytes: 1.5 }), ConfigError);
    assert.throws(() => new FileRunHistory(root, { maxFile: 3 } as never), /did you mean `maxFiles`/);
    process.env.MENDKIT_HISTORY_MAX_BYTES = '10MB';
    try {
      assert.throws(() => new FileRunHistory(root), /MENDKIT_HISTORY_MAX_BYTES must be an integer ≥ 1, got "10MB"/);
    } finally {
      delete process.env.MENDKIT_HISTORY_MAX_BYTES;
    }
  });
});
