/** Options of `@Hedge`. All durations in ms. */
export interface HedgeOptions {
  /**
   * How long an attempt may run before another is started beside it; each further one starts
   * `delayMs` after the previous. Required.
   * @example delayMs: 200 // about the method's 95th-percentile latency
   */
  readonly delayMs: number;
  /** How many attempts may be started beside the first, at most. @default 1 */
  readonly maxHedged?: number;
  /**
   * Lets `@Hedge` sit on a method with `@Cleanup` undo steps. Hedging runs the method several
   * times at once, so it is refused there unless you say the undo steps are safe to run for each
   * hedged attempt that loses (each runs as a call of its own, see `docs/decorators.md`).
   * @default false
   */
  readonly allowWithCleanup?: boolean;
}
