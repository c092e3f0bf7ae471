import { ConfigError } from '../errors/ConfigError';
import type { Backoff, BackoffContext } from './Backoff';

/**
 * Asks a backoff (possibly the user's own) for its next wait and checks the answer.
 * @param site names the option in the error, e.g. "@CircuitBreaker on Api.get: `halfOpenAfter`".
 * @param cause the failure that asked for the delay, kept as the error's `cause`.
 * @param minimum whether a zero wait is allowed (`'zero'`) or the wait must be positive.
 * @throws ConfigError unless the answer is a finite number of ms at or above the minimum.
 */
export function nextDelay(
  backoff: Backoff,
  context: BackoffContext,
  site: string,
  cause: unknown,
  minimum: 'zero' | 'positive',
): number {
  const delay = backoff(context);
  const low = minimum === 'zero' ? delay >= 0 : delay > 0;
  if (typeof delay !== 'number' || !Number.isFinite(delay) || !low) throw badDelay(delay, site, cause, minimum);
  return delay;
}

// Apart from `nextDelay`, which runs at every retry: V8 inlines a caller's callees only within a
// budget of bytecode, and the message would spend it on a path taken once.
function badDelay(delay: unknown, site: string, cause: unknown, minimum: 'zero' | 'positive'): ConfigError {
  return new ConfigError(
    `${site} returned ${String(delay)}; it must return a finite number of ms ${minimum === 'zero' ? '≥' : '>'} 0`,
    cause === undefined ? undefined : { cause },
  );
}
