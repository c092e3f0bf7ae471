import { checkInteger, checkKnownKeys, checkOneOf, checkOptionsObject, checkPositive, checkNonNegative } from '../config/validate';
import { ConfigError } from '../errors/ConfigError';
import { checkPartitionKey, type PartitionKey } from '../call/PartitionKey';
import type { RateLimitMode, RateLimitOptions, StoreDownPolicy } from './RateLimitOptions';

/** `@RateLimit`'s options, checked and with every default filled in. */
export interface RateLimitSettings {
  readonly limit: number;
  readonly perMs: number;
  readonly mode: RateLimitMode;
  readonly maxWaitMs: number | undefined;
  readonly key: PartitionKey | undefined;
  readonly onStoreDown: StoreDownPolicy;
}

/** `@RateLimit`'s defaults. */
export const RATE_LIMIT_DEFAULTS = Object.freeze({ onStoreDown: 'reject' as StoreDownPolicy });

const KEYS: readonly (keyof RateLimitOptions)[] = ['limit', 'per', 'mode', 'maxWait', 'key', 'onStoreDown'];

/**
 * Checks `@RateLimit`'s options and fills in the defaults.
 * @throws ConfigError naming `site` and the field at fault.
 */
export function rateLimitSettings<A extends unknown[]>(site: string, options: RateLimitOptions<A>): RateLimitSettings {
  if (options === undefined) throw new ConfigError(`${site}: options are required: { limit, per, mode }`);
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, KEYS);
  for (const field of ['limit', 'per', 'mode'] as const) {
    if (options[field] === undefined) throw new ConfigError(`${site}: \`${field}\` is required`);
  }
  checkInteger(site, 'limit', options.limit, 1);
  checkPositive(site, 'per', options.per);
  checkOneOf(site, 'mode', options.mode, ['wait', 'reject']);
  checkNonNegative(site, 'maxWait', options.maxWait);
  if (options.maxWait !== undefined && options.mode === 'reject') {
    throw new ConfigError(`${site}: \`maxWait\` applies only to mode 'wait' (a rejected call never waits)`);
  }
  checkPartitionKey(site, options.key);
  checkOneOf(site, 'onStoreDown', options.onStoreDown, ['reject', 'allow']);
  return {
    limit: options.limit,
    perMs: options.per,
    mode: options.mode,
    maxWaitMs: options.maxWait,
    key: options.key as PartitionKey | undefined,
    onStoreDown: options.onStoreDown ?? RATE_LIMIT_DEFAULTS.onStoreDown,
  };
}
