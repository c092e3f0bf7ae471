import type { SkipReason } from './history/parseRunRecord';
import type { RunRecord } from './RunRecord';

/** Which records {@link RunHistory.read} returns. */
export interface HistoryQuery {
  /** Only this job's runs. @default every job */
  readonly job?: string;
  /** Only the records this accepts (as well as `job`'s). @default every record */
  readonly where?: (record: RunRecord) => boolean;
  /**
   * Leaves out the last `skip` matching records, for paging from the newest: page `n` of size
   * `s` is `{ skip: n * s, limit: s }`. A history read from its end reads no further than it must.
   * @default 0
   */
  readonly skip?: number;
  /** Only the last `limit` records (after `skip`). @default all */
  readonly limit?: number;
  /**
   * Hears of each line read that is not a run record and was skipped: `torn` (not JSON, e.g. cut
   * short by a crash) or `not a run record` (JSON of another shape). @default skipped silently
   */
  readonly onSkipped?: (reason: SkipReason) => void;
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
  /**
   * The last recorded run of `job`, for catch-up; a history that can find it without reading
   * every record implements it. @default the last of `read({ job, limit: 1 })`
   */
  lastRun?(job: string): Promise<RunRecord | undefined>;
  /** Writes whatever the history holds back (called when the scheduler stops). @default nothing to write */
  flush?(): Promise<void>;
}
