import path from 'node:path';
import type { DependencyContainer } from 'tsyringe';
import type { JobClass } from './JobClass';
import type { JobRunner } from './JobRunner';
import type { RunHistory } from './RunHistory';

/** Options of {@link Scheduler}. */
export interface SchedulerOptions {
  /** Job classes to run, besides those registered in the container under `JOBS`. @default [] */
  readonly jobs?: readonly JobClass[];
  /** Where job instances, the logger and the clock are resolved. @default the configured container */
  readonly container?: DependencyContainer;
  /** Where the run history is kept (`runs.jsonl`). @default $MENDKIT_STATE_DIR, else `.mendkit` in the working directory */
  readonly stateDir?: string;
  /** Where runs are recorded. @default a FileRunHistory in `stateDir` */
  readonly history?: RunHistory;
  /** Fires the triggers. @default a LocalRunner (this process, timed by the CLOCK) */
  readonly runner?: JobRunner;
  /** On stop, how long running runs may take to finish before their signal is aborted, in ms. @default 10000 */
  readonly graceMs?: number;
  /** After aborting, how long aborted runs get to clean up before stop() returns, in ms. @default 1000 */
  readonly cleanupMs?: number;
}

/** What {@link Scheduler.stop} reports. */
export interface StopResult {
  /** The jobs whose runs outlasted the grace period and were aborted; empty after a clean stop. */
  readonly aborted: readonly string[];
}

/** The scheduler's defaults. */
export const SCHEDULER_DEFAULTS = Object.freeze({ graceMs: 10_000, cleanupMs: 1000 });

/** Every option of {@link SchedulerOptions}, for the unknown-key check. */
export const SCHEDULER_OPTION_KEYS: readonly (keyof SchedulerOptions)[] = ['jobs', 'container', 'stateDir', 'history', 'runner', 'graceMs', 'cleanupMs'];

/** The default state directory: `$MENDKIT_STATE_DIR`, else `.mendkit` in the working directory. */
export function defaultStateDir(): string {
  return process.env.MENDKIT_STATE_DIR ?? path.resolve('.mendkit');
}
