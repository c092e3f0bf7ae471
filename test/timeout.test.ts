import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ConfigError, currentCall, fixed, isMendkitError, Retry, Timeout, TimeoutError } from 'mendkit';
import { createTestKit, type TestKit } from 'mendkit/testing';
import { decoratedAt } from './support/decoratorMode';

/** Never settles on its own; rejects with the signal's reason when aborted. */
function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
}

describe('@Timeout', () => {
  let kit: TestKit;
  beforeEach(() => {
    kit = createTestKit();
  });
  afterEach(() => {
    assert.equal(kit.clock.pendingTimers, 0, 'no timer left running');
    kit.dispose();
  });

  it('rejects with TimeoutError and aborts the attempt signal once the limit passes', async () => {
    let signal: AbortSignal | undefined;
    class Api {
      @Timeout(5000)
      async fetch() {
        signal = currentCall().signal;
        return untilAborted(signal);
      }
    }
    const outcome = new Api().fetch().catch((e: unknown) => e);
    await kit.clock.advance(4999);
    assert.equal(signal?.aborted, false);
    await kit.clock.advance(1);
    const error = await outcome;
    assert.ok(error instanceof TimeoutError);
    assert.ok(isMendkitError(error, 'MENDKIT_TIMEOUT'));
    assert.equal(error.message, 'Api.fetch timed out after 5000 ms');
    assert.equal(error.timeoutMs, 5000);
    assert.equal(signal?.aborted, true);
    assert.equal(signal?.reason, error);
  });

  it('clears its timer when the attempt finishes in time', async () => {
    class Api {
      @Timeout(5000)
      async fetch() {
        return 'fast';
      }
    }
    assert.equal(await new Api().fetch(), 'fast');
    assert.equal(kit.clock.pendingTimers, 0);
  });

  it('applies per attempt, and @Retry retries a timeout with a fresh signal', async () => {
    const signals: AbortSignal[] = [];
    class Api {
      @Timeout(1000)
      @Retry({ attempts: 3, backoff: fixed(0) })
      async fetch() {
        const { signal, attempt } = currentCall();
        signals.push(signal);
        if (attempt < 3) return untilAborted(signal);
        return `attempt ${attempt}`;
      }
    }
    const outcome = new Api().fetch();
    await kit.clock.advance(1000);
    await kit.clock.advance(1000);
    assert.equal(await outcome, 'attempt 3');
    assert.deepEqual(signals.map((s) => s.aborted), [true, true, false]);
  });

  it('hands an already-aborted signal to a method that asks for it after its attempt timed out', async () => {
    let late: AbortSignal | undefined;
    class Api {
      @Timeout(10)
      fetch() {
        const call = currentCall();
        return new Promise((resolve) => {
          kit.clock.setTimer(50, () => {
            late = call.signal;
            resolve('too late');
          });
        });
      }
    }
    const outcome = new Api().fetch().catch((e: unknown) => e);
    await kit.clock.advance(50);
    assert.ok((await outcome) instanceof TimeoutError);
    assert.equal(late?.aborted, true);
  });

  it('refuses a limit that is not a number > 0, when the class is defined', () => {
    for (const ms of [0, -5, Number.NaN, Infinity]) {
      assert.throws(
        () => {
          class Api {
            @Timeout(ms)
            async fetch() {}
          }
          return Api;
        },
        (error: unknown) =>
          error instanceof ConfigError && new RegExp(`@Timeout on ${decoratedAt('Api', 'fetch')}: \`ms\` must be a finite number > 0`).test(error.message),
      );
    }
  });
});
