import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BrokenCircuitError,
  breakers,
  breakersToJSON,
  CircuitBreaker,
  ConfigError,
  hydrateBreakers,
  isolateBreaker,
  isMendkitError,
  resetBreaker,
  Retry,
  type SavedBreakers,
  SlowCallError,
} from 'mendkit';
import { outcome, refused, Script } from './support/scripted';
import { useTestKit } from './support/useTestKit';

/** A service that answers after `latencyMs` of the test's fake clock. */
class Slow {
  latencyMs = 0;

  constructor(private readonly sleep: (ms: number) => Promise<void>) {}

  @CircuitBreaker({ consecutive: 2, slowCallMs: 100, halfOpenAfter: 1000 })
  async read(): Promise<string> {
    await this.sleep(this.latencyMs);
    return 'ok';
  }

  @CircuitBreaker({ consecutive: 100, slowCallMs: 100, slowCallRatio: 0.5, window: { calls: 4 } })
  async list(): Promise<string> {
    await this.sleep(this.latencyMs);
    return 'ok';
  }
}

class Payments {
  readonly script = new Script();

  @CircuitBreaker({ consecutive: 1, halfOpenAfter: 1000, key: (region: string) => region })
  async charge(_region: string): Promise<string> {
    return this.script.run();
  }

  @Retry({ attempts: 3 })
  @CircuitBreaker({ consecutive: 3 })
  async refund(): Promise<string> {
    return this.script.run();
  }
}

function isIsolated(error: unknown): boolean {
  return error instanceof BrokenCircuitError && error.state === 'isolated' && /isolated by an operator; calls refused until it is reset/.test(error.message);
}

describe('breaker slow calls', () => {
  const kit = useTestKit({ now: 0, autoAdvance: true });

  it('counts a success slower than slowCallMs as a failure, and opens on it', async () => {
    const slow = new Slow((ms) => kit.clock.sleep(ms));
    slow.latencyMs = 50;
    await slow.read();
    slow.latencyMs = 150;
    await slow.read();
    assert.equal(breakers()[0]?.state, 'closed', 'one slow call in a row');
    await slow.read();
    assert.equal(breakers()[0]?.state, 'open');
    const refusal = await outcome(slow.read());
    assert.ok('error' in refusal && refusal.error instanceof BrokenCircuitError);
    assert.ok(refusal.error.cause instanceof SlowCallError);
    assert.equal(refusal.error.cause.durationMs, 150);
    const [opened] = kit.logs.events('circuit.open');
    assert.equal(opened?.code, 'MENDKIT_SLOW_CALL');
  });

  it('a slow probe opens a half-open circuit again', async () => {
    const slow = new Slow((ms) => kit.clock.sleep(ms));
    slow.latencyMs = 150;
    await slow.read();
    await slow.read();
    await kit.clock.advance(1000);
    await slow.read(); // the probe: slow
    assert.equal(breakers()[0]?.state, 'open');
    assert.deepEqual(kit.logs.events('circuit.open').map((line) => line.from), ['closed', 'half-open']);
  });

  it('opens when slowCallRatio of the window was slow, failures or not', async () => {
    const slow = new Slow((ms) => kit.clock.sleep(ms));
    for (const latencyMs of [10, 150, 10]) {
      slow.latencyMs = latencyMs;
      await slow.list();
    }
    assert.equal(breakers()[0]?.state, 'closed', '1 of 3 slow');
    slow.latencyMs = 150;
    await slow.list();
    assert.equal(breakers()[0]?.state, 'open', '2 of 4 slow');
  });

  it('checks the slow-call options at decoration, naming the field', () => {
    const declare = (options: object) => () => {
      class Service {
        @CircuitBreaker(options)
        async run(): Promise<void> {}
      }
      return new Service();
    };
    assert.throws(declare({ slowCallMs: 0 }), /`slowCallMs` must be a finite number > 0/);
    assert.throws(declare({ slowCallRatio: 0.5 }), /`slowCallRatio` needs `slowCallMs`/);
    assert.throws(declare({ slowCallMs: 10, slowCallRatio: 2 }), /`slowCallRatio` must be a number in \(0, 1\]/);
    assert.throws(declare({ window: { calls: 5 } }), /`window` and `minimumCalls` apply to `ratio` or `slowCallRatio`/);
    assert.doesNotThrow(declare({ slowCallMs: 10, slowCallRatio: 0.5, window: { calls: 5 } }));
  });
});

