import { checkPositive } from '../config/validate';
import { ConfigError } from '../errors/ConfigError';

/** `@Timeout`'s limit, checked. */
export interface TimeoutSettings {
  readonly ms: number;
}

/**
 * Checks `@Timeout`'s limit.
 * @throws ConfigError when `ms` is not a finite number > 0 — undefined included, as
 * `@Timeout(config.timeoutMs)` gives when the setting is missing.
 */
export function timeoutSettings(site: string, ms: number): TimeoutSettings {
  if (ms === undefined) throw new ConfigError(`${site}: \`ms\` is required (a number of milliseconds > 0), got undefined — is a setting missing?`);
  checkPositive(site, 'ms', ms);
  return { ms };
}
