import { checkKnownKeys, checkNonNegative, checkOptionsObject } from '../config/validate';
import type { Backoff, Jitter, RandomSource } from './Backoff';
import { checkBounds } from './checkBounds';
import { applyJitter } from './jitter';

/** Options of {@link linear}. All durations in ms. */
export interface LinearOptions {
  /** The first wait. @default 1000 */
  readonly initial?: number;
  /** Added to the wait after each further failure. @default 1000 */
  readonly step?: number;
  /** The shortest wait. @default 0 */
  readonly min?: number;
  /** The longest wait. @default Infinity (the retry's `maxDelay` still caps it) */
  readonly max?: number;
  /** Spread the waits: see {@link Jitter}. @default 'none' */
  readonly jitter?: Jitter;
  /** Random numbers in [0, 1) for the jitter. @default Math.random */
  readonly random?: RandomSource;
}

/**
 * Linear backoff: after failed attempt n (from 1) the wait is `initial + step * (n - 1)`,
 * kept within [min, max].
 * @example linear({ initial: 500, step: 500, max: 5000 }) // 500, 1000, 1500…
 * @throws ConfigError for negative or non-finite numbers, `min > max` or an unknown option.
 */
export function linear(options: LinearOptions = {}): Backoff {
  const site = 'linear()';
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, ['initial', 'step', 'min', 'max', 'jitter', 'random']);
  checkNonNegative(site, 'initial', options.initial);
  checkNonNegative(site, 'step', options.step);
  checkBounds(site, options);
  const { initial = 1000, step = 1000, min = 0, max = Infinity, jitter = 'none', random = Math.random } = options;
  return ({ attempt }) =>
    applyJitter(Math.max(min, Math.min(initial + step * (attempt - 1), max)), min, jitter, random);
}
