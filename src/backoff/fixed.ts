import { checkNonNegative } from '../config/validate';
import type { Backoff } from './Backoff';

/**
 * The same wait before every retry.
 * @example fixed(2000)
 * @throws ConfigError when `delayMs` is negative or not finite.
 */
export function fixed(delayMs: number): Backoff {
  checkNonNegative('fixed()', 'delayMs', delayMs);
  return () => delayMs;
}
