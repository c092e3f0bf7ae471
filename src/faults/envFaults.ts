import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import type { Logger } from 'winston';
import { FaultInjector } from './FaultInjector';
import { faultInjectorOptions } from './faultSpec';

/** The environment variable that turns fault injection on for a CLI run. */
export const FAULTS_ENV = 'MENDKIT_FAULTS';

/** The injector each container got from the environment: installing is once per container. */
const installed = new WeakMap<DependencyContainer, FaultInjector>();

type EnvOutcome = { readonly injector: FaultInjector | undefined } | { readonly error: unknown };
let processOutcome: EnvOutcome | undefined;

/**
 * Reads `MENDKIT_FAULTS` and, when it is set, registers an enabled {@link FaultInjector} in
 * `container` and logs one warning saying so, with the seed to replay the run. Once per
 * container: a CLI may call it at start, and the first decorated call then finds it done.
 * @example installEnvFaults(container, { MENDKIT_FAULTS: 'ECONNRESET@0.2;seed=42' }, logger)
 * @throws ConfigError when the spec cannot be read.
 */
export function installEnvFaults(
  container: DependencyContainer,
  env: Readonly<Record<string, string | undefined>>,
  logger: Logger,
): FaultInjector | undefined {
  const spec = env[FAULTS_ENV];
  if (spec === undefined || spec.trim() === '') return undefined;
  const existing = installed.get(container);
  if (existing !== undefined) return existing;
  const injector = new FaultInjector(faultInjectorOptions(spec));
  container.register(FaultInjector, { useValue: injector });
  installed.set(container, injector);
  logger.warn(`fault injection is ON (${FAULTS_ENV}=${spec}, seed ${injector.seed}): faults will be injected on purpose`, {
    event: 'faults.enabled',
    spec,
    seed: injector.seed,
  });
  return injector;
}

/**
 * Installs `MENDKIT_FAULTS` into tsyringe's root container once per process (the first time a
 * pipeline is built), so a bad spec fails every call with the same ConfigError.
 * @throws ConfigError when the spec cannot be read.
 */
export function installProcessEnvFaults(logger: Logger): void {
  processOutcome ??= attempt(() => ({ injector: installEnvFaults(rootContainer, process.env, logger) }));
  if ('error' in processOutcome) throw processOutcome.error;
}

function attempt(run: () => EnvOutcome): EnvOutcome {
  try {
    return run();
  } catch (error) {
    return { error };
  }
}

/** The fault injector `container` resolves, if one is registered (here or in a parent). */
export function registeredInjector(container: DependencyContainer): FaultInjector | undefined {
  return container.isRegistered(FaultInjector, true) ? container.resolve(FaultInjector) : undefined;
}
