import { ConfigError } from '../errors/ConfigError';
import type { Backoff, BackoffContext } from './Backoff';

/**
 * Asks a user-supplied backoff for its next wait and checks the answer.
 * @param site names the option in the error, e.g. "@CircuitBreaker on Api.get: `halfOpenAfter`".
 * @param cause the failure that asked for the delay, kept as the error's `cause`.
 * @throws ConfigError unless the answer is a finite number of ms > 0.
 */
export function nextDelay(backoff: Backoff, context: BackoffContext, site: string, cause: unknown): number {
  const delay = backoff(context);
  if (typeof delay !== 'number' || !Number.isFinite(delay) || delay <= 0) {
    throw new ConfigError(`${site} returned ${String(delay)}; it must return a finite number of ms > 0`, { cause });
  }
  return delay;
}
