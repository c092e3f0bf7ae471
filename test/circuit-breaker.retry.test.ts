import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BrokenCircuitError, CircuitBreaker, fixed, Retry, RetryExhaustedError } from 'mendkit';
import { refused, Script } from './support/scripted';
import { useTestKit } from './support/useTestKit';

class Api {
  constructor(readonly script: Script) {}

  @Retry({ attempts: 5, backoff: fixed(1000) })
  @CircuitBreaker({ consecutive: 2, halfOpenAfter: 10_000 })
  async patient(): Promise<string> {
    return this.script.run();
  }

  @Retry({ attempts: 5, backoff: fixed(1000), maxDelay: 5000 })
  @CircuitBreaker({ consecutive: 2, halfOpenAfter: 10_000 })
  async shortWaits(): Promise<string> {
    return this.script.run();
  }

  @Retry({ attempts: 5, backoff: fixed(1000), maxElapsedMs: 8000 })
  @CircuitBreaker({ consecutive: 2, halfOpenAfter: 10_000 })
  async shortBudget(): Promise<string> {
    return this.script.run();
  }
}

describe('@Retry around an open @CircuitBreaker', () => {
  const kit = useTestKit({ now: 0, autoAdvance: true });

  it('each attempt counts; a refused attempt waits exactly until the half-open time, then the probe succeeds', async () => {
    const api = new Api(new Script().plan(refused(), refused()));
    assert.equal(await api.patient(), 'ok');
    // t=0 fails, t=1000 fails and opens (half-open at 11 000), t=2000 refused, waits 9000, t=11 000 probe.
    assert.deepEqual(kit.clock.sleeps, [1000, 1000, 9000]);
    assert.equal(api.script.calls, 3, 'the refused attempt never reached the method');
    const delays = kit.logs.events('retry.scheduled').map((line) => [line.code, line.delayMs]);
    assert.deepEqual(delays, [
      ['ECONNREFUSED', 1000],
      ['ECONNREFUSED', 1000],
      ['MENDKIT_CIRCUIT_OPEN', 9000],
    ]);
  });

  it('gives up at once when the circuit stays open longer than maxDelay, never waking early to spin', async () => {
    const api = new Api(new Script().plan(refused(), refused()));
    const error = await api.shortWaits().catch((e: unknown) => e);
    assert.ok(error instanceof RetryExhaustedError);
    assert.equal(error.reason, 'maxDelay');
    assert.equal(error.attempts, 3);
    assert.ok(error.cause instanceof BrokenCircuitError);
    assert.deepEqual(kit.clock.sleeps, [1000, 1000]);
  });

  it('gives up at once when waiting for the half-open time would overrun maxElapsedMs', async () => {
    const api = new Api(new Script().plan(refused(), refused()));
    const error = await api.shortBudget().catch((e: unknown) => e);
    assert.ok(error instanceof RetryExhaustedError);
    assert.equal(error.reason, 'maxElapsedMs');
    assert.ok(error.cause instanceof BrokenCircuitError);
    assert.deepEqual(kit.clock.sleeps, [1000, 1000]);
  });
});
