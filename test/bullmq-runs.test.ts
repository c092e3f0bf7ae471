import 'reflect-metadata';
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fixed, Job, Retry, Scheduler } from 'mendkit';
import { createTestKit } from 'mendkit/testing';
import { BullmqRunner } from '../src/bullmq';
import { isMendkitError } from '../src/errors/MendkitError';
import { REDIS_URL, removeQueueKeys, uniqueQueue } from './support/redis';

const queue = uniqueQueue('runs');
const bootQueue = uniqueQueue('boot');
let calls = 0;
const spans: { start: number; end: number }[] = [];

@Job({ name: 'flaky', every: 300 })
class Flaky {
  @Retry({ attempts: 3, backoff: fixed(10) })
  async run() {
    calls++;
    throw Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
  }
}

@Job({ name: 'boot', every: '1h', runOnStart: true })
class Boot {
  async run() {}
}

@Job({ name: 'long', every: 200, overlap: 'queue' })
class Long {
  async run() {
    const start = Date.now();
    await sleep(450);
    spans.push({ start, end: Date.now() });
  }
}

describe('BullmqRunner: retries and overlap in two runners sharing a queue', () => {
  const kit = createTestKit({ autoAdvance: true });
  after(async () => {
    kit.dispose();
    await removeQueueKeys(queue);
    await removeQueueKeys(bootQueue);
  });

  it('records a run that exhausted its in-process retries as failed, once, and queues an overlapping tick across runners', async () => {
    const runners = [0, 1].map(() => new BullmqRunner({ connection: REDIS_URL, queue }));
    const schedulers = runners.map((runner) => new Scheduler({ jobs: [Flaky, Long], runner, history: runner.history, container: kit.container }));
    for (const scheduler of schedulers) await scheduler.start();
    await sleep(2000);
    for (const scheduler of schedulers) await scheduler.stop();
    const failed = await runners[0]!.history.read({ job: 'flaky' });
    await Promise.all(runners.map((runner) => runner.close()));

    assert.ok(failed.length >= 4, `${failed.length} flaky runs`);
    assert.ok(failed.every((record) => record.outcome === 'failed' && record.attempts === 3 && record.errorCode === 'ECONNREFUSED'));
    assert.equal(new Set(failed.map((record) => record.scheduledAt)).size, failed.length, 'a failed tick was run again');
    assert.equal(calls, 3 * failed.length, 'BullMQ delivered a failed run again');

    spans.sort((a, b) => a.start - b.start);
    for (let index = 1; index < spans.length; index++) {
      const seen = kit.logs.entries.filter((entry) => String(entry.event).startsWith('job.')).map((entry) => [entry.event, entry.job, entry.runningAs]);
      assert.ok(spans[index]!.start >= spans[index - 1]!.end, `two runs of long overlapped: ${JSON.stringify({ spans, seen })}`);
    }
    assert.ok(kit.logs.events('job.queued').length > 0, 'no tick was queued');
    const backToBack = spans.slice(1).filter((span, index) => span.start - spans[index]!.end < 150);
    assert.ok(backToBack.length > 0, `no queued run started when the previous ended: ${JSON.stringify(spans)}`);
  });

  it('runs a runOnStart job once for processes that start together', async () => {
    const runners = [0, 1].map(() => new BullmqRunner({ connection: REDIS_URL, queue: bootQueue }));
    const schedulers = runners.map((runner) => new Scheduler({ jobs: [Boot], runner, history: runner.history, container: kit.container }));
    await Promise.all(schedulers.map((scheduler) => scheduler.start()));
    await sleep(500);
    for (const scheduler of schedulers) await scheduler.stop();
    const records = await runners[0]!.history.read({ job: 'boot' });
    await Promise.all(runners.map((runner) => runner.close()));
    assert.deepEqual(records.map((record) => [record.trigger, record.outcome]), [['start', 'succeeded']]);
  });

  it('rejects a bad option with a ConfigError naming it', () => {
    assert.throws(() => new BullmqRunner({ lockDurationMs: 0 }), (error) => isMendkitError(error, 'MENDKIT_CONFIG') && /`lockDurationMs` must be an integer ≥ 1/.test(error.message));
    assert.throws(() => new BullmqRunner({ lockDuration: 5 } as never), (error) => isMendkitError(error, 'MENDKIT_CONFIG') && /lockDurationMs/.test(error.message));
  });
});
