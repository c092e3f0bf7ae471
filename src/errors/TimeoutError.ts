import { MendkitError } from './MendkitError';

/**
 * Thrown by `@Timeout` when an attempt runs longer than its limit. Transient: `@Retry` retries
 * it by default.
 */
export class TimeoutError extends MendkitError {
  readonly code = 'MENDKIT_TIMEOUT';

  constructor(
    /** Where it happened, as `Class.method`. */
    readonly site: string,
    /** The limit that was passed, in milliseconds. */
    readonly timeoutMs: number,
  ) {
    super(`${site} timed out after ${timeoutMs} ms`);
  }
}
