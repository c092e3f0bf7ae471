import { checkInteger, checkKnownKeys, checkOptionsObject } from '../config/validate';
import { ConfigError } from '../errors/ConfigError';
import { checkPartitionKey, type PartitionKey } from '../call/PartitionKey';
import type { BulkheadOptions } from './BulkheadOptions';

/** `@Bulkhead`'s options, checked and with every default filled in. */
export interface BulkheadSettings {
  readonly concurrency: number;
  readonly queue: number;
  readonly key: PartitionKey | undefined;
}

/** `@Bulkhead`'s defaults. */
export const BULKHEAD_DEFAULTS = Object.freeze({ queue: 0 });

const KEYS: readonly (keyof BulkheadOptions)[] = ['concurrency', 'queue', 'key'];

/**
 * Checks `@Bulkhead`'s options and fills in the defaults.
 * @throws ConfigError naming `site` and the field at fault.
 */
export function bulkheadSettings<A extends unknown[]>(site: string, options: BulkheadOptions<A>): BulkheadSettings {
  if (options === undefined) throw new ConfigError(`${site}: options are required: { concurrency }`);
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, KEYS);
  if (options.concurrency === undefined) throw new ConfigError(`${site}: \`concurrency\` is required`);
  checkInteger(site, 'concurrency', options.concurrency, 1);
  checkInteger(site, 'queue', options.queue, 0);
  checkPartitionKey(site, options.key);
  return {
    concurrency: options.concurrency,
    queue: options.queue ?? BULKHEAD_DEFAULTS.queue,
    key: options.key as PartitionKey | undefined,
  };
}
