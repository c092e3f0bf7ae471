import { nextDelay } from '../backoff/nextDelay';
import type { Clock } from '../clock/Clock';
import { BROKEN_CIRCUIT_CODE, type BrokenCircuitError } from '../errors/BrokenCircuitError';
import { RATE_LIMITED_CODE, type RateLimitedError } from '../errors/RateLimitedError';
import { mendkitCode } from '../errors/MendkitError';
import { type AttemptRecord, RetryExhaustedError, type RetryExhaustedReason } from '../errors/RetryExhaustedError';
import { retryAfterMs } from '../http/retryAfter';
import type { AttemptHooks, Rerun } from '../call/AttemptHooks';
import { logEvent } from '../call/logEvent';
import { lineWanted, lineWantedOn } from '../logging/lineWanted';
import { errorLabel, errorMessage } from '../matching/errorFacts';
import type { Call } from '../call/Call';
import type { MethodInfo } from '../call/MethodInfo';
import type { RetrySettings } from './RetrySettings';

/**
 * One attempt that did not count as a success, and the wait planned after it: the retry's whole
 * state while it waits, linked to the failure before. Also the `Rerun` that asks for the wait,
 * so a waiting retry holds this one object.
 */
class Failed implements Rerun {
  // Declared, then assigned: class fields would be defined one by one first, on every failure.
  declare readonly attempt: number;
  /** The error thrown, or the result `retryIf` rejected. */
  declare readonly value: unknown;
  declare readonly byResult: boolean;
  declare readonly delayMs: number;
  declare readonly previous: Failed | undefined;
  /** When the call began, for `maxElapsedMs` (0 without it). */
  declare readonly startedAt: number;

  constructor(attempt: number, value: unknown, byResult: boolean, delayMs: number, previous: Failed | undefined, startedAt: number) {
    this.attempt = attempt;
    this.value = value;
    this.byResult = byResult;
    this.delayMs = delayMs;
    this.previous = previous;
    this.startedAt = startedAt;
  }

  get rerunAfter(): number {
    return this.delayMs;
  }

  get state(): Failed {
    return this;
  }
}

/** The retry's state: nothing, the call's start (with `maxElapsedMs`), or its last failure. */
type RetryState = Failed | number | undefined;

/**
 * The attempt loop of `@Retry`, as hooks: on a retryable failure wait the backoff (or the
 * server's `Retry-After`), capped by `maxDelay`, and run the stages inside again; give up with
 * `RetryExhaustedError` when attempts or the time budget run out. A failure that is not
 * retryable passes through unchanged.
 */
export class RetryStage implements AttemptHooks<RetryState> {
  /** Present only with `retryIf`: otherwise a success goes straight on. */
  readonly passed: ((state: RetryState, result: unknown) => Failed | undefined) | undefined;
  /** Present only with `maxElapsedMs`, whose budget starts with the call. */
  readonly begin: (() => number) | undefined;

  constructor(
    private readonly settings: RetrySettings,
    private readonly method: MethodInfo,
    private readonly clock: Clock,
  ) {
    this.backoffSite = `@Retry on ${method.label}: the backoff`;
    const { retryIf, maxElapsedMs } = settings;
    this.passed = retryIf && ((state, result) => (retryIf(result) ? this.plan(state, result, true, undefined) : undefined));
    this.begin = maxElapsedMs === undefined ? undefined : () => clock.now();
  }

  private readonly now = () => this.clock.now();
  /** Names the backoff in the error a bad answer gets: made once, not at every failure. */
  private readonly backoffSite: string;
  /** Whether `retry.scheduled` is on, as of the level `warnsAt`: checked once per level, not per failure. */
  private warnsAt: string | undefined;
  private warns = false;

  failed(_call: Call, state: RetryState, error: unknown): Failed | undefined {
    // Which mendkit error it is, if any, decides both whether to retry and how long to wait.
    const code = mendkitCode(error);
    return this.isRetryable(error, code) ? this.plan(state, error, false, code) : undefined;
  }

