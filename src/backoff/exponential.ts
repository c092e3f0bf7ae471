import { checkKnownKeys, checkNonNegative, checkOptionsObject, checkPositive } from '../config/validate';
import type { Backoff, Jitter, RandomSource } from './Backoff';
import { checkBounds } from './checkBounds';
import { applyJitter } from './jitter';

/** Options of {@link exponential}. All durations in ms. */
export interface ExponentialOptions {
  /** Scales the curve. @default 1000 */
  readonly multiplier?: number;
  /** The growth factor. @default 2 */
  readonly base?: number;
  /** The shortest wait. @default 0 */
  readonly min?: number;
  /** The longest wait. @default Infinity (the retry's `maxDelay` still caps it) */
  readonly max?: number;
  /** Spread the waits: see {@link Jitter}. @default 'none' */
  readonly jitter?: Jitter;
  /** Random numbers in [0, 1) for the jitter. @default Math.random */
  readonly random?: RandomSource;
}

const KEYS = ['multiplier', 'base', 'min', 'max', 'jitter', 'random'] as const;
/**
 * Exponential backoff with exactly tenacity's `wait_exponential` semantics: after failed
 * attempt n (from 1) the wait is `max(max(0, min), min(multiplier * base ** (n - 1), max))`.
 * The seed's `multiplier 1, min 4, max 10` seconds, written in ms, waits 4000, 4000, 4000,
 * 8000, 10000, 10000…; with jitter the wait is then spread within [min, that wait].
 * @example exponential({ multiplier: 1000, min: 4000, max: 10000 })
 * @throws ConfigError for negative or non-finite numbers, `min > max` or an unknown option.
 */
export function exponential(options: ExponentialOptions = {}): Backoff {
  const site = 'exponential()';
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, KEYS);
  checkNonNegative(site, 'multiplier', options.multiplier);
  checkPositive(site, 'base', options.base);
  checkBounds(site, options);
  const { multiplier = 1000, base = 2, min = 0, max = Infinity, jitter = 'none', random = Math.random } = options;
  return ({ attempt }) => {
    const raw = multiplier === 0 ? 0 : multiplier * base ** (attempt - 1);
    return applyJitter(Math.max(min, Math.min(raw, max)), min, jitter, random);
  };
}
