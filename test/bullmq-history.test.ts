import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { BullmqRunner, readRedisHistory, RedisRunHistory } from '../src/bullmq';
import { loadBullmq } from '../src/bullmq/loadBullmq';
import { RedisKeys } from '../src/bullmq/redisKeys';
import { isMendkitError } from '../src/errors/MendkitError';
import type { RunRecord } from '../src/jobs/RunRecord';
import { CLI, events, FIXTURES, mendkit, spawnMendkit } from './support/cli';
import { freePort, REDIS_URL, removeQueueKeys, uniqueQueue } from './support/redis';
import { requireRedis } from './support/requires';
import { waitFor } from './support/waitFor';

const queue = uniqueQueue('history');

function record(job: string, index: number): RunRecord {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString();
  return { id: `run-${index}`, job, trigger: 'every', scheduledAt: at, startedAt: at, endedAt: at, durationMs: 5, outcome: 'succeeded', attempts: 1, heals: 0 };
}

describe('the run history in Redis', { skip: requireRedis() }, () => {
  const clients: Redis[] = [];
  after(async () => {
    await removeQueueKeys(queue);
    for (const client of clients) client.disconnect();
  });

  it('is shared by every process of a queue and keeps only the last maxRecords', async () => {
    const keys = new RedisKeys('mendkit', queue);
    clients.push(new Redis(REDIS_URL), new Redis(REDIS_URL));
    const [one, two] = clients.map((client) => new RedisRunHistory(client, keys, 5));
    for (let index = 0; index < 8; index++) await (index % 2 === 0 ? one! : two!).append(record(index < 4 ? 'sync' : 'backup', index));
    const ids = (records: RunRecord[]) => records.map((r) => r.id);
    assert.deepEqual(ids(await one!.read()), ['run-3', 'run-4', 'run-5', 'run-6', 'run-7']);
    assert.deepEqual(ids(await two!.read()), ids(await one!.read()));
    assert.deepEqual(ids(await two!.read({ job: 'sync' })), ['run-3']);
    assert.deepEqual(ids(await two!.read({ limit: 2 })), ['run-6', 'run-7']);
    assert.deepEqual(ids(await two!.read({ skip: 2, limit: 2 })), ['run-4', 'run-5'], 'the second page of two');
    assert.deepEqual(ids(await two!.read({ where: (r) => r.id !== 'run-6', skip: 1, limit: 2 })), ['run-4', 'run-5'], 'a filtered page');
    assert.equal(await two!.isDone('backup', Date.parse(record('backup', 7).scheduledAt)), true);
    assert.equal(await two!.isDone('backup', Date.parse(record('backup', 8).scheduledAt)), false);
  });

  it("says what to do when read through a stopped runner, whose connection is closed", async () => {
    const runner = new BullmqRunner({ connection: REDIS_URL, queue });
    await runner.history.append(record('closed', 1));
    await runner.stop();
    await runner.close();
    await assert.rejects(runner.history.read({ job: 'closed' }), /BullmqRunner was stopped.*readRedisHistory\(url, \{ queue \}\)/);
    assert.deepEqual((await readRedisHistory(REDIS_URL, { queue }, { job: 'closed' })).map((run) => run.id), ['run-1']);
  });

  it('is what `mendkit history --redis` shows', () => {
    const shown = mendkit(['history', '--redis', REDIS_URL, '--queue', queue, '--job', 'backup', '--limit', '2']);
    assert.equal(shown.status, 0, shown.stderr);
    assert.deepEqual(shown.stdout.trim().split('\n'), [
      '2026-01-01T00:00:06.000Z  every    backup: succeeded in 5 ms (1 attempt)',
      '2026-01-01T00:00:07.000Z  every    backup: succeeded in 5 ms (1 attempt)',
    ]);
    const empty = mendkit(['history', '--redis', REDIS_URL, '--queue', `${queue}-none`]);
    assert.equal(empty.stdout.trim(), `no runs recorded in Redis (queue ${queue}-none)`);
  });
});

describe('--redis when Redis or the packages are missing', () => {
  it('history: fails fast, naming the URL with its password hidden', async () => {
    const url = `redis://:s3cret@127.0.0.1:${await freePort()}`;
    const shown = mendkit(['history', '--redis', url]);
    assert.equal(shown.status, 8);
    assert.match(shown.stderr, /cannot read the run history from Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+: .*ECONNREFUSED/);
    assert.doesNotMatch(shown.stderr, /s3cret/);
  });

  it('start: reports the unreachable Redis once, keeps reconnecting with backoff, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const child = spawnMendkit(['start', path.join(FIXTURES, 'ticks.js'), '--redis', url], { TICKS_FILE: '/dev/null' });
    await child.waitFor('"event":"redis.unreachable"');
    // Then something listens there that drops every connection: each one is a reconnection attempt.
    let attempts = 0;
    const dropper = createServer((socket) => {
      attempts += 1;
      socket.destroy();
    });
    dropper.listen(port, '127.0.0.1');
    try {
      await waitFor(() => attempts >= 2, { what: () => `2 reconnection attempts (${attempts} so far)` });
    } finally {
      dropper.close();
    }
    assert.equal(child.child.exitCode, null, 'the process gave up');
    const reports = events(child.stderr, 'redis.unreachable');
    assert.equal(reports.length, 1);
    assert.equal(reports[0]?.url, url);
    assert.match(String(reports[0]?.message), /reconnecting with backoff/);
    child.child.kill('SIGTERM');
    assert.equal(await child.exited, 0, child.stderr);
  });

  it('names the packages to install when bullmq or ioredis is not installed', () => {
    const hide = path.join(FIXTURES, 'hideBullmq.js');
    for (const args of [['start', path.join(FIXTURES, 'ticks.js'), '--redis', REDIS_URL], ['history', '--redis', REDIS_URL]]) {
      const shown = spawnSync(process.execPath, ['-r', hide, CLI, ...args], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(shown.status, 8, shown.stderr);
      assert.match(shown.stderr, /needs the packages bullmq and ioredis, not installed here: npm install bullmq ioredis/);
    }
    const onlyIoredis = (name: string) => {
      if (name === 'ioredis') throw Object.assign(new Error(`Cannot find module 'ioredis'`), { code: 'MODULE_NOT_FOUND' });
      return {};
    };
    assert.throws(() => loadBullmq(onlyIoredis), (error) => isMendkitError(error, 'MENDKIT_CONFIG') && /the package ioredis, not installed/.test(error.message));
  });

  it('leaves the main entry free of bullmq, and serves mendkit/bullmq to require and import', () => {
    const root = path.join(__dirname, '..', '..');
    const check = spawnSync(
      process.execPath,
      [
        '-e',
        "require('reflect-metadata'); require('mendkit'); const loaded = Object.keys(require.cache).some((f) => /node_modules[\\\\/](bullmq|ioredis)[\\\\/]/.test(f)); " +
          "import('mendkit/bullmq').then((esm) => console.log(loaded, typeof require('mendkit/bullmq').BullmqRunner, esm.BullmqRunner === require('mendkit/bullmq').BullmqRunner))",
      ],
      { cwd: root, encoding: 'utf8' },
    );
    assert.equal(check.stdout.trim(), 'false function true', check.stderr);
  });
});
