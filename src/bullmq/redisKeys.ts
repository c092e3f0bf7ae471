/**
 * The Redis keys mendkit keeps beside a BullMQ queue's own. They share the queue's prefix
 * (`<prefix>:<queue>:`), so removing a queue's keys removes them too.
 */
export class RedisKeys {
  constructor(
    readonly prefix: string,
    readonly queue: string,
  ) {}

  private key(...parts: string[]): string {
    return [this.prefix, this.queue, 'mendkit', ...parts].join(':');
  }

  /** The run history: a list of JSON records, oldest first. */
  get history(): string {
    return this.key('history');
  }

  /**
   * The ticks of `job` whose run is recorded (a sorted set of scheduled times), so that a tick
   * BullMQ delivers again is not run again.
   */
  done(job: string): string {
    return this.key('done', job);
  }

  /** The last recorded run of `job` (a JSON record), for catch-up. */
  lastRun(job: string): string {
    return this.key('last', job);
  }

  /** Held while a run of `job` is going anywhere (`overlap`). */
  running(job: string): string {
    return this.key('running', job);
  }

  /** Held by the process registering Job Schedulers, so that processes starting together take turns. */
  get registering(): string {
    return this.key('registering');
  }

  /** A run waiting for the running one to end (`overlap: 'queue'`). */
  queued(job: string): string {
    return this.key('queued', job);
  }
}
