import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Job as BullJob, JobsOptions, Queue, RepeatOptions, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'winston';
import { checkInteger, checkKnownKeys, checkOptionsObject } from '../config/validate';
import { ConfigError } from '../errors/ConfigError';
import type { JobRunner, RunnerContext, ScheduledJob } from '../jobs/JobRunner';
import type { TriggerSettings } from '../jobs/JobSettings';
import { LocalRunner } from '../jobs/LocalRunner';
import type { RunTrigger, TriggerKind } from '../jobs/RunTrigger';
import { defaultLogger } from '../logging/defaultLogger';
import { errorLabel, errorMessage } from '../matching/errorFacts';
import { BULLMQ_DEFAULTS, type BullmqRunnerOptions } from './BullmqRunnerOptions';
import { type BullmqModules, loadBullmq } from './loadBullmq';
import { redactUrl } from '../redis/redactUrl';
import { createRedisClient } from '../redis/redisClient';
import { RedisKeys } from './redisKeys';
import { RedisRunHistory } from './RedisRunHistory';
import { RunningMark } from './RunningMark';

/** The registering lock outlives a process that died holding it by this much at most. */
const REGISTER_LOCK_MS = 10_000;
const REGISTER_POLL_MS = 50;

const OPTION_KEYS = [...Object.keys(BULLMQ_DEFAULTS), 'concurrency'];

/** What a run added by mendkit (not by a Job Scheduler) carries. */
interface RunData {
  readonly kind?: TriggerKind;
  readonly scheduledAt?: number;
}

/** Finished BullMQ jobs kept in Redis: the run history is mendkit's record, these are only BullMQ's. */
const JOB_OPTIONS: JobsOptions = Object.freeze({ attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } });

/**
 * Runs jobs on BullMQ over Redis, so that any number of processes, on any number of machines,
 * share one schedule and one run history:
 * - each `cron`/`every` trigger is a BullMQ Job Scheduler: one BullMQ job per tick, taken by one
 *   worker of one process, run there through the job's pipeline (`@Retry`, `@Heal`, logs);
 * - a process killed mid-run (`kill -9`, a lost host) stops renewing its lock: once the lock
 *   expired, another worker takes the run over at its next stalled check — runs are therefore
 *   at-least-once, and jobs should be idempotent;
 * - a tick whose run is already recorded is never run again, even when BullMQ delivers it twice;
 * - `overlap` holds across processes: a tick that comes while a run of the job is going anywhere
 *   is skipped (or, with `'queue'`, kept as the one run to start when it ends);
 * - runs are recorded in a bounded history in Redis ({@link BullmqRunner.history}).
 *
 * A run that failed after its in-process retries is recorded `failed` and done: BullMQ delivers a
 * run again only when its process died. `watch` jobs watch this machine's files, so they run in
 * this process as with the embedded runner. Time: BullMQ fires ticks on real time (Redis and
 * `Date.now`); the `CLOCK` times what happens inside a run (timeouts, backoff, grace period).
 * @example
 * const runner = new BullmqRunner({ connection: 'redis://127.0.0.1:6379' });
 * const scheduler = new Scheduler({ jobs: [SyncJob], runner, history: runner.history });
 * await scheduler.start();
 * // on shutdown: await scheduler.stop(); await runner.close();
 * @throws ConfigError for a bad option, or when `bullmq` or `ioredis` is not installed.
 */
export class BullmqRunner implements JobRunner {
  /** The shared run history: give it to the `Scheduler` as its `history`. */
  readonly history: RedisRunHistory;
  private readonly modules: BullmqModules;
  private readonly options: Required<Omit<BullmqRunnerOptions, 'concurrency'>> & Pick<BullmqRunnerOptions, 'concurrency'>;
  private readonly keys: RedisKeys;
  private readonly client: Redis;
  private readonly marks: RunningMark;
  private readonly local = new LocalRunner();
  private logger: Logger | undefined;
  private context: RunnerContext | undefined;
  private jobs = new Map<string, ScheduledJob>();
  private queue: Queue | undefined;
  private worker: Worker | undefined;
  private closing: Promise<void> | undefined;
  private stopping = false;

