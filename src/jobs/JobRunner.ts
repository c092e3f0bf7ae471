import type { Clock } from '../clock/Clock';
import type { Logger } from 'winston';
import type { JobInstance } from './JobClass';
import type { JobSettings } from './JobSettings';
import type { RunHistory } from './RunHistory';
import type { RunRecord } from './RunRecord';
import type { RunTrigger } from './RunTrigger';

/** A job as a runner sees it: its settings and its resolved instance. */
export interface ScheduledJob {
  readonly settings: JobSettings;
  readonly instance: JobInstance;
}

/**
 * Runs one run of a job through its pipeline and records it; never rejects (a failed run is a
 * record with outcome `failed`). Supplied by the scheduler.
 */
export type ExecuteRun = (job: ScheduledJob, trigger: RunTrigger) => Promise<RunRecord>;

/** What a runner is started with. */
export interface RunnerContext {
  readonly execute: ExecuteRun;
  /**
   * Resolves once every run ended so far is stored in the history (or its failure logged). Runs
   * are recorded in the background; a runner that acknowledges a run to others (a queue) waits
   * for this first, so that a crash can never leave a run acknowledged and unrecorded.
   */
  readonly recorded: () => Promise<void>;
  readonly history: RunHistory;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Decides when and where runs happen: fires the triggers, holds back overlapping runs, catches up
 * missed ones. The embedded {@link LocalRunner} does it in this process with timers and file
 * watchers; a distributed runner (on a queue) implements the same two methods.
 */
export interface JobRunner {
  /** Starts firing the jobs' triggers; every run goes through `context.execute`. */
  start(jobs: readonly ScheduledJob[], context: RunnerContext): Promise<void>;
  /**
   * Stops firing triggers and drops queued runs; resolves once no timer or watcher of the
   * runner is left. Runs already going are the scheduler's to wait for.
   */
  stop(): Promise<void>;
}
