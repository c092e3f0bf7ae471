import { randomUUID } from 'node:crypto';
import type { Logger } from 'winston';
import type { JobContext } from './JobContext';
import type { RunTrigger, TriggerKind } from './RunTrigger';

/** One run of a job: the context its `run()` receives, plus what the pipeline reports back. */
export class JobRun implements JobContext {
  readonly runId = randomUUID();
  readonly trigger: TriggerKind;
  readonly scheduledAt: Date;
  readonly changes: readonly string[];
  /** Set by the job stage once the call is over: the attempts `@Retry` made (re-runs after heals not counted). */
  attempts = 1;
  /** Set by the job stage once the call is over: the heals `@Heal` made that re-ran the call. */
  heals = 0;
  private readonly controller = new AbortController();

  constructor(
    readonly job: string,
    trigger: RunTrigger,
    readonly logger: Logger,
  ) {
    this.trigger = trigger.kind;
    this.scheduledAt = new Date(trigger.scheduledAt);
    this.changes = trigger.changes ?? [];
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Aborts the run's signal (timeout, shutdown); the first reason wins. */
  abort(reason: unknown): void {
    this.controller.abort(reason);
  }
}
