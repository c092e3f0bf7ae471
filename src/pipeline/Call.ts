import { randomUUID } from 'node:crypto';
import type { Logger } from 'winston';
import type { CallContext } from './CallContext';
import { callerContext } from './currentCall';
import type { MethodInfo } from './MethodInfo';

/** One logical call of a decorated method, across all its attempts. */
export class Call {
  /** The attempt running now (or last run). */
  current: Attempt;
  private correlation: string | undefined;
  /** The decorated call this one was made from, if any: its correlation id is inherited. */
  private readonly caller = callerContext();

  constructor(
    readonly method: MethodInfo,
    readonly thisArg: unknown,
    readonly args: unknown[],
  ) {
    this.current = new Attempt(this, 1);
  }

  /**
   * The calling decorated call's id, else one generated on first read: a call nobody
   * correlates costs no UUID.
   */
  get correlationId(): string {
    return (this.correlation ??= this.caller?.correlationId ?? randomUUID());
  }

  /** Starts the next attempt; the previous attempt's signal stays as it was. */
  nextAttempt(): Attempt {
    return (this.current = new Attempt(this, this.current.attempt + 1));
  }
}

/** One attempt of a {@link Call}; what `currentCall()` returns. */
export class Attempt implements CallContext {
  private controller: AbortController | undefined;
  private abortReason: unknown;
  private aborted = false;

  constructor(
    private readonly call: Call,
    readonly attempt: number,
  ) {}

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.abortReason);
    }
    return this.controller.signal;
  }

  /** Aborts this attempt's signal — now if it was read, else as soon as it is. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.abortReason = reason;
    this.controller?.abort(reason);
  }

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