  /**
   * Decides what follows a failed attempt: the wait before the next one (announced), or — when
   * attempts or the time budget are spent — throws `RetryExhaustedError`.
   * @param code the failure's {@link mendkitCode} (undefined for a result).
   */
  private plan(state: RetryState, value: unknown, byResult: boolean, code: string | undefined): Failed {
    const previous = state instanceof Failed ? state : undefined;
    const startedAt = previous === undefined ? (state as number | undefined) ?? 0 : previous.startedAt;
    const attempt = previous === undefined ? 1 : previous.attempt + 1;
    const { attempts, maxElapsedMs, maxDelay } = this.settings;
    if (attempt >= attempts) throw this.exhausted(attempt, previous, value, byResult, 'attempts');
    // The wait is worked out here rather than in a method of its own: V8 inlines what `plan` calls
    // within a budget of bytecode, which such a method, once optimised by itself, would overrun.
    let delayMs: number;
    if (hasCode(code, BROKEN_CIRCUIT_CODE)) {
      // An open circuit's wait is never cut short: waking early would only meet it open again.
      delayMs = Math.max(0, (value as BrokenCircuitError).halfOpenAt - this.clock.now());
    } else {
      const requested = byResult ? undefined : this.requestedWait(value, code);
      const previousDelayMs = previous?.delayMs ?? 0;
      delayMs = Math.min(requested ?? nextDelay(this.settings.backoff, { attempt, previousDelayMs }, this.backoffSite, byResult ? undefined : value, 'zero'), maxDelay);
    }
    if (delayMs > maxDelay) throw this.exhausted(attempt, previous, value, byResult, 'maxDelay');
    if (maxElapsedMs !== undefined && this.clock.now() + delayMs - startedAt > maxElapsedMs) {
      throw this.exhausted(attempt, previous, value, byResult, 'maxElapsedMs');
    }
    if (this.announces()) this.announce(attempt, delayMs, value, byResult);
    return new Failed(attempt, value, byResult, delayMs, previous, startedAt);
  }

  private isRetryable(error: unknown, code: string | undefined): boolean {
    if (hasCode(code, 'MENDKIT_CONFIG')) return false;
    if (this.settings.unless?.matches(error)) return false;
    return hasCode(code, BROKEN_CIRCUIT_CODE) || hasCode(code, RATE_LIMITED_CODE) || this.settings.on.matches(error);
  }

  /** The wait the failure asks for: a `@RateLimit`'s next slot, or a server's `Retry-After`. */
  private requestedWait(error: unknown, code: string | undefined): number | undefined {
    return hasCode(code, RATE_LIMITED_CODE) ? (error as RateLimitedError).retryAfterMs : retryAfterMs(error, this.now);
  }

  /**
   * Whether a failure is announced: `retry.scheduled` is wanted, or there is an `onRetry`. Apart
   * from `announce`, so that V8 inlines only this check into `plan`: inlining the announcement too
   * would spend the budget that lets it inline how the wait is worked out.
   */
  private announces(): boolean {
    const lines = this.method.lines;
    if (lines.level !== this.warnsAt) {
      this.warnsAt = lines.level;
      this.warns = lines.isLevelEnabled('warn');
    }
    return lineWantedOn(this.warns) || this.settings.onRetry !== undefined;
  }

  private announce(attempt: number, delayMs: number, value: unknown, byResult: boolean): void {
    const label = this.method.label;
    if (lineWantedOn(this.warns)) {
      const { code } = record(attempt, value, byResult);
      logEvent(this.method, 'warn', 'retry.scheduled', `${label} attempt ${attempt} failed (${code}); retrying in ${delayMs} ms`, {
        attempt,
        delayMs,
        code,
        ...(byResult ? undefined : { error: value }),
      });
    }
    const onRetry = this.settings.onRetry;
    if (onRetry === undefined) return;
    try {
      onRetry(byResult ? { method: label, attempt, delayMs, result: value } : { method: label, attempt, delayMs, error: value });
    } catch {
      // A listener must never change the outcome of the call it observes.
    }
  }

  private exhausted(attempt: number, previous: Failed | undefined, value: unknown, byResult: boolean, reason: RetryExhaustedReason): RetryExhaustedError {
    const history: AttemptRecord[] = [];
    for (let failed = previous; failed !== undefined; failed = failed.previous) {
      history.unshift(record(failed.attempt, failed.value, failed.byResult, failed.delayMs));
    }
    const last = record(attempt, value, byResult);
    history.push(last);
    const error = new RetryExhaustedError(this.method.label, attempt, history, reason, byResult ? undefined : value, byResult ? value : undefined);
    if (lineWanted(this.method.lines, 'error')) {
      logEvent(this.method, 'error', 'retry.exhausted', error.message, {
        attempts: attempt,
        reason,
        code: last.code,
        ...(byResult ? undefined : { error: value }),
      });
    }
    return error;
  }
}

/**
 * Whether a failure's {@link mendkitCode} is `wanted`. Most failures have none: asking that first
 * leaves the comparison only strings, which V8 compares by pointer; one that also meets undefined
 * is V8's generic comparison, a builtin call each time.
 */
function hasCode(code: string | undefined, wanted: string): boolean {
  return code !== undefined && code === wanted;
}

function record(attempt: number, value: unknown, byResult: boolean, delayMs?: number): AttemptRecord {
  const code = byResult ? 'RESULT' : errorLabel(value);
  const message = byResult ? 'retryIf rejected the result' : errorMessage(value);
  return delayMs === undefined ? { attempt, code, message } : { attempt, code, message, delayMs };
}
