import { MendkitError } from './MendkitError';

/** Thrown when a job is asked for by a name no registered job has. */
export class UnknownJobError extends MendkitError {
  readonly code = 'MENDKIT_UNKNOWN_JOB';

  constructor(
    /** The name asked for. */
    readonly job: string,
    /** The names of the jobs there are. */
    readonly known: readonly string[],
  ) {
    super(`no job named '${job}'; known jobs: ${known.length > 0 ? known.join(', ') : '(none)'}`);
  }
}
