import type { Logger } from 'winston';

/** Options of `redisRateLimitStore`. */
export interface RedisRateLimitStoreOptions {
  /** The Redis to share limits in. Required. @example 'redis://127.0.0.1:6379' */
  readonly url: string;
  /** Put before every key; each limit is `<prefix>:<Class.method>[:<key>]`. @default 'mendkit:ratelimit' */
  readonly prefix?: string;
  /** How long a call waits for Redis to answer before its store counts as down, in ms. @default 1000 */
  readonly commandTimeoutMs?: number;
  /** Where the store logs Redis outages (`redis.unreachable`, `redis.reconnected`). @default mendkit's default logger */
  readonly logger?: Logger;
}

/** `redisRateLimitStore`'s defaults. */
export const REDIS_RATE_LIMIT_DEFAULTS = Object.freeze({ prefix: 'mendkit:ratelimit', commandTimeoutMs: 1000 });
