import type { CleanupOptions, CleanupStep } from './CleanupOptions';
import { CallView } from './Call';
import type { CallContext } from './CallContext';

/**
 * A call's context that always answers for its current attempt: what a stage puts in async
 * context for the whole call, so that after a retry `currentCall()` sees the new attempt.
 */
export class LiveCallContext extends CallView implements CallContext {
  get attempt(): number {
    return this.call.current.attempt;
  }

  get signal(): AbortSignal {
    return this.call.current.signal;
  }

  onCleanup(step: CleanupStep, options?: CleanupOptions): void {
    this.call.current.onCleanup(step, options);
  }
}
