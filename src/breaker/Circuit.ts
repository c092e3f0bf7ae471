import { nextDelay } from '../backoff/nextDelay';
import type { Clock } from '../clock/Clock';
import { BrokenCircuitError, isBrokenCircuitError } from '../errors/BrokenCircuitError';
import { isBulkheadRejectedError } from '../errors/BulkheadRejectedError';
import { isMendkitError } from '../errors/MendkitError';
import { isRateLimitedError } from '../errors/RateLimitedError';
import { isRateLimitStoreDownError } from '../errors/RateLimitStoreDownError';
import { logEvent } from '../call/logEvent';
import { errorLabel, ownName } from '../matching/errorFacts';
import type { MethodInfo } from '../call/MethodInfo';
import type { BreakerSnapshot, CircuitState, CircuitStateChange } from './CircuitBreakerOptions';
import type { CircuitBreakerSettings } from './CircuitBreakerSettings';
import { CountWindow } from './CountWindow';
import type { FailureWindow } from './FailureWindow';
import { TimeWindow } from './TimeWindow';

/** Errors that say nothing about the service: it was never reached, or the caller gave up. */
function saysNothing(error: unknown): boolean {
  return (
    isBulkheadRejectedError(error) ||
    isBrokenCircuitError(error) ||
    isRateLimitedError(error) ||
    isRateLimitStoreDownError(error) ||
    isMendkitError(error, 'MENDKIT_CONFIG') ||
    ownName(error) === 'AbortError'
  );
}

/**
 * One circuit breaker: the state machine behind `@CircuitBreaker` for one method (or one key).
 * Each admitted call gets a ticket, the circuit's generation, which changes on every transition:
 * an outcome that arrives after the circuit moved on (a slow call admitted before it opened, a
 * probe from a round that was given up on) is ignored, so it can neither reopen nor close it.
 */
export class Circuit {
  private state: CircuitState = 'closed';
  private generation = 0;
  private consecutiveFailures = 0;
  private readonly window: FailureWindow | undefined;
  /** Openings since the circuit was last closed; the `halfOpenAfter` backoff's attempt. */
  private openings = 0;
  private breakMs = 0;
  /** Open: when a probe is let through. Half-open: when unanswered probes are given up on. */
  private halfOpenAt = 0;
  private probesAdmitted = 0;
  private probesSucceeded = 0;
  private openedBy: unknown;

  constructor(
    private readonly settings: CircuitBreakerSettings,
    private readonly key: string | undefined,
    private readonly method: MethodInfo,
    private readonly clock: Clock,
    /** Told of every state change, after it is logged (the registry tells its subscribers). */
    private readonly notify: (change: CircuitStateChange) => void,
  ) {
    const window = settings.ratio?.window;
    if (window?.calls !== undefined) this.window = new CountWindow(window.calls);
    else if (window?.ms !== undefined) this.window = new TimeWindow(window.ms, clock);
  }

  /**
   * Lets a call through and returns its ticket, for {@link succeeded} or {@link settle}.
   * @throws BrokenCircuitError while open, or half-open with every probe slot taken.
   */
  admit(): number {
    if (this.state === 'closed') return this.generation;
    const now = this.clock.now();
    if (now >= this.halfOpenAt) this.halfOpen(now);
    else if (this.state === 'open' || this.probesAdmitted >= this.settings.halfOpenProbes) {
      throw new BrokenCircuitError(
        this.method.label,
        this.key,
        this.state,
        this.halfOpenAt,
        this.halfOpenAt - now,
        this.openedBy,
      );
    }
    this.probesAdmitted += 1;
    return this.generation;
  }

  /** Records a call that returned. */
  succeeded(ticket: number): void {
    if (ticket !== this.generation) return;
    if (this.state === 'closed') {
      this.consecutiveFailures = 0;
      this.window?.record(false);
    } else if (++this.probesSucceeded >= this.settings.halfOpenProbes) {
      this.close();
    }
  }

