import { MendkitError } from './MendkitError';

/**
 * Never thrown to a caller: what a `@CircuitBreaker` with `slowCallMs` records as the failure of
 * a call that succeeded too slowly, so that when slow calls open the circuit, the
 * `BrokenCircuitError`'s `cause` (and the `circuit.open` line's `code`) says so.
 */
export class SlowCallError extends MendkitError {
  readonly code = 'MENDKIT_SLOW_CALL';

  constructor(
    /** The breaker, as `Class.method`. */
    readonly site: string,
    /** How long the call took, in ms. */
    readonly durationMs: number,
    /** The breaker's `slowCallMs`. */
    readonly slowCallMs: number,
  ) {
    super(`${site}: a call took ${durationMs} ms (slowCallMs: ${slowCallMs})`);
  }
}
