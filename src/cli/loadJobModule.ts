import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMendkitError } from '../errors/MendkitError';
import type { JobClass } from '../jobs/JobClass';
import { decoratedJobClasses, readJobSettings } from '../jobs/jobRegistry';
import type { JobSettings } from '../jobs/JobSettings';
import { errorMessage } from '../matching/errorFacts';
import { CliFailure, EXIT } from './exitCodes';

/** A module's jobs: each class with its settings. */
export interface LoadedJob {
  readonly jobClass: JobClass;
  readonly settings: JobSettings;
}

/**
 * Loads a job module (a CommonJS or ES module file) and returns the jobs it defines: the classes
 * `@Job` decorated while it loaded, and any job class it exports.
 * @throws CliFailure when the file is missing, fails to load, or defines no job.
 */
export async function loadJobModule(spec: string): Promise<LoadedJob[]> {
  const file = path.resolve(spec);
  if (!existsSync(file)) throw new CliFailure(EXIT.moduleNotFound, `cannot find the module ${spec} (looked for ${file})`);
  const before = decoratedJobClasses().length;
  let exported: Record<string, unknown>;
  try {
    exported = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    if (isMendkitError(error, 'MENDKIT_CONFIG')) {
      throw new CliFailure(EXIT.badConfig, `the module ${spec} has a misconfigured job: ${errorMessage(error)}`);
    }
    throw new CliFailure(EXIT.moduleFailed, `the module ${spec} failed to load: ${errorMessage(error)}`);
  }
  const defaults = exported.default;
  const candidates = [
    ...decoratedJobClasses(before),
    ...Object.values(exported),
    ...(typeof defaults === 'object' && defaults !== null ? Object.values(defaults) : []),
  ];
  const jobs: LoadedJob[] = [];
  for (const candidate of new Set(candidates)) {
    const settings = readJobSettings(candidate);
    if (settings !== undefined) jobs.push({ jobClass: candidate as JobClass, settings });
  }
  if (jobs.length === 0) {
    throw new CliFailure(EXIT.noJobs, `the module ${spec} defines no jobs: decorate a class with @Job({ name, cron | every | watch }) in it, or export one`);
  }
  return jobs;
}