  /**
   * Records a call that threw: a failure when `on` matches; nothing, bar freeing a probe slot,
   * when the service was never reached; otherwise a success (the service answered).
   */
  settle(ticket: number, error: unknown): void {
    if (ticket !== this.generation) return;
    if (saysNothing(error)) {
      if (this.state === 'half-open') this.probesAdmitted -= 1;
    } else if (!this.settings.on.matches(error)) {
      this.succeeded(ticket);
    } else if (this.state === 'half-open') {
      this.open(error);
    } else {
      this.consecutiveFailures += 1;
      this.window?.record(true);
      if (this.shouldOpen()) this.open(error);
    }
  }

  /** How the circuit stands now, for `breakers()`. */
  snapshot(): BreakerSnapshot {
    const failures = this.failures();
    const { label: name } = this.method;
    if (this.state === 'closed') return { name, key: this.key, state: this.state, failures };
    return { name, key: this.key, state: this.state, failures, halfOpenAt: this.halfOpenAt };
  }

  /** Failures counted now: in a row, or in the ratio window when that is larger. */
  private failures(): number {
    return Math.max(this.consecutiveFailures, this.window?.counts().failures ?? 0);
  }

  private shouldOpen(): boolean {
    const { consecutive, ratio } = this.settings;
    if (consecutive !== undefined && this.consecutiveFailures >= consecutive) return true;
    if (ratio === undefined) return false;
    const { calls, failures } = this.window!.counts();
    return calls >= ratio.minimumCalls && failures / calls >= ratio.ratio;
  }

  private open(error: unknown): void {
    const now = this.clock.now();
    this.openings += 1;
    this.breakMs = nextDelay(
      this.settings.halfOpenAfter,
      { attempt: this.openings, previousDelayMs: this.breakMs },
      `@CircuitBreaker on ${this.method.label}: \`halfOpenAfter\``,
      error,
      'positive',
    );
    this.halfOpenAt = now + this.breakMs;
    this.openedBy = error;
    this.transition('open', now, error);
  }

  private halfOpen(now: number): void {
    this.probesAdmitted = 0;
    this.probesSucceeded = 0;
    // Probes that hang must not wedge the circuit: after another break, a new round starts.
    this.halfOpenAt = now + this.breakMs;
    this.transition('half-open', now);
  }

  private close(): void {
    this.openings = 0;
    this.breakMs = 0;
    this.consecutiveFailures = 0;
    this.window?.reset();
    this.openedBy = undefined;
    this.transition('closed', this.clock.now());
  }

  private transition(to: CircuitState, at: number, error?: unknown): void {
    const from = this.state;
    this.state = to;
    this.generation += 1;
    const change: CircuitStateChange =
      to === 'open'
        ? { name: this.method.label, key: this.key, from, to, at, halfOpenAt: this.halfOpenAt, error }
        : { name: this.method.label, key: this.key, from, to, at };
    this.log(change);
    this.notify(change);
  }

  private log(change: CircuitStateChange): void {
    const { label } = this.method;
    const key = this.key === undefined ? '' : ` [${this.key}]`;
    const fields = { key: this.key, from: change.from };
    if (change.to === 'open') {
      const code = errorLabel(change.error);
      logEvent(this.method, 'warn', 'circuit.open', `${label}${key} circuit open (${code}); a probe in ${this.breakMs} ms`, {
        ...fields,
        halfOpenAt: this.halfOpenAt,
        delayMs: this.breakMs,
        openings: this.openings,
        failures: this.failures(),
        code,
        error: change.error,
      });
    } else if (change.to === 'half-open') {
      const probes = this.settings.halfOpenProbes;
      logEvent(this.method, 'info', 'circuit.half_open', `${label}${key} circuit half-open; letting ${probes} probe(s) through`, {
        ...fields,
        probes,
      });
    } else {
      logEvent(this.method, 'info', 'circuit.closed', `${label}${key} circuit closed; the probes succeeded`, fields);
    }
  }
}
