import type { Call } from './Call';

/** The stages inside this one run again, after `rerunAfter`: ms to wait (0: at once) or a promise to settle first. */
export interface Rerun {
  /** What to wait for first; a promise that rejects passes its reason outwards instead of re-running. */
  readonly rerunAfter: number | PromiseLike<unknown>;
  /** This stage's state from now on (read once the wait is over), handed to its next hook. */
  readonly state?: unknown;
}

/** The call succeeds with `recover` (awaited): what a `@Catch` handler gave. */
export interface Recover {
  readonly recover: unknown;
}

/**
 * What a hook decides about an outcome. `undefined` passes it outwards unchanged; a hook that
 * throws passes that error outwards instead (`RetryExhaustedError`).
 */
export type Verdict = Rerun | Recover | undefined;

/**
 * A stage in hook form: plain synchronous hooks that `AttemptLoop` calls for a call, in stage
 * order, instead of an `Invoker` that wraps the next one in an async frame of its own. Entering a stage runs `enter`; the attempt's outcome then goes outwards through each
 * entered stage's `succeeded` or `failed`, innermost first — what nested `invoke`s would do,
 * without a frame, a promise and a rejection per stage. A `Rerun` re-enters only the stages inside
 * the one that asked (as a retry loop re-invokes what it wraps); its own state carries over.
 * @typeParam T the stage's state for one entry: what `enter` returns (a ticket, a start time).
 */
export interface AttemptHooks<T = unknown> {
  /**
   * Runs the stage inside its call's async context (`currentCall()` and correlation ids across
   * `await`s), which then costs one `AsyncLocalStorage.run` per call.
   */
  readonly carriesContext?: boolean;
  /** Runs as the stage is entered; throwing fails the attempt there (an open circuit). */
  enter?(call: Call): T;
  /**
   * `enter` for a stage that does not read the call (a stage has one or the other). When no stage
   * of a pipeline reads the call before its outcome, a call that succeeds makes no `Call`.
   */
  begin?(): T;
  /** What the stages inside gave back; absent when the stage has nothing to do on success. */
  succeeded?(call: Call, state: T, result: unknown): Verdict;
  /** `succeeded` for a stage that does not read the call (a stage has one or the other). */
  passed?(state: T, result: unknown): Verdict;
  /**
   * `passed` as a promise reaction, for a stage whose `passed` never gives a verdict: records the
   * success of the attempt begun with `state` and returns the result. Shared by many calls (a
   * breaker makes one per circuit generation), so a first attempt whose only success hook is this
   * stage's attaches it as it is, with no closure of its own: a new closure costs its allocation
   * and, at its first call, V8's lazy-compile step, at every call.
   */
  successReaction?(state: T): (result: unknown) => unknown;
  /** What the stages inside threw (or a hook inside it turned into an error). */
  failed?(call: Call, state: T, error: unknown): Verdict;
}

/** Whether `verdict` asks for the stages inside to run again. */
export function isRerun(verdict: Rerun | Recover): verdict is Rerun {
  return 'rerunAfter' in verdict;
}
