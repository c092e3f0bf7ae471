import { isMendkitError, MendkitError } from './MendkitError';

const CODE = 'MENDKIT_BULKHEAD_REJECTED';

/**
 * Thrown at once, without running the method, when a `@Bulkhead` has all its slots running and
 * its queue full. Not transient: `@Retry` does not retry it unless its `on` names it.
 */
export class BulkheadRejectedError extends MendkitError {
  readonly code = CODE;

  constructor(
    /** The bulkhead, as `Class.method`. */
    readonly site: string,
    /** The bulkhead's key, when it has one per key. */
    readonly key: string | undefined,
    /** How many calls may run at once. */
    readonly concurrency: number,
    /** How many calls may wait. */
    readonly queue: number,
  ) {
    super(
      `${site}${key === undefined ? '' : ` [${key}]`}: bulkhead full ` +
        `(${concurrency} running, ${queue} waiting); call rejected`,
    );
  }
}

/** Whether `value` is a {@link BulkheadRejectedError} from any copy of mendkit. */
export function isBulkheadRejectedError(value: unknown): value is BulkheadRejectedError {
  return isMendkitError(value, CODE);
}
