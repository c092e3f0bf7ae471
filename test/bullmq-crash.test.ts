import 'reflect-metadata';
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { BULLMQ_DEFAULTS, readRedisHistory } from '../src/bullmq';
import { type TickNote, readTickNotes, REDIS_URL, removeQueueKeys, uniqueQueue, WORKER } from './support/redis';
import { requireRedis } from './support/requires';
import { waitFor } from './support/waitFor';

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

/** Waits for a note of the fixture that matches. */
function noteWhere(file: string, test: (note: TickNote) => boolean, what: string): Promise<TickNote> {
  return waitFor(() => readTickNotes(file).find(test), { what: () => `${what}: ${JSON.stringify(readTickNotes(file))}` });
}

/** The BullMQ state of the Job Scheduler's run of the tick due at `due`. */
async function tickState(queue: string, due: number): Promise<string> {
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const bull = new Queue(queue, { connection, prefix: BULLMQ_DEFAULTS.prefix });
  try {
    return await bull.getJobState(`repeat:tick:${due}`);
  } finally {
    await bull.close();
    connection.disconnect();
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

describe('BullmqRunner: a worker that dies or stops mid-run', { skip: requireRedis() }, () => {
  after(async () => {
    rmSync(root, { recursive: true, force: true });
    await Promise.all(queues.map((queue) => removeQueueKeys(queue)));
  });

  it('kill -9 of the worker running a job: another worker finishes the run once its lock expired', async () => {
    const { queue, ticksFile, children } = startWorkers('kill', { TICK_EVERY_MS: '3000', TICK_WORK_MS: '1500' });
    try {
      const first = await noteWhere(ticksFile, (note) => note.event === 'started', 'a run started');
      const victim = children.find((child) => child.pid === first.pid)!;
      victim.kill('SIGKILL');
      await once(victim, 'exit');
      const finished = await noteWhere(ticksFile, (note) => note.event === 'finished' && note.scheduledAt === first.scheduledAt, 'the run finished by another worker');
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
      first = await noteWhere(ticksFile, (note) => note.event === 'started', 'a run started');
      const stopping = children.find((child) => child.pid === first.pid)!;
      stopping.kill('SIGTERM');
      const [code] = (await once(stopping, 'exit')) as [number | null];
      assert.equal(code, 0);
      // The run is done in BullMQ: no stalled check of the other worker can take it over (an
      // active one would be, once its lock expired).
      assert.equal(await tickState(queue, first.scheduledAt), 'completed');
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
