import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Job, Scheduler, UnknownJobError } from 'mendkit';
import { MemoryRunHistory } from 'mendkit/testing';
import { useTestKit } from './support/useTestKit';

describe('Scheduler.pause and resume', () => {
  const kit = useTestKit();

  it('skips the runs a paused job’s trigger fires (logged), runs it on runNow, and fires again once resumed', async () => {
    @Job({ name: 'ticker', every: 1000 })
    class Ticker {
      async run() {}
    }
    const history = new MemoryRunHistory();
    const scheduler = new Scheduler({ jobs: [Ticker], history });
    await scheduler.start();
    await kit.clock.advance(1000);
    assert.equal(history.records.length, 1);
    scheduler.pause('ticker');
    scheduler.pause('ticker'); // pausing again does nothing
    assert.equal(scheduler.isPaused('ticker'), true);
    await kit.clock.advance(2000);
    assert.equal(history.records.length, 1, 'no run while paused');
    assert.deepEqual(kit.logs.events('job.skipped').map((line) => line.reason), ['paused', 'paused']);
    assert.equal(kit.logs.events('job.paused').length, 1);
    await scheduler.runNow('ticker');
    assert.deepEqual(history.records.map((record) => record.trigger), ['every', 'manual']);
    scheduler.resume('ticker');
    assert.equal(scheduler.isPaused('ticker'), false);
    await kit.clock.advance(1000);
    assert.equal(history.records.length, 3);
    assert.equal(kit.logs.events('job.resumed').length, 1);
    await scheduler.stop();
    assert.equal(kit.clock.pendingTimers, 0);
  });

  it('names the known jobs when asked to pause one there is not', () => {
    @Job({ name: 'only', every: 1000 })
    class Only {
      async run() {}
    }
    const scheduler = new Scheduler({ jobs: [Only], history: new MemoryRunHistory() });
    assert.throws(() => scheduler.pause('other'), (error: unknown) => error instanceof UnknownJobError && /known jobs: only/.test(error.message));
    assert.throws(() => scheduler.resume('other'), UnknownJobError);
  });

  it('tells when each job runs next: an interval as armed once started, a cron job from its expression, a watch job never', async () => {
    @Job({ name: 'every-minute', every: '1m' })
    class EveryMinute {
      async run() {}
    }
    @Job({ name: 'nightly', cron: '0 3 * * *', timezone: 'UTC' })
    class Nightly {
      async run() {}
    }
    kit.reset({ now: Date.UTC(2026, 0, 1, 12) });
    const scheduler = new Scheduler({ jobs: [EveryMinute, Nightly], history: new MemoryRunHistory() });
    assert.equal(scheduler.nextRunAt('every-minute'), undefined, 'an interval starts with the scheduler');
    assert.equal(scheduler.nextRunAt('nightly'), Date.UTC(2026, 0, 2, 3));
    await scheduler.start();
    assert.equal(scheduler.nextRunAt('every-minute'), Date.UTC(2026, 0, 1, 12, 1));
    await kit.clock.advance(60_000);
    assert.equal(scheduler.nextRunAt('every-minute'), Date.UTC(2026, 0, 1, 12, 2));
    await scheduler.stop();
    assert.equal(scheduler.nextRunAt('every-minute'), undefined);
  });
});
