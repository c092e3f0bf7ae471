/** Options of {@link BullmqRunner}. Every duration is real time (BullMQ's and Redis's clocks), in ms. */
export interface BullmqRunnerOptions {
  /** The Redis server, as a URL (`redis://[:password@]host:port[/db]`, `rediss://` for TLS). @default 'redis://127.0.0.1:6379' */
  readonly connection?: string;
  /** The BullMQ queue the jobs go through; processes that share it share the schedule and the history. @default 'mendkit' */
  readonly queue?: string;
  /** The prefix of every Redis key of the queue. @default 'mendkit' */
  readonly prefix?: string;
  /**
   * How long a worker's hold on a run lasts without renewal. A worker renews it every half of it
   * while it lives; when its process dies, another worker takes the run over once it expired
   * (and the next stalled check ran). @default 30000
   */
  readonly lockDurationMs?: number;
  /** How often each worker looks for runs whose worker died (stalled runs). @default 30000 */
  readonly stalledIntervalMs?: number;
  /** How many times a run is taken over after its worker died before it is given up. @default 1 */
  readonly maxStalledCount?: number;
  /** How many runs a process runs at once (of different jobs). @default the number of jobs */
  readonly concurrency?: number;
  /** How many run records the shared history keeps, all jobs together. @default 1000 */
  readonly historyMaxRecords?: number;
  /** How long after a `runOnStart` run other processes starting do not run it again. @default 60000 */
  readonly startWindowMs?: number;
}

/** {@link BullmqRunner}'s defaults. */
export const BULLMQ_DEFAULTS = Object.freeze({
  connection: 'redis://127.0.0.1:6379',
  queue: 'mendkit',
  prefix: 'mendkit',
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 1,
  historyMaxRecords: 1000,
  startWindowMs: 60_000,
});
