/** What a backoff strategy knows when asked for the next wait. */
export interface BackoffContext {
  /** The number of the attempt that just failed, from 1. */
  readonly attempt: number;
  /** The previous wait in ms (0 before the first retry). */
  readonly previousDelayMs: number;
}

/**
 * A backoff strategy: the wait before the next attempt, in ms. Use the built-in
 * `exponential`, `fixed`, `linear` and `decorrelatedJitter`, or pass your own function.
 * @example @Retry({ backoff: ({ attempt }) => attempt * 250 })
 */
export type Backoff = (context: BackoffContext) => number;

/** Where random numbers in [0, 1) come from; injectable so tests are deterministic. */
export type RandomSource = () => number;

/** How a strategy spreads its waits so that many clients do not retry in lock-step. */
export type Jitter = 'none' | 'full' | 'equal';

/** Every {@link Jitter} kind. */
export const JITTERS: readonly Jitter[] = Object.freeze(['none', 'full', 'equal']);
