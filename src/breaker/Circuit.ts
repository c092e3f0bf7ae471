import { nextDelay } from '../backoff/nextDelay';
import type { Clock } from '../clock/Clock';
import { BrokenCircuitError, isBrokenCircuitError } from '../errors/BrokenCircuitError';
import { isBulkheadRejectedError } from '../errors/BulkheadRejectedError';
import { isMendkitError } from '../errors/MendkitError';
import { SlowCallError } from '../errors/SlowCallError';
import { isRateLimitedError } from '../errors/RateLimitedError';
import { isRateLimitStoreDownError } from '../errors/RateLimitStoreDownError';
import { logEvent } from '../call/logEvent';
import { errorLabel, ownName } from '../matching/errorFacts';
import type { MethodInfo } from '../call/MethodInfo';
import type { BreakerSnapshot, CircuitState, CircuitStateChange, SavedBreaker } from './CircuitBreakerOptions';
import type { CircuitBreakerSettings } from './CircuitBreakerSettings';
import { CountWindow } from './CountWindow';
import type { FailureWindow } from './FailureWindow';
import { TimeWindow } from './TimeWindow';

/** The stable log event of each kind of transition. */
type TransitionEvent = 'circuit.open' | 'circuit.half_open' | 'circuit.closed' | 'circuit.isolated' | 'circuit.reset';

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
 * An operator may isolate it (every call refused until reset) or reset it (closed, counts cleared).
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
  /** `successReaction`'s reaction and the ticket it records for: made again only when the ticket changes. */
  private reaction: ((result: unknown) => unknown) | undefined;
  private reactionTicket = -1;

  constructor(
    private readonly settings: CircuitBreakerSettings,
    /** The breaker's key, when it has one per key. */
    readonly key: string | undefined,
    private readonly method: MethodInfo,
    private readonly clock: Clock,
    /** Told of every state change, after it is logged (the registry tells its subscribers). */
    private readonly notify: (change: CircuitStateChange) => void,
  ) {
    const window = settings.window?.window;
    if (window?.calls !== undefined) this.window = new CountWindow(window.calls);
    else if (window?.ms !== undefined) this.window = new TimeWindow(window.ms, clock);
  }

  /** The breaker's name, `Class.method`. */
  get name(): string {
    return this.method.label;
  }

  /**
   * Lets a call through and returns its ticket, for {@link succeeded} or {@link settle}.
   * @throws BrokenCircuitError while open, half-open with every probe slot taken, or isolated.
   */
  admit(): number {
    if (this.state === 'closed') return this.generation;
    if (this.state === 'isolated') {
      throw new BrokenCircuitError(this.method.label, this.key, 'isolated', Infinity, Infinity, undefined);
    }
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

  /** Records a call that returned after `durationMs` (measured only when `slowCallMs` is set). */
  succeeded(ticket: number, durationMs = 0): void {
    if (ticket !== this.generation) return;
    const slow = this.isSlow(durationMs);
    if (slow) this.failed(new SlowCallError(this.method.label, durationMs, this.settings.slowCallMs!), true);
    else if (this.state === 'closed') {
      this.consecutiveFailures = 0;
      this.window?.record(false, false);
    } else if (++this.probesSucceeded >= this.settings.halfOpenProbes) {
      this.close('circuit.closed');
    }
  }

  /**
   * {@link succeeded} for `ticket`, as a promise reaction that returns the result: one for every
   * call admitted in one generation, so a closed breaker's success costs no closure per call.
   * Only for a breaker that measures no durations.
   */
  successReaction(ticket: number): (result: unknown) => unknown {
    if (ticket !== this.reactionTicket || this.reaction === undefined) {
      this.reactionTicket = ticket;
      this.reaction = (result) => {
        this.succeeded(ticket);
        return result;
      };
    }
    return this.reaction;
  }

  /**
   * Records a call that threw after `durationMs`: a failure when `on` matches; nothing, bar
   * freeing a probe slot, when the service was never reached; otherwise a success (the service
   * answered), slow or not.
   */
  settle(ticket: number, error: unknown, durationMs = 0): void {
    if (ticket !== this.generation) return;
    if (saysNothing(error)) {
      if (this.state === 'half-open') this.probesAdmitted -= 1;
    } else if (!this.settings.on.matches(error)) {
      this.succeeded(ticket, durationMs);
    } else {
      this.failed(error, this.isSlow(durationMs));
    }
  }

  /** An operator's order: refuse every call until {@link reset}; outcomes in flight are ignored. */
  isolate(): void {
    if (this.state !== 'isolated') this.transition('isolated', this.clock.now(), 'circuit.isolated');
  }

  /** An operator's order: closed, with every count and the `halfOpenAfter` backoff cleared. */
  reset(): void {
    this.close('circuit.reset');
  }

  private isSlow(durationMs: number): boolean {
    const { slowCallMs } = this.settings;
    return slowCallMs !== undefined && durationMs >= slowCallMs;
  }

  private failed(error: unknown, slow: boolean): void {
    if (this.state === 'half-open') {
      this.open(error);
      return;
    }
    this.consecutiveFailures += 1;
    this.window?.record(true, slow);
    if (this.shouldOpen()) this.open(error);
  }

  /** How the circuit stands now, for `breakers()`. */
  snapshot(): BreakerSnapshot {
    const failures = this.failures();
    const { label: name } = this.method;
    if (!this.waitsForProbe()) return { name, key: this.key, state: this.state, failures };
    return { name, key: this.key, state: this.state, failures, halfOpenAt: this.halfOpenAt };
  }

  /** What {@link restore} needs to bring this circuit back in another process. */
  toJSON(): SavedBreaker {
    const { consecutiveFailures, openings, breakMs } = this;
    return {
      name: this.method.label,
      ...(this.key === undefined ? {} : { key: this.key }),
      state: this.state,
      consecutiveFailures,
      openings,
      breakMs,
      ...(this.waitsForProbe() ? { halfOpenAt: this.halfOpenAt } : {}),
    };
  }

  /** Takes up a saved state (checked by the caller); outcomes of calls in flight are ignored. */
  restore(saved: SavedBreaker): void {
    this.state = saved.state === 'half-open' ? 'open' : saved.state;
    this.generation += 1;
    this.consecutiveFailures = saved.consecutiveFailures;
    this.openings = saved.openings;
    this.breakMs = saved.breakMs;
    this.halfOpenAt = saved.halfOpenAt ?? 0;
    this.probesAdmitted = 0;
    this.probesSucceeded = 0;
    this.window?.reset();
  }

  private waitsForProbe(): boolean {
    return this.state === 'open' || this.state === 'half-open';
  }

  /** Failures counted now: in a row, or in the ratio window when that is larger. */
  private failures(): number {
    return Math.max(this.consecutiveFailures, this.window?.counts().failures ?? 0);
  }

  private shouldOpen(): boolean {
    const { consecutive, ratio, slowCallRatio, window } = this.settings;
    if (consecutive !== undefined && this.consecutiveFailures >= consecutive) return true;
    if (window === undefined) return false;
    const { calls, failures, slow } = this.window!.counts();
    if (calls < window.minimumCalls) return false;
    return (ratio !== undefined && failures / calls >= ratio) || (slowCallRatio !== undefined && slow / calls >= slowCallRatio);
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
    this.transition('open', now, 'circuit.open', error);
  }

  private halfOpen(now: number): void {
    this.probesAdmitted = 0;
    this.probesSucceeded = 0;
    // Probes that hang must not wedge the circuit: after another break, a new round starts.
    this.halfOpenAt = now + this.breakMs;
    this.transition('half-open', now, 'circuit.half_open');
  }

  private close(event: 'circuit.closed' | 'circuit.reset'): void {
    this.openings = 0;
    this.breakMs = 0;
    this.consecutiveFailures = 0;
    this.window?.reset();
    this.openedBy = undefined;
    this.transition('closed', this.clock.now(), event);
  }

  private transition(to: CircuitState, at: number, event: TransitionEvent, error?: unknown): void {
    const from = this.state;
    this.state = to;
    this.generation += 1;
    const change: CircuitStateChange =
      to === 'open'
        ? { name: this.method.label, key: this.key, from, to, at, halfOpenAt: this.halfOpenAt, error }
        : { name: this.method.label, key: this.key, from, to, at };
    this.log(change, event);
    this.notify(change);
  }

  private log(change: CircuitStateChange, event: TransitionEvent): void {
    const { label } = this.method;
    const key = this.key === undefined ? '' : ` [${this.key}]`;
    const fields = { key: this.key, from: change.from };
    if (event === 'circuit.isolated') {
      logEvent(this.method, 'warn', event, `${label}${key} circuit isolated by an operator; calls refused until it is reset`, fields);
    } else if (event === 'circuit.reset') {
      logEvent(this.method, 'info', event, `${label}${key} circuit reset by an operator; closed`, fields);
    } else if (change.to === 'open') {
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
