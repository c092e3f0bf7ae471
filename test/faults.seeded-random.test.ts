import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../src/faults/seededRandom';

const SEEDS = 10_000;
const BINS = 20;
/** χ² with 19 degrees of freedom at p = 0.001: a uniform sample stays below it 999 times in 1000. */
const CHI2_19_P001 = 43.82;

/** The `n`-th draw (from 1) of each seed 0…SEEDS-1. */
function nthDraws(n: number): number[] {
  return Array.from({ length: SEEDS }, (_, seed) => {
    const random = seededRandom(seed);
    let value = 0;
    for (let i = 0; i < n; i++) value = random();
    return value;
  });
}

/** Pearson's χ² of `values` against the uniform distribution on [0, 1), in `BINS` equal bins. */
function chiSquare(values: readonly number[]): number {
  const counts = new Array<number>(BINS).fill(0);
  for (const value of values) counts[Math.floor(value * BINS)]! += 1;
  const expected = values.length / BINS;
  return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
}

describe('seededRandom', () => {
  for (const n of [1, 2, 3]) {
    it(`draw ${n} of seeds 0…9,999 is uniform (χ² goodness of fit, 20 bins, p = 0.001)`, () => {
      const draws = nthDraws(n);
      assert.ok(draws.every((value) => value >= 0 && value < 1));
      const chi2 = chiSquare(draws);
      assert.ok(chi2 < CHI2_19_P001, `χ² = ${chi2.toFixed(1)} ≥ ${CHI2_19_P001}: draw ${n} is not uniform across seeds`);
    });
  }

  it('a small seed faults its first attempt at the rate asked: seed 42 at rate 0.99 does', () => {
    // Unscrambled, every seed below ~10⁶ drew above 0.998 first, so no first attempt was ever faulted.
    assert.ok(seededRandom(42)() < 0.99);
    const faultedFirst = nthDraws(1).filter((value) => value < 0.3).length / SEEDS;
    assert.ok(Math.abs(faultedFirst - 0.3) < 0.02, `rate 0.3 faulted ${faultedFirst} of first attempts`);
  });

  it('replays: the same seed gives the same sequence; a neighbouring seed another', () => {
    const sequence = (seed: number) => Array.from({ length: 8 }, seededRandom(seed));
    assert.deepEqual(sequence(42), sequence(42));
    assert.notDeepEqual(sequence(42), sequence(43));
    assert.deepEqual(sequence(0xffff_ffff), sequence(0xffff_ffff));
  });
});
