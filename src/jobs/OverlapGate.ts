import type { Logger } from 'winston';
import { logLine } from '../logging/logLine';
import type { ExecuteRun, ScheduledJob } from './JobRunner';
import type { RunTrigger } from './RunTrigger';

/**
 * One job's runs, one at a time: a trigger that comes while a run is going is skipped (logged)
 * or, with `overlap: 'queue'`, kept as the one run to start next (later ones fold into it).
 */
export class OverlapGate {
  private running = false;
  private queued: RunTrigger | undefined;
  private closed = false;

  constructor(
    private readonly job: ScheduledJob,
    private readonly execute: ExecuteRun,
    private readonly logger: Logger,
  ) {}

  offer(trigger: RunTrigger): void {
    if (this.closed) return;
    const { name, overlap } = this.job.settings;
    if (!this.running) {
      this.run(trigger);
    } else if (overlap === 'queue') {
      this.queued = mergeTriggers(this.queued, trigger);
      logLine(this.logger, 'info', 'job.queued', `job ${name}: still running; ${trigger.kind} run queued`, { job: name, trigger: trigger.kind });
    } else {
      logLine(this.logger, 'warn', 'job.skipped', `job ${name}: still running; ${trigger.kind} run skipped`, {
        job: name,
        trigger: trigger.kind,
        scheduledAt: new Date(trigger.scheduledAt).toISOString(),
      });
    }
  }

  /** Takes no more triggers and forgets the queued one. */
  close(): void {
    this.closed = true;
    this.queued = undefined;
  }

  private run(trigger: RunTrigger): void {
    this.running = true;
    const done = () => {
      this.running = false;
      const next = this.queued;
      this.queued = undefined;
      if (next !== undefined) this.offer(next);
    };
    // `execute` records failures rather than rejecting; the gate opens again either way.
    this.execute(this.job, trigger).then(done, done);
  }
}

/** A queued run stands for every trigger folded into it: the first one's time, all changes. */
function mergeTriggers(queued: RunTrigger | undefined, next: RunTrigger): RunTrigger {
  if (queued === undefined) return next;
  const changes = [...new Set([...(queued.changes ?? []), ...(next.changes ?? [])])];
  return { ...queued, changes };
}
