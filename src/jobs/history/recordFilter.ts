import type { HistoryQuery } from '../RunHistory';
import type { RunRecord } from '../RunRecord';

/**
 * Which records a read from the newest returns: those of the query's `job` that its `where`
 * accepts, once the first `skip` of them are passed over. Stateful: one per read.
 */
export function recordFilter({ job, where, skip = 0 }: HistoryQuery): (record: RunRecord) => boolean {
  let toSkip = skip;
  return (record) => {
    if ((job !== undefined && record.job !== job) || (where !== undefined && !where(record))) return false;
    if (toSkip === 0) return true;
    toSkip -= 1;
    return false;
  };
}
