import type { Logger } from 'winston';
import type { TriggerKind } from './RunTrigger';

/** What a job's `run(context)` receives. */
export interface JobContext {
  /** The job's name. */
  readonly job: string;
  /** This run's id, as in the run history. */
  readonly runId: string;
  /** Why this run started. */
  readonly trigger: TriggerKind;
  /** When the run was due (for cron, the scheduled time). */
  readonly scheduledAt: Date;
  /**
   * Aborted when the run passes the job's `timeoutMs` or the scheduler shuts down past its grace
   * period. The current attempt's `currentCall().signal` is aborted with it.
   */
  readonly signal: AbortSignal;
  /** For a watch trigger, the paths that changed; empty otherwise. */
  readonly changes: readonly string[];
  /** The logger mendkit writes to. */
  readonly logger: Logger;
}
