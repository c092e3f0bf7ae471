import 'reflect-metadata';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { RunRecord } from '../src/jobs/RunRecord';
import { events, FIXTURES, mendkit, spawnMendkit } from './support/cli';
import { readTickNotes, REDIS_URL, removeQueueKeys, uniqueQueue } from './support/redis';
import { requireRedis } from './support/requires';
import { waitFor } from './support/waitFor';

const EVERY_MS = 200;
const TICKS = 20;
const root = mkdtempSync(path.join(tmpdir(), 'mendkit-bullmq-workers-'));
const queue = uniqueQueue('workers');

describe('mendkit start --redis: three worker processes share one schedule', { skip: requireRedis() }, () => {
  after(async () => {
    rmSync(root, { recursive: true, force: true });
    await removeQueueKeys(queue);
  });

  it('runs each tick of an every-200-ms job exactly once over 20 ticks, with no gap beyond one tick, and shares the history', async () => {
    const ticksFile = path.join(root, 'ticks.jsonl');
    const env = { TICKS_FILE: ticksFile, TICK_EVERY_MS: String(EVERY_MS) };
    const args = ['start', path.join(FIXTURES, 'ticks.js'), '--redis', REDIS_URL, '--queue', queue];
    const workers = [spawnMendkit(args, env), spawnMendkit(args, env), spawnMendkit(args, env)];
    try {
      await Promise.all(workers.map((worker) => worker.waitFor('"event":"bullmq.started"')));
      await waitFor(() => readTickNotes(ticksFile).filter((note) => note.event === 'finished').length >= TICKS, { what: () => `${TICKS} runs: ${JSON.stringify(readTickNotes(ticksFile))}` });
    } finally {
      for (const worker of workers) worker.child.kill('SIGTERM');
    }
    assert.deepEqual(await Promise.all(workers.map((worker) => worker.exited)), [0, 0, 0], workers.map((w) => w.stderr).join('\n'));

    const started = readTickNotes(ticksFile).filter((note) => note.event === 'started');
    const ticks = started.map((note) => note.scheduledAt).sort((a, b) => a - b);
    assert.equal(new Set(ticks).size, ticks.length, 'a tick ran twice');
    // Every tick was run or skipped (logged), on the schedule. BullMQ drops ticks only when the
    // one before was taken late — after the dropped one was due (a busy machine) — and then
    // schedules the next slot after that moment: a gap must be explained so.
    const skipped = workers.flatMap((worker) => events(worker.stderr, 'job.skipped'));
    const takenAt = new Map<number, number>([
      ...skipped.map((line): [number, number] => [Date.parse(String(line.scheduledAt)), Date.parse(String(line.timestamp))]),
      ...started.map((note): [number, number] => [note.scheduledAt, note.at]),
    ]);
    const seen = [...takenAt.keys()].sort((a, b) => a - b);
    for (let index = 1; index < seen.length; index++) {
      const [before, tick] = [seen[index - 1]!, seen[index]!];
      assert.equal((tick - before) % EVERY_MS, 0, `tick ${tick} is off the schedule`);
      if (tick - before > EVERY_MS) {
        assert.ok(takenAt.get(before)! >= tick - EVERY_MS, `tick ${tick - EVERY_MS} was dropped though tick ${before} was taken in time, at ${takenAt.get(before)}`);
      }
    }
    assert.ok(new Set(started.map((note) => note.pid)).size >= 2, 'one process ran every tick');
    assert.equal(workers.flatMap((worker) => events(worker.stderr, 'job.duplicate')).length, 0);

    const history = mendkit(['history', '--redis', REDIS_URL, '--queue', queue, '--json', '--limit', '1000']);
    assert.equal(history.status, 0, history.stderr);
    const records = JSON.parse(history.stdout) as RunRecord[];
    assert.deepEqual(records.map((record) => Date.parse(record.scheduledAt)).sort((a, b) => a - b), ticks);
    assert.ok(records.every((record) => record.job === 'tick' && record.outcome === 'succeeded' && record.trigger === 'every'));
    assert.ok(records.every((record) => record.startedAt >= record.scheduledAt), 'a run started before its tick was due');
  });
});
