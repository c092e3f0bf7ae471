import { describeTrigger } from '../jobs/JobSettings';
import type { RunHistory } from '../jobs/RunHistory';
import type { RunRecord } from '../jobs/RunRecord';
import type { Scheduler } from '../jobs/Scheduler';

/** How many of the newest records the jobs view reads, whatever the history's length. */
const RECENT_RECORDS = 2000;

/** One job as the dashboard shows it. Times are ISO 8601. */
export interface JobView {
  readonly name: string;
  /** `cron '0 3 * * *'`, `every 5 m`, `watch /in`; null when only the history is served. */
  readonly trigger: string | null;
  /** When the trigger fires next; null for a watch trigger, an interval not started, or a history served alone. */
  readonly nextRunAt: string | null;
  readonly paused: boolean;
  readonly lastRun: RunRecord | null;
  /** Share of the last `window` runs that succeeded, in [0, 1]; null without runs. */
  readonly successRate: number | null;
  /** The durations of the last `window` runs, oldest first, in ms. */
  readonly durations: readonly number[];
}

function isoOrNull(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

/**
 * Every job with its last runs: the scheduler's jobs when there is one (with trigger, next run and
 * paused state), else the jobs found among the history's newest records. The history is read once,
 * from its end; a job with no run among those falls back on `history.lastRun`.
 */
export async function jobsView(history: RunHistory, scheduler: Scheduler | undefined, window: number): Promise<JobView[]> {
  const byJob = new Map<string, RunRecord[]>();
  for (const record of await history.read({ limit: RECENT_RECORDS })) {
    const runs = byJob.get(record.job) ?? [];
    runs.push(record);
    byJob.set(record.job, runs);
  }
  const settings = scheduler?.jobSettings ?? [...byJob.keys()].sort().map((name) => ({ name }) as const);
  return Promise.all(
    settings.map(async (job) => {
      const runs = (byJob.get(job.name) ?? []).slice(-window);
      const last = runs.at(-1) ?? (await history.lastRun?.(job.name)) ?? null;
      return {
        name: job.name,
        trigger: 'trigger' in job ? describeTrigger(job.trigger) : null,
        nextRunAt: isoOrNull(scheduler?.nextRunAt(job.name)),
        paused: scheduler?.isPaused(job.name) ?? false,
        lastRun: last,
        successRate: runs.length === 0 ? null : runs.filter((run) => run.outcome === 'succeeded').length / runs.length,
        durations: runs.map((run) => run.durationMs),
      };
    }),
  );
}
