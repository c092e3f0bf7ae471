import type { DependencyContainer, InjectionToken } from 'tsyringe';
import { checkInteger, checkKnownKeys, checkOptionsObject } from '../config/validate';
import { configuration } from '../di/configure';
import type { Services } from '../call/Services';
import { resolveServices } from '../pipeline/resolveServices';
import { ConfigError } from '../errors/ConfigError';
import { isMendkitError } from '../errors/MendkitError';
import { ShutdownError } from '../errors/ShutdownError';
import { TimeoutError } from '../errors/TimeoutError';
import { UnknownJobError } from '../errors/UnknownJobError';
import { logCritical } from '../logging/logCritical';
import { redactorOf } from '../logging/loggerRedactor';
import { logLine } from '../logging/logLine';
import { errorLabel, errorMessage } from '../matching/errorFacts';
import { FileRunHistory } from './FileRunHistory';
import { defaultStateDir, SCHEDULER_DEFAULTS, SCHEDULER_OPTION_KEYS, type SchedulerOptions, type StopResult } from './SchedulerOptions';
import type { JobClass, JobInstance } from './JobClass';
import { readJobSettings } from './jobRegistry';
import { JobRun } from './JobRun';
import { JOBS } from './JOBS';
import type { JobRunner, ScheduledJob } from './JobRunner';
import { LocalRunner } from './LocalRunner';
import { raceAbort } from './raceAbort';
import type { RunHistory } from './RunHistory';
import { RunRecorder } from './RunRecorder';
import type { RunOutcome, RunRecord } from './RunRecord';
import type { RunTrigger } from './RunTrigger';

/**
 * Runs `@Job` classes: resolves them through the container, starts their triggers through the
 * runner, runs each tick through the job's pipeline, records every run, and stops gracefully.
 * A job that throws is recorded `failed` and the scheduler goes on.
 * @example
 * const scheduler = new Scheduler({ jobs: [DbBackupJob] });
 * await scheduler.start();
 * shutdownOnSignals(scheduler); // SIGTERM/SIGINT: stop, exit 0 or 1
 * @throws ConfigError for a bad option.
 */
export class Scheduler {
  /** Where runs are recorded. */
  readonly history: RunHistory;
  private readonly classes: JobClass[];
  private readonly container: DependencyContainer;
  private readonly runner: JobRunner;
  private readonly graceMs: number;
  private readonly cleanupMs: number;
  private services: Services | undefined;
  private resolved: ScheduledJob[] | undefined;
  private state: 'idle' | 'started' | 'stopping' | 'stopped' = 'idle';
  /** Each run going now, with its record to come and the job's own promise. */
  private readonly active = new Map<JobRun, { record: Promise<Ended>; work: Promise<unknown> }>();
  /** Appends records in the background: a run's end never waits on the history. */
  private readonly recorder: RunRecorder;
  private readonly onUnhandledRejection = (reason: unknown) => this.unhandledRejection(reason);

  constructor(options: SchedulerOptions = {}) {
    const site = 'new Scheduler()';
    checkOptionsObject(site, options);
    checkKnownKeys(site, options, SCHEDULER_OPTION_KEYS);
    checkInteger(site, 'graceMs', options.graceMs, 0);
    checkInteger(site, 'cleanupMs', options.cleanupMs, 0);
    this.classes = [...(options.jobs ?? [])];
    this.container = options.container ?? configuration().container;
    this.history = options.history ?? new FileRunHistory(options.stateDir ?? defaultStateDir());
    this.runner = options.runner ?? new LocalRunner();
    this.graceMs = options.graceMs ?? SCHEDULER_DEFAULTS.graceMs;
    this.cleanupMs = options.cleanupMs ?? SCHEDULER_DEFAULTS.cleanupMs;
    this.recorder = new RunRecorder(this.history, () => this.servicesNow().logger);
  }

  /**
   * Adds a job class (before `start()`).
   * @throws ConfigError when `jobClass` is not a `@Job` class, or the scheduler has started.
   */
  add(jobClass: JobClass): this {
    if (this.resolved !== undefined) throw new ConfigError('scheduler.add(): add jobs before start() or runNow()');
    if (readJobSettings(jobClass) === undefined) {
      throw new ConfigError(`scheduler.add(): ${String((jobClass as { name?: unknown }).name)} is not decorated with @Job`);
    }
    this.classes.push(jobClass);
    return this;
  }

  /** The jobs' names, in the order they were given (resolving the jobs through the container). */
  get jobNames(): readonly string[] {
    return this.jobs().map((job) => job.settings.name);
  }

