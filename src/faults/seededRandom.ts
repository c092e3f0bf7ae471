import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** The largest seed: seeds are 32-bit unsigned integers. */
export const MAX_SEED = 0xffff_ffff;

/** A uniform draw in [0, 1) from xoroshiro128+ seeded with `seed`: the same seed, the same draws. */
export function seededRandom(seed: number): () => number {
  const generator = xoroshiro128plus(seed);
  return () => uniformFloat64(generator);
}

/** A fresh seed for a run that did not name one (reported, so the run can be replayed). */
export function randomSeed(): number {
  return Math.floor(Math.random() * (MAX_SEED + 1));
}
