import type { Clock } from '../clock/Clock';

/** What a fault is told about the attempt it is injected into. */
export interface FaultContext {
  /** The name of the class that declares the method. */
  readonly className: string;
  /** The method's name. */
  readonly method: string;
  /** The attempt's number, from 1. */
  readonly attempt: number;
  /** The call's arguments. */
  readonly args: readonly unknown[];
  /** The call's `this`. */
  readonly thisArg: unknown;
  /** The attempt's signal (aborted by `@Timeout`); created on first read. */
  readonly signal: AbortSignal;
  /** The clock mendkit runs on: a fault that waits waits through it. */
  readonly clock: Clock;
}

/** A fault that fails the attempt with an error, before the real method runs. */
export interface ThrowingFault {
  readonly kind: 'throw';
  /** A short name for logs and reports, e.g. `ECONNRESET` or `HTTP_503`. */
  readonly name: string;
  /** Makes a fresh error for one attempt (a new one each time, as real faults are). */
  create(context: FaultContext): unknown;
}

/** A fault that does something first (wait, break a resource), then lets the real method run. */
export interface PrecedingFault {
  readonly kind: 'before';
  /** A short name for logs and reports, e.g. `latency(200ms)`. */
  readonly name: string;
  /** Runs before the method; a rejection fails the attempt instead. */
  run(context: FaultContext): Promise<void>;
}

/** What a fault rule injects; made with the `faults` helpers. */
export type Fault = ThrowingFault | PrecedingFault;
