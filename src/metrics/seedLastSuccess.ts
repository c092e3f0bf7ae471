import type { Telemetry } from '../otel/Telemetry';
import type { ServeContext } from '../serve/ServeContext';

/** How far back in each job's history a success is looked for. */
const RUNS_LOOKED_AT = 200;

/**
 * Starts `mendkit.job.last_success` from the run history (each job's last success among its last
 * runs), so that after a restart "has not succeeded in 26 hours" still counts from the last real
 * success. Reads in the background; a history that cannot be read leaves the gauge to the runs.
 */
export function seedLastSuccess(telemetry: Telemetry, { scheduler, history }: ServeContext): void {
  for (const job of scheduler?.jobNames ?? []) {
    history.read({ job, limit: RUNS_LOOKED_AT }).then(
      (records) => {
        const success = records.filter((record) => record.outcome === 'succeeded').pop();
        if (success !== undefined) telemetry.succeededAt(job, Date.parse(success.endedAt) / 1000);
      },
      () => undefined,
    );
  }
}
