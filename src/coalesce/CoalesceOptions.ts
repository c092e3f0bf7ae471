import type { PartitionKey } from '../call/PartitionKey';

/** Options of `@Coalesce`. */
export interface CoalesceOptions<A extends unknown[] = unknown[]> {
  /**
   * Which concurrent calls share one execution: those (on the same object) whose key is equal.
   * A fixed string makes every concurrent call on the object share; a function of the arguments
   * picks what matters (a tenant, a URL…).
   * @default the arguments, serialised stably (strings, numbers, booleans, null, undefined,
   * bigints, and arrays and plain objects of those, keys in any order); any other argument
   * (a Date, a Map, a class instance, a function, a circular structure) makes the call throw
   * `ConfigError` asking for a `key`, rather than risk sharing between calls that differ.
   * @example key: (url: string) => new URL(url).pathname
   */
  readonly key?: PartitionKey<A>;
}
