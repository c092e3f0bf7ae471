import type { DependencyContainer } from 'tsyringe';
import type { Clock } from '../clock/Clock';
import {
  checkFunction,
  checkInteger,
  checkKnownKeys,
  checkNonNegative,
  checkOptionsObject,
  checkPositive,
} from '../config/validate';
import { ConfigError } from '../errors/ConfigError';
import type { FaultRule } from '../faults/FaultRule';

/** The faults a chaos run injects when it is given none: transient failures a client should ride out. */
export const DEFAULT_CHAOS_FAULTS = 'ECONNRESET:fetch,ETIMEDOUT:fetch,http503:retryAfter=1';

/** How far a chaos run has got, as `onProgress` hears after each run. */
export interface ChaosProgress {
  readonly done: number;
  readonly runs: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly lost: number;
}

/** Options of {@link runChaos}. */
export interface ChaosOptions {
  /** The object to run, or a class to resolve from the run's container (e.g. a `@Job` class). */
  readonly target: object;
  /** What the report calls the target. @default `Class.method` of the target */
  readonly label?: string;
  /** The async method to run. @default 'run' */
  readonly method?: string;
  /** The arguments of each run, or a function of the run's number (from 1). @default none */
  readonly args?: readonly unknown[] | ((run: number) => readonly unknown[]);
  /** How many runs, one after another. */
  readonly runs: number;
  /** The total fault rate per attempt, shared evenly by the faults that give none. @default 0.1 */
  readonly rate?: number;
  /** Seeds the faults: the same seed replays the same run. @default a random seed (in the report) */
  readonly seed?: number;
  /**
   * The faults: a spec in `MENDKIT_FAULTS` syntax (rates optional), or rules.
   * @default DEFAULT_CHAOS_FAULTS
   */
  readonly faults?: string | readonly FaultRule[];
  /** The clock the runs use. @default a new CompressedClock */
  readonly clock?: Clock;
  /** The container the run's child container is made from. @default the configured one */
  readonly container?: DependencyContainer;
  /**
   * Time between the starts of two runs, waited on the clock (skipped by the compressed clock), as
   * a schedule would space them: heal budgets and circuit breakers then see realistic time.
   * @default 0
   */
  readonly intervalMs?: number;
  /** A run still unsettled after this much real time is counted lost. @default 30000 */
  readonly lostAfterMs?: number;
  /** Hears of progress after each run. */
  readonly onProgress?: (progress: ChaosProgress) => void;
}

/**
 * Checks the options of `runChaos`.
 * @throws ConfigError naming the option that is wrong.
 */
export function checkChaosOptions(options: ChaosOptions): void {
  const site = 'runChaos()';
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, [
    'target', 'label', 'method', 'args', 'runs', 'rate', 'seed', 'faults', 'clock', 'container', 'intervalMs', 'lostAfterMs',
    'onProgress',
  ]);
  if (typeof options.target !== 'object' && typeof options.target !== 'function') {
    throw new ConfigError(`${site}: \`target\` must be an object or a class`);
  }
  checkInteger(site, 'runs', options.runs, 1);
  if (options.rate !== undefined && !(typeof options.rate === 'number' && options.rate >= 0 && options.rate <= 1)) {
    throw new ConfigError(`${site}: \`rate\` must be a number from 0 to 1, got ${String(options.rate)}`);
  }
  if (options.label !== undefined && typeof options.label !== 'string') throw new ConfigError(`${site}: \`label\` must be a string`);
  checkPositive(site, 'lostAfterMs', options.lostAfterMs);
  checkNonNegative(site, 'intervalMs', options.intervalMs);
  checkFunction(site, 'onProgress', options.onProgress);
}
