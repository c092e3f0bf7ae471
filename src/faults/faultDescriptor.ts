import type { Invoker } from '../call/Invoker';
import type { StageContext } from '../pipeline/stageOrder';
import { installProcessEnvFaults, registeredInjector } from './envFaults';
import { FaultStage } from './FaultStage';

/**
 * Builds the fault stage when the container has a `FaultInjector` (registered by a test, or from
 * `MENDKIT_FAULTS`); without one there is no stage at all, so production calls pay nothing.
 * @throws ConfigError when `MENDKIT_FAULTS` cannot be read.
 */
export function buildFaultStage({ method, services }: StageContext, next: Invoker): Invoker | undefined {
  installProcessEnvFaults(services.logger);
  const injector = registeredInjector(services.container);
  return injector && new FaultStage(injector, next, method, services.clock);
}
