import { MendkitError } from './MendkitError';

/** What one failed attempt looked like, as kept in {@link RetryExhaustedError.history}. */
export interface AttemptRecord {
  /** The attempt's number, from 1. */
  readonly attempt: number;
  /** The error's code (`code`, else `HTTP_<status>`, else its name); `RESULT` for a retried result. */
  readonly code: string;
  /** The error's message, or a description of the retried result. */
  readonly message: string;
  /** The wait before the next attempt, in ms; absent on the last attempt. */
  readonly delayMs?: number;
}

/**
 * Why `@Retry` gave up: attempts used up, the `maxElapsedMs` budget spent, or an open circuit
 * that stays open longer than `maxDelay`.
 */
export type RetryExhaustedReason = 'attempts' | 'maxElapsedMs' | 'maxDelay';

const REASONS: Readonly<Record<RetryExhaustedReason, string>> = {
  attempts: '',
  maxElapsedMs: ' (time budget spent)',
  maxDelay: ' (the circuit stays open longer than maxDelay)',
};

/**
 * Thrown by `@Retry` when attempts or the time budget run out. `cause` is the last error
 * (absent when the last attempt was retried for its result: see `lastResult`).
 */
export class RetryExhaustedError extends MendkitError {
  readonly code = 'MENDKIT_RETRY_EXHAUSTED';

  constructor(
    /** Where it happened, as `Class.method`. */
    readonly site: string,
    /** How many attempts were made. */
    readonly attempts: number,
    /** Each attempt's outcome, in order. */
    readonly history: readonly AttemptRecord[],
    /** Why it stopped. */
    readonly reason: RetryExhaustedReason,
    cause: unknown,
    /** The last result, when `retryIf` rejected it on the last attempt. */
    readonly lastResult?: unknown,
  ) {
    const last = history[history.length - 1];
    super(
      `${site} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}` +
        REASONS[reason] +
        (last ? `: ${last.message.includes(last.code) ? last.message : `${last.code}: ${last.message}`}` : ''),
      cause === undefined ? undefined : { cause },
    );
  }
}
