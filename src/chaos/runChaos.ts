import type { DependencyContainer } from 'tsyringe';
import { createLogger, type Logger } from 'winston';
import { configuration, configure } from '../di/configure';
import { CLOCK, LOGGER } from '../di/tokens';
import { ConfigError } from '../errors/ConfigError';
import { isMendkitError } from '../errors/MendkitError';
import { FaultInjector, type FaultInjectorOptions } from '../faults/FaultInjector';
import { faultInjectorOptions } from '../faults/faultSpec';
import { Redactor } from '../logging/Redactor';
import { redactorOf } from '../logging/loggerRedactor';
import { errorLabel, errorMessage } from '../matching/errorFacts';
import { type ChaosOptions, checkChaosOptions, DEFAULT_CHAOS_FAULTS } from './ChaosOptions';
import { attemptsPerRun, type ChaosOutcome, type ChaosReport } from './ChaosReport';
import { ChaosTally } from './ChaosTally';
import { CompressedClock } from './CompressedClock';

const LOST = Symbol('lost');
type Outcome = { readonly error: unknown } | { readonly value: unknown } | typeof LOST;

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

/** Heals the tally has counted so far, all healers together. */
function totalHeals(tally: ChaosTally): number {
  return Object.values(tally.counts.heals).reduce((sum, count) => sum + count, 0);
}

/** What a report keeps of an error message: redacted as the configured logger's lines are, cut as run records are. */
function messageRedactor(container: DependencyContainer): (error: unknown) => string {
  const redactor = container.isRegistered(LOGGER, true) ? redactorOf(container.resolve<Logger>(LOGGER)) : new Redactor();
  return (error) => redactor.text(errorMessage(error)).slice(0, 500);
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

/** The object a run calls, its method, and `Class.method` for the report. */
function resolveTarget(container: DependencyContainer, target: object, method: string) {
  const instance = (typeof target === 'function' ? container.resolve(target as never) : target) as Record<string, unknown>;
  const run = instance[method];
  const label = `${(instance.constructor as { name?: string } | undefined)?.name ?? 'target'}.${method}`;
  if (typeof run !== 'function') throw new ConfigError(`runChaos(): ${label} is not a method`);
  return { instance, run: run as (...args: unknown[]) => unknown, label };
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
  checkChaosOptions(options);
  const { runs, method = 'run', intervalMs = 0, lostAfterMs = 30_000, onProgress } = options;
  const settings = injectorOptions(options);
  const injector = new FaultInjector(settings);
  const clock = options.clock ?? new CompressedClock();
  const tally = new ChaosTally();
  const previous = configuration().container;
  const message = messageRedactor(options.container ?? previous);
  const container = (options.container ?? previous).createChildContainer();
  container.register(LOGGER, { useValue: createLogger({ level: 'info', transports: [tally] }) });
  container.register(CLOCK, { useValue: clock });
  container.register(FaultInjector, { useValue: injector });
  configure({ container });
  try {
    const { instance, run, label } = resolveTarget(container, options.target, method);
    const started = Date.now();
    const perRun = { attempts: [] as number[], heals: [] as number[], outcomes: [] as ChaosOutcome[] };
    const failures: Record<string, number> = {};
    const failureMessages: Record<string, string> = {};
    const totals = { succeeded: 0, failed: 0, lost: 0 };
    for (let i = 1; i <= runs; i++) {
      if (i > 1 && intervalMs > 0) await clock.sleep(intervalMs);
      const attemptsBefore = injector.attempts;
      const healsBefore = totalHeals(tally);
      const args = typeof options.args === 'function' ? options.args(i) : (options.args ?? []);
      // A lost run is left to go on: nothing can stop a promise from outside.
      const outcome = await settle(new Promise((resolve) => resolve(Reflect.apply(run, instance, args))), lostAfterMs);
      perRun.attempts.push(injector.attempts - attemptsBefore);
      perRun.heals.push(totalHeals(tally) - healsBefore);
      const ended: ChaosOutcome = outcome === LOST ? 'lost' : 'value' in outcome ? 'succeeded' : 'failed';
      perRun.outcomes.push(ended);
      totals[ended] += 1;
      if (outcome !== LOST && 'error' in outcome) {
        const code = failureCode(outcome.error);
        failures[code] = (failures[code] ?? 0) + 1;
        failureMessages[code] ??= message(outcome.error);
      }
      onProgress?.({ done: i, runs, ...totals });
    }
    const { retries, heals, caught } = tally.counts;
    return {
      target: options.label ?? label,
      runs,
      ...totals,
      attempts: perRun.attempts.reduce((sum, count) => sum + count, 0),
      retries,
      heals: { ...heals },
      caught,
      injected: injector.injected(),
      failures,
      failureMessages,
      attemptsPerRun: attemptsPerRun(perRun.attempts),
      perRun,
      seed: injector.seed,
      rate: round((settings.rules ?? []).reduce((sum, rule) => sum + rule.rate, 0)),
      elapsedMs: Date.now() - started,
      skippedMs: clock instanceof CompressedClock ? clock.skippedMs : 0,
    };
  } finally {
    configure({ container: previous });
  }
}