describe('isolateBreaker / resetBreaker', () => {
  const kit = useTestKit({ now: 0 });

  it('isolates one key: its calls fail at once, it never half-opens by itself, until reset', async () => {
    const payments = new Payments();
    await payments.charge('eu');
    await payments.charge('us');
    const isolated = isolateBreaker('Payments.charge', { key: 'eu' });
    assert.deepEqual(isolated, [{ name: 'Payments.charge', key: 'eu', state: 'isolated', failures: 0 }]);
    const refusal = await outcome(payments.charge('eu'));
    assert.ok('error' in refusal && isIsolated(refusal.error), String('error' in refusal && refusal.error));
    assert.equal(await payments.charge('us'), 'ok', 'the other key is untouched');
    await kit.clock.advance(24 * 3600_000);
    assert.ok(isIsolated((await outcome(payments.charge('eu')) as { error: unknown }).error), 'a day later, still isolated');
    assert.equal(payments.script.calls, 3, 'isolated calls never reach the service');

    assert.deepEqual(resetBreaker('Payments.charge', { key: 'eu' }).map((breaker) => breaker.state), ['closed']);
    assert.equal(await payments.charge('eu'), 'ok');
    assert.deepEqual(kit.logs.events('circuit.isolated').map((line) => [line.key, line.from]), [['eu', 'closed']]);
    assert.deepEqual(kit.logs.events('circuit.reset').map((line) => [line.key, line.from]), [['eu', 'isolated']]);
  });

  it('without a key, acts on every key of the breaker; reset clears an open circuit and its counts', async () => {
    const payments = new Payments();
    payments.script.plan(refused());
    await outcome(payments.charge('eu'));
    await payments.charge('us');
    assert.deepEqual(breakers().map((breaker) => breaker.state), ['open', 'closed']);
    assert.deepEqual(isolateBreaker('Payments.charge').map((breaker) => breaker.state), ['isolated', 'isolated']);
    assert.deepEqual(resetBreaker('Payments.charge').map((breaker) => [breaker.key, breaker.state, breaker.failures]), [
      ['eu', 'closed', 0],
      ['us', 'closed', 0],
    ]);
  });

  it('an isolated circuit is not waited for by @Retry: it gives up at once', async () => {
    const payments = new Payments();
    await payments.refund();
    isolateBreaker('Payments.refund');
    const failed = await outcome(payments.refund());
    assert.ok('error' in failed && isMendkitError(failed.error, 'MENDKIT_RETRY_EXHAUSTED'));
    assert.ok(isIsolated((failed.error as Error).cause));
    assert.equal(kit.clock.pendingTimers, 0);
  });

  it('names the breakers it knows when asked for one that has not run', async () => {
    await new Payments().charge('eu');
    assert.throws(() => isolateBreaker('Payments.chrage'), (error: unknown) => error instanceof ConfigError && /no circuit breaker Payments\.chrage has run.*known: Payments\.charge/.test(error.message));
    assert.throws(() => resetBreaker('Payments.charge', { key: 'apac' }), /no circuit breaker Payments\.charge \[apac\] has run/);
  });
});

describe('breakersToJSON / hydrateBreakers', () => {
  const kit = useTestKit({ now: 0 });

  it('a restarted process takes up open and isolated circuits, at once or on the first call', async () => {
    const payments = new Payments();
    payments.script.plan(refused());
    await outcome(payments.charge('eu'));
    await payments.charge('us');
    isolateBreaker('Payments.charge', { key: 'us' });
    const saved = JSON.parse(JSON.stringify(breakersToJSON())) as SavedBreakers;
    assert.deepEqual(saved, {
      version: 1,
      breakers: [
        { name: 'Payments.charge', key: 'eu', state: 'open', consecutiveFailures: 1, openings: 1, breakMs: 1000, halfOpenAt: 1000 },
        { name: 'Payments.charge', key: 'us', state: 'isolated', consecutiveFailures: 0, openings: 0, breakMs: 0 },
      ],
    });

    kit.reset({ now: 500 }); // a new process: a fresh container, nothing has run
    hydrateBreakers(saved);
    assert.deepEqual(breakersToJSON(), saved, 'kept until their circuits are made');
    const restarted = new Payments();
    const open = await outcome(restarted.charge('eu'));
    assert.ok('error' in open && open.error instanceof BrokenCircuitError && open.error.state === 'open' && open.error.halfOpenAt === 1000);
    assert.ok(isIsolated((await outcome(restarted.charge('us')) as { error: unknown }).error));
    await kit.clock.advance(500);
    assert.equal(await restarted.charge('eu'), 'ok', 'the probe at halfOpenAt closes it');
    assert.equal(restarted.script.calls, 1);

    hydrateBreakers({ version: 1, breakers: [{ name: 'Payments.charge', key: 'eu', state: 'isolated', consecutiveFailures: 0, openings: 0, breakMs: 0 }] });
    assert.ok(isIsolated((await outcome(restarted.charge('eu')) as { error: unknown }).error), 'a live circuit takes it up at once');
  });

  it('refuses what breakersToJSON does not write, naming the entry and field', () => {
    const entry = { name: 'A.b', state: 'open', consecutiveFailures: 1, openings: 1, breakMs: 10, halfOpenAt: 5 };
    assert.throws(() => hydrateBreakers(null as never), /expected the object breakersToJSON\(\) returned/);
    assert.throws(() => hydrateBreakers({ version: 2, breakers: [] } as never), /unknown format version 2/);
    assert.throws(() => hydrateBreakers({ version: 1, breakers: [entry, { ...entry, state: 'ajar' }] } as never), /breakers\[1\]: `state` must be one of/);
    assert.throws(() => hydrateBreakers({ version: 1, breakers: [{ ...entry, halfOpenAt: undefined }] } as never), /breakers\[0\]: `halfOpenAt` must be a number/);
    assert.throws(() => hydrateBreakers({ version: 1, breakers: [{ ...entry, openings: -1 }] } as never), /`consecutiveFailures` and `openings` must be integers/);
  });
});
