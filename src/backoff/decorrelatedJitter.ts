import { checkKnownKeys, checkNonNegative, checkOptionsObject, checkPositive, checkRange } from '../config/validate';
import type { Backoff, RandomSource } from './Backoff';

/** Options of {@link decorrelatedJitter}. All durations in ms. */
export interface DecorrelatedJitterOptions {
  /** The shortest wait, and the first wait's lower bound. Must be > 0. @default 1000 */
  readonly min?: number;
  /** The longest wait. @default 60000 */
  readonly max?: number;
  /** Random numbers in [0, 1). @default Math.random */
  readonly random?: RandomSource;
}

/**
 * "Decorrelated jitter": each wait is uniform in [min, 3 × the previous wait] (the previous
 * wait counting as `min` before the first retry), capped at `max`. Spreads many clients well
 * while still growing.
 * @example decorrelatedJitter({ min: 500, max: 30000 })
 * @throws ConfigError when `min` ≤ 0, `min > max`, a number is not finite, or an option is unknown.
 */
export function decorrelatedJitter(options: DecorrelatedJitterOptions = {}): Backoff {
  const site = 'decorrelatedJitter()';
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, ['min', 'max', 'random']);
  checkPositive(site, 'min', options.min);
  checkNonNegative(site, 'max', options.max);
  checkRange(site, options.min ?? 1000, options.max ?? 60_000);
  const { min = 1000, max = 60_000, random = Math.random } = options;
  return ({ previousDelayMs }) => {
    const high = Math.max(min, previousDelayMs) * 3;
    return Math.min(max, min + random() * (high - min));
  };
}
