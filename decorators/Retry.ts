import { retryDescriptor } from '../src/retry/retryDescriptor';
import { setOnce } from '../src/metadata/methodMetadata';
import type { MendkitMethodDecorator } from '../src/pipeline/MendkitMethodDecorator';
import { methodDecorator } from '../src/pipeline/methodDecorator';
import type { RetryOptions } from '../src/retry/RetryOptions';
import { retrySettings } from '../src/retry/RetrySettings';

/**
 * Retries the method on transient failures, waiting a backoff between attempts; gives up with
 * `RetryExhaustedError` (the last error as `cause`). Only errors `on` matches are retried
 * (by default `errors.transient`); anything else passes through at once, unchanged.
 * @example
 * \@Retry({ attempts: 5, backoff: exponential({ multiplier: 1000, min: 4000, max: 10000 }) })
 * async sync() { ... }
 * @throws ConfigError when the class is defined, for a bad option (naming it).
 */
export function Retry<R = unknown>(options?: RetryOptions<R>): MendkitMethodDecorator {
  return methodDecorator('Retry', (site) => setOnce(site.metadata, retryDescriptor.key, retrySettings(site.label, options), site.label));
}
