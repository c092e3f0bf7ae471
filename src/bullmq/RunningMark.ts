import type { Redis } from 'ioredis';
import type { RedisKeys } from './redisKeys';

/**
 * Takes the mark for a BullMQ job unless another job holds it and that job's BullMQ lock still
 * exists — BullMQ renews the lock while its worker lives, so a mark left by a worker that was
 * killed goes stale with the lock, with no timer of ours. Returns the holder when busy.
 */
const ACQUIRE = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] and redis.call('EXISTS', ARGV[2] .. holder .. ':lock') == 1 then
  return holder
end
redis.call('SET', KEYS[1], ARGV[1])
return false`;

/** Drops the mark if `ARGV[1]` holds it, and hands back the run queued meanwhile, if any. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
local queued = redis.call('GET', KEYS[2])
if queued then redis.call('DEL', KEYS[2]) end
return queued`;

/**
 * Which run of each job is going, across every process of a queue: the cross-process
 * counterpart of the embedded `OverlapGate`. The mark names the BullMQ job running; it counts
 * only while that job's BullMQ lock exists.
 */
export class RunningMark {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  /**
   * Marks `job` as run by the BullMQ job `holder`.
   * @returns undefined when taken (it was free, stale, or already `holder`'s); else the id of the
   * BullMQ job that holds it.
   */
  async acquire(job: string, holder: string): Promise<string | undefined> {
    const busy = (await this.redis.eval(ACQUIRE, 1, this.keys.running(job), holder, `${this.keys.prefix}:${this.keys.queue}:`)) as string | null;
    return busy ?? undefined;
  }

  /** Keeps `trigger` (JSON) as the one run to start when the current one ends; the first one kept wins. */
  async queue(job: string, trigger: string): Promise<void> {
    await this.redis.set(this.keys.queued(job), trigger, 'NX');
  }

  /** Releases `holder`'s mark on `job`; resolves with the run queued meanwhile (JSON), if any. */
  async release(job: string, holder: string): Promise<string | undefined> {
    const queued = (await this.redis.eval(RELEASE, 2, this.keys.running(job), this.keys.queued(job), holder)) as string | null;
    return queued ?? undefined;
  }
}
