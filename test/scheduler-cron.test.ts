import 'reflect-metadata';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { Job, type JobContext, Scheduler } from 'mendkit';
import { MemoryRunHistory } from 'mendkit/testing';
import { useTestKit } from './support/useTestKit';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('scheduler: cron and interval timing under a fake clock', () => {
  const kit = useTestKit({ now: Date.UTC(2026, 2, 6, 0, 0) }); // Friday 6 March 2026, 00:00 UTC
  let history: MemoryRunHistory;
  beforeEach(() => {
    history = new MemoryRunHistory();
  });

  it('runs a cron job at its exact times in its time zone, across a DST change', async () => {
    const seen: string[] = [];
    @Job({ name: 'morning', cron: '0 9 * * *', timezone: 'America/New_York' })
    class Morning {
      async run(context: JobContext) {
        seen.push(context.scheduledAt.toISOString());
      }
    }
    const scheduler = new Scheduler({ jobs: [Morning], history });
    await scheduler.start();
    await kit.clock.advance(4 * DAY);
    await scheduler.stop();
    // New York moves to daylight time on Sunday 8 March 2026: 09:00 is 14:00 UTC before, 13:00 after.
    assert.deepEqual(seen, ['2026-03-06T14:00:00.000Z', '2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z', '2026-03-09T13:00:00.000Z']);
    assert.deepEqual(history.records.map((r) => [r.job, r.trigger, r.startedAt, r.outcome]), seen.map((at) => ['morning', 'cron', at, 'succeeded']));
    assert.equal(kit.clock.pendingTimers, 0);
  });

  it('runs a seconds-field cron job every 15 s', async () => {
    const times: number[] = [];
    @Job({ name: 'quarter', cron: '*/15 * * * * *' })
    class Quarter {
      async run() {
        times.push(kit.clock.now());
      }
    }
    const start = kit.clock.now();
    const scheduler = new Scheduler({ jobs: [Quarter], history });
    await scheduler.start();
    await kit.clock.advance(60_000);
    await scheduler.stop();
    assert.deepEqual(times.map((t) => t - start), [15_000, 30_000, 45_000, 60_000]);
    assert.equal(kit.clock.pendingTimers, 0);
  });

  it('waits longer than a Node timer allows in steps, firing once at the right time', async () => {
    const times: number[] = [];
    @Job({ name: 'yearly', cron: '0 0 1 1 *', timezone: 'UTC' })
    class Yearly {
      async run() {
        times.push(kit.clock.now());
      }
    }
    const scheduler = new Scheduler({ jobs: [Yearly], history });
    await scheduler.start();
    await kit.clock.advance(400 * DAY);
    await scheduler.stop();
    assert.deepEqual(times, [Date.UTC(2027, 0, 1)]);
    assert.equal(kit.clock.pendingTimers, 0);
  });

  it('runs an interval job at a fixed rate from the start, and at once with runOnStart', async () => {
    const times: number[] = [];
    @Job({ name: 'poll', every: '10s', runOnStart: true })
    class Poll {
      async run(context: JobContext) {
        times.push(kit.clock.now() - start);
        assert.ok(context.trigger === 'start' || context.trigger === 'every');
      }
    }
    const start = kit.clock.now();
    const scheduler = new Scheduler({ jobs: [Poll], history });
    await scheduler.start();
    await kit.clock.advance(35_000);
    await scheduler.stop();
    assert.deepEqual(times, [0, 10_000, 20_000, 30_000]);
    assert.deepEqual(history.records.map((r) => r.trigger), ['start', 'every', 'every', 'every']);
    assert.equal(kit.clock.pendingTimers, 0);
  });

  it('catches up once on start when the history shows a missed cron run', async () => {
    @Job({ name: 'nightly', cron: '0 3 * * *', timezone: 'UTC', catchUp: true })
    class Nightly {
      async run() {}
    }
    // The last run was two nights ago; last night's 03:00 was missed while the process was down.
    const last = new Date(Date.UTC(2026, 2, 4, 3, 0)).toISOString();
    await history.append({ id: 'x', job: 'nightly', trigger: 'cron', scheduledAt: last, startedAt: last, endedAt: last, durationMs: 0, outcome: 'succeeded', attempts: 1, heals: 0 });
    const scheduler = new Scheduler({ jobs: [Nightly], history });
    await scheduler.start();
    await kit.clock.advance(0);
    await scheduler.stop();
    assert.deepEqual(history.records.slice(1).map((r) => [r.trigger, r.scheduledAt]), [['catchUp', '2026-03-05T03:00:00.000Z']]);
    assert.equal(kit.logs.events('job.catchUp').length, 1);
  });

  it('does not catch up when nothing was missed, nor without history', async () => {
    @Job({ name: 'nightly', cron: '0 3 * * *', timezone: 'UTC', catchUp: true })
    class Nightly {
      async run() {}
    }
    const last = new Date(Date.UTC(2026, 2, 5, 3, 0)).toISOString();
    await history.append({ id: 'x', job: 'nightly', trigger: 'cron', scheduledAt: last, startedAt: last, endedAt: last, durationMs: 0, outcome: 'succeeded', attempts: 1, heals: 0 });
    const scheduler = new Scheduler({ jobs: [Nightly], history });
    await scheduler.start();
    await kit.clock.advance(0);
    await scheduler.stop();
    assert.equal(history.records.length, 1);
    const fresh = new Scheduler({ jobs: [Nightly], history: new MemoryRunHistory() });
    await fresh.start();
    await kit.clock.advance(0);
    await fresh.stop();
    assert.equal(kit.logs.events('job.catchUp').length, 0);
  });
});
