import type { Backoff } from '../backoff/Backoff';
import { exponential } from '../backoff/exponential';
import {
  checkFunction,
  checkInteger,
  checkKnownKeys,
  checkNonNegative,
  checkOptionsObject,
} from '../config/validate';
import { type ErrorMatcher, toMatcher } from '../matching/ErrorMatcher';
import { errors } from '../matching/errors';
import type { RetryEvent, RetryOptions } from './RetryOptions';

/** `@Retry`'s options, checked and with every default filled in. */
export interface RetrySettings {
  readonly attempts: number;
  readonly maxElapsedMs: number | undefined;
  readonly backoff: Backoff;
  readonly on: ErrorMatcher;
  readonly unless: ErrorMatcher | undefined;
  readonly maxDelay: number;
  readonly retryIf: ((result: unknown) => boolean) | undefined;
  readonly onRetry: ((event: RetryEvent) => void) | undefined;
}

/** `@Retry`'s defaults. */
export const RETRY_DEFAULTS = Object.freeze({
  attempts: 3,
  backoff: exponential({ multiplier: 1000, max: 30_000 }),
  on: errors.transient,
  maxDelay: 60_000,
});

const KEYS: readonly (keyof RetryOptions)[] = [
  'attempts',
  'maxElapsedMs',
  'backoff',
  'on',
  'unless',
  'maxDelay',
  'retryIf',
  'onRetry',
];

/**
 * Checks `@Retry`'s options and fills in the defaults.
 * @throws ConfigError naming `site` and the field at fault.
 */
export function retrySettings<R>(site: string, options: RetryOptions<R> = {}): RetrySettings {
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, KEYS);
  checkInteger(site, 'attempts', options.attempts, 1);
  checkNonNegative(site, 'maxElapsedMs', options.maxElapsedMs);
  checkNonNegative(site, 'maxDelay', options.maxDelay);
  checkFunction(site, 'backoff', options.backoff);
  checkFunction(site, 'retryIf', options.retryIf);
  checkFunction(site, 'onRetry', options.onRetry);
  return {
    attempts: options.attempts ?? RETRY_DEFAULTS.attempts,
    maxElapsedMs: options.maxElapsedMs,
    backoff: options.backoff ?? RETRY_DEFAULTS.backoff,
    on: options.on === undefined ? RETRY_DEFAULTS.on : toMatcher(options.on, `${site}: \`on\``),
    unless: options.unless === undefined ? undefined : toMatcher(options.unless, `${site}: \`unless\``),
    maxDelay: options.maxDelay ?? RETRY_DEFAULTS.maxDelay,
    retryIf: options.retryIf as ((result: unknown) => boolean) | undefined,
    onRetry: options.onRetry,
  };
}
