import type { StageDescriptor } from '../call/StageDescriptor';
import { installProcessEnvFaults, registeredInjector } from './envFaults';
import { FaultStage } from './FaultStage';

/**
 * The fault stage, innermost: present when the container has a `FaultInjector` (registered by a
 * test, or from `MENDKIT_FAULTS`); without one there is no stage at all, so production calls pay
 * nothing. No decorator turns it on, and when present it must see every first attempt.
 * @throws ConfigError from `build` when `MENDKIT_FAULTS` cannot be read.
 */
export const faultDescriptor: StageDescriptor<never> = {
  name: 'faults',
  build(_settings, { method, services }, next) {
    installProcessEnvFaults(services.logger);
    const injector = registeredInjector(services.container);
    return injector && new FaultStage(injector, next, method, services.clock);
  },
};
