import { isMendkitError, MendkitError } from './MendkitError';

/** Where a circuit stands when it refuses a call. */
export type RefusingCircuitState = 'open' | 'half-open' | 'isolated';

/** The `code` of every {@link BrokenCircuitError}. */
export const BROKEN_CIRCUIT_CODE = 'MENDKIT_CIRCUIT_OPEN';

/**
 * Thrown at once, without running the method, while a `@CircuitBreaker` refuses calls: it is open,
 * half-open with all its probes in flight, or isolated by an operator. `halfOpenAt` says when the
 * next call will be let through (`Infinity` while isolated: until someone resets it); `@Retry`
 * waits until then when its budget allows, and gives up at once otherwise. `cause` is the failure
 * that opened the circuit.
 */
export class BrokenCircuitError extends MendkitError {
  readonly code = BROKEN_CIRCUIT_CODE;

  constructor(
    /** The breaker, as `Class.method`. */
    readonly site: string,
    /** The breaker's key, when it has one per key. */
    readonly key: string | undefined,
    /** `open`, `half-open` when every probe slot is taken, or `isolated` by an operator. */
    readonly state: RefusingCircuitState,
    /** When the next call will be let through, in ms since the epoch (by the `CLOCK`). */
    readonly halfOpenAt: number,
    /** `halfOpenAt` minus the time of the refusal, in ms. */
    readonly retryAfterMs: number,
    cause: unknown,
  ) {
    super(
      `${site}${key === undefined ? '' : ` [${key}]`}: ` +
        (state === 'isolated'
          ? 'circuit isolated by an operator; calls refused until it is reset'
          : `circuit ${state}; calls refused for another ${retryAfterMs} ms`),
      cause === undefined ? undefined : { cause },
    );
  }
}

/** Whether `value` is a {@link BrokenCircuitError} from any copy of mendkit. */
export function isBrokenCircuitError(value: unknown): value is BrokenCircuitError {
  return isMendkitError(value, BROKEN_CIRCUIT_CODE);
}
