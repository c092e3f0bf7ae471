import { MendkitError } from './MendkitError';

/**
 * The reason a run's signal is aborted with when the scheduler shuts down and the run outlasts
 * the grace period. The run is recorded `aborted`.
 */
export class ShutdownError extends MendkitError {
  readonly code = 'MENDKIT_SHUTDOWN';

  constructor(
    /** The job whose run was aborted. */
    readonly job: string,
    /** The grace period that ran out, in ms. */
    readonly graceMs: number,
  ) {
    super(`job ${job}: the scheduler is shutting down and the run outlasted the ${graceMs} ms grace period`);
  }
}
