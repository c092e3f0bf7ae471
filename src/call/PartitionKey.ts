import { ConfigError } from '../errors/ConfigError';
import type { Call } from './Call';

/**
 * Splits a stage's state by call: a fixed string, or a function of the method's arguments that
 * returns one (an endpoint, a tenant…). Calls with the same key share one breaker or bulkhead.
 * @example (url: string) => new URL(url).host
 */
export type PartitionKey<A extends unknown[] = unknown[]> = string | ((...args: A) => string);

/** @throws ConfigError unless `value` is a string, a function or undefined. */
export function checkPartitionKey(site: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'string' && typeof value !== 'function') {
    throw new ConfigError(`${site}: \`key\` must be a string or a function of the arguments, got ${String(value)}`);
  }
}

/**
 * The key of one call.
 * @throws ConfigError when the key function returns something other than a string.
 */
export function partitionOf(site: string, key: PartitionKey, call: Call): string {
  if (typeof key === 'string') return key;
  const value: unknown = key(...call.args);
  if (typeof value !== 'string') {
    throw new ConfigError(`${site}: the \`key\` function returned ${String(value)}; it must return a string`);
  }
  return value;
}
