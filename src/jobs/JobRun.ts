import { randomUUID } from 'node:crypto';
import type { Logger } from 'winston';
import { RUN_SCOPE, type RunScope } from '../jobrun/RunScope';
import type { JobContext } from './JobContext';
import type { RunTrigger, TriggerKind } from './RunTrigger';

/** One run of a job: the context its `run()` receives, plus what the pipeline reports back. */
export class JobRun implements JobContext, RunScope {
  readonly runId = randomUUID();
  readonly trigger: TriggerKind;
  readonly scheduledAt: Date;
  readonly changes: readonly string[];
  /** The attempts the run's `@Retry` made, once its call is over (see {@link settle}); re-runs after heals are in `heals`. */
  attempts = 1;
  /** The heals that re-ran the run's call, once it is over. */
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

  /** Where the job stage finds this run (a getter: it stays out of logs and spreads). */
  get [RUN_SCOPE](): RunScope {
    return this;
  }

  settle(attempts: number, heals: number): void {
    // Every attempt after the first is a retry or a re-run after a heal: `@Retry`'s attempts (the
    // N of "failed after N attempts") are the call's attempts less its heals.
    this.attempts = attempts - heals;
    this.heals = heals;
  }

  /** Aborts the run's signal (timeout, shutdown); the first reason wins. */
  abort(reason: unknown): void {
    this.controller.abort(reason);
  }
}
