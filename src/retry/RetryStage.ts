import { nextDelay } from '../backoff/nextDelay';
import type { Clock } from '../clock/Clock';
import { isBrokenCircuitError } from '../errors/BrokenCircuitError';
import { isMendkitError } from '../errors/MendkitError';
import { isRateLimitedError } from '../errors/RateLimitedError';
import { type AttemptRecord, RetryExhaustedError, type RetryExhaustedReason } from '../errors/RetryExhaustedError';
import { retryAfterMs } from '../http/retryAfter';
import { logEvent } from '../call/logEvent';
import { errorLabel, errorMessage } from '../matching/errorFacts';
import type { Call } from '../call/Call';
import type { Invoker } from '../call/Invoker';
import type { MethodInfo } from '../call/MethodInfo';
import type { RetrySettings } from './RetrySettings';

/** Why one attempt did not count as a success. */
type Failure = { readonly error: unknown } | { readonly result: unknown };

/**
 * The attempt loop of `@Retry`: run; on a retryable failure wait the backoff (or the server's
 * `Retry-After`), capped by `maxDelay`, and run again; give up with `RetryExhaustedError` when
 * attempts or the time budget run out. A failure that is not retryable passes through unchanged.
 */
export class RetryStage implements Invoker {
  constructor(
    private readonly settings: RetrySettings,
    private readonly next: Invoker,
    private readonly method: MethodInfo,
    private readonly clock: Clock,
  ) {}

  private readonly now = () => this.clock.now();

  async invoke(call: Call): Promise<unknown> {
    const startedAt = this.settings.maxElapsedMs === undefined ? 0 : this.clock.now();
    let history: AttemptRecord[] | undefined;
    for (let attempt = 1; ; attempt++) {
      let failure: Failure;
      try {
        const result = await this.next.invoke(call);
        if (this.settings.retryIf === undefined || !this.settings.retryIf(result)) return result;
        failure = { result };
      } catch (error) {
        if (!this.isRetryable(error)) throw error;
        failure = { error };
      }
      const planned = this.plan(attempt, history ?? [], failure, startedAt);
      // Sized exactly: a pushed-to array reserves 16 slots, and thousands of calls may be waiting.
      history = history === undefined ? [planned] : [...history, planned];
      // A zero wait re-runs at once: even a 0 ms timer costs a turn of the event loop (~1 ms).
      if (planned.delayMs! > 0) await this.clock.sleep(planned.delayMs!);
      const cleaning = call.nextAttempt();
      if (cleaning !== undefined) await cleaning;
    }
  }

  /**
   * Decides what follows a failed attempt: the wait before the next one (announced, and returned
   * as the attempt's record), or — when attempts or the time budget are spent —
   * `RetryExhaustedError`.
   */
  private plan(attempt: number, history: readonly AttemptRecord[], failure: Failure, startedAt: number): AttemptRecord {
    const { attempts, maxElapsedMs } = this.settings;
    if (attempt >= attempts) throw this.exhausted(attempt, history, failure, 'attempts');
    const previousDelayMs = history.length === 0 ? 0 : history[history.length - 1]!.delayMs!;
    const delayMs = this.delayFor(attempt, previousDelayMs, failure);
    if (delayMs > this.settings.maxDelay) throw this.exhausted(attempt, history, failure, 'maxDelay');
    if (maxElapsedMs !== undefined && this.clock.now() + delayMs - startedAt > maxElapsedMs) {
      throw this.exhausted(attempt, history, failure, 'maxElapsedMs');
    }
    this.announce(attempt, delayMs, failure);
    return record(attempt, failure, delayMs);
  }

  private isRetryable(error: unknown): boolean {
    if (isMendkitError(error, 'MENDKIT_CONFIG')) return false;
    if (this.settings.unless?.matches(error)) return false;
    return isBrokenCircuitError(error) || isRateLimitedError(error) || this.settings.on.matches(error);
  }

  private delayFor(attempt: number, previousDelayMs: number, failure: Failure): number {
    // An open circuit's wait is never cut short: waking early would only meet it open again.
    if ('error' in failure && isBrokenCircuitError(failure.error)) {
      return Math.max(0, failure.error.halfOpenAt - this.clock.now());
    }
    const requested = 'error' in failure ? this.requestedWait(failure.error) : undefined;
    const delay = requested ?? this.backoff(attempt, previousDelayMs, failure);
    return Math.min(delay, this.settings.maxDelay);
  }

  /** The wait the failure asks for: a `@RateLimit`'s next slot, or a server's `Retry-After`. */
  private requestedWait(error: unknown): number | undefined {
    return isRateLimitedError(error) ? error.retryAfterMs : retryAfterMs(error, this.now);
  }

  private backoff(attempt: number, previousDelayMs: number, failure: Failure): number {
    const site = `@Retry on ${this.method.label}: the backoff`;
    const cause = 'error' in failure ? failure.error : undefined;
    return nextDelay(this.settings.backoff, { attempt, previousDelayMs }, site, cause, 'zero');
  }

  private announce(attempt: number, delayMs: number, failure: Failure): void {
    const { logger, label } = this.method;
    if (logger.isLevelEnabled('warn')) {
      const { code } = record(attempt, failure);
      logEvent(this.method, 'warn', 'retry.scheduled', `${label} attempt ${attempt} failed (${code}); retrying in ${delayMs} ms`, {
        attempt,
        delayMs,
        code,
        ...('error' in failure ? { error: failure.error } : undefined),
      });
    }
    const onRetry = this.settings.onRetry;
    if (onRetry === undefined) return;
    try {
      onRetry({ method: label, attempt, delayMs, ...failure });
    } catch {
      // A listener must never change the outcome of the call it observes.
    }
  }

  private exhausted(
    attempt: number,
    history: readonly AttemptRecord[],
    failure: Failure,
    reason: RetryExhaustedReason,
  ): RetryExhaustedError {
    const last = record(attempt, failure);
    const error = new RetryExhaustedError(
      this.method.label,
      attempt,
      [...history, last],
      reason,
      'error' in failure ? failure.error : undefined,
      'result' in failure ? failure.result : undefined,
    );
    if (this.method.logger.isLevelEnabled('error')) {
      logEvent(this.method, 'error', 'retry.exhausted', error.message, {
        attempts: attempt,
        reason,
        code: last.code,
        ...('error' in failure ? { error: failure.error } : undefined),
      });
    }
    return error;
  }
}

function record(attempt: number, failure: Failure, delayMs?: number): AttemptRecord {
  const code = 'error' in failure ? errorLabel(failure.error) : 'RESULT';
  const message = 'error' in failure ? errorMessage(failure.error) : 'retryIf rejected the result';
  return delayMs === undefined ? { attempt, code, message } : { attempt, code, message, delayMs };
}
