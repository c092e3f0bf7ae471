import type { HistoryQuery } from '../jobs/RunHistory';
import type { RunRecord } from '../jobs/RunRecord';
import { errorMessage } from '../matching/errorFacts';
import { BULLMQ_DEFAULTS } from './BullmqRunnerOptions';
import { loadBullmq } from './loadBullmq';
import { redactUrl } from '../redis/redactUrl';
import { createRedisClient } from '../redis/redisClient';
import { RedisKeys } from './redisKeys';
import { RedisRunHistory } from './RedisRunHistory';

/** Where a queue's shared history is: the queue's name and key prefix, as given to its `BullmqRunner`. */
export interface RedisHistoryLocation {
  /** @default 'mendkit' */
  readonly queue?: string;
  /** @default 'mendkit' */
  readonly prefix?: string;
}

/**
 * Reads the run history that the `BullmqRunner`s of a queue share, once, failing fast.
 * @example await readRedisHistory('redis://127.0.0.1:6379', { queue: 'ops' }, { job: 'db-backup', limit: 20 })
 * @throws ConfigError when bullmq or ioredis is not installed; Error naming the URL (password
 * hidden) when Redis cannot be reached.
 */
export async function readRedisHistory(url: string, location: RedisHistoryLocation = {}, query: HistoryQuery = {}): Promise<RunRecord[]> {
  const client = createRedisClient(loadBullmq().ioredis, url, { policy: 'fail' });
  const keys = new RedisKeys(location.prefix ?? BULLMQ_DEFAULTS.prefix, location.queue ?? BULLMQ_DEFAULTS.queue);
  // ioredis rejects the command with "Connection is closed"; the reason (ECONNREFUSED…) comes as an event.
  let connectionError: unknown;
  client.on('error', (error: unknown) => (connectionError ??= error));
  try {
    return await new RedisRunHistory(client, keys).read(query);
  } catch (error) {
    const cause = connectionError ?? error;
    throw new Error(`cannot read the run history from Redis at ${redactUrl(url)}: ${errorMessage(cause)}`, { cause });
  } finally {
    client.disconnect();
  }
}
