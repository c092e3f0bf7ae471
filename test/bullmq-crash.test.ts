import 'reflect-metadata';
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { readRedisHistory } from '../src/bullmq';
import { type TickNote, readTickNotes, REDIS_URL, removeQueueKeys, uniqueQueue, WORKER } from './support/redis';

const root = mkdtempSync(path.join(tmpdir(), 'mendkit-bullmq-crash-'));
const queues: string[] = [];

/** Two workers of the fixture on a fresh queue, with a short lock so that a dead one is noticed fast. */
function startWorkers(name: string, env: Record<string, string>) {
  const queue = uniqueQueue(name);
  queues.push(queue);
  const ticksFile = path.join(root, `${name}.jsonl`);
  const children: ChildProcess[] = [0, 1].map(() =>
    spawn(process.execPath, [WORKER], {
      env: { ...process.env, REDIS_URL, QUEUE: queue, TICKS_FILE: ticksFile, LOCK_MS: '1000', STALLED_MS: '500', ...env },
      stdio: ['ignore', 'ignore', 'ignore'],
    }),
  );
  return { queue, ticksFile, children };
}

/** Polls the fixture's notes until one matches, or fails after `ms`. */
async function noteWhere(file: string, test: (note: TickNote) => boolean, ms: number): Promise<TickNote> {
  const until = Date.now() + ms;
  for (;;) {
    const note = readTickNotes(file).find(test);
    if (note !== undefined) return note;
    if (Date.now() > until) throw new Error(`no such note within ${ms} ms: ${JSON.stringify(readTickNotes(file))}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function stopAll(children: ChildProcess[]): Promise<(number | null)[]> {
  return Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    }),
  );
}

describe('BullmqRunner: a worker that dies or stops mid-run', () => {
  after(async () => {
    rmSync(root, { recursive: true, force: true });
    await Promise.all(queues.map((queue) => removeQueueKeys(queue)));
  });

  it('kill -9 of the worker running a job: another worker finishes the run once its lock expired', async () => {
    const { queue, ticksFile, children } = startWorkers('kill', { TICK_EVERY_MS: '3000', TICK_WORK_MS: '1500' });
    try {
      const first = await noteWhere(ticksFile, (note) => note.event === 'started', 8000);
      const victim = children.find((child) => child.pid === first.pid)!;
      victim.kill('SIGKILL');
      await once(victim, 'exit');
      const finished = await noteWhere(ticksFile, (note) => note.event === 'finished' && note.scheduledAt === first.scheduledAt, 6000);
      assert.notEqual(finished.pid, first.pid);
      const records = await readRedisHistory(REDIS_URL, { queue }, { job: 'tick' });
      const ofTick = records.filter((record) => Date.parse(record.scheduledAt) === first.scheduledAt);
      assert.deepEqual(ofTick.map((record) => record.outcome), ['succeeded']);
    } finally {
      await stopAll(children);
    }
    const finishedOfTick = readTickNotes(ticksFile).filter((note) => note.event === 'finished');
    assert.equal(new Set(finishedOfTick.map((note) => note.scheduledAt)).size, finishedOfTick.length, 'a tick finished twice');
  });

  it('SIGTERM of the worker running a job: it finishes the run, exits 0, and no other worker runs that tick again', async () => {
    const { queue, ticksFile, children } = startWorkers('term', { TICK_EVERY_MS: '3000', TICK_WORK_MS: '1000' });
    let codes: (number | null)[];
    let first: TickNote;
    try {
      first = await noteWhere(ticksFile, (note) => note.event === 'started', 8000);
      const stopping = children.find((child) => child.pid === first.pid)!;
      stopping.kill('SIGTERM');
      const [code] = (await once(stopping, 'exit')) as [number | null];
      assert.equal(code, 0);
      // Past the lock and two stalled checks: had the run been left active, the other worker would take it over.
      await new Promise((resolve) => setTimeout(resolve, 2000));
    } finally {
      codes = await stopAll(children);
    }
    assert.deepEqual(codes, [0, 0]);
    const ofTick = readTickNotes(ticksFile).filter((note) => note.scheduledAt === first.scheduledAt);
    assert.deepEqual(ofTick.map((note) => [note.event, note.pid]), [['started', first.pid], ['finished', first.pid]]);
    const records = await readRedisHistory(REDIS_URL, { queue }, { job: 'tick' });
    assert.deepEqual(records.filter((record) => Date.parse(record.scheduledAt) === first.scheduledAt).map((record) => record.outcome), ['succeeded']);
  });
});