  /**
   * Starts every job's trigger; `runOnStart` and `catchUp` runs start now. While started, an
   * unhandled rejection is logged at `critical` instead of ending the process.
   * @throws ConfigError when already started, or for duplicate job names; whatever the runner
   * throws (nothing is left running then).
   */
  async start(): Promise<void> {
    if (this.state !== 'idle') throw new ConfigError(`scheduler.start(): the scheduler is already ${this.state}`);
    const jobs = this.jobs();
    this.state = 'started';
    process.on('unhandledRejection', this.onUnhandledRejection);
    const { logger, clock } = this.servicesNow();
    try {
      await this.runner.start(jobs, {
        execute: (job, trigger) => this.execute(job, trigger),
        recorded: () => this.recorder.flush(),
        history: this.history,
        clock,
        logger,
      });
    } catch (error) {
      // Stopped while starting (a signal while the runner waited for Redis): the stop owns the
      // shutdown, and a start it interrupted is no failure.
      if (this.stoppedWhileStarting()) return;
      // Half-started (e.g. the history could not be read for a catch-up): leave nothing running.
      await this.runner.stop();
      process.off('unhandledRejection', this.onUnhandledRejection);
      this.state = 'idle';
      throw error;
    }
    logLine(logger, 'info', 'scheduler.started', `scheduler started with ${jobs.length} job${jobs.length === 1 ? '' : 's'}: ${this.jobNames.join(', ')}`, {
      jobs: this.jobNames,
    });
  }

  private stoppedWhileStarting(): boolean {
    return this.state === 'stopping' || this.state === 'stopped';
  }

  /**
   * Stops gracefully: no new runs; running ones get `graceMs` to finish, then their signal is
   * aborted (they are recorded `aborted`) and they get `cleanupMs` to wind down. Resolves once
   * every run's record is in the history. No timer or watcher is left afterwards.
   */
  async stop(): Promise<StopResult> {
    if (this.state !== 'started') return { aborted: [] };
    this.state = 'stopping';
    const { logger, clock } = this.servicesNow();
    logLine(logger, 'info', 'scheduler.stopping', `scheduler stopping: ${this.active.size} run(s) going, ${this.graceMs} ms grace`, {
      running: [...this.active.keys()].map((run) => run.job),
    });
    await this.runner.stop();
    const aborted: string[] = [];
    if (this.active.size > 0) {
      const records = [...this.active.values()];
      await within(clock, this.graceMs, Promise.all(records.map((entry) => entry.record)));
      for (const run of this.active.keys()) {
        aborted.push(run.job);
        run.abort(new ShutdownError(run.job, this.graceMs));
      }
      await Promise.all(records.map((entry) => entry.record));
      await within(clock, this.cleanupMs, Promise.all(records.map((entry) => entry.work)));
    }
    await this.recorder.flush();
    await this.history.flush?.();
    process.off('unhandledRejection', this.onUnhandledRejection);
    this.state = 'stopped';
    logLine(logger, 'info', 'scheduler.stopped', `scheduler stopped${aborted.length > 0 ? `; aborted: ${aborted.join(', ')}` : ''}`, { aborted });
    return { aborted };
  }

  /**
   * Runs one job once, now, whatever its trigger, and records the run; resolves once the record
   * is in the history. With `throwOnFailure`, a run that did not succeed rejects with what it
   * failed with (after being recorded) instead of resolving with its record.
   * @example const record = await scheduler.runNow('db-backup');
   * @throws UnknownJobError when no job has that name.
   */
  runNow(name: string, options: { readonly throwOnFailure?: boolean } = {}): Promise<RunRecord> {
    const job = this.jobs().find((candidate) => candidate.settings.name === name);
    if (job === undefined) throw new UnknownJobError(name, this.jobNames);
    return this.perform(job, { kind: 'manual', scheduledAt: this.servicesNow().clock.now() }).then(async (ended) => {
      await this.recorder.flush();
      if (options.throwOnFailure === true && ended.record.outcome !== 'succeeded') throw ended.error;
      return ended.record;
    });
  }

  private servicesNow(): Services {
    return (this.services ??= resolveServices(this.container));
  }

  /**
   * Builds a job through the container.
   * @throws ConfigError when the container cannot: mostly a constructor with parameters and no
   * recorded types (standard decorators record none), which needs a factory.
   */
  private build(jobClass: JobClass): JobInstance {
    try {
      // tsyringe types constructors with `any[]` parameters; a JobClass is one.
      return this.container.resolve(jobClass as unknown as InjectionToken<JobInstance>);
    } catch (error) {
      if (isMendkitError(error)) throw error;
      const name = jobClass.name;
      throw new ConfigError(
        `scheduler: cannot build ${name} from the container (${errorMessage(error)}); with standard decorators nothing ` +
          `records constructor parameter types: register the job with a factory, e.g. ` +
          `container.register(${name}, { useFactory: (c) => new ${name}(c.resolve(Dependency)) })`,
        { cause: error },
      );
    }
  }

