/**
 * `mendkit/bullmq`: jobs on BullMQ over Redis. Kept out of the main entry so that users on one
 * machine need neither bullmq nor ioredis; both are loaded when a BullmqRunner is made.
 * @module mendkit/bullmq
 */
// Before tsyringe loads, as the main entry does: a program may import this entry first.
import '../reflectGuard';

export { BullmqRunner } from './BullmqRunner';
export { BULLMQ_DEFAULTS, type BullmqRunnerOptions } from './BullmqRunnerOptions';
export { REDIS_HISTORY_DEFAULTS, RedisRunHistory } from './RedisRunHistory';
export { type RedisHistoryLocation, readRedisHistory } from './readRedisHistory';
