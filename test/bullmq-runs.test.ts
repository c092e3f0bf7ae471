import 'reflect-metadata';
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { fixed, Job, type JobContext, Retry, type RunRecord, Scheduler } from 'mendkit';
import { BULLMQ_DEFAULTS, BullmqRunner, readRedisHistory } from '../src/bullmq';
import { isMendkitError } from '../src/errors/MendkitError';
import { REDIS_URL, removeQueueKeys, uniqueQueue } from './support/redis';
import { requireRedis } from './support/requires';
import { useTestKit } from './support/useTestKit';
import { waitFor } from './support/waitFor';

const queue = uniqueQueue('runs');
const bootQueue = uniqueQueue('boot');
const durableQueue = uniqueQueue('durable');
let calls = 0;
/** The runs of `long`: when each was due, started and ended (real time). */
const spans: { due: number; start: number; end: number }[] = [];

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

@Job({ name: 'durable', every: '1h', runOnStart: true })
class Durable {
  async run() {}
}

@Job({ name: 'long', every: 200, overlap: 'queue' })
class Long {
  async run(context: JobContext) {
    const start = Date.now();
    await sleep(450, undefined, { signal: context.signal }); // the work: a run spans two ticks or more; ends when aborted at shutdown
    spans.push({ due: context.scheduledAt.getTime(), start, end: Date.now() });
  }
}

describe('BullmqRunner: retries and overlap in two runners sharing a queue', { skip: requireRedis() }, () => {
  const kit = useTestKit({ autoAdvance: true });
  after(async () => {
    await removeQueueKeys(queue);
    await removeQueueKeys(bootQueue);
    await removeQueueKeys(durableQueue);
  });

  it('records a run that exhausted its in-process retries as failed, once, and queues an overlapping tick across runners', async () => {
    const runners = [0, 1].map(() => new BullmqRunner({ connection: REDIS_URL, queue }));
    const schedulers = runners.map((runner) => new Scheduler({ jobs: [Flaky, Long], runner, history: runner.history, container: kit.container }));
    const queuedDue = () => kit.logs.events('job.queued').map((line) => Date.parse(String(line.scheduledAt)));
    /** A run of a tick that came while the previous run was going, queued then run after it. */
    const ranQueued = () => spans.some((span) => queuedDue().includes(span.due));
    try {
      for (const scheduler of schedulers) await scheduler.start();
      await waitFor(async () => (await runners[0]!.history.read({ job: 'flaky' })).length >= 4 && ranQueued(), {
        what: () => `4 flaky runs and a queued run of long: ${JSON.stringify({ spans, queued: queuedDue() })}`,
      });
    } finally {
      for (const scheduler of schedulers) await scheduler.stop();
    }
    // Read once the runners closed, as any other process would: a stopped runner closes its
    // connection as soon as its runs ended, so its own history can no longer be read.
    await Promise.all(runners.map((runner) => runner.close()));
    const failed = await readRedisHistory(REDIS_URL, { queue }, { job: 'flaky' });

    assert.ok(failed.every((record) => record.outcome === 'failed' && record.attempts === 3 && record.errorCode === 'ECONNREFUSED'));
    assert.equal(new Set(failed.map((record) => record.scheduledAt)).size, failed.length, 'a failed tick was run again');
    assert.equal(calls, 3 * failed.length, 'BullMQ delivered a failed run again');

    spans.sort((a, b) => a.start - b.start);
    for (let index = 1; index < spans.length; index++) {
      const seen = kit.logs.entries.filter((entry) => String(entry.event).startsWith('job.')).map((entry) => [entry.event, entry.job, entry.runningAs]);
      assert.ok(spans[index]!.start >= spans[index - 1]!.end, `two runs of long overlapped: ${JSON.stringify({ spans, seen })}`);
    }
  });

  it('runs a runOnStart job once for processes that start together', async () => {
    const runners = [0, 1].map(() => new BullmqRunner({ connection: REDIS_URL, queue: bootQueue }));
    const schedulers = runners.map((runner) => new Scheduler({ jobs: [Boot], runner, history: runner.history, container: kit.container }));
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const bull = new Queue(bootQueue, { connection, prefix: BULLMQ_DEFAULTS.prefix });
    try {
      await Promise.all(schedulers.map((scheduler) => scheduler.start()));
      // Both start runs were asked for now; the one BullMQ kept is the only one there will be.
      const startRuns = async () => (await bull.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'])).filter((job) => job.id?.startsWith('start-'));
      const [only, ...more] = await startRuns();
      assert.ok(only !== undefined, 'no start run was queued');
      assert.deepEqual(more, [], 'two start runs were queued');
      await waitFor(async () => (await bull.getJobState(only.id!)) === 'completed', { what: 'the start run' });
    } finally {
      for (const scheduler of schedulers) await scheduler.stop();
      await bull.close();
      connection.disconnect();
    }
    await Promise.all(runners.map((runner) => runner.close()));
    const records = await readRedisHistory(REDIS_URL, { queue: bootQueue }, { job: 'boot' });
    assert.deepEqual(records.map((record) => [record.trigger, record.outcome]), [['start', 'succeeded']]);
  });
});

describe('BullmqRunner: a run is recorded before BullMQ completes it', { skip: requireRedis() }, () => {
  const kit = useTestKit({ autoAdvance: true });

  it('keeps the tick active until its record is stored, so that a crash cannot leave it completed and unrecorded', async () => {
    const runner = new BullmqRunner({ connection: REDIS_URL, queue: durableQueue });
    let openGate: () => void = () => {};
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    // The history as slow as it likes: the append lands only when the test says so.
    const slowHistory = { ...runner.history, read: runner.history.read.bind(runner.history), append: async (record: RunRecord) => {
      await gate;
      await runner.history.append(record);
    } };
    const scheduler = new Scheduler({ jobs: [Durable], runner, history: slowHistory, container: kit.container });
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const bull = new Queue(durableQueue, { connection, prefix: BULLMQ_DEFAULTS.prefix });
    try {
      await scheduler.start();
      await waitFor(() => kit.logs.events('job.succeeded').length === 1, { what: 'the start run' });
      const [run] = (await bull.getJobs(['active', 'completed'])).filter((job) => job.id?.startsWith('start-'));
      assert.equal(await bull.getJobState(run!.id!), 'active', 'BullMQ completed a run whose record was not stored');
      openGate();
      await waitFor(async () => (await bull.getJobState(run!.id!)) === 'completed', { what: 'the run completed once recorded' });
      assert.deepEqual((await runner.history.read({ job: 'durable' })).map((record) => record.outcome), ['succeeded']);
    } finally {
      openGate();
      await scheduler.stop();
      await bull.close();
      connection.disconnect();
      await runner.close();
    }
  });
});

describe('BullmqRunner options', () => {
  it('rejects a bad option with a ConfigError naming it', () => {
    assert.throws(() => new BullmqRunner({ lockDurationMs: 0 }), (error) => isMendkitError(error, 'MENDKIT_CONFIG') && /`lockDurationMs` must be an integer ≥ 1/.test(error.message));
    assert.throws(() => new BullmqRunner({ lockDuration: 5 } as never), (error) => isMendkitError(error, 'MENDKIT_CONFIG') && /lockDurationMs/.test(error.message));
  });
});