  /** Resolves the job instances once, through the container. */
  private jobs(): ScheduledJob[] {
    if (this.resolved !== undefined) return this.resolved;
    const instances = [
      ...this.classes.map((jobClass) => this.build(jobClass)),
      ...(this.container.isRegistered(JOBS, true) ? this.container.resolveAll(JOBS) : []),
    ];
    const jobs: ScheduledJob[] = [];
    for (const instance of instances) {
      const settings = readJobSettings(instance.constructor);
      if (settings === undefined) throw new ConfigError(`scheduler: ${instance.constructor.name} is not decorated with @Job`);
      if (jobs.some((job) => job.settings.name === settings.name)) {
        throw new ConfigError(`scheduler: two jobs are named '${settings.name}'; job names must be unique`);
      }
      jobs.push({ settings, instance });
    }
    return (this.resolved = jobs);
  }

  private execute(job: ScheduledJob, trigger: RunTrigger): Promise<RunRecord> {
    return this.perform(job, trigger).then((ended) => ended.record);
  }

  /** One run: through the job's pipeline, bounded by `timeoutMs`, recorded whatever happens. */
  private perform(job: ScheduledJob, trigger: RunTrigger): Promise<Ended> {
    const { logger, clock } = this.servicesNow();
    const { name, timeoutMs } = job.settings;
    const run = new JobRun(name, trigger, logger);
    const startedAt = clock.now();
    logLine(logger, 'info', 'job.started', `job ${name}: run started (${trigger.kind})`, { job: name, runId: run.runId, trigger: trigger.kind });
    const timer = timeoutMs === undefined ? undefined : clock.setTimer(timeoutMs, () => run.abort(new TimeoutError(`job ${name}`, timeoutMs)));
    const work = job.instance.run(run);
    const record = raceAbort(work, run.signal).then(
      () => this.finish(run, 'succeeded', startedAt, undefined),
      (error: unknown) => this.finish(run, outcomeOf(run, error), startedAt, error),
    );
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.active.set(run, { record, work: settled });
    return record.finally(() => {
      if (timer !== undefined) clock.clearTimer(timer);
      this.active.delete(run);
    });
  }

  private async finish(run: JobRun, outcome: RunOutcome, startedAt: number, error: unknown): Promise<Ended> {
    const { logger, clock } = this.servicesNow();
    const endedAt = clock.now();
    const record: RunRecord = {
      id: run.runId,
      job: run.job,
      trigger: run.trigger,
      scheduledAt: run.scheduledAt.toISOString(),
      startedAt: new Date(startedAt).toISOString(),
      endedAt: new Date(endedAt).toISOString(),
      durationMs: endedAt - startedAt,
      outcome,
      attempts: run.attempts,
      heals: run.heals,
      ...(error === undefined ? {} : failureOf(logger, error)),
    };
    await this.recorder.record(record);
    const fields = { job: run.job, runId: run.runId, durationMs: record.durationMs, attempts: record.attempts, heals: record.heals };
    if (outcome === 'succeeded') logLine(logger, 'info', 'job.succeeded', `job ${run.job}: run succeeded`, fields);
    else logLine(logger, 'error', `job.${outcome}`, `job ${run.job}: run ${outcome}: ${record.error}`, { ...fields, code: record.errorCode });
    return { record, error };
  }

  private unhandledRejection(reason: unknown): void {
    const running = [...this.active.keys()].map((run) => run.job);
    const message = `unhandled rejection while jobs run (${running.join(', ') || 'none running'}): ${errorMessage(reason)}`;
    logCritical(this.servicesNow().logger, 'job.unhandledRejection', message, {
      running,
      code: errorLabel(reason),
    });
  }
}

/** A run that ended: its record, and what it failed with (undefined when it succeeded). */
interface Ended {
  readonly record: RunRecord;
  readonly error: unknown;
}

/** The code to record: for an exhausted retry, the last attempt's error's, which says what went wrong. */
function failureCode(error: unknown): string {
  return isMendkitError(error, 'MENDKIT_RETRY_EXHAUSTED') && error.cause !== undefined ? errorLabel(error.cause) : errorLabel(error);
}

/**
 * A failed run's `errorCode` and `error` (cut to 500 characters), redacted as the logger's lines
 * are (with its `redact` options), so the run history keeps no secret either.
 */
function failureOf(logger: Services['logger'], error: unknown): Pick<RunRecord, 'errorCode' | 'error'> {
  const redactor = redactorOf(logger);
  return { errorCode: redactor.text(failureCode(error)), error: redactor.text(errorMessage(error)).slice(0, 500) };
}

function outcomeOf(run: JobRun, error: unknown): RunOutcome {
  if (!run.signal.aborted || error !== run.signal.reason) return 'failed';
  return run.signal.reason instanceof TimeoutError ? 'timedOut' : 'aborted';
}

/** Waits for `work`, at most `ms` on the clock; leaves no timer behind either way. */
async function within(clock: Services['clock'], ms: number, work: Promise<unknown>): Promise<void> {
  const done = new AbortController();
  await Promise.race([work.then(() => done.abort()), clock.sleep(ms, done.signal).catch(() => undefined)]);
  done.abort();
}
