import { isMendkitError, MendkitError } from './MendkitError';

/** The `code` of every {@link RateLimitedError}. */
export const RATE_LIMITED_CODE = 'MENDKIT_RATE_LIMITED';

/**
 * Thrown without running the method when a `@RateLimit` has no slot for the call: at once in
 * `reject` mode, or in `wait` mode when no slot can come within `maxWait`. `retryAfterMs` says
 * when to come back; `@Retry` waits that long, as it does for a server's `Retry-After`.
 */
export class RateLimitedError extends MendkitError {
  readonly code = RATE_LIMITED_CODE;

  constructor(
    /** The limited method, as `Class.method`. */
    readonly site: string,
    /** The limit's key, when it has one per key. */
    readonly key: string | undefined,
    /** How many calls the limit lets through per window. */
    readonly limit: number,
    /** The window, in ms. */
    readonly perMs: number,
    /** The earliest a slot frees up, in ms from the refusal. */
    readonly retryAfterMs: number,
  ) {
    super(
      `${site}${key === undefined ? '' : ` [${key}]`}: rate limit of ${limit} per ${perMs} ms reached; ` +
        `next slot in ${retryAfterMs} ms`,
    );
  }
}

/** Whether `value` is a {@link RateLimitedError} from any copy of mendkit. */
export function isRateLimitedError(value: unknown): value is RateLimitedError {
  return isMendkitError(value, RATE_LIMITED_CODE);
}
