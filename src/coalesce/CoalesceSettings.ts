import { checkKnownKeys, checkOptionsObject } from '../config/validate';
import { checkPartitionKey, type PartitionKey } from '../call/PartitionKey';
import type { CoalesceOptions } from './CoalesceOptions';

/** `@Coalesce`'s options, checked. */
export interface CoalesceSettings {
  /** Undefined: the arguments, serialised stably (`argumentsKey`). */
  readonly key: PartitionKey | undefined;
}

const KEYS: readonly (keyof CoalesceOptions)[] = ['key'];

/**
 * Checks `@Coalesce`'s options.
 * @throws ConfigError naming `site` and the field at fault.
 */
export function coalesceSettings<A extends unknown[]>(site: string, options: CoalesceOptions<A> | undefined): CoalesceSettings {
  if (options === undefined) return { key: undefined };
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, KEYS);
  checkPartitionKey(site, options.key);
  return { key: options.key as PartitionKey | undefined };
}
