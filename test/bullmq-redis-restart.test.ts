import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { readRedisHistory } from '../src/bullmq';
import { events } from './support/cli';
import { PrivateRedis, readTickNotes, uniqueQueue, WORKER } from './support/redis';
import { requireCommand } from './support/requires';
import { waitFor } from './support/waitFor';

const root = mkdtempSync(path.join(tmpdir(), 'mendkit-bullmq-restart-'));
const servers: PrivateRedis[] = [];

describe('BullmqRunner: Redis restarted mid-run', { skip: requireCommand('redis-server') }, () => {
  // The private server's data lives in `root`: removing it removes the queue's keys.
  after(async () => {
    for (const server of servers) await server.kill();
    rmSync(root, { recursive: true, force: true });
  });

  it('workers reconnect and go on; the run going during the outage is recorded once, and no tick runs twice', async () => {
    const redis = await PrivateRedis.start(root);
    servers.push(redis);
    const queue = uniqueQueue('restart');
    const ticksFile = path.join(root, 'ticks.jsonl');
    const env = { ...process.env, REDIS_URL: redis.url, QUEUE: queue, TICKS_FILE: ticksFile, TICK_EVERY_MS: '200', TICK_WORK_MS: '150' };
    const children = [0, 1].map(() => spawn(process.execPath, [WORKER], { env, stdio: ['ignore', 'pipe', 'ignore'] }));
    const outputs = children.map((child) => {
      let out = '';
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
      return () => out;
    });
    let inFlight: number;
    let restartedAt: number;
    try {
      await waitFor(() => readTickNotes(ticksFile).filter((note) => note.event === 'finished').length >= 3, { what: '3 runs' });
      // Kill Redis while a run is going: its record and its completion must survive the outage.
      const going = await waitFor(() => [readTickNotes(ticksFile).at(-1)].find((note) => note?.event === 'started'), { what: 'a run going' });
      inFlight = going.scheduledAt;
      await redis.kill();
      // Down until both workers noticed.
      await waitFor(() => outputs.every((output) => events(output(), 'redis.unreachable').length > 0), { what: 'both workers to report the outage' });
      await redis.start();
      restartedAt = Date.now();
      await waitFor(() => readTickNotes(ticksFile).filter((note) => note.event === 'finished' && note.at > restartedAt).length >= 3, { what: '3 runs after the restart' });
    } finally {
      for (const child of children) child.kill('SIGTERM');
    }
    const codes = await Promise.all(children.map(async (child) => ((await once(child, 'exit')) as [number | null])[0]));
    assert.deepEqual(codes, [0, 0], outputs.map((output) => output()).join('\n'));

    const notes = readTickNotes(ticksFile);
    const started = notes.filter((note) => note.event === 'started').map((note) => note.scheduledAt);
    assert.equal(new Set(started).size, started.length, 'a tick ran twice');
    assert.ok(notes.some((note) => note.event === 'finished' && note.scheduledAt === inFlight), 'the run going during the outage did not finish');

    const records = await readRedisHistory(redis.url, { queue }, { limit: 1000 });
    const recorded = records.map((record) => Date.parse(record.scheduledAt));
    assert.equal(new Set(recorded).size, recorded.length, 'a tick was recorded twice');
    assert.equal(recorded.filter((at) => at === inFlight).length, 1, 'the run going during the outage was not recorded');

    const logs = outputs.map((output) => output());
    assert.ok(logs.every((log) => events(log, 'redis.unreachable').length === 1), 'each worker reports the outage once');
    assert.ok(logs.every((log) => events(log, 'redis.reconnected').length === 1), 'each worker reports the reconnection');
    assert.match(String(events(logs[0]!, 'redis.unreachable')[0]?.message), new RegExp(`cannot reach Redis at redis://127\\.0\\.0\\.1:${redis.port}`));
  });

  it('workers register the schedule again when Redis came back empty', async () => {
    const dir = mkdtempSync(path.join(root, 'empty-'));
    const redis = await PrivateRedis.start(dir, false);
    servers.push(redis);
    const ticksFile = path.join(dir, 'ticks.jsonl');
    const env = { ...process.env, REDIS_URL: redis.url, QUEUE: uniqueQueue('empty'), TICKS_FILE: ticksFile, TICK_EVERY_MS: '200', TICK_WORK_MS: '10' };
    const children = [0, 1].map(() => spawn(process.execPath, [WORKER], { env, stdio: ['ignore', 'ignore', 'ignore'] }));
    try {
      await waitFor(() => readTickNotes(ticksFile).length >= 4, { what: '4 notes of runs' });
      await redis.kill();
      await redis.start();
      const restartedAt = Date.now();
      await waitFor(() => readTickNotes(ticksFile).filter((note) => note.event === 'finished' && note.at > restartedAt).length >= 3, { what: '3 runs after the restart' });
    } finally {
      for (const child of children) child.kill('SIGTERM');
    }
    await Promise.all(children.map((child) => once(child, 'exit')));
    const started = readTickNotes(ticksFile).filter((note) => note.event === 'started').map((note) => note.scheduledAt);
    assert.equal(new Set(started).size, started.length, 'a tick ran twice');
  });
});
