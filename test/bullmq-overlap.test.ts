import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { events } from './support/cli';
import { readTickNotes, REDIS_URL, removeQueueKeys, type TickNote, uniqueQueue, WORKER } from './support/redis';
import { waitFor } from './support/waitFor';
import { requireRedis } from './support/requires';

const root = mkdtempSync(path.join(tmpdir(), 'mendkit-bullmq-overlap-'));
const queue = uniqueQueue('overlap');

describe("BullmqRunner: overlap: 'skip' across processes", { skip: requireRedis() }, () => {
  after(async () => {
    rmSync(root, { recursive: true, force: true });
    await removeQueueKeys(queue);
  });

  it('skips, and logs, a tick that comes while a run of the job is going in another process', async () => {
    const ticksFile = path.join(root, 'ticks.jsonl');
    // Runs of 700 ms every 200 ms: each run spans about three later ticks.
    const env = { ...process.env, REDIS_URL, QUEUE: queue, TICKS_FILE: ticksFile, TICK_EVERY_MS: '200', TICK_WORK_MS: '700' };
    const children = [0, 1].map(() => spawn(process.execPath, [WORKER], { env, stdio: ['ignore', 'pipe', 'ignore'] }));
    const outputs = children.map((child) => {
      let out = '';
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
      return () => out;
    });
    // Until three runs finished and a tick was skipped for a run going in the other process
    // (how long that takes depends on how fast both processes start).
    const runsOf = (notes: readonly TickNote[]) =>
      notes
        .filter((note) => note.event === 'started')
        .map((start) => ({ start: start.at, pid: start.pid, end: notes.find((note) => note.event === 'finished' && note.scheduledAt === start.scheduledAt)?.at ?? Infinity }))
        .sort((a, b) => a.start - b.start);
    // A skip names the BullMQ job it found running (`repeat:tick:<due time>`); the tick notes say which process ran it.
    const skippedForOther = () => {
      const notes = readTickNotes(ticksFile);
      return children.some((child, index) =>
        events(outputs[index]!(), 'job.skipped').some((line) => {
          const due = Number(/^repeat:tick:(\d+)$/.exec(String(line.runningAs))?.[1]);
          return notes.some((note) => note.event === 'started' && note.scheduledAt === due && note.pid !== child.pid);
        }),
      );
    };
    try {
      await waitFor(() => runsOf(readTickNotes(ticksFile)).filter((run) => run.end !== Infinity).length >= 3 && skippedForOther(), {
        what: () => `3 runs and a tick skipped for the other process: ${JSON.stringify(readTickNotes(ticksFile))}`,
      });
    } finally {
      for (const child of children) child.kill('SIGTERM');
      await Promise.all(children.map((child) => once(child, 'exit')));
    }

    const runs = runsOf(readTickNotes(ticksFile));
    for (let index = 1; index < runs.length; index++) {
      assert.ok(runs[index]!.start >= runs[index - 1]!.end, `two runs overlapped: ${JSON.stringify(runs.slice(index - 1, index + 1))}`);
    }
    const skipped = outputs.flatMap((output) => events(output(), 'job.skipped'));
    assert.ok(skipped.every((line) => typeof line.runningAs === 'string' && line.job === 'tick'), JSON.stringify(skipped));
    // A process skipped a tick while the run was going in the other one: the gate is in Redis.
    assert.ok(skippedForOther(), 'no tick was skipped for a run going in the other process');
  });
});