  constructor(options: BullmqRunnerOptions = {}) {
    const site = 'new BullmqRunner()';
    checkOptionsObject(site, options);
    checkKnownKeys(site, options, OPTION_KEYS);
    for (const field of ['lockDurationMs', 'stalledIntervalMs', 'concurrency', 'historyMaxRecords', 'startWindowMs'] as const) {
      checkInteger(site, field, options[field], 1);
    }
    checkInteger(site, 'maxStalledCount', options.maxStalledCount, 0);
    for (const field of ['connection', 'queue', 'prefix'] as const) {
      const value = options[field];
      if (value !== undefined && (typeof value !== 'string' || value === '')) throw new ConfigError(`${site}: \`${field}\` must be a non-empty string`);
    }
    const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
    this.options = { ...BULLMQ_DEFAULTS, ...given };
    this.modules = loadBullmq();
    this.keys = new RedisKeys(this.options.prefix, this.options.queue);
    this.client = createRedisClient(this.modules.ioredis, this.options.connection, {
      policy: 'wait',
      logger: () => this.log,
      onReconnected: () => this.reconnected(),
    });
    this.history = new RedisRunHistory(this.client, this.keys, this.options.historyMaxRecords);
    this.marks = new RunningMark(this.client, this.keys);
  }

  private get log(): Logger {
    return this.logger ?? defaultLogger();
  }

  /**
   * Registers each `cron`/`every` job as a BullMQ Job Scheduler (keeping one already registered
   * with the same trigger, and so its next tick), and starts this process's worker.
   * Waits for Redis when it is unreachable (reconnecting with backoff).
   */
  async start(jobs: readonly ScheduledJob[], context: RunnerContext): Promise<void> {
    this.context = context;
    this.logger = context.logger;
    if (context.history !== this.history) {
      this.log.warn('BullmqRunner: the scheduler records runs elsewhere than runner.history; the history is not shared', { event: 'bullmq.historyNotShared' });
    }
    const distributed = jobs.filter((job) => job.settings.trigger.kind !== 'watch');
    await this.local.start(jobs.filter((job) => job.settings.trigger.kind === 'watch'), context);
    this.jobs = new Map(distributed.map((job) => [job.settings.name, job]));
    if (distributed.length === 0) return;
    const { bullmq } = this.modules;
    const { queue, prefix, lockDurationMs, stalledIntervalMs, maxStalledCount } = this.options;
    this.queue = new bullmq.Queue(queue, { connection: this.client, prefix });
    this.queue.on('error', (error) => this.bullmqError(error));
    await this.registerSchedulers();
    for (const job of distributed) if (job.settings.runOnStart) await this.addStartRun(job);
    this.worker = new bullmq.Worker(queue, (bullJob, token) => this.process(bullJob, token), {
      connection: this.client,
      prefix,
      concurrency: this.options.concurrency ?? distributed.length,
      lockDuration: lockDurationMs,
      stalledInterval: stalledIntervalMs,
      maxStalledCount,
    });
    this.worker.on('error', (error) => this.bullmqError(error));
    this.worker.on('stalled', (id) => this.log.warn(`run ${id}: its worker stopped answering; another worker takes it over`, { event: 'job.stalled', bullJobId: id }));
    this.worker.on('failed', (bullJob, error) => {
      this.log.error(`run ${bullJob?.id ?? '?'} of ${bullJob?.name ?? '?'} is lost: ${errorMessage(error)}`, { event: 'job.lost', job: bullJob?.name, code: errorLabel(error) });
    });
    await this.worker.waitUntilReady();
    this.log.info(
      `BullMQ worker on queue '${queue}' at ${redactUrl(this.options.connection)}: ${distributed.length} job(s); ` +
        `lock ${lockDurationMs} ms, stalled check every ${stalledIntervalMs} ms`,
      { event: 'bullmq.started', queue, jobs: [...this.jobs.keys()] },
    );
  }

