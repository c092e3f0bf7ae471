import type { PartitionKey } from '../call/PartitionKey';

/** What a call does when its `@RateLimit` has no slot free. */
export type RateLimitMode =
  /** Queue, first come first served, until a slot frees (bounded by `maxWait` and the call's signal). */
  | 'wait'
  /** Fail at once with `RateLimitedError`, which carries `retryAfterMs`. */
  | 'reject';

/** What a call does when the shared store (Redis) cannot be reached. */
export type StoreDownPolicy =
  /** Fail closed: reject the call with `RateLimitStoreDownError`, so the limit holds even then. */
  | 'reject'
  /** Fail open: run the call unlimited until the store is back. */
  | 'allow';

/** Options of `@RateLimit`. */
export interface RateLimitOptions<A extends unknown[] = unknown[]> {
  /** How many calls may start in any window of `per` ms (per key). Required. */
  readonly limit: number;
  /** The window, in ms. Required. @example per: 1000 */
  readonly per: number;
  /** `wait` for a slot, or `reject` at once with `RateLimitedError`. Required. */
  readonly mode: RateLimitMode;
  /**
   * In `wait` mode, the longest a call waits for a slot, in ms; a call that cannot get one by
   * then fails with `RateLimitedError` (at once when that is already known).
   * @default no bound (the call's abort signal still ends the wait)
   */
  readonly maxWait?: number;
  /**
   * One limit per key instead of one per method. With a shared store, processes share the limit
   * of the same `Class.method` and key.
   * @default one limit per method
   * @example key: (tenant: string) => tenant
   */
  readonly key?: PartitionKey<A>;
  /** When the shared store cannot be reached: `reject` (fail closed) or `allow` (fail open). @default 'reject' */
  readonly onStoreDown?: StoreDownPolicy;
}
