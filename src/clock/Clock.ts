/** An opaque handle of a timer started with {@link Clock.setTimer}. */
export type TimerHandle = unknown;

/**
 * Where mendkit gets time from. No stage calls `setTimeout` or `Date.now` itself, so tests
 * register a `FakeClock` (from `mendkit/testing`) under `CLOCK` and assert exact delays without
 * sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Resolves after `ms`; rejects with `signal.reason` as soon as `signal` aborts.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Calls `callback` once after `ms`, unless cleared first. */
  setTimer(ms: number, callback: () => void): TimerHandle;
  /** Cancels a timer; clearing one that already fired does nothing. */
  clearTimer(handle: TimerHandle): void;
}
