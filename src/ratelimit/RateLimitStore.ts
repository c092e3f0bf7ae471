import type { InjectionToken } from 'tsyringe';

/** One request for a slot of a limit, as a store sees it. */
export interface SlotRequest {
  /** The limit's name, the same in every process that shares it: `Class.method`, and `:key` when it has one. */
  readonly key: string;
  /** How many calls may start in any window of `perMs`. */
  readonly limit: number;
  /** The window, in ms. */
  readonly perMs: number;
}

/**
 * Where `@RateLimit` takes its slots when the limit is shared across processes.
 * `mendkit/redis`'s `redisRateLimitStore` is one.
 */
export interface RateLimitStore {
  /**
   * Takes one slot for `request` if its window has one free, atomically.
   * @returns 0 when it took one, else the ms until the earliest slot frees; rejects when the
   * store cannot be reached.
   */
  take(request: SlotRequest): Promise<number>;
}

/**
 * The {@link RateLimitStore} every `@RateLimit` takes its slots from. Unregistered (the
 * default), each process keeps its own limits in memory.
 * @example container.register(RATE_LIMIT_STORE, { useValue: redisRateLimitStore({ url: 'redis://127.0.0.1:6379' }) })
 */
export const RATE_LIMIT_STORE: InjectionToken<RateLimitStore> = Symbol.for('mendkit.RATE_LIMIT_STORE');
