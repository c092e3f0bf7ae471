import type { DependencyContainer } from 'tsyringe';
import { createLogger } from 'winston';
import type { Clock } from '../clock/Clock';
import { checkFunction, checkInteger, checkNonNegative, checkKnownKeys, checkOptionsObject, checkPositive } from '../config/validate';
import { configuration, configure } from '../di/configure';
import { CLOCK, LOGGER } from '../di/tokens';
import { ConfigError } from '../errors/ConfigError';
import { isMendkitError } from '../errors/MendkitError';
import { FaultInjector, type FaultInjectorOptions } from '../faults/FaultInjector';
import type { FaultRule } from '../faults/FaultRule';
import { faultInjectorOptions } from '../faults/faultSpec';
import { errorLabel } from '../matching/errorFacts';
import { attemptsPerRun, type ChaosReport } from './ChaosReport';
import { ChaosTally } from './ChaosTally';
import { CompressedClock } from './CompressedClock';

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

const LOST = Symbol('lost');
type Outcome = { readonly error: unknown } | { readonly value: unknown } | typeof LOST;

function check(options: ChaosOptions): void {
  const site = 'runChaos()';
  checkOptionsObject(site, options);
  checkKnownKeys(site, options, [
    'target', 'method', 'args', 'runs', 'rate', 'seed', 'faults', 'clock', 'container', 'intervalMs', 'lostAfterMs',
    'onProgress',
  ]);
  if (typeof options.target !== 'object' && typeof options.target !== 'function') {
    throw new ConfigError(`${site}: \`target\` must be an object or a class`);
  }
  checkInteger(site, 'runs', options.runs, 1);
  if (options.rate !== undefined && !(typeof options.rate === 'number' && options.rate >= 0 && options.rate <= 1)) {
    throw new ConfigError(`${site}: \`rate\` must be a number from 0 to 1, got ${String(options.rate)}`);
  }
  checkPositive(site, 'lostAfterMs', options.lostAfterMs);
  checkNonNegative(site, 'intervalMs', options.intervalMs);
  checkFunction(site, 'onProgress', options.onProgress);
}

/** The injector's options: rules given as they are, or a spec with `rate` shared by rules without one. */
function injectorOptions(options: ChaosOptions): FaultInjectorOptions {
  const { faults = DEFAULT_CHAOS_FAULTS, rate = 0.1, seed } = options;
  if (typeof faults === 'string') return faultInjectorOptions(faults, { rate, seed }, 'runChaos() faults');
  return seed === undefined ? { rules: faults } : { rules: faults, seed };
}

/** The code a failed run is filed under: a mendkit wrapper names the code of its cause too. */
export function failureCode(error: unknown): string {
  const label = errorLabel(error);
  const cause = (error as { cause?: unknown } | null)?.cause;
  return isMendkitError(error) && cause !== undefined ? `${label}(${errorLabel(cause)})` : label;
}

/** Rounds away floating-point dust (0.1 + 0.2) for the report. */
function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/** Settles `promise`, or gives {@link LOST} after `ms` of real time. */
function settle(promise: Promise<unknown>, ms: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const lost = new Promise<Outcome>((resolve) => (timer = setTimeout(() => resolve(LOST), ms)));
  const settled = promise.then(
    (value: unknown): Outcome => ({ value }),
    (error: unknown): Outcome => ({ error }),
  );
  return Promise.race([settled, lost]).finally(() => clearTimeout(timer));
}

/**
 * Runs `target[method]` `runs` times, one after another, under injected faults and a compressed
 * clock, and reports how the runs fared. The runs use a child container of the configured one,
 * with their own `FaultInjector`, `CLOCK` and a `LOGGER` that counts retries and heals from the
 * lines the stages log; the configuration is restored afterwards.
 * @example
 * const report = await runChaos({ target: new ReportSync(), method: 'sync', runs: 200, rate: 0.3, seed: 42 });
 * console.log(formatChaosReport(report));
 * @throws ConfigError for bad options, or when `target[method]` is not a function.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  check(options);
  const { runs, method = 'run', intervalMs = 0, lostAfterMs = 30_000, onProgress } = options;
  const settings = injectorOptions(options);
  const injector = new FaultInjector(settings);
  const clock = options.clock ?? new CompressedClock();
  const tally = new ChaosTally();
  const previous = configuration().container;
  const container = (options.container ?? previous).createChildContainer();
  container.register(LOGGER, { useValue: createLogger({ level: 'info', transports: [tally] }) });
  container.register(CLOCK, { useValue: clock });
  container.register(FaultInjector, { useValue: injector });
  configure({ container });
  try {
    const { target } = options;
    const instance = (typeof target === 'function' ? container.resolve(target as never) : target) as Record<string, unknown>;
    const run = instance[method];
    const label = `${(instance.constructor as { name?: string } | undefined)?.name ?? 'target'}.${method}`;
    if (typeof run !== 'function') throw new ConfigError(`runChaos(): ${label} is not a method`);
    const started = Date.now();
    const perRun: number[] = [];
    const failures: Record<string, number> = {};
    const totals = { succeeded: 0, failed: 0, lost: 0 };
    for (let i = 1; i <= runs; i++) {
      if (i > 1 && intervalMs > 0) await clock.sleep(intervalMs);
      const attemptsBefore = injector.attempts;
      const args = typeof options.args === 'function' ? options.args(i) : (options.args ?? []);
      const outcome = await settle(new Promise((resolve) => resolve(run.apply(instance, args))), lostAfterMs);
      perRun.push(injector.attempts - attemptsBefore);
      if (outcome === LOST) totals.lost += 1;
      else if ('value' in outcome) totals.succeeded += 1;
      else {
        totals.failed += 1;
        const code = failureCode(outcome.error);
        failures[code] = (failures[code] ?? 0) + 1;
      }
      onProgress?.({ done: i, runs, ...totals });
    }
    const { retries, heals, caught } = tally.counts;
    return {
      target: label,
      runs,
      ...totals,
      attempts: perRun.reduce((sum, count) => sum + count, 0),
      retries,
      heals: { ...heals },
      caught,
      injected: injector.injected(),
      failures,
      attemptsPerRun: attemptsPerRun(perRun),
      seed: injector.seed,
      rate: round((settings.rules ?? []).reduce((sum, rule) => sum + rule.rate, 0)),
      elapsedMs: Date.now() - started,
      skippedMs: clock instanceof CompressedClock ? clock.skippedMs : 0,
    };
  } finally {
    configure({ container: previous });
  }
}
