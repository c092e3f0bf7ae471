import { checkPositive } from '../config/validate';

/** `@Timeout`'s limit, checked. */
export interface TimeoutSettings {
  readonly ms: number;
}

/**
 * Checks `@Timeout`'s limit.
 * @throws ConfigError when `ms` is not a finite number > 0.
 */
export function timeoutSettings(site: string, ms: number): TimeoutSettings {
  checkPositive(site, 'ms', ms);
  return { ms };
}
