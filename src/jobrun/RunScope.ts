/**
 * Marks the object a scheduler hands a job's `run()`: under this key it carries the run's
 * {@link RunScope}. A registered symbol, so two copies of mendkit in one process (the CLI's and a
 * job module's) still recognise each other's runs.
 */
export const RUN_SCOPE: unique symbol = Symbol.for('mendkit.runScope');

/** What the job stage needs of a scheduled run: its abort, and where to report the call's end. */
export interface RunScope {
  /** Aborted when the run times out or the scheduler stops. */
  readonly signal: AbortSignal;
  /** Told once the run's call is over: the attempts it made and the heals that re-ran it. */
  settle(attempts: number, heals: number): void;
}

/** The run scope `value` carries, if it is a scheduled run's context. */
export function runScopeOf(value: unknown): RunScope | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return (value as { [RUN_SCOPE]?: RunScope })[RUN_SCOPE];
}
