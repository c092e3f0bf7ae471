import type { RunRecord } from './RunRecord';

/** Which records {@link RunHistory.read} returns. */
export interface HistoryQuery {
  /** Only this job's runs. @default every job */
  readonly job?: string;
  /** Only the last `limit` records. @default all */
  readonly limit?: number;
}

/**
 * Where runs are recorded. The embedded default is {@link FileRunHistory}; a distributed runner
 * brings its own, shared by every process.
 */
export interface RunHistory {
  /** Records one finished run; resolves once it is stored. */
  append(record: RunRecord): Promise<void>;
  /** Records oldest first. */
  read(query?: HistoryQuery): Promise<RunRecord[]>;
}
