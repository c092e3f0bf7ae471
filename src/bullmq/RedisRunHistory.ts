import type { Redis } from 'ioredis';
import { checkInteger } from '../config/validate';
import type { HistoryQuery, RunHistory } from '../jobs/RunHistory';
import { parseRunRecord } from '../jobs/history/parseRunRecord';
import { recordFilter } from '../jobs/history/recordFilter';
import type { RunRecord } from '../jobs/RunRecord';
import type { RedisKeys } from './redisKeys';

/** Entries fetched per round trip when reading with a job filter. */
const READ_PAGE = 500;

/** The shared run history's defaults. */
export const REDIS_HISTORY_DEFAULTS = Object.freeze({ maxRecords: 1000 });

/**
 * The run history in Redis, shared by every process of a queue: a list of JSON records trimmed
 * to the last `maxRecords`. Appending a record also marks its tick done (in the same
 * transaction), which is how a tick BullMQ delivers twice — its worker died after recording the
 * run but before BullMQ heard of it — is recognised and not run again.
 */
export class RedisRunHistory implements RunHistory {
  private closed = false;

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

  /**
   * The runner that made this history is closing its connection (its runs ended): a read from now
   * on fails with what to do instead.
   * @internal
   */
  closing(): void {
    this.closed = true;
  }

  async append(record: RunRecord): Promise<void> {
    const done = this.keys.done(record.job);
    const line = JSON.stringify(record);
    await this.redis
      .multi()
      .rpush(this.keys.history, line)
      .ltrim(this.keys.history, -this.maxRecords, -1)
      .set(this.keys.lastRun(record.job), line)
      .zadd(done, Date.parse(record.scheduledAt), record.scheduledAt)
      .zremrangebyrank(done, 0, -this.maxRecords - 1)
      .exec();
  }

  /**
   * Records oldest first, read from the list's end; entries that are not run records are skipped, as in the file history.
   * @throws Error saying what to do instead when the connection was closed: a stopped runner closes it once its runs ended.
   */
  async read(query: HistoryQuery = {}): Promise<RunRecord[]> {
    // ioredis would only say "Connection is closed.", which names neither whose nor what to do.
    if (this.closed) {
      throw new Error(
        "this run history's Redis connection is closed: its BullmqRunner was stopped, which closes it once the runs going ended; " +
          'read the shared history with readRedisHistory(url, { queue }) instead',
      );
    }
    const { job, where, skip = 0, limit, onSkipped } = query;
    const found: RunRecord[] = [];
    if (limit === 0) return found;
    const wanted = recordFilter(query);
    // Without a filter the last `skip + limit` entries are all that is fetched.
    const page = job === undefined && where === undefined && limit !== undefined ? skip + limit : READ_PAGE;
    for (let end = -1; found.length !== limit; end -= page) {
      const lines = await this.redis.lrange(this.keys.history, end - page + 1, end);
      for (const line of lines.reverse()) {
        const record = parseRunRecord(line);
        if (typeof record === 'string') onSkipped?.(record);
        else if (wanted(record)) found.push(record);
        if (found.length === limit) break;
      }
      if (lines.length < page) break;
    }
    return found.reverse();
  }

  /** The last recorded run of `job`, from its own key. */
  async lastRun(job: string): Promise<RunRecord | undefined> {
    const line = await this.redis.get(this.keys.lastRun(job));
    const record = line === null ? undefined : parseRunRecord(line);
    return typeof record === 'object' ? record : (await this.read({ job, limit: 1 }))[0];
  }

  /** Whether the run of `job` due at `scheduledAt` (epoch ms) is already recorded. */
  async isDone(job: string, scheduledAt: number): Promise<boolean> {
    return (await this.redis.zscore(this.keys.done(job), new Date(scheduledAt).toISOString())) !== null;
  }
}
