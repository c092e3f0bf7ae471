import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Bulkhead, type BulkheadOptions, CircuitBreaker, type CircuitBreakerOptions, ConfigError } from 'mendkit';

function breakerOn(options: unknown): void {
  class Svc {
    @CircuitBreaker(options as CircuitBreakerOptions)
    async run(): Promise<void> {}
  }
  void Svc;
}

function bulkheadOn(options: unknown): void {
  class Svc {
    @Bulkhead(options as BulkheadOptions)
    async run(): Promise<void> {}
  }
  void Svc;
}

function refuses(decorate: (options: unknown) => void, options: unknown, message: RegExp): void {
  assert.throws(
    () => decorate(options),
    (error: unknown) => error instanceof ConfigError && message.test(error.message),
    `expected ConfigError matching ${message} for ${JSON.stringify(options)}`,
  );
}

describe('@CircuitBreaker and @Bulkhead refuse bad options when the class is defined', () => {
  it('@CircuitBreaker: ratio outside (0, 1]', () => {
    for (const ratio of [0, -0.1, 1.01, Number.NaN, '0.5']) {
      refuses(breakerOn, { ratio }, /^@CircuitBreaker on Svc\.run: `ratio` must be a number in \(0, 1\]/);
    }
    breakerOn({ ratio: 1 });
  });

  it('@CircuitBreaker: a window or halfOpenAfter ≤ 0, and malformed windows', () => {
    refuses(breakerOn, { ratio: 0.5, window: { ms: 0 } }, /`window\.ms` must be a finite number > 0/);
    refuses(breakerOn, { ratio: 0.5, window: { calls: 0 } }, /`window\.calls` must be an integer ≥ 1/);
    refuses(breakerOn, { ratio: 0.5, window: { calls: 5, ms: 5 } }, /`window` must be either \{ calls \} or \{ ms \}/);
    refuses(breakerOn, { ratio: 0.5, window: { size: 5 } }, /`window`: unknown option `size`/);
    refuses(breakerOn, { halfOpenAfter: 0 }, /`halfOpenAfter` must be a finite number > 0/);
    refuses(breakerOn, { halfOpenAfter: -5 }, /`halfOpenAfter` must be a finite number > 0/);
  });

  it('@CircuitBreaker: counts, ratio-only options without ratio, an impossible minimum', () => {
    refuses(breakerOn, { consecutive: 0 }, /`consecutive` must be an integer ≥ 1/);
    refuses(breakerOn, { halfOpenProbes: 0 }, /`halfOpenProbes` must be an integer ≥ 1/);
    refuses(breakerOn, { window: { calls: 10 } }, /`window` and `minimumCalls` apply to `ratio`/);
    refuses(breakerOn, { ratio: 0.5, window: { calls: 5 }, minimumCalls: 6 }, /`minimumCalls` \(6\) exceeds `window\.calls` \(5\)/);
    refuses(breakerOn, { key: 5 }, /`key` must be a string or a function/);
    refuses(breakerOn, { on: {} }, /`on`: \[object Object\] is not an error matcher/);
  });

  it('@CircuitBreaker: unknown keys, with a suggestion', () => {
    refuses(breakerOn, { consecutiv: 3 }, /unknown option `consecutiv` \(did you mean `consecutive`\?\)/);
    refuses(breakerOn, { halfOpenAfterMs: 3 }, /unknown option `halfOpenAfterMs`/);
  });

  it('@Bulkhead: concurrency < 1 or missing, a negative queue, unknown keys', () => {
    for (const concurrency of [0, -1, 1.5, '2']) {
      refuses(bulkheadOn, { concurrency }, /^@Bulkhead on Svc\.run: `concurrency` must be an integer ≥ 1/);
    }
    refuses(bulkheadOn, {}, /`concurrency` is required/);
    refuses(bulkheadOn, undefined, /options are required/);
    refuses(bulkheadOn, { concurrency: 2, queue: -1 }, /`queue` must be an integer ≥ 0/);
    refuses(bulkheadOn, { concurency: 2 }, /unknown option `concurency` \(did you mean `concurrency`\?\)/);
  });

  it('each may appear only once on a method', () => {
    assert.throws(() => {
      class Twice {
        @CircuitBreaker()
        @CircuitBreaker()
        async run(): Promise<void> {}
      }
      void Twice;
    }, /may appear only once/);
  });
});
