import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BrokenCircuitError,
  ConfigError,
  exponential,
  fixed,
  HttpError,
  isMendkitError,
  RateLimitedError,
  Retry,
  RetryExhaustedError,
  type RetryEvent,
} from 'mendkit';
import { failingThen, systemError } from './support/failing';
import { useTestKit } from './support/useTestKit';

describe('@Retry', () => {
  const kit = useTestKit({ autoAdvance: true });

  it("waits exactly tenacity's wait_exponential(multiplier=1, min=4, max=10), in ms", async () => {
    const work = failingThen(Array.from({ length: 6 }, () => systemError('ECONNRESET')), 'done');
    class Sync {
      @Retry({ attempts: 7, backoff: exponential({ multiplier: 1000, min: 4000, max: 10000 }) })
      run() {
        return work.run();
      }
    }
    assert.equal(await new Sync().run(), 'done');
    assert.equal(work.calls, 7);
    assert.deepEqual(kit.clock.sleeps, [4000, 4000, 4000, 8000, 10000, 10000]);
  });

  it('uses 3 attempts and 1 s, 2 s waits by default', async () => {
    const work = failingThen([systemError('ETIMEDOUT'), systemError('ETIMEDOUT'), systemError('ETIMEDOUT')], 'x');
    class Sync {
      @Retry()
      run() {
        return work.run();
      }
    }
    await assert.rejects(new Sync().run(), RetryExhaustedError);
    assert.equal(work.calls, 3);
    assert.deepEqual(kit.clock.sleeps, [1000, 2000]);
  });

  it('gives up with RetryExhaustedError carrying the last error as cause and each attempt', async () => {
    const last = systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9');
    const work = failingThen([systemError('ECONNRESET', 'socket hang up'), last], 'never');
    class Sync {
      @Retry({ attempts: 2, backoff: fixed(250) })
      run() {
        return work.run();
      }
    }
    const error = await new Sync().run().catch((e: unknown) => e);
    assert.ok(error instanceof RetryExhaustedError);
    assert.ok(isMendkitError(error, 'MENDKIT_RETRY_EXHAUSTED'));
    assert.equal(error.name, 'RetryExhaustedError');
    assert.equal(error.cause, last);
    assert.equal(error.attempts, 2);
    assert.equal(error.reason, 'attempts');
    assert.deepEqual(error.history, [
      { attempt: 1, code: 'ECONNRESET', message: 'socket hang up', delayMs: 250 },
      { attempt: 2, code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9' },
    ]);
    assert.match(error.message, /^Sync\.run failed after 2 attempts: connect ECONNREFUSED 127\.0\.0\.1:9$/);
    const exhausted = kit.logs.events('retry.exhausted');
    assert.equal(exhausted.length, 1);
    assert.equal(exhausted[0]!.level, 'error');
  });

  it('lets a non-retryable error through at once, unchanged', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    const work = failingThen([bug], 'never');
    class Sync {
      @Retry({ attempts: 5 })
      run() {
        return work.run();
      }
    }
    await assert.rejects(new Sync().run(), (error) => error === bug);
    assert.equal(work.calls, 1);
    assert.deepEqual(kit.clock.sleeps, []);
  });

  it('retries only what `on` matches, and never what `unless` matches', async () => {
    const quota = new Error('quota exceeded, try later');
    const work = failingThen([quota, quota], 'ok');
    class Sync {
      @Retry({ on: /quota/, backoff: fixed(0) })
      run() {
        return work.run();
      }
      @Retry({ unless: 503, backoff: fixed(0) })
      other() {
        return Promise.reject(new HttpError({ status: 503 }));
      }
    }
    assert.equal(await new Sync().run(), 'ok');
    assert.equal(work.calls, 3);
    await assert.rejects(new Sync().other(), HttpError);
  });

  it('stops when the next wait would pass maxElapsedMs', async () => {
    const work = failingThen(Array.from({ length: 9 }, () => systemError('EAI_AGAIN')), 'x');
    class Sync {
      @Retry({ attempts: 10, maxElapsedMs: 5000, backoff: fixed(2000) })
      run() {
        return work.run();
      }
    }
    const error = await new Sync().run().catch((e: unknown) => e);
    assert.ok(error instanceof RetryExhaustedError);
    assert.equal(error.reason, 'maxElapsedMs');
    assert.equal(error.attempts, 3);
    assert.deepEqual(kit.clock.sleeps, [2000, 2000]);
  });

  it("honours a 429's Retry-After in seconds, capped by maxDelay", async () => {
    const limited = (after: string) => new HttpError({ status: 429, headers: { 'retry-after': after } });
    const work = failingThen([limited('3'), limited('600')], 'ok');
    class Sync {
      @Retry({ backoff: fixed(100), maxDelay: 20_000 })
      run() {
        return work.run();
      }
    }
    assert.equal(await new Sync().run(), 'ok');
    assert.deepEqual(kit.clock.sleeps, [3000, 20_000]);
  });

  it("honours a 503's Retry-After as an HTTP date, relative to the clock", async () => {
    const kitNow = Date.parse('2026-11-25T10:00:00Z');
    kit.reset({ autoAdvance: true, now: kitNow });
    const unavailable = new HttpError({ status: 503, headers: { 'retry-after': 'Wed, 25 Nov 2026 10:00:07 GMT' } });
    const work = failingThen([unavailable], 'ok');
    class Sync {
      @Retry({ backoff: fixed(100) })
      run() {
        return work.run();
      }
    }
    assert.equal(await new Sync().run(), 'ok');
    assert.deepEqual(kit.clock.sleeps, [7000]);
  });

  it('caps every backoff wait by maxDelay', async () => {
    const work = failingThen([systemError('EPIPE')], 'ok');
    class Sync {
      @Retry({ backoff: fixed(90_000), maxDelay: 5000 })
      run() {
        return work.run();
      }
    }
    await new Sync().run();
    assert.deepEqual(kit.clock.sleeps, [5000]);
  });

  it('retries on a result retryIf rejects, and reports it when attempts run out', async () => {
    let calls = 0;
    class Poll {
      @Retry<{ ready: boolean }>({ attempts: 3, backoff: fixed(10), retryIf: (r) => !r.ready })
      async status() {
        calls += 1;
        return { ready: calls === 3 };
      }
      @Retry<string>({ attempts: 2, backoff: fixed(10), retryIf: (r) => r === 'pending' })
      async never() {
        return 'pending';
      }
    }
    assert.deepEqual(await new Poll().status(), { ready: true });
    assert.equal(calls, 3);
    const error = await new Poll().never().catch((e: unknown) => e);
    assert.ok(error instanceof RetryExhaustedError);
    assert.equal(error.cause, undefined);
    assert.equal(error.lastResult, 'pending');
    assert.equal(error.history[0]!.code, 'RESULT');
  });

  it('tells onRetry and the log before each wait; a throwing listener changes nothing', async () => {
    const events: RetryEvent[] = [];
    const failure = systemError('ECONNRESET');
    const work = failingThen([failure, failure], 'ok');
    class Sync {
      @Retry({
        backoff: fixed(50),
        onRetry: (event) => {
          events.push(event);
          throw new Error('listener bug');
        },
      })
      run() {
        return work.run();
      }
    }
    assert.equal(await new Sync().run(), 'ok');
    assert.deepEqual(events, [
      { method: 'Sync.run', attempt: 1, delayMs: 50, error: failure },
      { method: 'Sync.run', attempt: 2, delayMs: 50, error: failure },
    ]);
    const logged = kit.logs.events('retry.scheduled');
    assert.deepEqual(
      logged.map(({ level, attempt, delayMs, code, component }) => ({ level, attempt, delayMs, code, component })),
      [
        { level: 'warn', attempt: 1, delayMs: 50, code: 'ECONNRESET', component: 'Sync.run' },
        { level: 'warn', attempt: 2, delayMs: 50, code: 'ECONNRESET', component: 'Sync.run' },
      ],
    );
  });

  it('passes the backoff the attempt number and the previous wait', async () => {
    const seen: Array<[number, number]> = [];
    const work = failingThen([systemError('EBUSY'), systemError('EBUSY'), systemError('EBUSY')], 'ok');
    class Sync {
      @Retry({
        attempts: 4,
        backoff: ({ attempt, previousDelayMs }) => {
          seen.push([attempt, previousDelayMs]);
          return attempt * 100;
        },
      })
      run() {
        return work.run();
      }
    }
    await new Sync().run();
    assert.deepEqual(seen, [
      [1, 0],
      [2, 100],
      [3, 200],
    ]);
  });

  it('refuses a custom backoff that returns a bad delay, keeping the original error as cause', async () => {
    const failure = systemError('ECONNRESET');
    class Sync {
      @Retry({ backoff: () => Number.NaN })
      run() {
        return Promise.reject(failure);
      }
    }
    const error = await new Sync().run().catch((e: unknown) => e);
    assert.ok(isMendkitError(error, 'MENDKIT_CONFIG'));
    assert.match((error as Error).message, /@Retry on Sync\.run: the backoff returned NaN/);
    assert.equal((error as Error).cause, failure);
  });

  it('gives each attempt a fresh attempt number in currentCall()', async () => {
    const { currentCall } = await import('mendkit');
    const attempts: number[] = [];
    class Sync {
      @Retry({ backoff: fixed(0) })
      async run() {
        attempts.push(currentCall().attempt);
        if (attempts.length < 3) throw systemError('ECONNRESET');
        return 'ok';
      }
    }
    await new Sync().run();
    assert.deepEqual(attempts, [1, 2, 3]);
  });

  /** An error as another copy of mendkit in the dependency tree would throw it: marked, not an instance. */
  function fromAnotherCopy(code: string, fields: object = {}): Error {
    const error = Object.assign(new Error(`${code} from another copy`), { code }, fields);
    Object.defineProperty(error, Symbol.for('mendkit.error'), { value: true });
    return error;
  }

  it("treats mendkit's own errors (from any copy) by their code, whatever `on` says; `unless` still wins", async () => {
    let failure: unknown;
    let calls = 0;
    class Sync {
      @Retry({ on: Error, backoff: fixed(10) })
      anything() {
        calls += 1;
        return Promise.reject(failure);
      }
      @Retry({ on: /never matches/, backoff: fixed(10) })
      async nothing() {
        calls += 1;
        if (calls === 1) throw failure;
        return 'ok';
      }
      @Retry({ unless: ['MENDKIT_CIRCUIT_OPEN', 'MENDKIT_RATE_LIMITED'], backoff: fixed(10) })
      notThese() {
        calls += 1;
        return Promise.reject(failure);
      }
    }
    const sync = new Sync();
    for (const config of [new ConfigError('bad option'), fromAnotherCopy('MENDKIT_CONFIG')]) {
      failure = config;
      calls = 0;
      await assert.rejects(sync.anything(), (error) => error === config);
      assert.equal(calls, 1, `${config.message}: never retried, though \`on\` matches every error`);
    }
    const waits: Array<[string, () => unknown, number]> = [
      ['an open circuit', () => new BrokenCircuitError('Api.get', undefined, 'open', kit.clock.now() + 4000, 4000, undefined), 4000],
      ['an open circuit of another copy', () => fromAnotherCopy('MENDKIT_CIRCUIT_OPEN', { halfOpenAt: kit.clock.now() + 3000 }), 3000],
      ['a rate limit', () => new RateLimitedError('Api.get', undefined, 5, 1000, 750), 750],
      ['a rate limit of another copy', () => fromAnotherCopy('MENDKIT_RATE_LIMITED', { retryAfterMs: 250 }), 250],
    ];
    for (const [what, make, wait] of waits) {
      failure = make();
      calls = 0;
      const slept = kit.clock.sleeps.length;
      assert.equal(await sync.nothing(), 'ok', what);
      assert.deepEqual(kit.clock.sleeps.slice(slept), [wait], what);
      failure = make();
      calls = 0;
      await assert.rejects(sync.notThese(), (error) => error === failure);
      assert.equal(calls, 1, `${what}: \`unless\` wins`);
    }
  });
});
