import type { Jitter, RandomSource } from './Backoff';

/**
 * Spreads a wait `delay` (already within [min, delay]): `full` picks uniformly in
 * [min, delay]; `equal` keeps half and picks the other half, uniformly in
 * [max(min, delay / 2), delay]; `none` returns `delay`.
 */
export function applyJitter(delay: number, min: number, jitter: Jitter, random: RandomSource): number {
  if (jitter === 'none') return delay;
  const low = jitter === 'full' ? min : Math.max(min, delay / 2);
  return low + random() * (delay - low);
}
