import type { Logger } from 'winston';

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
}