  /**
   * Stops taking runs. Runs going on in this process go on (the scheduler waits for them); once
   * they ended, BullMQ hears of it and the connections close — {@link close} resolves then.
   */
  async stop(): Promise<void> {
    this.closing ??= this.shutDown();
    await this.local.stop();
  }

  /** Stops (if not yet) and resolves once the runs of this process ended and Redis is closed. */
  close(): Promise<void> {
    return (this.closing ??= this.shutDown());
  }

  private async shutDown(): Promise<void> {
    this.stopping = true;
    try {
      await this.worker?.close(); // stops fetching at once; resolves when the runs going ended
      await this.queue?.close();
    } catch (error) {
      this.log.warn(`BullMQ did not close cleanly: ${errorMessage(error)}`, { event: 'bullmq.closeFailed', code: errorLabel(error) });
    }
    this.history.closing();
    if (this.client.status === 'ready') await this.client.quit();
    else this.client.disconnect();
  }

  /** One tick, delivered by BullMQ to this process. Resolves with the run's outcome, or why it did not run. */
  private async process(bullJob: BullJob, token: string | undefined): Promise<string> {
    if (this.stopping) return this.handBack(bullJob, token);
    const job = this.jobs.get(bullJob.name);
    const context = this.context;
    if (job === undefined || context === undefined) {
      // A job only another process's module defines (an older or newer version of it).
      this.log.warn(`run ${bullJob.id}: no job '${bullJob.name}' here; dropped`, { event: 'job.unknown', job: bullJob.name });
      return 'unknown';
    }
    const name = job.settings.name;
    const trigger = triggerOf(bullJob, job.settings.trigger);
    if (await this.history.isDone(name, trigger.scheduledAt)) {
      this.log.info(`job ${name}: the run due at ${new Date(trigger.scheduledAt).toISOString()} is already recorded; not run again`, {
        event: 'job.duplicate',
        job: name,
      });
      return 'duplicate';
    }
    const holder = String(bullJob.id);
    const busy = await this.marks.acquire(name, holder);
    if (busy !== undefined) return this.overlapping(job, trigger, busy);
    try {
      // Began to stop while this tick was checked: the scheduler waits only for runs begun before.
      if (this.stopping) return await this.handBack(bullJob, token);
      const record = await context.execute(job, trigger);
      if (record === undefined) return 'paused';
      await context.recorded(record); // BullMQ completes the tick when this returns: the record must be stored by then
      return record.outcome;
    } finally {
      const queued = await this.marks.release(name, holder);
      if (queued !== undefined) await this.addRun(name, JSON.parse(queued) as RunTrigger, `queued-${name}`);
    }
  }

  /** A tick fetched as this process stops: back to the queue, for another process to run. */
  private async handBack(bullJob: BullJob, token: string | undefined): Promise<never> {
    await bullJob.moveToWait(token);
    throw new this.modules.bullmq.WaitingError();
  }

  private async overlapping(job: ScheduledJob, trigger: RunTrigger, busy: string): Promise<string> {
    const { name, overlap } = job.settings;
    const fields = { job: name, trigger: trigger.kind, scheduledAt: new Date(trigger.scheduledAt).toISOString(), runningAs: busy };
    if (overlap === 'queue') {
      await this.marks.queue(name, JSON.stringify(trigger));
      this.log.info(`job ${name}: still running (${busy}); ${trigger.kind} run queued`, { event: 'job.queued', ...fields });
      return 'queued';
    }
    this.log.warn(`job ${name}: still running (${busy}); ${trigger.kind} run skipped`, { event: 'job.skipped', ...fields });
    return 'skipped';
  }

