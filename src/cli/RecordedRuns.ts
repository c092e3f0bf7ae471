import type { JobClass } from '../jobs/JobClass';
import type { RunHistory } from '../jobs/RunHistory';
import type { RunRecord } from '../jobs/RunRecord';
import { Scheduler } from '../jobs/Scheduler';

/**
 * A job run the way `mendkit run` runs it — through a scheduler: a fresh run context each time,
 * the job's `timeoutMs`, a record in `history` — as the target of a chaos run. A run that did not
 * succeed rejects, once recorded, with what it failed with, so the report files it as documented
 * (`MENDKIT_RETRY_EXHAUSTED(ECONNRESET)`) while the record keeps the last attempt's code.
 */
export class RecordedRuns {
  private scheduler: Scheduler | undefined;

  constructor(
    private readonly jobClass: JobClass,
    private readonly job: string,
    private readonly history: RunHistory,
  ) {}

  async run(): Promise<RunRecord> {
    // Made on the first run, inside the chaos run's container: the job, its logger, its clock and
    // the fault injector all come from there.
    this.scheduler ??= new Scheduler({ jobs: [this.jobClass], history: this.history });
    return this.scheduler.runNow(this.job, { throwOnFailure: true });
  }
}
