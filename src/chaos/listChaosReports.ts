import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CHAOS_REPORTS_DIR, isChaosReportId } from './SavedChaosReport';

/** One saved chaos report, as a list of reports shows it. */
export interface ChaosReportEntry {
  /** The files' base name: `<start time without colons>-<job>`. */
  readonly id: string;
  readonly job: string;
  /** ISO 8601 UTC. */
  readonly startedAt: string;
  readonly runs: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly lost: number;
  readonly htmlPath: string;
  readonly jsonPath: string;
}

/** Options of {@link listChaosReports}. */
export interface ListChaosReportsOptions {
  /** Hears of each file skipped: a torn or foreign `.json` file, with why. */
  readonly onSkip?: (file: string, reason: string) => void;
}

const COUNTS = ['runs', 'succeeded', 'failed', 'lost'] as const;

/** The entry `text` describes, or why it describes none. */
function entryOf(id: string, text: string, files: Pick<ChaosReportEntry, 'htmlPath' | 'jsonPath'>): ChaosReportEntry | string {
  let saved: Record<string, unknown>;
  try {
    saved = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  if (typeof saved !== 'object' || saved === null) return 'not a chaos report';
  const { job, startedAt } = saved;
  if (typeof job !== 'string' || typeof startedAt !== 'string' || Number.isNaN(Date.parse(startedAt))) return 'not a chaos report: no job or start time';
  const counts = COUNTS.map((key) => saved[key]);
  if (!counts.every((count) => Number.isSafeInteger(count) && (count as number) >= 0)) return 'not a chaos report: no run counts';
  const [runs, succeeded, failed, lost] = counts as number[];
  return { id, job, startedAt, runs: runs!, succeeded: succeeded!, failed: failed!, lost: lost!, ...files };
}

/**
 * The chaos reports `mendkit chaos --state-dir` saved in `<stateDir>/chaos/`, newest first. A
 * file that is not one (torn, foreign, unreadable) is skipped — `onSkip` hears of it — and never
 * fails the list; no folder means no reports.
 * @example for (const entry of await listChaosReports('.mendkit')) console.log(entry.job, entry.htmlPath);
 * @throws what reading the folder throws, other than ENOENT.
 */
export async function listChaosReports(stateDir: string, options: ListChaosReportsOptions = {}): Promise<ChaosReportEntry[]> {
  const directory = path.join(stateDir, CHAOS_REPORTS_DIR);
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: ChaosReportEntry[] = [];
  for (const name of names) {
    if (!name.endsWith('.json') || name.startsWith('.')) continue; // atomicWrite's temporary files start with '.'
    const id = name.slice(0, -'.json'.length);
    const jsonPath = path.join(directory, name);
    const entry = isChaosReportId(id)
      ? await readFile(jsonPath, 'utf8').then(
          (text) => entryOf(id, text, { jsonPath, htmlPath: path.join(directory, `${id}.html`) }),
          (error: Error) => `unreadable: ${error.message}`,
        )
      : 'not a chaos report name';
    if (typeof entry === 'string') options.onSkip?.(jsonPath, entry);
    else entries.push(entry);
  }
  return entries.sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || (a.id < b.id ? 1 : -1));
}
