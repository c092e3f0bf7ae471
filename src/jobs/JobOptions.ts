/** What a watch trigger looks at. */
export interface WatchOptions {
  /** The file or directory to watch. */
  readonly path: string;
  /** Quiet time after the last change before the run starts, in ms. @default 200 */
  readonly debounceMs?: number;
  /**
   * How often to look when polling: after the OS watch limits ran out (EMFILE/ENOSPC), and
   * while the watched path is missing. @default 1000
   */
  readonly pollIntervalMs?: number;
}

/** Options every job has, whatever its trigger. */
export interface JobBaseOptions {
  /** The job's name: what the CLI, the logs and the run history call it. */
  readonly name: string;
  /**
   * What a tick does while the previous run is still going: `skip` it (logged as `job.skipped`),
   * or `queue` one run to start when the current one ends (later ticks fold into it).
   * @default 'skip'
   */
  readonly overlap?: 'skip' | 'queue';
  /** Run once as soon as the scheduler starts, then on the trigger. @default false */
  readonly runOnStart?: boolean;
  /**
   * Bound on a whole run (all its attempts), in ms: past it the run's `signal` is aborted and the
   * run is recorded `timedOut`. @default no limit
   */
  readonly timeoutMs?: number;
}

/** A job run on a cron expression (5 fields, or 6 with seconds first). */
export interface CronJobOptions extends JobBaseOptions {
  /** @example '0 3 * * *' (03:00 every day) */
  readonly cron: string;
  /** The IANA time zone the expression is read in. @default the process's time zone */
  readonly timezone?: string;
  /**
   * On start, when the run history shows a scheduled run was missed while the process was down,
   * run once at once. @default false
   */
  readonly catchUp?: boolean;
  readonly every?: never;
  readonly watch?: never;
}

/** A job run at a fixed rate, counted from the scheduler's start. */
export interface IntervalJobOptions extends JobBaseOptions {
  /** The interval: ms, or a string such as `'30s'`, `'5m'`, `'1h'`, `'250ms'`. */
  readonly every: number | string;
  readonly cron?: never;
  readonly timezone?: never;
  readonly catchUp?: never;
  readonly watch?: never;
}

/** A job run when files change under a path (after a quiet time). */
export interface WatchJobOptions extends JobBaseOptions {
  /** The path, or the path with its options. */
  readonly watch: string | WatchOptions;
  readonly cron?: never;
  readonly timezone?: never;
  readonly catchUp?: never;
  readonly every?: never;
}

/** Options of `@Job`: a name, exactly one trigger (`cron`, `every` or `watch`), and how runs behave. */
export type JobOptions = CronJobOptions | IntervalJobOptions | WatchJobOptions;
