import type { Backoff } from '../backoff/Backoff';
import type { MatcherLike } from '../matching/ErrorMatcher';

/** What `onRetry` hears before each wait. */
export interface RetryEvent {
  /** `Class.method`. */
  readonly method: string;
  /** The number of the attempt that just failed, from 1. */
  readonly attempt: number;
  /** How long mendkit will wait before the next attempt, in ms. */
  readonly delayMs: number;
  /** The error that failed the attempt; absent when `retryIf` rejected a result. */
  readonly error?: unknown;
  /** The result `retryIf` rejected; absent when the attempt threw. */
  readonly result?: unknown;
}

/** Options of `@Retry`. All durations in ms. */
export interface RetryOptions<R = unknown> {
  /** How many attempts in all, the first included. @default 3 */
  readonly attempts?: number;
  /** Give up when the next wait would end past this much time since the call began. @default no limit */
  readonly maxElapsedMs?: number;
  /** The wait between attempts. @default exponential({ multiplier: 1000, max: 30000 }): 1 s, 2 s, 4 s… */
  readonly backoff?: Backoff;
  /** Retry only errors these match. @default errors.transient */
  readonly on?: MatcherLike;
  /** Never retry errors these match, even when `on` does. @default none */
  readonly unless?: MatcherLike;
  /** The longest single wait, for the backoff and for a server's `Retry-After` alike. @default 60000 */
  readonly maxDelay?: number;
  /** Retry when the method returned a result this says is not good enough. @default none */
  readonly retryIf?: (result: R) => boolean;
  /** Called before each wait; a throwing listener is ignored. @default none */
  readonly onRetry?: (event: RetryEvent) => void;
}
