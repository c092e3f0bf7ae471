import type { HistoryQuery, RunHistory } from './RunHistory';
import type { RunRecord } from './RunRecord';

/**
 * A run history kept in memory: for tests of jobs and for chaos runs; no files, records readable at once.
 * @example
 * const history = new MemoryRunHistory();
 * const scheduler = new Scheduler({ jobs: [Backup], history });
 */
export class MemoryRunHistory implements RunHistory {
  /** Every record, oldest first. */
  readonly records: RunRecord[] = [];

  async append(record: RunRecord): Promise<void> {
    this.records.push(record);
  }

  async read(query: HistoryQuery = {}): Promise<RunRecord[]> {
    const { job, where, skip = 0, limit } = query;
    const matching = this.records.filter((record) => (job === undefined || record.job === job) && (where === undefined || where(record)));
    const end = Math.max(0, matching.length - skip);
    return matching.slice(limit === undefined ? 0 : Math.max(0, end - limit), end);
  }
}
