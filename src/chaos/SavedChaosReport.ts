import type { ChaosReport } from './ChaosReport';

/** Where a chaos report came from: what `mendkit chaos` adds to the report it saves. */
export interface ChaosReportOrigin {
  /** The job's name (`@Job({ name })`). */
  readonly job: string;
  /** The job module's path, as resolved. */
  readonly module: string;
  /** When the runs started, ISO 8601 UTC. */
  readonly startedAt: string;
}

/** A chaos report as `mendkit chaos --state-dir` saves it in `<state-dir>/chaos/<id>.json`. */
export type SavedChaosReport = ChaosReport & ChaosReportOrigin;

/** The folder of a state directory that holds the saved chaos reports. */
export const CHAOS_REPORTS_DIR = 'chaos';

/** Longest job-name part of an id: ids stay well under a file name's 255 bytes. */
const MAX_NAME = 80;

/** What an id looks like: a time without colons, `-`, then letters, digits, `.`, `_`, `-`. */
const ID = /^\d{4}-\d{2}-\d{2}T\d{6}(?:\.\d{3})?Z-[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * The base name of a saved report's files: the start time without colons (Windows and URLs
 * dislike them), then the job's name with anything but letters, digits, `.`, `_`, `-` made `_`.
 * Ids sort by time. @example chaosReportId('api-sync', '2026-12-02T09:34:29.123Z') // '2026-12-02T093429.123Z-api-sync'
 */
export function chaosReportId(job: string, startedAt: string): string {
  const name = job.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\./, '_').slice(0, MAX_NAME) || '_';
  return `${startedAt.replace(/:/g, '')}-${name}`;
}

/** Whether `id` is one {@link chaosReportId} makes: safe to join to a directory (no `/`, no `..`). */
export function isChaosReportId(id: string): boolean {
  return ID.test(id) && !id.includes('..');
}
