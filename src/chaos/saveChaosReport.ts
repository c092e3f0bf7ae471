import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { atomicWrite } from '../files/atomicWrite';
import { chaosReportHtml } from './chaosReportHtml';
import { CHAOS_REPORTS_DIR, chaosReportId, type SavedChaosReport } from './SavedChaosReport';

/** Where {@link saveChaosReport} put a report. */
export interface SavedChaosReportFiles {
  readonly id: string;
  readonly jsonPath: string;
  readonly htmlPath: string;
}

/**
 * Saves `report` in `<stateDir>/chaos/` as `<id>.html` then `<id>.json`, each written atomically:
 * a reader sees a whole file or none, and a JSON file (what {@link listChaosReports} lists) always
 * has its page beside it.
 * @throws whatever the filesystem throws (EACCES, ENOSPC…).
 */
export async function saveChaosReport(stateDir: string, report: SavedChaosReport): Promise<SavedChaosReportFiles> {
  const directory = path.join(stateDir, CHAOS_REPORTS_DIR);
  await mkdir(directory, { recursive: true });
  const id = chaosReportId(report.job, report.startedAt);
  const files = { id, jsonPath: path.join(directory, `${id}.json`), htmlPath: path.join(directory, `${id}.html`) };
  await atomicWrite(files.htmlPath, chaosReportHtml(report));
  await atomicWrite(files.jsonPath, `${JSON.stringify(report)}\n`);
  return files;
}
