/** Why a run started. `manual` is `mendkit run` or `scheduler.runNow()`. */
export type TriggerKind = 'cron' | 'every' | 'watch' | 'start' | 'catchUp' | 'manual';

/** What started one run. */
export interface RunTrigger {
  readonly kind: TriggerKind;
  /** When the run was due, in epoch ms (for cron, the scheduled time, not when the timer fired). */
  readonly scheduledAt: number;
  /** For a watch trigger, the paths that changed during the quiet time. */
  readonly changes?: readonly string[];
}