  /**
   * Registers the Job Schedulers that are missing or whose trigger changed. Processes take turns
   * (a lock in Redis): two registering the same `every` job at once would add an extra tick.
   */
  private async registerSchedulers(): Promise<void> {
    const token = randomUUID();
    while ((await this.client.set(this.keys.registering, token, 'PX', REGISTER_LOCK_MS, 'NX')) === null) await sleep(REGISTER_POLL_MS);
    try {
      await this.registerEach();
    } finally {
      await this.client.eval(`if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end`, 1, this.keys.registering, token);
    }
  }

  private async registerEach(): Promise<void> {
    const queue = this.queue!;
    for (const [name, job] of this.jobs) {
      const repeat = repeatOf(job.settings.trigger);
      const existing = await queue.getJobScheduler(name);
      if (existing !== undefined && existing.pattern === repeat.pattern && existing.tz === repeat.tz && existing.every === repeat.every) continue;
      await queue.upsertJobScheduler(name, repeat, { name, data: {}, opts: JOB_OPTIONS });
      this.log.info(`job ${name}: registered as a BullMQ Job Scheduler`, { event: 'bullmq.scheduled', job: name });
    }
  }

  /** A `runOnStart` run, once for processes that start within `startWindowMs` of each other. */
  private addStartRun(job: ScheduledJob): Promise<void> {
    return this.addRun(job.settings.name, { kind: 'start', scheduledAt: Date.now() }, `start-${job.settings.name}`, this.options.startWindowMs);
  }

  private async addRun(name: string, trigger: RunTrigger, dedupeId: string, ttl?: number): Promise<void> {
    const data: RunData = { kind: trigger.kind, scheduledAt: trigger.scheduledAt };
    const deduplication = ttl === undefined ? {} : { deduplication: { id: dedupeId, ttl } };
    await this.queue?.add(name, data, { ...JOB_OPTIONS, ...deduplication, jobId: `${dedupeId}-${trigger.scheduledAt}` });
  }

  /** After an outage: Redis may have come back empty (no persistence); register what is missing. */
  private reconnected(): void {
    if (this.stopping || this.queue === undefined) return;
    this.registerSchedulers().catch((error: unknown) => this.bullmqError(error));
  }

  private bullmqError(error: unknown): void {
    // While Redis is unreachable, the client reports the outage once; BullMQ's echoes add nothing.
    if (this.client.status !== 'ready') return;
    this.log.warn(`BullMQ: ${errorMessage(error)}`, { event: 'bullmq.error', code: errorLabel(error) });
  }
}

/** The Job Scheduler's repeat options; an `every` job first fires one interval after it is registered, as with the embedded runner. */
function repeatOf(trigger: TriggerSettings): RepeatOptions {
  if (trigger.kind === 'cron') {
    const { expression, timezone } = trigger.schedule;
    return timezone === undefined ? { pattern: expression } : { pattern: expression, tz: timezone };
  }
  if (trigger.kind === 'every') return { every: trigger.ms, startDate: Date.now() + trigger.ms };
  throw new ConfigError(`a watch trigger has no BullMQ schedule (${trigger.path})`);
}

/**
 * The run's trigger. A Job Scheduler's tick is due at the time in its id
 * (`repeat:<scheduler>:<ms>`), which BullMQ computed; its `timestamp` is when it was created, at
 * the previous tick.
 */
function triggerOf(bullJob: BullJob, trigger: TriggerSettings): RunTrigger {
  const data = bullJob.data as RunData;
  if (data.kind !== undefined && data.scheduledAt !== undefined) return { kind: data.kind, scheduledAt: data.scheduledAt };
  const due = Number(/^repeat:.*:(\d+)$/.exec(bullJob.id ?? '')?.[1]);
  return { kind: trigger.kind, scheduledAt: Number.isFinite(due) ? due : bullJob.timestamp + (bullJob.opts.delay ?? 0) };
}
