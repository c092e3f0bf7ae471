import type { Backoff } from '../backoff/Backoff';
import type { MatcherLike } from '../matching/ErrorMatcher';
import type { PartitionKey } from '../call/PartitionKey';

/**
 * Where a circuit stands: `closed` lets calls through and counts failures; `open` refuses them
 * with `BrokenCircuitError`; `half-open` lets `halfOpenProbes` calls through to test the service.
 */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** The rolling window a failure `ratio` is measured over: the last `calls` calls, or the last `ms`. */
export type RatioWindow =
  | { readonly calls: number; readonly ms?: never }
  | { readonly ms: number; readonly calls?: never };

/** What `onStateChange` listeners hear, and what is logged as `circuit.open` / `circuit.half_open` / `circuit.closed`. */
export interface CircuitStateChange {
  /** The breaker, as `Class.method`. */
  readonly name: string;
  /** The breaker's key, when it has one per key. */
  readonly key: string | undefined;
  readonly from: CircuitState;
  readonly to: CircuitState;
  /** When it changed, in ms since the epoch (by the `CLOCK`). */
  readonly at: number;
  /** When an open circuit will let a probe through; absent unless `to` is `open`. */
  readonly halfOpenAt?: number;
  /** The failure that opened the circuit; absent unless `to` is `open`. */
  readonly error?: unknown;
}

/** One breaker as `breakers()` lists it, for health endpoints and the CLI. */
export interface BreakerSnapshot {
  /** `Class.method`. */
  readonly name: string;
  /** The key, when the breaker has one per key. */
  readonly key: string | undefined;
  /** The state as of the last call: an open circuit turns half-open when a call comes after `halfOpenAt`. */
  readonly state: CircuitState;
  /** Failures counted now: in a row, or in the ratio window when that is larger. */
  readonly failures: number;
  /** When the next probe will be let through; absent while closed. */
  readonly halfOpenAt?: number;
}

/** Options of `@CircuitBreaker`. All durations in ms. */
export interface CircuitBreakerOptions<A extends unknown[] = unknown[]> {
  /** Open after this many failures in a row. @default 5, unless `ratio` is given */
  readonly consecutive?: number;
  /** Open when at least this share of the calls in `window` failed, in (0, 1]. @default none */
  readonly ratio?: number;
  /** The window `ratio` is measured over. @default { ms: 30000 } */
  readonly window?: RatioWindow;
  /** The fewest calls in the window before `ratio` may open the circuit. @default 10, or `window.calls` when smaller */
  readonly minimumCalls?: number;
  /**
   * How long the circuit stays open before a probe is let through: a number, or a backoff given
   * the number of openings in a row (from 1), so a service that stays down is tried less often.
   * @default 30000
   * @example halfOpenAfter: exponential({ multiplier: 5000, max: 300000 }) // 5 s, 10 s, 20 s… 5 min
   */
  readonly halfOpenAfter?: number | Backoff;
  /** How many calls a half-open circuit lets through; it closes when all succeed, and opens again on a failure. @default 1 */
  readonly halfOpenProbes?: number;
  /**
   * The errors that count as failures. Other errors count as successes (the service answered:
   * a 404 says nothing about its health), except mendkit's own refusals and aborts, which do not
   * count at all. @default errors.transient
   */
  readonly on?: MatcherLike;
  /**
   * One breaker per key instead of one per method.
   * @default one breaker per method
   * @example key: (url: string) => new URL(url).host
   */
  readonly key?: PartitionKey<A>;
  /** Called on every state change; a throwing listener is ignored. @default none */
  readonly onStateChange?: (change: CircuitStateChange) => void;
}
