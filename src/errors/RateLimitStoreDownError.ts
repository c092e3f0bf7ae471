import { isMendkitError, MendkitError } from './MendkitError';

const CODE = 'MENDKIT_RATE_LIMIT_STORE_DOWN';

/**
 * Thrown without running the method when a `@RateLimit` with `onStoreDown: 'reject'` (the
 * default) cannot reach its shared store (Redis): failing closed keeps the limit even then.
 * `cause` is the store's error, so `@Retry`'s transient classifier sees a connection failure.
 */
export class RateLimitStoreDownError extends MendkitError {
  readonly code = CODE;

  constructor(
    /** The limited method, as `Class.method`. */
    readonly site: string,
    /** The limit's key, when it has one per key. */
    readonly key: string | undefined,
    cause: unknown,
  ) {
    super(`${site}${key === undefined ? '' : ` [${key}]`}: the rate limit's store cannot be reached; call rejected`, { cause });
  }
}

/** Whether `value` is a {@link RateLimitStoreDownError} from any copy of mendkit. */
export function isRateLimitStoreDownError(value: unknown): value is RateLimitStoreDownError {
  return isMendkitError(value, CODE);
}
