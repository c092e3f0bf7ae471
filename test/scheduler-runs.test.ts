import 'reflect-metadata';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { container as rootContainer } from 'tsyringe';
import { Catch, currentCall, fixed, Job, type JobContext, type JobRunner, JOBS, Retry, Scheduler, UnknownJobError } from 'mendkit';
import { MemoryRunHistory } from 'mendkit/testing';
import { deferred } from './support/deferred';
import { systemError } from './support/failing';
import { useTestKit } from './support/useTestKit';

describe('scheduler: runs, overlap, failures, shutdown', () => {
  const kit = useTestKit();
  let history: MemoryRunHistory;
  beforeEach(() => {
    history = new MemoryRunHistory();
  });

  it('skips a tick that finds the previous run still going, and logs it', async () => {
    const gate = deferred();
    let runs = 0;
    @Job({ name: 'slow', every: 1000 })
    class Slow {
      async run() {
        runs += 1;
        await gate.promise;
      }
    }
    const scheduler = new Scheduler({ jobs: [Slow], history });
    await scheduler.start();
    await kit.clock.advance(3500);
    assert.equal(runs, 1);
    assert.deepEqual(kit.logs.events('job.skipped').map((e) => [e.job, e.trigger, e.scheduledAt]), [
      ['slow', 'every', new Date(2000).toISOString()],
      ['slow', 'every', new Date(3000).toISOString()],
    ]);
    gate.resolve();
    await kit.clock.advance(1000);
    assert.equal(runs, 2);
    await scheduler.stop();
    assert.equal(kit.clock.pendingTimers, 0);
  });

  it('with overlap queue, runs one queued run right after, folding later ticks into it', async () => {
    const gates = [deferred(), deferred()];
    const starts: number[] = [];
    @Job({ name: 'queued', every: 1000, overlap: 'queue' })
    class Queued {
      async run() {
        starts.push(kit.clock.now());
        await gates[starts.length - 1]?.promise;
      }
    }
    const scheduler = new Scheduler({ jobs: [Queued], history });
    await scheduler.start();
    await kit.clock.advance(3500); // ticks at 1000 (runs), 2000 and 3000 (queued, folded)
    gates[0]!.resolve();
    await kit.clock.advance(0);
    assert.deepEqual(starts, [1000, 3500]);
    assert.equal(kit.logs.events('job.queued').length, 2);
    gates[1]!.resolve();
    await scheduler.stop();
  });

  it('records a failing run and goes on; @Retry attempts are in the record', async () => {
    let calls = 0;
    @Job({ name: 'flaky', every: 1000 })
    class Flaky {
      @Retry({ attempts: 3, backoff: fixed(10) })
      async run() {
        calls += 1;
        if (calls <= 4) throw systemError('ECONNRESET');
      }
    }
    const scheduler = new Scheduler({ jobs: [Flaky], history });
    await scheduler.start();
    await kit.clock.advance(2500);
    await scheduler.stop();
    assert.deepEqual(
      history.records.map((r) => [r.outcome, r.attempts, r.heals, r.errorCode]),
      [
        ['failed', 3, 0, 'ECONNRESET'],
        ['succeeded', 2, 0, undefined],
      ],
    );
    assert.match(history.records[0]!.error!, /Flaky\.run failed after 3 attempts/);
    assert.equal(kit.logs.events('job.failed').length, 1);
    assert.equal(kit.clock.pendingTimers, 0);
  });

  it('passes the run through @Catch like any decorated method', async () => {
    @Job({ name: 'caught', every: 1000 })
    class Caught {
      @Catch('ENOENT', 'missing')
      async run(_context: JobContext) {
        throw systemError('ENOENT');
      }
      missing() {
        return 'nothing to do';
      }
    }
    const scheduler = new Scheduler({ jobs: [Caught], history });
    const record = await scheduler.runNow('caught');
    assert.equal(record.outcome, 'succeeded');
    assert.equal(record.trigger, 'manual');
    assert.equal(kit.logs.events('catch.handled').length, 1);
  });

  it('aborts a run past timeoutMs, and the attempt signal with it', async () => {
    let attemptSignal: AbortSignal | undefined;
    @Job({ name: 'stuck', every: 60_000, timeoutMs: 5000 })
    class Stuck {
      async run(context: JobContext) {
        attemptSignal = currentCall().signal;
        await new Promise((resolve) => context.signal.addEventListener('abort', resolve));
      }
    }
    const scheduler = new Scheduler({ jobs: [Stuck], history });
    const record = scheduler.runNow('stuck');
    await kit.clock.advance(5000);
    assert.deepEqual([(await record).outcome, (await record).errorCode, (await record).durationMs], ['timedOut', 'MENDKIT_TIMEOUT', 5000]);
    assert.equal(attemptSignal?.aborted, true);
    assert.equal(kit.clock.pendingTimers, 0);
  });

  it('on stop, waits the grace period, then aborts what still runs and reports it', async () => {
    const quick = deferred();
    @Job({ name: 'quick', every: 1000 })
    class Quick {
      async run() {
        await quick.promise;
      }
    }
    @Job({ name: 'stubborn', every: 1000 })
    class Stubborn {
      async run(context: JobContext) {
        await new Promise((resolve) => context.signal.addEventListener('abort', resolve));
        throw context.signal.reason;
      }
    }
    const scheduler = new Scheduler({ jobs: [Quick, Stubborn], history, graceMs: 3000 });
    await scheduler.start();
    await kit.clock.advance(1000);
    const stopped = scheduler.stop();
    await kit.clock.advance(1000);
    quick.resolve();
    await kit.clock.advance(2000);
    assert.deepEqual(await stopped, { aborted: ['stubborn'] });
    assert.deepEqual(
      history.records.map((r) => [r.job, r.outcome, r.errorCode]),
      [
        ['quick', 'succeeded', undefined],
        ['stubborn', 'aborted', 'MENDKIT_SHUTDOWN'],
      ],
    );
    assert.equal(kit.clock.pendingTimers, 0);
  });

  it('treats a stop that comes while the runner is still starting as a stop, not a failed start', async () => {
    // A runner that cannot start until it is stopped, like one waiting for an unreachable Redis.
    const gate = deferred<void>();
    const runner: JobRunner = {
      start: () => gate.promise.then(() => Promise.reject(new Error('Connection is closed.'))),
      stop: async () => gate.resolve(),
    };
    @Job({ name: 'waiting', every: '1h' })
    class Waiting {
      async run() {}
    }
    const scheduler = new Scheduler({ jobs: [Waiting], runner, history: new MemoryRunHistory() });
    const starting = scheduler.start();
    assert.deepEqual(await scheduler.stop(), { aborted: [] });
    await assert.doesNotReject(starting);
    assert.equal(kit.logs.events('scheduler.started').length, 0);
  });

  it('discovers job classes registered in the container under JOBS, injecting their dependencies', async () => {
    class Target {
      readonly written: string[] = [];
    }
    kit.container.registerSingleton(Target);
    @Job({ name: 'injected', every: '1h' })
    class Injected {
      constructor(private readonly target: Target) {}
      async run(context: JobContext) {
        this.target.written.push(context.job);
      }
    }
    kit.container.register(JOBS, { useClass: Injected });
    const scheduler = new Scheduler({ history });
    assert.deepEqual(scheduler.jobNames, ['injected']);
    await scheduler.runNow('injected');
    assert.deepEqual(kit.container.resolve(Target).written, ['injected']);
    assert.notEqual(kit.container, rootContainer);
  });

  it('names the known jobs when asked for an unknown one', () => {
    @Job({ name: 'known', every: '1h' })
    class Known {
      async run() {}
    }
    const scheduler = new Scheduler({ jobs: [Known], history });
    assert.throws(() => scheduler.runNow('unknown'), (error: unknown) => error instanceof UnknownJobError && /known jobs: known$/.test(error.message));
  });

  it('refuses a class without @Job, and two jobs of one name', () => {
    class Plain {
      async run() {}
    }
    assert.throws(() => new Scheduler({ history }).add(Plain), /scheduler\.add\(\): Plain is not decorated with @Job/);
    @Job({ name: 'twin', every: '1h' })
    class One {
      async run() {}
    }
    @Job({ name: 'twin', every: '2h' })
    class Two {
      async run() {}
    }
    assert.throws(() => new Scheduler({ jobs: [One, Two], history }).jobNames, /two jobs are named 'twin'/);
  });
});

