/**
 * `mendkit/redis`: `@RateLimit`s shared by every process through Redis. Kept out of the main
 * entry so that users on one machine need no ioredis; it is loaded when a store is made.
 * @module mendkit/redis
 */
// Before tsyringe loads, as the main entry does: a program may import this entry first.
import '../reflectGuard';

export { RedisRateLimitStore, redisRateLimitStore } from './RedisRateLimitStore';
export { REDIS_RATE_LIMIT_DEFAULTS, type RedisRateLimitStoreOptions } from './RedisRateLimitStoreOptions';
