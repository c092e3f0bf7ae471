import type * as Bullmq from 'bullmq';
import type * as IORedis from 'ioredis';
import { loadPeers } from '../redis/loadPeers';

/** The two optional peer packages the Redis backend runs on. */
export interface BullmqModules {
  readonly bullmq: typeof Bullmq;
  readonly ioredis: typeof IORedis;
}

/**
 * Loads `bullmq` and `ioredis` on first use, so that `mendkit` itself never needs them: they are
 * optional peer dependencies, installed only by those who run jobs on Redis.
 * @throws ConfigError naming the packages to install when either is missing.
 */
export function loadBullmq(load: (name: string) => unknown = require): BullmqModules {
  const peers = loadPeers(['bullmq', 'ioredis'], 'running jobs on Redis (mendkit/bullmq, --redis)', load);
  return { bullmq: peers.bullmq as typeof Bullmq, ioredis: peers.ioredis as typeof IORedis };
}
