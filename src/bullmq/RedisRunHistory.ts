import type { Redis } from 'ioredis';
import { checkInteger } from '../config/validate';
import type { HistoryQuery, RunHistory } from '../jobs/RunHistory';
import type { RunRecord } from '../jobs/RunRecord';
import type { RedisKeys } from './redisKeys';

/** The shared run history's defaults. */
export const REDIS_HISTORY_DEFAULTS = Object.freeze({ maxRecords: 1000 });

/**
 * The run history in Redis, shared by every process of a queue: a list of JSON records trimmed
 * to the last `maxRecords`. Appending a record also marks its tick done (in the same
 * transaction), which is how a tick BullMQ delivers twice — its worker died after recording the
 * run but before BullMQ heard of it — is recognised and not run again.
 */
export class RedisRunHistory implements RunHistory {
  /**
   * Made by `BullmqRunner` (its `history`) and `readRedisHistory`, which know the queue's keys.
   * @param maxRecords how many records are kept, all jobs together (older ones are dropped).
   * @throws ConfigError when `maxRecords` is not an integer ≥ 1.
   * @internal
   */
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly maxRecords: number = REDIS_HISTORY_DEFAULTS.maxRecords,
  ) {
    checkInteger('RedisRunHistory', 'maxRecords', maxRecords, 1);
  }

  async append(record: RunRecord): Promise<void> {
    const done = this.keys.done(record.job);
    await this.redis
      .multi()
      .rpush(this.keys.history, JSON.stringify(record))
      .ltrim(this.keys.history, -this.maxRecords, -1)
      .zadd(done, Date.parse(record.scheduledAt), record.scheduledAt)
      .zremrangebyrank(done, 0, -this.maxRecords - 1)
      .exec();
  }

  async read(query: HistoryQuery = {}): Promise<RunRecord[]> {
    const lines = await this.redis.lrange(this.keys.history, 0, -1);
    const records = lines.flatMap((line) => {
      const record = JSON.parse(line) as RunRecord;
      return query.job === undefined || record.job === query.job ? [record] : [];
    });
    return query.limit === undefined ? records : records.slice(Math.max(0, records.length - query.limit));
  }

  /** Whether the run of `job` due at `scheduledAt` (epoch ms) is already recorded. */
  async isDone(job: string, scheduledAt: number): Promise<boolean> {
    return (await this.redis.zscore(this.keys.done(job), new Date(scheduledAt).toISOString())) !== null;
  }
}
