import { checkNonNegative, checkOneOf, checkRange } from '../config/validate';
import { JITTERS, type Jitter } from './Backoff';

/**
 * Checks the options every bounded curve shares: `min` and `max` (which may be Infinity) and the
 * jitter kind.
 * @throws ConfigError for a negative or non-finite bound, `min > max`, or an unknown jitter.
 */
export function checkBounds(site: string, options: { readonly min?: number; readonly max?: number; readonly jitter?: Jitter }): void {
  checkNonNegative(site, 'min', options.min);
  if (options.max !== Infinity) checkNonNegative(site, 'max', options.max);
  checkRange(site, options.min, options.max);
  checkOneOf(site, 'jitter', options.jitter, JITTERS);
}
