import type { Backoff } from '../backoff/Backoff';
import type { Clock } from '../clock/Clock';
import { ConfigError } from '../errors/ConfigError';
import { isMendkitError } from '../errors/MendkitError';
import { type AttemptRecord, RetryExhaustedError } from '../errors/RetryExhaustedError';
import { retryAfterMs } from '../http/retryAfter';
import { logEvent } from '../logging/logEvent';
import { errorLabel, errorMessage } from '../matching/errorFacts';
import type { Call } from '../pipeline/Call';
import type { Invoker } from '../pipeline/Invoker';
import type { MethodInfo } from '../pipeline/MethodInfo';
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

  async invoke(call: Call): Promise<unknown> {
    const { attempts, maxElapsedMs, retryIf } = this.settings;
    const startedAt = maxElapsedMs === undefined ? 0 : this.clock.now();
    let history: AttemptRecord[] | undefined;
    let previousDelayMs = 0;
    for (let attempt = 1; ; attempt++) {
      let failure: Failure;
      try {
        const result = await this.next.invoke(call);
        if (retryIf === undefined || !retryIf(result)) return result;
        failure = { result };
      } catch (error) {
        if (!this.isRetryable(error)) throw error;
        failure = { error };
      }
      history ??= [];
      if (attempt >= attempts) throw this.exhausted(attempt, history, failure, 'attempts');
      const delayMs = this.delayFor(attempt, previousDelayMs, failure);
      if (maxElapsedMs !== undefined && this.clock.now() + delayMs - startedAt > maxElapsedMs) {
        throw this.exhausted(attempt, history, failure, 'maxElapsedMs');
      }
      history.push({ ...record(attempt, failure), delayMs });
      this.announce(attempt, delayMs, failure);
      await this.clock.sleep(delayMs);
      previousDelayMs = delayMs;
      call.nextAttempt();
    }
  }

  private isRetryable(error: unknown): boolean {
    if (isMendkitError(error, 'MENDKIT_CONFIG')) return false;
    if (this.settings.unless?.matches(error)) return false;
    return this.settings.on.matches(error);
  }

  private delayFor(attempt: number, previousDelayMs: number, failure: Failure): number {
    const requested = 'error' in failure ? retryAfterMs(failure.error, this.clock.now()) : undefined;
    const delay = requested ?? this.backoff(attempt, previousDelayMs, failure);
    return Math.min(delay, this.settings.maxDelay);
  }

  private backoff(attempt: number, previousDelayMs: number, failure: Failure): number {
    const backoff: Backoff = this.settings.backoff;
    const delay = backoff({ attempt, previousDelayMs });
    if (typeof delay !== 'number' || !Number.isFinite(delay) || delay < 0) {
      throw new ConfigError(
        `@Retry on ${this.method.label}: the backoff returned ${String(delay)}; it must return a finite number of ms ≥ 0`,
        'error' in failure ? { cause: failure.error } : undefined,
      );
    }
    return delay;
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
    history: AttemptRecord[],
    failure: Failure,
    reason: 'attempts' | 'maxElapsedMs',
  ): RetryExhaustedError {
    const last = record(attempt, failure);
    history.push(last);
    const error = new RetryExhaustedError(
      this.method.label,
      attempt,
      history,
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

function record(attempt: number, failure: Failure): AttemptRecord {
  if ('error' in failure) {
    return { attempt, code: errorLabel(failure.error), message: errorMessage(failure.error) };
  }
  return { attempt, code: 'RESULT', message: 'retryIf rejected the result' };
}
