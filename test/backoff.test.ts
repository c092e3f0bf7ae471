import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ConfigError, decorrelatedJitter, exponential, fixed, linear, type Backoff } from 'mendkit';

function waits(backoff: Backoff, count: number): number[] {
  const result: number[] = [];
  let previousDelayMs = 0;
  for (let attempt = 1; attempt <= count; attempt++) {
    previousDelayMs = backoff({ attempt, previousDelayMs });
    result.push(previousDelayMs);
  }
  return result;
}

const bounds = fc
  .tuple(fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 0, max: 60_000 }))
  .map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) }));
const random = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const attempt = fc.integer({ min: 1, max: 200 });

describe('backoff strategies', () => {
  it("exponential follows tenacity's formula: max(max(0, min), min(multiplier * base ** (n - 1), max))", () => {
    assert.deepEqual(waits(exponential({ multiplier: 1000, min: 4000, max: 10000 }), 6), [4000, 4000, 4000, 8000, 10000, 10000]);
    assert.deepEqual(waits(exponential({ multiplier: 100, base: 3 }), 4), [100, 300, 900, 2700]);
    assert.deepEqual(waits(exponential(), 3), [1000, 2000, 4000]);
    assert.deepEqual(waits(exponential({ multiplier: 0, min: 5 }), 3), [5, 5, 5]);
  });

  it('exponential never overflows into NaN or Infinity at large attempt numbers', () => {
    assert.equal(exponential({ max: 30_000 })({ attempt: 5000, previousDelayMs: 0 }), 30_000);
  });

  it('linear, fixed', () => {
    assert.deepEqual(waits(linear({ initial: 500, step: 250, max: 1000 }), 4), [500, 750, 1000, 1000]);
    assert.deepEqual(waits(fixed(1500), 3), [1500, 1500, 1500]);
  });

  it('property: exponential and linear stay within [min, max], with or without jitter', () => {
    fc.assert(
      fc.property(bounds, attempt, random, fc.constantFrom('none', 'full', 'equal' as const), ({ min, max }, n, r, jitter) => {
        for (const backoff of [
          exponential({ multiplier: 100, min, max, jitter, random: () => r }),
          linear({ initial: 100, step: 300, min, max, jitter, random: () => r }),
        ]) {
          const delay = backoff({ attempt: n, previousDelayMs: 0 });
          assert.ok(delay >= min && delay <= max, `${delay} outside [${min}, ${max}]`);
        }
      }),
    );
  });

  it('property: non-jitter exponential never decreases from one attempt to the next', () => {
    fc.assert(
      fc.property(bounds, fc.integer({ min: 0, max: 5000 }), fc.double({ min: 1, max: 4, noNaN: true }), attempt, ({ min, max }, multiplier, base, n) => {
        const backoff = exponential({ multiplier, base, min, max });
        assert.ok(backoff({ attempt: n + 1, previousDelayMs: 0 }) >= backoff({ attempt: n, previousDelayMs: 0 }));
      }),
    );
  });

  it('property: full jitter is uniform in [min, d], equal jitter in [max(min, d/2), d]', () => {
    fc.assert(
      fc.property(bounds, attempt, random, ({ min, max }, n, r) => {
        const plain = exponential({ multiplier: 100, min, max })({ attempt: n, previousDelayMs: 0 });
        const full = exponential({ multiplier: 100, min, max, jitter: 'full', random: () => r })({ attempt: n, previousDelayMs: 0 });
        const equal = exponential({ multiplier: 100, min, max, jitter: 'equal', random: () => r })({ attempt: n, previousDelayMs: 0 });
        assert.ok(full >= min && full <= plain);
        assert.ok(equal >= Math.max(min, plain / 2) && equal <= plain);
      }),
    );
  });

  it('property: decorrelated jitter stays within [min, max] and at most triples the previous wait', () => {
    fc.assert(
      fc.property(bounds.filter(({ min }) => min > 0), fc.integer({ min: 0, max: 120_000 }), random, ({ min, max }, previousDelayMs, r) => {
        const delay = decorrelatedJitter({ min, max, random: () => r })({ attempt: 2, previousDelayMs });
        assert.ok(delay >= min && delay <= max);
        assert.ok(delay <= Math.max(min, previousDelayMs) * 3);
      }),
    );
  });

  it('refuses bad options with a ConfigError naming the field', () => {
    assert.throws(() => exponential({ min: 5000, max: 1000 }), /exponential\(\): `min` \(5000\) is greater than `max` \(1000\)/);
    assert.throws(() => exponential({ multiplier: -1 }), /`multiplier` must be a finite number ≥ 0, got -1/);
    assert.throws(() => exponential({ min: Number.NaN }), /`min` must be a finite number ≥ 0, got NaN/);
    assert.throws(() => exponential({ jitter: 'half' as 'full' }), /`jitter` must be one of "none", "full", "equal"/);
    assert.throws(() => exponential({ multipler: 5 } as object), /unknown option `multipler` \(did you mean `multiplier`\?\)/);
    assert.throws(() => linear({ step: -5 }), ConfigError);
    assert.throws(() => fixed(-1), /fixed\(\): `delayMs` must be a finite number ≥ 0/);
    assert.throws(() => decorrelatedJitter({ min: 0 }), /`min` must be a finite number > 0/);
  });
});
