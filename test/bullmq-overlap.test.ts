import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { events } from './support/cli';
import { readTickNotes, REDIS_URL, removeQueueKeys, uniqueQueue, WORKER } from './support/redis';

const root = mkdtempSync(path.join(tmpdir(), 'mendkit-bullmq-overlap-'));
const queue = uniqueQueue('overlap');

describe("BullmqRunner: overlap: 'skip' across processes", () => {
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
    await sleep(3500);
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => once(child, 'exit')));

    const notes = readTickNotes(ticksFile);
    const runs = notes
      .filter((note) => note.event === 'started')
      .map((start) => ({ start: start.at, pid: start.pid, end: notes.find((note) => note.event === 'finished' && note.scheduledAt === start.scheduledAt)?.at ?? Infinity }))
      .sort((a, b) => a.start - b.start);
    assert.ok(runs.length >= 3, `only ${runs.length} runs`);
    for (let index = 1; index < runs.length; index++) {
      assert.ok(runs[index]!.start >= runs[index - 1]!.end, `two runs overlapped: ${JSON.stringify(runs.slice(index - 1, index + 1))}`);
    }
    const skipped = outputs.flatMap((output) => events(output(), 'job.skipped'));
    assert.ok(skipped.length >= runs.length, `${skipped.length} skipped for ${runs.length} runs`);
    assert.ok(skipped.some((line) => typeof line.runningAs === 'string' && line.job === 'tick'));
    // A process skipped a tick while the run was going in the other one: the gate is in Redis.
    const skippedForOther = children.some((child, index) =>
      events(outputs[index]!(), 'job.skipped').some((line) => {
        const at = Date.parse(String(line.timestamp));
        return runs.some((run) => run.pid !== child.pid && run.start <= at && at <= run.end);
      }),
    );
    assert.ok(skippedForOther, 'no tick was skipped for a run going in the other process');
  });
});
