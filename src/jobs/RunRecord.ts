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
  /** How many attempts the run's `@Retry` made (1 without it). */
  readonly attempts: number;
  /** How many heals `@Heal` performed during the run (0 until a healer runs). */
  readonly heals: number;
  /** The failure's code (its `code`, else `HTTP_<status>`, else its name); absent on success. */
  readonly errorCode?: string;
  /** The failure's message, cut to 500 characters; absent on success. */
  readonly error?: string;
}
