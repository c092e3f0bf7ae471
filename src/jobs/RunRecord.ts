import type { TriggerKind } from './RunTrigger';

/**
 * How a run ended: `timedOut` past the job's `timeoutMs`; `aborted` when shutdown's grace period
 * ran out before it finished.
 */
export type RunOutcome = 'succeeded' | 'failed' | 'timedOut' | 'aborted';

/** One line of the run history. Times are ISO 8601. */
export interface RunRecord {
  readonly id: string;
  readonly job: string;
  readonly trigger: TriggerKind;
  readonly scheduledAt: string;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly durationMs: number;
  readonly outcome: RunOutcome;
  /**
   * How many attempts the run's `@Retry` made (1 without it): the N of "failed after N attempts".
   * Re-runs after heals are not counted here but in `heals`, so the method ran `attempts + heals` times.
   */
  readonly attempts: number;
  /** How many heals `@Heal` made that re-ran the call (0 when no healer ran). */
  readonly heals: number;
  /** The failure's code (its `code`, else `HTTP_<status>`, else its name); absent on success. */
  readonly errorCode?: string;
  /** The failure's message, cut to 500 characters; absent on success. */
  readonly error?: string;
}
