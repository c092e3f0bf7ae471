import type { Backoff } from '../backoff/Backoff';
import type { MatcherLike } from '../matching/ErrorMatcher';
import type { PartitionKey } from '../call/PartitionKey';

/**
 * Where a circuit stands: `closed` lets calls through and counts failures; `open` refuses them
 * with `BrokenCircuitError`; `half-open` lets `halfOpenProbes` calls through to test the service;
 * `isolated` refuses every call until an operator resets it (`isolateBreaker`, `resetBreaker`).
 */
export type CircuitState = 'closed' | 'open' | 'half-open' | 'isolated';

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

/**
 * One breaker's state as `breakersToJSON()` saves it and `hydrateBreakers()` restores it: enough
 * for a restarted process to stay open (or isolated) instead of hammering a service that is down.
 * The ratio window's outcomes are not saved: a restored circuit counts them afresh.
 */
export interface SavedBreaker {
  /** `Class.method`. */
  readonly name: string;
  /** The key, when the breaker has one per key. */
  readonly key?: string;
  /** A saved `half-open` is restored as `open` until `halfOpenAt`: its probes did not survive. */
  readonly state: CircuitState;
  /** Failures in a row. */
  readonly consecutiveFailures: number;
  /** Openings since the circuit was last closed (the `halfOpenAfter` backoff's attempt). */
  readonly openings: number;
  /** The last break, in ms (the `halfOpenAfter` backoff's previous delay). */
  readonly breakMs: number;
  /** When an open circuit lets a probe through, in ms since the epoch; absent unless open or half-open. */
  readonly halfOpenAt?: number;
}

/** Every breaker of a container, as `breakersToJSON()` saves them: write it as JSON, read it back into `hydrateBreakers()`. */
export interface SavedBreakers {
  /** The format's version: 1. */
  readonly version: 1;
  readonly breakers: readonly SavedBreaker[];
}

/** Options of `@CircuitBreaker`. All durations in ms. */
export interface CircuitBreakerOptions<A extends unknown[] = unknown[]> {
  /** Open after this many failures in a row. @default 5, unless `ratio` is given */
  readonly consecutive?: number;
  /** Open when at least this share of the calls in `window` failed, in (0, 1]. @default none */
  readonly ratio?: number;
  /**
   * A call that takes at least this many ms is slow: a slow success counts as a failure (towards
   * `consecutive` and `ratio`), as though the service had failed. @default none (no call is slow)
   * @example slowCallMs: 2000
   */
  readonly slowCallMs?: number;
  /**
   * Open when at least this share of the calls in `window` were slow (successes and failures
   * alike), in (0, 1]; needs `slowCallMs`. @default none
   */
  readonly slowCallRatio?: number;
  /** The window `ratio` and `slowCallRatio` are measured over. @default { ms: 30000 } */
  readonly window?: RatioWindow;
  /** The fewest calls in the window before `ratio` or `slowCallRatio` may open the circuit. @default 10, or `window.calls` when smaller */
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
