import type { Logger } from 'winston';
import { logLine } from '../logging/logLine';
import { errorLabel, errorMessage } from '../matching/errorFacts';
import type { RunHistory } from './RunHistory';
import type { RunRecord } from './RunRecord';

/** How many records may be on their way to the history before a run's end waits for one to land. */
export const MAX_PENDING_RECORDS = 10_000;

/**
 * Records runs in the background, so that a run's end never waits on the history's I/O: up to
 * `maxPending` appends are in flight at once; past that, {@link record} makes the caller wait
 * for room (memory stays bounded when the history is slower than the runs). An append that fails
 * is logged (`job.historyFailed`), never thrown.
 */
export class RunRecorder {
  private readonly pending = new Set<Promise<void>>();
  /** Each record's append while it is in flight. */
  private readonly appending = new WeakMap<RunRecord, Promise<void>>();
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly history: RunHistory,
    private readonly logger: () => Logger,
    private readonly maxPending = MAX_PENDING_RECORDS,
  ) {}

  /** Starts recording `record`; resolves at once, or once there is room when `maxPending` are in flight. */
  async record(record: RunRecord): Promise<void> {
    while (this.pending.size >= this.maxPending) await new Promise<void>((resolve) => this.waiting.push(resolve));
    const append = this.history.append(record).catch((error: unknown) => {
      logLine(this.logger(), 'error', 'job.historyFailed', `job ${record.job}: the run could not be recorded: ${errorMessage(error)}`, {
        job: record.job,
        runId: record.id,
        code: errorLabel(error),
      });
    });
    this.pending.add(append);
    this.appending.set(record, append);
    void append.then(() => {
      this.pending.delete(append);
      this.waiting.shift()?.();
    });
  }

  /** Resolves once `record` has been appended (or its failure logged), without waiting for the others. */
  stored(record: RunRecord): Promise<void> {
    return this.appending.get(record) ?? Promise.resolve();
  }

  /** Resolves once every record started so far has been appended (or its failure logged). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
