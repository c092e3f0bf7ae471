import type { Logger } from 'winston';
import type { CleanupOptions, CleanupStep } from './CleanupOptions';
import { CleanupSteps } from './CleanupSteps';
import type { CallContext } from './CallContext';
import { newCorrelationId } from './correlationId';
import { asyncCallerContext, callerContext } from './currentCall';
import type { MethodInfo } from './MethodInfo';

/**
 * What a stage reports about a call, named as its log event: `heal.success` when a heal re-runs
 * it; `attempt.aborted` when its running attempt is aborted (a job run's timeout or shutdown, a
 * `@Timeout`), which lets a stage hear of an abort without making the attempt's signal;
 * `catch.handled` when a `@Catch` turns its failure into a result (telemetry's `handled` outcome).
 */
export type CallEvent = 'heal.success' | 'attempt.aborted' | 'catch.handled';

/** Told of each {@link CallEvent} of one call. */
export type CallListener = (event: CallEvent) => void;

/** One logical call of a decorated method, across all its attempts. */
export class Call {
  // Fields are declared, then assigned in the constructor: class fields would be defined one by
  // one first, on every call.
  declare readonly method: MethodInfo;
  declare readonly thisArg: unknown;
  declare readonly args: unknown[];
  declare private attemptNumber: number;
  declare private attemptContext: Attempt | undefined;
  /**
   * The container's fix count (`FixEpoch`) when the current attempt began: a failure compares it
   * with when its cause was last fixed.
   */
  declare attemptEpoch: number;
  declare private listeners: CallListener[] | undefined;
  /**
   * The correlation id once read; before, the decorated call this one was made from (if any),
   * whose id it inherits. One field for both: thousands of calls may be waiting at once.
   */
  declare private correlation: string | CallContext | undefined;
  /** The call's undo steps; `null` once it ended. */
  declare private cleanup: CleanupSteps | null | undefined;

  /**
   * @param begunAt for a call whose first attempt began before its `Call` was made
   *   (`AttemptLoop.start`), the fix count then; else the call begins now.
   */
  constructor(method: MethodInfo, thisArg: unknown, args: unknown[], begunAt?: number) {
    this.method = method;
    this.thisArg = thisArg;
    this.args = args;
    this.attemptNumber = 1;
    this.attemptContext = undefined;
    this.attemptEpoch = begunAt ?? method.fixes.current();
    this.listeners = undefined;
    // A call begins without its `Call` only while no decorated call is starting around it: its
    // caller, if any, is the one in async context, which its frame still sees.
    this.correlation = begunAt === undefined ? callerContext() : asyncCallerContext();
    this.cleanup = undefined;
  }

  /**
   * Subscribes to what the stages report about this call while it runs: how features outside a
   * stage (a job's run record) learn of it without reading the stage's state.
   */
  listen(listener: CallListener): void {
    (this.listeners ??= []).push(listener);
  }

  /** Reports `event` to this call's listeners; costs one check when nobody listens. */
  emit(event: CallEvent): void {
    if (this.listeners === undefined) return;
    for (const listener of this.listeners) listener(event);
  }

  /**
   * The attempt running now (or last run), as the context `currentCall()` returns. Made on
   * first read: most attempts never need one.
   */
  get current(): Attempt {
    return (this.attemptContext ??= new Attempt(this, this.attemptNumber));
  }

  /**
   * The calling decorated call's id, else one made on first read: a call nobody correlates costs
   * nothing for it.
   */
  get correlationId(): string {
    const { correlation } = this;
    if (typeof correlation === 'string') return correlation;
    return (this.correlation = correlation?.correlationId ?? newCorrelationId());
  }

  /**
   * Starts the next attempt; the previous attempt's context and signal stay as they were. When
   * the failed attempt registered undo steps, the returned promise runs them first.
   */
  nextAttempt(): Promise<void> | undefined {
    const failed = this.attemptNumber;
    this.attemptNumber += 1;
    this.attemptContext = undefined;
    this.attemptEpoch = this.method.fixes.current();
    return this.cleanup?.attemptFailed(failed);
  }

  /**
   * Runs the undo steps of the attempt that just failed now, before whatever comes next (a heal
   * that must not find the failed attempt's leftovers); `nextAttempt` then finds them done.
   */
  cleanUpFailedAttempt(): Promise<void> | undefined {
    return this.cleanup?.attemptFailed(this.attemptNumber);
  }

  /** Registers an undo step for attempt `attempt` (see `CallContext.onCleanup`). */
  addCleanup(step: CleanupStep, options: CleanupOptions | undefined, attempt: number): void {
    if (this.cleanup === null) {
      throw new Error(`${this.method.label}: onCleanup() after the call ended; register steps while it runs`);
    }
    if (typeof step !== 'function') throw new TypeError('onCleanup() needs a function');
    (this.cleanup ??= new CleanupSteps(this.method)).add(step, options?.always === true, attempt);
  }

  /** The call is over; runs its undo steps, if it registered any (see `CleanupSteps.callEnded`). */
  end(failed: boolean): Promise<void> | undefined {
    const steps = this.cleanup;
    this.cleanup = null;
    return steps?.callEnded(failed);
  }
}

/** What every view of a call answers the same way, whichever attempt it is for. */
export abstract class CallView {
  constructor(protected readonly call: Call) {}

  get correlationId(): string {
    return this.call.correlationId;
  }

  get className(): string {
    return this.call.method.className;
  }

  get method(): string {
    return this.call.method.methodName;
  }

  get logger(): Logger {
    return this.call.method.logger;
  }

  get args(): readonly unknown[] {
    return this.call.args;
  }
}

/** One attempt of a {@link Call}; what `currentCall()` returns. */
export class Attempt extends CallView implements CallContext {
  private controller: AbortController | undefined;
  private abortReason: unknown;
  private aborted = false;

  constructor(
    call: Call,
    readonly attempt: number,
  ) {
    super(call);
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.abortReason);
    }
    return this.controller.signal;
  }

  /** Aborts this attempt's signal — now if it was read, else as soon as it is — and reports `attempt.aborted`. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.abortReason = reason;
    this.controller?.abort(reason);
    this.call.emit('attempt.aborted');
  }

  onCleanup(step: CleanupStep, options?: CleanupOptions): void {
    this.call.addCleanup(step, options, this.attempt);
  }
}
