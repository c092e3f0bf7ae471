import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

/** The largest seed: seeds are 32-bit unsigned integers. */
export const MAX_SEED = 0xffff_ffff;

const MASK_64 = (1n << 64n) - 1n;
const MASK_32 = 0xffff_ffffn;

/**
 * splitmix64 (Steele, Lea, Flood 2014): each call gives the next 64-bit output from `state`. It
 * spreads the bits of a small seed over the whole output, which xoroshiro128+ needs: seeded with
 * 42 directly, its first draws sit near 1.0.
 */
function splitmix64(state: { value: bigint }): bigint {
  state.value = (state.value + 0x9e37_79b9_7f4a_7c15n) & MASK_64;
  let z = state.value;
  z = ((z ^ (z >> 30n)) * 0xbf58_476d_1ce4_e5b9n) & MASK_64;
  z = ((z ^ (z >> 27n)) * 0x94d0_49bb_1331_11ebn) & MASK_64;
  return z ^ (z >> 31n);
}

/** A signed 32-bit half of a 64-bit value, as pure-rand's state holds it. */
function half(value: bigint, shift: bigint): number {
  return Number(BigInt.asIntN(32, (value >> shift) & MASK_32));
}

/**
 * A uniform draw in [0, 1) from xoroshiro128+, its 128-bit state filled by splitmix64 from `seed`:
 * the same seed, the same draws; neighbouring seeds, unrelated draws.
 */
export function seededRandom(seed: number): () => number {
  const state = { value: BigInt(seed) };
  const s0 = splitmix64(state);
  const s1 = splitmix64(state);
  // pure-rand's state order: [s0 high, s0 low, s1 high, s1 low]. splitmix64 never gives two zeros in a row.
  const generator = xoroshiro128plusFromState([half(s0, 32n), half(s0, 0n), half(s1, 32n), half(s1, 0n)]);
  return () => uniformFloat64(generator);
}

/** A fresh seed for a run that did not name one (reported, so the run can be replayed). */
export function randomSeed(): number {
  return Math.floor(Math.random() * (MAX_SEED + 1));
}
