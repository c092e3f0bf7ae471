import type { Logger } from 'winston';
import type { CleanupOptions, CleanupStep } from '../cleanup/CleanupOptions';
import type { Call } from './Call';
import type { CallContext } from './CallContext';

/**
 * A call's context that always answers for its current attempt: what a stage puts in async
 * context for the whole call, so that after a retry `currentCall()` sees the new attempt.
 */
export class LiveCallContext implements CallContext {
  constructor(private readonly call: Call) {}

  get attempt(): number {
    return this.call.current.attempt;
  }

  get signal(): AbortSignal {
    return this.call.current.signal;
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

  onCleanup(step: CleanupStep, options?: CleanupOptions): void {
    this.call.current.onCleanup(step, options);
  }
}
