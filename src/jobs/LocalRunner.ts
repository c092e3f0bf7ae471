import { logLine } from '../logging/logLine';
import type { JobRunner, RunnerContext, ScheduledJob } from './JobRunner';
import { OverlapGate } from './OverlapGate';
import type { RunTrigger } from './RunTrigger';
import { CronTrigger } from './triggers/CronTrigger';
import { IntervalTrigger } from './triggers/IntervalTrigger';
import type { Trigger } from './triggers/Trigger';
import { WatchTrigger } from './triggers/WatchTrigger';

/** The embedded runner: every job's triggers in this process, timed by the `CLOCK`. */
export class LocalRunner implements JobRunner {
  private triggers = new Map<string, Trigger>();
  private gates: OverlapGate[] = [];

  async start(jobs: readonly ScheduledJob[], context: RunnerContext): Promise<void> {
    for (const job of jobs) {
      const gate = new OverlapGate(job, context.execute, context.logger);
      const trigger = createTrigger(job, context);
      this.gates.push(gate);
      this.triggers.set(job.settings.name, trigger);
      const first = job.settings.runOnStart
        ? { kind: 'start' as const, scheduledAt: context.clock.now() }
        : await missedRun(job, context);
      trigger.start((fired) => gate.offer(fired));
      if (first !== undefined) gate.offer(first);
    }
  }

  async stop(): Promise<void> {
    for (const gate of this.gates) gate.close();
    await Promise.all(Array.from(this.triggers.values(), (trigger) => trigger.stop()));
    this.gates = [];
    this.triggers.clear();
  }

  /** When the job's trigger fires next, as armed (ms since the epoch); undefined for a watch trigger or before start. */
  nextRun(job: string): number | undefined {
    return this.triggers.get(job)?.nextAt;
  }
}

function createTrigger(job: ScheduledJob, { clock, logger }: RunnerContext): Trigger {
  const trigger = job.settings.trigger;
  switch (trigger.kind) {
    case 'cron':
      return new CronTrigger(trigger.schedule, clock);
    case 'every':
      return new IntervalTrigger(trigger.ms, clock);
    case 'watch':
      return new WatchTrigger({ job: job.settings.name, ...trigger }, clock, logger);
  }
}

/**
 * With `catchUp`, the scheduled time missed since the job's last recorded run, if one was. A
 * job with no history has missed nothing that is known.
 */
async function missedRun(job: ScheduledJob, { history, clock, logger }: RunnerContext): Promise<RunTrigger | undefined> {
  const { settings } = job;
  if (!settings.catchUp || settings.trigger.kind !== 'cron') return undefined;
  const last = history.lastRun !== undefined ? await history.lastRun(settings.name) : (await history.read({ job: settings.name, limit: 1 }))[0];
  if (last === undefined) return undefined;
  const lastDue = Math.max(Date.parse(last.scheduledAt), Date.parse(last.startedAt));
  const missed = settings.trigger.schedule.nextAfter(lastDue);
  if (missed === undefined || missed > clock.now()) return undefined;
  logLine(logger, 'info', 'job.catchUp', `job ${settings.name}: the run due at ${new Date(missed).toISOString()} was missed; running it now`, {
    job: settings.name,
    missedAt: new Date(missed).toISOString(),
  });
  return { kind: 'catchUp', scheduledAt: missed };
}
