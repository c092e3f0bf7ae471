import type { Logger } from 'winston';
import type { CleanupOptions, CleanupStep } from './CleanupOptions';

/** What a decorated method can learn about the call it is running in, through `currentCall()`. */
export interface CallContext {
  /** This attempt's number, from 1. */
  readonly attempt: number;
  /**
   * Aborted when this attempt times out (`@Timeout`). Created on first read, so methods that do
   * not ask for it pay nothing for it.
   */
  readonly signal: AbortSignal;
  /**
   * An id shared by the lines this call logs, inherited from the decorated call it was made
   * in (all the way out to the outermost `@Logged` call), else made on first read.
   */
  readonly correlationId: string;
  /** The name of the class that declares the method. */
  readonly className: string;
  /** The method's name. */
  readonly method: string;
  /** The logger mendkit writes this call's lines to: a child of `LOGGER` for the class. */
  readonly logger: Logger;
  /** The arguments the method was called with. */
  readonly args: readonly unknown[];
  /**
   * Registers an undo step for this attempt. When the attempt fails, its steps run newest first:
   * before the next attempt if the call is retried or healed, else when the call finally fails
   * (a `@Catch` that supplies a result counts as success). With `{ always: true }` the step also
   * runs when the call succeeds. A step that throws is logged and never hides the call's error.
   * @example
   * const call = currentCall();
   * await writeFile(tmp, data);
   * call.onCleanup(() => rm(tmp, { force: true }));
   * @throws Error when the call has already ended.
   */
  onCleanup(step: CleanupStep, options?: CleanupOptions): void;
}
